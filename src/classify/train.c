/* classify-train: the build-time trainer of the reply classifier.
 *
 *   classify-train CORPUS.tsv... OUT.c
 *   classify-train --search CORPUS.tsv...
 *   classify-train --errors CORPUS.tsv...
 *
 * Reads labelled replies ("accept<TAB>text" or "decline<TAB>text" a line;
 * blank lines and "#" comments skipped), extracts features with the same
 * featurize.c the runtime uses, after the same stripping of quotes and
 * signatures (strip.c; "\n" in a line stands for a line break), fits an L2-regularised logistic regression
 * (full-batch iRprop-, so no learning rate to tune and no randomness) and
 * writes the weights as C tables.  The same corpus always gives the same
 * file, byte for byte.
 *
 * --search is the offline hyper-parameter search, never run by the build:
 * 5-fold cross-validation over the corpus given (train.tsv alone, so the
 * held-out file never shapes the model) of each L2 strength, weight after
 * a contrastive turn and set of features, printed as a table.  --errors
 * prints the replies that cross-validation at the chosen settings reads
 * wrong, with the probability of decline it gave them: what to look at
 * when features are added, instead of the held-out file. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "featurize.h"
#include "strip.h"

/* Chosen by `classify-train --search assets/classifier/train.tsv` (5-fold
 * cross-validation within train.tsv; README "The reply classifier"). */
#define TRAIN_L2 0.0003
#define TRAIN_AFTER_TURN 2.0
#define TRAIN_OPTS FEATURIZE_OPT_ALL
#define TRAIN_ITERATIONS 600
#define TRAIN_FOLDS 5
/* A feature of fewer replies than this is dropped: it teaches little and
 * would only grow the table the library probes. */
#define TRAIN_MIN_DF 2

/* The word lists of featurize.c as a table: filled at start, and written
 * into model_tables.c for the library. */
static struct featurize_lex_entry train_lex[FEATURIZE_LEX_SLOTS];
const struct featurize_lex_entry *const featurize_lex_table = train_lex;

/* --errors: print the replies cross-validation reads wrong. */
static int train_show_errors;

struct train_feature {
	uint64_t key;
	double w, grad, prev_grad, step;
	size_t df; /* replies it occurs in */
};

struct train_set {
	/* Features: open addressing over keys, growing. */
	struct train_feature *feat;
	size_t n_feat, cap_feat;
	size_t *slots; /* index + 1, 0 empty */
	size_t n_slots;
	/* Replies: each a run of feature indices in occ. */
	size_t *occ;
	unsigned char *occ_after; /* the occurrence follows a "but" */
	size_t n_occ, cap_occ;
	size_t *doc_start; /* n_docs + 1 offsets into occ */
	int *label;        /* 1 decline, 0 accept */
	int *fold;         /* the fold a reply is left out in; -1 none */
	size_t n_docs, cap_docs;
	/* The corpus as read: replies with "\n" made line breaks. */
	char **text;
	int *text_label;
	size_t n_text, cap_text;
};

static _Noreturn void train_oom(void)
{
	fprintf(stderr, "classify-train: out of memory\n");
	exit(1);
}

static void *train_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		train_oom();
	return q;
}

static void train_rehash(struct train_set *ts)
{
	size_t n = ts->n_slots ? ts->n_slots * 2 : 1 << 14;

	free(ts->slots);
	ts->slots = calloc(n, sizeof(*ts->slots));
	if (!ts->slots)
		train_oom();
	ts->n_slots = n;
	for (size_t i = 0; i < ts->n_feat; i++) {
		size_t s = ts->feat[i].key & (n - 1);

		while (ts->slots[s])
			s = (s + 1) & (n - 1);
		ts->slots[s] = i + 1;
	}
}

static size_t train_feature_index(struct train_set *ts, uint64_t key)
{
	size_t s;

	if (2 * (ts->n_feat + 1) > ts->n_slots)
		train_rehash(ts);
	s = key & (ts->n_slots - 1);
	while (ts->slots[s]) {
		if (ts->feat[ts->slots[s] - 1].key == key)
			return ts->slots[s] - 1;
		s = (s + 1) & (ts->n_slots - 1);
	}
	if (ts->n_feat == ts->cap_feat) {
		ts->cap_feat = ts->cap_feat ? ts->cap_feat * 2 : 4096;
		ts->feat = train_xrealloc(ts->feat, ts->cap_feat * sizeof(*ts->feat));
	}
	ts->feat[ts->n_feat] = (struct train_feature){.key = key};
	ts->slots[s] = ++ts->n_feat;
	return ts->n_feat - 1;
}

