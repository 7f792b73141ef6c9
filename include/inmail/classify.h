/* The reply classifier: a leaf library (SPEC 4).  Reads a candidate's
 * custom answer and says accept or decline, with a confidence and the
 * features that weighed most.  No I/O, no allocation, no global state that
 * changes: safe to call from any thread. */
#ifndef INMAIL_CLASSIFY_H
#define INMAIL_CLASSIFY_H

#include <stddef.h>

enum im_label {
	IM_LABEL_ACCEPT = 0,
	IM_LABEL_DECLINE = 1,
};

#define IM_CLASSIFY_MAX_FEATURES 8
#define IM_CLASSIFY_FEATURE_LEN 64

struct im_feature {
	char text[IM_CLASSIFY_FEATURE_LEN]; /* UTF-8, NUL-terminated */
	double weight;                      /* > 0 pushes to decline */
};

struct im_classification {
	enum im_label label;
	double confidence; /* of the label, 0.5 .. 1 */
	size_t n_features;
	struct im_feature features[IM_CLASSIFY_MAX_FEATURES]; /* by |weight| */
};

enum im_classify_result {
	IM_CLASSIFY_OK = 0,
	IM_CLASSIFY_EMPTY,        /* no text, or only white space */
	IM_CLASSIFY_BAD_UTF8,     /* not valid UTF-8 */
	IM_CLASSIFY_TOO_LONG,     /* over IM_CLASSIFY_MAX_BYTES */
};

#define IM_CLASSIFY_MAX_BYTES (64 * 1024)

/* Classifies len bytes of text (no NUL needed).  Fills *out only on
 * IM_CLASSIFY_OK.  Deterministic: the same text always gives the same
 * answer. */
enum im_classify_result im_classify(const char *text, size_t len,
				    struct im_classification *out);

/* "accept" / "decline". */
const char *im_label_name(enum im_label label);

#endif
