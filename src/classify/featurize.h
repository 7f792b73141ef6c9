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
#define FEATURIZE_OPT_QUESTION 4u /* a question's opening words: "why would" ... "?" */
#define FEATURIZE_OPT_ALL 7u

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
