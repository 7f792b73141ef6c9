/* The tokenizer and feature extractor of the reply classifier.  One source
 * file, compiled into both the build-time trainer and the runtime library,
 * so the model always sees text exactly the way it was trained on it. */
#ifndef CLASSIFY_FEATURIZE_H
#define CLASSIFY_FEATURIZE_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of one token kept (longer tokens are cut at a character). */
#define FEATURIZE_TOKEN_MAX 31
/* Keys one group can carry: the word and its character 4-grams. */
#define FEATURIZE_GROUP_KEYS (2 + FEATURIZE_TOKEN_MAX)
/* Tokens after a negation word that are read as negated. */
#define FEATURIZE_NEG_SCOPE 3

/* One group of features, handed to the caller as it is found: a word (with
 * its character grams) or a bigram.  label is what an explanation shows,
 * NUL-terminated, shorter than 64 bytes, free of control characters, and
 * valid only during the call.  keys are never 0. */
typedef void featurize_fn(void *arg, const char *label, const uint64_t *keys,
			 size_t n_keys, unsigned flags);

/* flags of a group: it stands in the clause after a contrastive turn
 * ("but", "aber", "mais", "pero", "mas"), which weighs more. */
#define FEATURIZE_AFTER_TURN 1u

/* What featurize_extract() reads beyond words, grams and bigrams (issue
 * 15); the trainer switches them off one by one to measure each. */
#define FEATURIZE_OPT_NEGNEG 1u   /* a negated negative: "no harm", "nicht schlecht" */
#define FEATURIZE_OPT_CIRC 2u     /* a circumstance that declines: a new job, an offer */
#define FEATURIZE_OPT_QUESTION 4u /* a question's words: "why would" ... "?" */
#define FEATURIZE_OPT_REFERRAL 8u /* someone else: "but my colleague might be" */
#define FEATURIZE_OPT_LATER 16u   /* an unnamed later: "someday", "irgendwann" */
#define FEATURIZE_OPT_RHETORIC 32u /* a refusing question: "why would I ...?" */
#define FEATURIZE_OPT_ALL 63u

/* The word lists featurize.c reads (fillers, negators, negatives,
 * circumstances...), as one open-addressing table from a word's unigram
 * key (featurize_key('w', word)) to the lists it is in.  The trainer fills
 * it with featurize_lex_fill() and writes it into model_tables.c, so the
 * library reads it as constant data; each defines featurize_lex_table. */
#define FEATURIZE_LEX_FILLER 1u
#define FEATURIZE_LEX_NEGATOR 2u
#define FEATURIZE_LEX_NEGATIVE 4u
#define FEATURIZE_LEX_CIRC 8u
#define FEATURIZE_LEX_TURN 16u
#define FEATURIZE_LEX_REFERRAL 32u
#define FEATURIZE_LEX_LATER 64u
#define FEATURIZE_LEX_RHETORIC 128u
#define FEATURIZE_LEX_SLOTS 2048u

struct featurize_lex_entry {
	uint64_t key; /* 0: empty */
	uint32_t bits;
};

extern const struct featurize_lex_entry *const featurize_lex_table;

/* Fills table (FEATURIZE_LEX_SLOTS entries) from the word lists; -1 if
 * they do not fit. */
int featurize_lex_fill(struct featurize_lex_entry *table);

/* A part of a text (a byte range); parts are read as separate clauses. */
struct featurize_part {
	size_t off, len;
};

/* Extracts the features of len bytes of s, which must be valid UTF-8,
 * calling fn for each group in text order.  Case-folds, applies NFKD and
 * drops combining marks (so "Não" reads as "nao").  Allocates nothing for
 * texts of any length, save where libunistring itself must.  Returns 0, or
 * -1 when normalisation failed (out of memory). */
int featurize_extract(const char *s, size_t len, featurize_fn *fn, void *arg);

/* Like featurize_extract() over n parts of s, each its own sentence, with
 * the features opts (FEATURIZE_OPT_*) names. */
int featurize_extract_parts(const char *s, const struct featurize_part *parts,
			    size_t n, unsigned opts, featurize_fn *fn, void *arg);

/* The table key of a feature: FNV-1a over kind and text, never 0. */
uint64_t featurize_key(char kind, const char *text, size_t len);

#endif
