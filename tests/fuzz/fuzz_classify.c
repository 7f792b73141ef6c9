/* Fuzzes the classifier: any bytes give a clear answer, never a crash; an
 * answer is a label with a confidence in 0.5..1 and finite weights, and
 * the same text always gives the same answer. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/classify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	return 0;
}
