/* The reply classifier at run time: features of the text (featurize.c),
 * each looked up in the trained table (model_tables.c, generated at build
 * time), summed into the log-odds of a decline. */
#include "inmail/classify.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "featurize.h"
#include "model_tables.h"
#include "strip.h"

struct classify_acc {
	double score; /* log-odds of decline */
	struct im_classification *out;
	uint64_t ids[IM_CLASSIFY_MAX_FEATURES]; /* first key of each feature */
	size_t weakest; /* the first entry of the smallest |weight| */
};

static double classify_weight(uint64_t key)
{
	uint32_t fp = (uint32_t)(key >> 32) | 1;

	for (uint32_t s = key & model_tables_mask;; s = (s + 1) & model_tables_mask) {
		const struct model_tables_entry *e = &model_tables_entries[s];

		if (e->fp == fp)
			return e->weight;
		if (e->fp == 0)
			return 0;
	}
}

/* The first entry of out with the smallest |weight|. */
static size_t classify_weakest(const struct im_classification *out)
{
	size_t weakest = 0;

	for (size_t i = 1; i < out->n_features; i++)
		if (fabs(out->features[i].weight) < fabs(out->features[weakest].weight))
			weakest = i;
	return weakest;
}

/* Keeps the IM_CLASSIFY_MAX_FEATURES largest contributions, merging a
 * feature seen again ("no ... no") into its entry.  A group's first key
 * stands for its label.  The weakest entry is kept up to date, so a
 * feature too weak to enter costs one comparison. */
static void classify_explain(struct classify_acc *acc, uint64_t id,
			     const char *label, double w)
{
	struct im_classification *out = acc->out;
	size_t slot, len;

	for (size_t i = 0; i < out->n_features; i++)
		if (acc->ids[i] == id) {
			out->features[i].weight += w;
			acc->weakest = classify_weakest(out);
			return;
		}
	if (out->n_features < IM_CLASSIFY_MAX_FEATURES)
		slot = out->n_features++;
	else if (fabs(w) <= fabs(out->features[acc->weakest].weight))
		return;
	else
		slot = acc->weakest;
	len = strnlen(label, IM_CLASSIFY_FEATURE_LEN - 1);
	memcpy(out->features[slot].text, label, len);
	out->features[slot].text[len] = '\0';
	out->features[slot].weight = w;
	acc->ids[slot] = id;
	acc->weakest = classify_weakest(out);
}

static void classify_on_feature(void *arg, const char *label,
				const uint64_t *keys, size_t n_keys, unsigned flags)
{
	struct classify_acc *acc = arg;
	double w = 0;

	for (size_t i = 0; i < n_keys; i++)
		w += classify_weight(keys[i]);
	if (flags & FEATURIZE_AFTER_TURN)
		w *= model_tables_after_turn;
	if (w == 0)
		return;
	acc->score += w;
	classify_explain(acc, keys[0], label, w);
}

/* Strongest first; equal weights by text, so the order is deterministic. */
static void classify_sort(struct im_classification *out)
{
	for (size_t i = 1; i < out->n_features; i++) {
		struct im_feature f = out->features[i];
		size_t j = i;

		for (; j > 0; j--) {
			const struct im_feature *p = &out->features[j - 1];
			double a = fabs(p->weight), b = fabs(f.weight);

			if (a > b || (a == b && strcmp(p->text, f.text) <= 0))
				break;
			out->features[j] = *p;
		}
		out->features[j] = f;
	}
}

static bool classify_blank(const uint8_t *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		ucs4_t c = s[i];
		int k = 1;

		if (c >= 0x80)
			k = u8_mbtouc(&c, s + i, len - i);
		if (!uc_is_property_white_space(c) && c != 0x200B && c != 0xFEFF)
			return false;
		i += (size_t)k;
	}
	return true;
}

enum im_classify_result im_classify_reply(const char *text, size_t len,
					  const char *inmail, size_t inmail_len,
					  struct im_classification *out,
					  struct im_strip *strip)
{
	struct im_classification res = {0};
	struct classify_acc acc = {.score = model_tables_bias, .out = &res};
	struct featurize_part parts[IM_STRIP_MAX_SPANS];
	struct im_strip st;
	double p;

	if (len > IM_CLASSIFY_MAX_BYTES)
		return IM_CLASSIFY_TOO_LONG;
	if (!text || len == 0)
		return IM_CLASSIFY_EMPTY;
	if (u8_check((const uint8_t *)text, len))
		return IM_CLASSIFY_BAD_UTF8;
	if (classify_blank((const uint8_t *)text, len))
		return IM_CLASSIFY_EMPTY;
	if (inmail_len > IM_CLASSIFY_MAX_BYTES)
		inmail_len = IM_CLASSIFY_MAX_BYTES;
	im_strip(text, len, inmail, inmail ? inmail_len : 0, &st);
	for (size_t i = 0; i < st.n_kept; i++)
		parts[i] = (struct featurize_part){st.kept[i].off, st.kept[i].len};
	/* Cannot fail: the text is valid UTF-8 and featurize.c normalises into
	 * a buffer that always holds the result, so nothing is allocated.  A
	 * kept part starts and ends at a line, so it is UTF-8 too. */
	(void)featurize_extract_parts(text, parts, st.n_kept, model_tables_opts,
				      classify_on_feature, &acc);
	p = 1 / (1 + exp(-acc.score));
	res.label = acc.score > 0 ? IM_LABEL_DECLINE : IM_LABEL_ACCEPT;
	res.confidence = res.label == IM_LABEL_DECLINE ? p : 1 - p;
	res.stripped_bytes = st.whole ? 0 : st.cut_bytes;
	classify_sort(&res);
	*out = res;
	if (strip)
		*strip = st;
	return IM_CLASSIFY_OK;
}

enum im_classify_result im_classify(const char *text, size_t len,
				    struct im_classification *out)
{
	return im_classify_reply(text, len, NULL, 0, out, NULL);
}

int im_classify_describe(const struct im_classification *c, char *buf,
			 size_t size)
{
	int n;

	if (!c || !buf || size == 0)
		return -1;
	n = snprintf(buf, size, "read as %s (%.2f)", im_label_name(c->label),
		     c->confidence);
	return n < 0 || (size_t)n >= size ? -1 : n;
}

const char *im_label_name(enum im_label label)
{
	return label == IM_LABEL_DECLINE ? "decline" : "accept";
}