static void train_on_feature(void *arg, const char *label,
			     const uint64_t *keys, size_t n_keys, unsigned flags)
{
	struct train_set *ts = arg;

	(void)label;
	for (size_t i = 0; i < n_keys; i++) {
		size_t f = train_feature_index(ts, keys[i]);

		if (ts->n_occ == ts->cap_occ) {
			ts->cap_occ = ts->cap_occ ? ts->cap_occ * 2 : 65536;
			ts->occ = train_xrealloc(ts->occ, ts->cap_occ * sizeof(*ts->occ));
			ts->occ_after = train_xrealloc(ts->occ_after, ts->cap_occ);
		}
		ts->occ_after[ts->n_occ] = (flags & FEATURIZE_AFTER_TURN) != 0;
		ts->occ[ts->n_occ++] = f;
	}
}

/* "\n" in a corpus line is a line break, "\\" a backslash. */
static void train_unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*o++ = '\n';
			s++;
		} else if (s[0] == '\\' && s[1] == '\\') {
			*o++ = '\\';
			s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

static int train_read(struct train_set *ts, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;

	if (!f) {
		fprintf(stderr, "classify-train: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		char *text;
		int label;

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		text = strchr(line, '\t');
		if (text && (size_t)(text - line) == 6 && !strncmp(line, "accept", 6))
			label = 0;
		else if (text && (size_t)(text - line) == 7 && !strncmp(line, "decline", 7))
			label = 1;
		else
			goto bad;
		text++;
		if (u8_check((const uint8_t *)text, strlen(text)))
			goto bad;
		if (ts->n_text == ts->cap_text) {
			ts->cap_text = ts->cap_text ? ts->cap_text * 2 : 1024;
			ts->text = train_xrealloc(ts->text, ts->cap_text * sizeof(*ts->text));
			ts->text_label = train_xrealloc(ts->text_label,
							ts->cap_text * sizeof(*ts->text_label));
		}
		ts->text[ts->n_text] = strdup(text);
		if (!ts->text[ts->n_text])
			train_oom();
		train_unescape(ts->text[ts->n_text]);
		ts->text_label[ts->n_text++] = label;
	}
	free(line);
	fclose(f);
	return 0;
bad:
	fprintf(stderr, "classify-train: %s:%zu: not \"accept|decline<TAB>UTF-8 text\"\n",
		path, lineno);
	free(line);
	fclose(f);
	return -1;
}

/* Drops the occurrences of features in fewer than TRAIN_MIN_DF replies
 * (their df is left below it, so train_write skips them too). */
static void train_prune(struct train_set *ts)
{
	size_t o = 0;

	for (size_t f = 0; f < ts->n_feat; f++)
		ts->feat[f].df = 0;
	for (size_t d = 0; d < ts->n_text; d++)
		for (size_t i = ts->doc_start[d]; i < ts->doc_start[d + 1]; i++) {
			struct train_feature *t = &ts->feat[ts->occ[i]];
			size_t j = ts->doc_start[d];

			/* Counted once a reply: not seen earlier in it. */
			while (j < i && ts->occ[j] != ts->occ[i])
				j++;
			t->df += j == i;
		}
	for (size_t d = 0; d < ts->n_text; d++) {
		size_t start = o;

		for (size_t i = ts->doc_start[d]; i < ts->doc_start[d + 1]; i++)
			if (ts->feat[ts->occ[i]].df >= TRAIN_MIN_DF) {
				ts->occ[o] = ts->occ[i];
				ts->occ_after[o++] = ts->occ_after[i];
			}
		ts->doc_start[d] = start;
	}
	ts->doc_start[ts->n_text] = o;
	ts->n_occ = o;
}

/* Features of every reply read, with the features opts names. */
static void train_extract(struct train_set *ts, unsigned opts)
{
	ts->n_feat = ts->n_occ = ts->n_docs = 0;
	if (ts->slots)
		memset(ts->slots, 0, ts->n_slots * sizeof(*ts->slots));
	ts->doc_start = train_xrealloc(ts->doc_start, (ts->n_text + 1) * sizeof(size_t));
	ts->label = train_xrealloc(ts->label, ts->n_text * sizeof(int));
	ts->fold = train_xrealloc(ts->fold, ts->n_text * sizeof(int));
	for (size_t d = 0; d < ts->n_text; d++) {
		struct featurize_part parts[IM_STRIP_MAX_SPANS];
		struct im_strip st;
		const char *t = ts->text[d];

		im_strip(t, strlen(t), NULL, 0, &st);
		for (size_t i = 0; i < st.n_kept; i++)
			parts[i] = (struct featurize_part){st.kept[i].off, st.kept[i].len};
		ts->doc_start[d] = ts->n_occ;
		if (featurize_extract_parts(t, parts, st.n_kept, opts, train_on_feature, ts) < 0)
			train_oom();
		ts->label[d] = ts->text_label[d];
		ts->fold[d] = -1;
		ts->doc_start[d + 1] = ts->n_occ;
	}
	ts->n_docs = ts->n_text;
	train_prune(ts);
}

static double train_sign(double x)
{
	return (x > 0) - (x < 0);
}

/* iRprop- on the mean log loss plus TRAIN_L2/2 |w|^2 (the bias is not
 * regularised). */
static double train_fit(struct train_set *ts, double l2, double after, int skip)
{
	double bias = 0, bias_grad_prev = 0, bias_step = 0.01;
	size_t n_used = 0;

	for (size_t d = 0; d < ts->n_docs; d++)
		n_used += ts->fold[d] != skip || skip < 0;
	for (size_t f = 0; f < ts->n_feat; f++) {
		ts->feat[f].step = 0.01;
		ts->feat[f].w = ts->feat[f].prev_grad = 0;
	}
	for (int it = 0; it < TRAIN_ITERATIONS; it++) {
		double bias_grad = 0;

		for (size_t f = 0; f < ts->n_feat; f++)
			ts->feat[f].grad = 0;
		for (size_t d = 0; d < ts->n_docs; d++) {
			double z = bias, g;

			if (skip >= 0 && ts->fold[d] == skip)
				continue;
			for (size_t o = ts->doc_start[d]; o < ts->doc_start[d + 1]; o++)
				z += ts->feat[ts->occ[o]].w * (ts->occ_after[o] ? after : 1);
			g = (1 / (1 + exp(-z)) - ts->label[d]) / (double)n_used;
			bias_grad += g;
			for (size_t o = ts->doc_start[d]; o < ts->doc_start[d + 1]; o++)
				ts->feat[ts->occ[o]].grad += g * (ts->occ_after[o] ? after : 1);
		}
		for (size_t f = 0; f < ts->n_feat; f++) {
			struct train_feature *t = &ts->feat[f];
			double g = t->grad + l2 * t->w;

			if (g * t->prev_grad > 0) {
				t->step = fmin(t->step * 1.2, 1.0);
			} else if (g * t->prev_grad < 0) {
				t->step = fmax(t->step * 0.5, 1e-8);
				g = 0;
			}
			t->w -= train_sign(g) * t->step;
			t->prev_grad = g;
		}
		if (bias_grad * bias_grad_prev > 0) {
			bias_step = fmin(bias_step * 1.2, 1.0);
		} else if (bias_grad * bias_grad_prev < 0) {
			bias_step = fmax(bias_step * 0.5, 1e-8);
			bias_grad = 0;
		}
		bias -= train_sign(bias_grad) * bias_step;
		bias_grad_prev = bias_grad;
	}
	return bias;
}

static int train_write(const struct train_set *ts, double bias, const char *path)
{
	size_t n_slots = 1024, n_kept = 0;
	struct { uint32_t fp; float w; } *table;
	FILE *out;

	for (size_t f = 0; f < ts->n_feat; f++)
		n_kept += ts->feat[f].df >= TRAIN_MIN_DF;
	while (n_slots < 2 * n_kept)
		n_slots *= 2;
	table = calloc(n_slots, sizeof(*table));
	if (!table)
		train_oom();
	for (size_t f = 0; f < ts->n_feat; f++) {
		uint64_t key = ts->feat[f].key;
		uint32_t fp = (uint32_t)(key >> 32) | 1;
		size_t s = key & (n_slots - 1);

		if (ts->feat[f].df < TRAIN_MIN_DF)
			continue;
		while (table[s].fp) {
			if (table[s].fp == fp) {
				fprintf(stderr, "classify-train: two features share a slot\n");
				free(table);
				return -1;
			}
			s = (s + 1) & (n_slots - 1);
		}
		table[s].fp = fp;
		table[s].w = (float)ts->feat[f].w;
	}
	out = fopen(path, "w");
	if (!out) {
		fprintf(stderr, "classify-train: %s: %s\n", path, strerror(errno));
		free(table);
		return -1;
	}
	fprintf(out, "/* Generated by classify-train from %zu replies, %zu features:"
		" do not edit. */\n#include \"featurize.h\"\n#include \"model_tables.h\"\n\n",
		ts->n_docs, n_kept);
	fprintf(out, "static const struct featurize_lex_entry model_tables_lex[%u] = {\n",
		FEATURIZE_LEX_SLOTS);
	for (size_t s = 0; s < FEATURIZE_LEX_SLOTS; s++)
		if (train_lex[s].key)
			fprintf(out, "\t[%zu] = {0x%016llxull, %uu},\n", s,
				(unsigned long long)train_lex[s].key,
				(unsigned)train_lex[s].bits);
	fprintf(out, "};\nconst struct featurize_lex_entry *const featurize_lex_table ="
		" model_tables_lex;\n\n");
	fprintf(out, "const double model_tables_bias = %.17g;\n", bias);
	fprintf(out, "const double model_tables_after_turn = %.17g;\n", TRAIN_AFTER_TURN);
	fprintf(out, "const unsigned model_tables_opts = %uu;\n", TRAIN_OPTS);
	fprintf(out, "const uint32_t model_tables_mask = %zu;\n", n_slots - 1);
	fprintf(out, "const struct model_tables_entry model_tables_entries[%zu] = {\n",
		n_slots);
	for (size_t s = 0; s < n_slots; s++)
		if (table[s].fp)
			fprintf(out, "\t[%zu] = {0x%08xu, %.9gf},\n", s, table[s].fp,
				(double)table[s].w);
	fprintf(out, "};\n");
	free(table);
	if (fclose(out)) {
		fprintf(stderr, "classify-train: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The share of the replies of fold k the model trained without it reads
 * right; *right and *total add up over folds. */
static void train_score_fold(struct train_set *ts, double bias, double after,
			     int k, size_t *right, size_t *total)
{
	for (size_t d = 0; d < ts->n_docs; d++) {
		double z = bias;

		if (ts->fold[d] != k)
			continue;
		for (size_t o = ts->doc_start[d]; o < ts->doc_start[d + 1]; o++)
			z += ts->feat[ts->occ[o]].w * (ts->occ_after[o] ? after : 1);
		*right += (z > 0) == (ts->label[d] == 1);
		(*total)++;
		if (train_show_errors && (z > 0) != (ts->label[d] == 1))
			printf("%s\t%.3f\t%s\n", ts->label[d] ? "decline" : "accept",
			       1 / (1 + exp(-z)), ts->text[d]);
	}
}

/* Folds by a fixed shuffle, stratified by label: reply i of a label goes
 * to fold (its rank in the shuffle) mod TRAIN_FOLDS. */
static void train_assign_folds(struct train_set *ts)
{
	size_t *order = train_xrealloc(NULL, ts->n_docs * sizeof(*order));
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	size_t seen[2] = {0, 0};

	for (size_t i = 0; i < ts->n_docs; i++)
		order[i] = i;
	for (size_t i = ts->n_docs; i > 1; i--) {
		size_t j, t;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		j = (size_t)(x % i);
		t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
	for (size_t i = 0; i < ts->n_docs; i++) {
		size_t d = order[i];

		ts->fold[d] = (int)(seen[ts->label[d]]++ % TRAIN_FOLDS);
	}
	free(order);
}

static double train_cv(struct train_set *ts, double l2, double after)
{
	size_t right = 0, total = 0;

	for (int k = 0; k < TRAIN_FOLDS; k++) {
		double bias = train_fit(ts, l2, after, k);

		train_score_fold(ts, bias, after, k, &right, &total);
	}
	return total ? (double)right / (double)total : 0;
}

static int train_search(struct train_set *ts)
{
	static const double l2s[] = {0.00003, 0.0001, 0.0003, 0.001};
	static const double afters[] = {1.0, 1.5, 2.0, 3.0};
	static const struct {
		unsigned opts;
		const char *name;
	} sets[] = {
		{FEATURIZE_OPT_ALL, "all"},
		{FEATURIZE_OPT_ALL & ~FEATURIZE_OPT_NEGNEG, "all but negated negatives"},
		{FEATURIZE_OPT_ALL & ~FEATURIZE_OPT_CIRC, "all but circumstances"},
		{FEATURIZE_OPT_ALL & ~FEATURIZE_OPT_QUESTION, "all but question words"},
		{FEATURIZE_OPT_ALL & ~FEATURIZE_OPT_REFERRAL, "all but referrals"},
		{FEATURIZE_OPT_ALL & ~FEATURIZE_OPT_LATER, "all but unnamed laters"},
		{FEATURIZE_OPT_ALL & ~FEATURIZE_OPT_RHETORIC, "all but rhetorical cues"},
		{0, "none of the six"},
	};
	double best = -1, best_l2 = 0, best_after = 0;

	printf("%zu replies, %d-fold cross-validation (stratified, fixed shuffle)\n",
	       ts->n_text, TRAIN_FOLDS);
	train_extract(ts, FEATURIZE_OPT_ALL);
	train_assign_folds(ts);
	printf("features: all\nl2\tafter_turn\taccuracy\n");
	for (size_t i = 0; i < sizeof(l2s) / sizeof(l2s[0]); i++)
		for (size_t j = 0; j < sizeof(afters) / sizeof(afters[0]); j++) {
			double a = train_cv(ts, l2s[i], afters[j]);

			printf("%g\t%g\t%.4f\n", l2s[i], afters[j], a);
			fflush(stdout);
			if (a > best) {
				best = a;
				best_l2 = l2s[i];
				best_after = afters[j];
			}
		}
	printf("best: l2 %g, after_turn %g: %.4f\n\nat those, by features:\n",
	       best_l2, best_after, best);
	for (size_t s = 1; s < sizeof(sets) / sizeof(sets[0]); s++) {
		train_extract(ts, sets[s].opts);
		train_assign_folds(ts);
		printf("%-28s %.4f\n", sets[s].name, train_cv(ts, best_l2, best_after));
		fflush(stdout);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct train_set ts = {0};
	int errors = argc > 1 && !strcmp(argv[1], "--errors");
	int rc = 0, search = errors || (argc > 1 && !strcmp(argv[1], "--search"));
	int last = search ? argc : argc - 1;

	if (argc < 3) {
		fprintf(stderr, "usage: classify-train CORPUS.tsv... OUT.c\n"
			"       classify-train --search CORPUS.tsv...\n"
			"       classify-train --errors CORPUS.tsv...\n");
		return 64;
	}
	if (featurize_lex_fill(train_lex) < 0) {
		fprintf(stderr, "classify-train: the word lists outgrow their table\n");
		return 1;
	}
	for (int i = 1 + search; i < last && rc == 0; i++)
		rc = train_read(&ts, argv[i]);
	if (rc == 0 && ts.n_text == 0) {
		fprintf(stderr, "classify-train: no replies to learn from\n");
		rc = -1;
	}
	if (rc == 0 && errors) {
		train_show_errors = 1;
		train_extract(&ts, TRAIN_OPTS);
		train_assign_folds(&ts);
		printf("cross-validated accuracy %.4f\n",
		       train_cv(&ts, TRAIN_L2, TRAIN_AFTER_TURN));
	} else if (rc == 0 && search) {
		rc = train_search(&ts);
	} else if (rc == 0) {
		train_extract(&ts, TRAIN_OPTS);
		rc = train_write(&ts, train_fit(&ts, TRAIN_L2, TRAIN_AFTER_TURN, -1),
				 argv[argc - 1]);
	}
	for (size_t i = 0; i < ts.n_text; i++)
		free(ts.text[i]);
	free(ts.text);
	free(ts.text_label);
	free(ts.feat);
	free(ts.slots);
	free(ts.occ);
	free(ts.occ_after);
	free(ts.doc_start);
	free(ts.label);
	free(ts.fold);
	return rc ? 1 : 0;
}
