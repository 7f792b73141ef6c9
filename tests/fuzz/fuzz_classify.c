/* Fuzzes the classifier: any bytes give a clear answer, never a crash; an
 * answer is a label with a confidence in 0.5..1 and finite weights, and
 * the same text always gives the same answer.  The stripper's parts lie in
 * the text, in order, and with what it cut never exceed it; the first
 * byte's value splits the rest into a reply and the InMail it answers. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/classify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_strip(const uint8_t *data, size_t size)
{
	struct im_strip st;
	struct im_classification c;
	size_t split = size ? data[0] * size / 256 : 0, end = 0, kept = 0;
	const char *text = (const char *)data;

	im_strip(text, split, text + split, size - split, &st);
	if (st.n_kept > IM_STRIP_MAX_SPANS)
		abort();
	for (size_t i = 0; i < st.n_kept; i++) {
		if (st.kept[i].off < end || st.kept[i].len == 0 ||
		    st.kept[i].off + st.kept[i].len > split)
			abort();
		end = st.kept[i].off + st.kept[i].len;
		kept += st.kept[i].len;
	}
	if (!st.whole && kept + st.cut_bytes > split)
		abort();
	if (im_classify_reply(text, split, text + split, size - split, &c, &st) ==
	    IM_CLASSIFY_OK && !(c.confidence >= 0.5 && c.confidence <= 1.0))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct im_classification a, b;
	enum im_classify_result ra = im_classify((const char *)data, size, &a);
	enum im_classify_result rb = im_classify((const char *)data, size, &b);
	if (ra != rb)
		abort();
	if (ra != IM_CLASSIFY_OK)
		return 0;
	if (a.label != b.label || a.confidence != b.confidence)
		abort();
	if (!(a.confidence >= 0.5 && a.confidence <= 1.0))
		abort();
	if (a.n_features > IM_CLASSIFY_MAX_FEATURES)
		abort();
	for (size_t i = 0; i < a.n_features; i++) {
		if (!isfinite(a.features[i].weight))
			abort();
		if (!memchr(a.features[i].text, '\0', IM_CLASSIFY_FEATURE_LEN))
			abort();
	}
	fuzz_strip(data, size);
	return 0;
}
