/* classify-train: the build-time trainer of the reply classifier.
 *
 *   classify-train CORPUS.tsv... OUT.c
 *
 * Reads labelled replies ("accept<TAB>text" or "decline<TAB>text" a line;
 * blank lines and "#" comments skipped), extracts features with the same
 * featurize.c the runtime uses, fits an L2-regularised logistic regression
 * (full-batch iRprop-, so no learning rate to tune and no randomness) and
 * writes the weights as C tables.  The same corpus always gives the same
 * file, byte for byte. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "featurize.h"

/* L2 strength on the mean log loss, chosen by 5-fold cross-validation
 * over the corpus (0.0005 to 0.01 tried). */
#define TRAIN_L2 0.001
#define TRAIN_ITERATIONS 600

struct train_feature {
	uint64_t key;
	double w, grad, prev_grad, step;
};

struct train_set {
	/* Features: open addressing over keys, growing. */
	struct train_feature *feat;
	size_t n_feat, cap_feat;
	size_t *slots; /* index + 1, 0 empty */
	size_t n_slots;
	/* Replies: each a run of feature indices in occ. */
	size_t *occ;
	size_t n_occ, cap_occ;
	size_t *doc_start; /* n_docs + 1 offsets into occ */
	int *label;        /* 1 decline, 0 accept */
	size_t n_docs, cap_docs;
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
			     const uint64_t *keys, size_t n_keys)
{
	struct train_set *ts = arg;

	(void)label;
	for (size_t i = 0; i < n_keys; i++) {
		size_t f = train_feature_index(ts, keys[i]);

		if (ts->n_occ == ts->cap_occ) {
			ts->cap_occ = ts->cap_occ ? ts->cap_occ * 2 : 65536;
			ts->occ = train_xrealloc(ts->occ, ts->cap_occ * sizeof(*ts->occ));
		}
		ts->occ[ts->n_occ++] = f;
	}
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
		if (ts->n_docs + 1 >= ts->cap_docs) {
			ts->cap_docs = ts->cap_docs ? ts->cap_docs * 2 : 1024;
			ts->doc_start = train_xrealloc(ts->doc_start,
						       ts->cap_docs * sizeof(*ts->doc_start));
			ts->label = train_xrealloc(ts->label, ts->cap_docs * sizeof(*ts->label));
		}
		ts->doc_start[ts->n_docs] = ts->n_occ;
		if (featurize_extract(text, strlen(text), train_on_feature, ts) < 0)
			train_oom();
		ts->label[ts->n_docs++] = label;
		ts->doc_start[ts->n_docs] = ts->n_occ;
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

static double train_sign(double x)
{
	return (x > 0) - (x < 0);
}

/* iRprop- on the mean log loss plus TRAIN_L2/2 |w|^2 (the bias is not
 * regularised). */
static double train_fit(struct train_set *ts)
{
	double bias = 0, bias_grad_prev = 0, bias_step = 0.01;

	for (size_t f = 0; f < ts->n_feat; f++)
		ts->feat[f].step = 0.01;
	for (int it = 0; it < TRAIN_ITERATIONS; it++) {
		double bias_grad = 0;

		for (size_t f = 0; f < ts->n_feat; f++)
			ts->feat[f].grad = 0;
		for (size_t d = 0; d < ts->n_docs; d++) {
			double z = bias, g;

			for (size_t o = ts->doc_start[d]; o < ts->doc_start[d + 1]; o++)
				z += ts->feat[ts->occ[o]].w;
			g = (1 / (1 + exp(-z)) - ts->label[d]) / (double)ts->n_docs;
			bias_grad += g;
			for (size_t o = ts->doc_start[d]; o < ts->doc_start[d + 1]; o++)
				ts->feat[ts->occ[o]].grad += g;
		}
		for (size_t f = 0; f < ts->n_feat; f++) {
			struct train_feature *t = &ts->feat[f];
			double g = t->grad + TRAIN_L2 * t->w;

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
	size_t n_slots = 1024;
	struct { uint32_t fp; float w; } *table;
	FILE *out;

	while (n_slots < 2 * ts->n_feat)
		n_slots *= 2;
	table = calloc(n_slots, sizeof(*table));
	if (!table)
		train_oom();
	for (size_t f = 0; f < ts->n_feat; f++) {
		uint64_t key = ts->feat[f].key;
		uint32_t fp = (uint32_t)(key >> 32) | 1;
		size_t s = key & (n_slots - 1);

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
		" do not edit. */\n#include \"model_tables.h\"\n\n", ts->n_docs, ts->n_feat);
	fprintf(out, "const double model_tables_bias = %.17g;\n", bias);
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

int main(int argc, char **argv)
{
	struct train_set ts = {0};
	int rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: classify-train CORPUS.tsv... OUT.c\n");
		return 64;
	}
	for (int i = 1; i < argc - 1 && rc == 0; i++)
		rc = train_read(&ts, argv[i]);
	if (rc == 0 && ts.n_docs == 0) {
		fprintf(stderr, "classify-train: no replies to learn from\n");
		rc = -1;
	}
	if (rc == 0)
		rc = train_write(&ts, train_fit(&ts), argv[argc - 1]);
	free(ts.feat);
	free(ts.slots);
	free(ts.occ);
	free(ts.doc_start);
	free(ts.label);
	return rc ? 1 : 0;
}
