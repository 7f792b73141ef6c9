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
	size_t stripped_bytes; /* bytes im_strip() took out (0: none) */
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

/* What im_strip() found that is not the candidate's own words. */
enum im_strip_kind {
	IM_STRIP_QUOTE = 0,   /* a "> ..." line */
	IM_STRIP_ATTRIBUTION, /* "On ... wrote:" and what follows it */
	IM_STRIP_ORIGINAL,    /* "-----Original Message-----", a forward, a
			       * From:/Sent:/To:/Subject: block, and after */
	IM_STRIP_SIGNATURE,   /* "-- ", or a sign-off and its name block */
	IM_STRIP_DEVICE,      /* "Sent from my iPhone" and after */
	IM_STRIP_INMAIL,      /* a line of the recruiter's InMail pasted back */
};

#define IM_STRIP_MAX_SPANS 16

/* A byte range of the text handed to im_strip(). */
struct im_span {
	size_t off, len;
};

struct im_strip {
	/* The candidate's own words: ranges of the text, in order.  When
	 * stripping would leave nothing, the whole text (whole = 1). */
	size_t n_kept;
	struct im_span kept[IM_STRIP_MAX_SPANS];
	int whole;
	/* What was taken out, in order: the first IM_STRIP_MAX_SPANS ranges
	 * (n_cut counts them all), and their bytes in total. */
	size_t n_cut;
	struct im_span cut[IM_STRIP_MAX_SPANS];
	enum im_strip_kind cut_kind[IM_STRIP_MAX_SPANS];
	size_t cut_bytes;
};

/* Finds the candidate's own words in len bytes of text: drops quoted
 * lines, the attribution line of a quote ("On ... wrote:", "El ...
 * escribió:", "Le ... a écrit :", "Am ... schrieb ...:", "Em ...
 * escreveu:") and all after it, an "Original Message" or forward and all
 * after it, a signature ("-- ", or a sign-off such as "Best," with a short
 * name block), "Sent from my ..." and the lines of the recruiter's InMail
 * if they were pasted back (inmail, inmail_len; NULL, 0 when unknown).
 * The text need not be UTF-8 nor NUL-terminated; nothing is allocated.
 * Always fills *out; never fails. */
void im_strip(const char *text, size_t len, const char *inmail,
	      size_t inmail_len, struct im_strip *out);

/* "quote", "attribution", "original", "signature", "device", "inmail". */
const char *im_strip_kind_name(enum im_strip_kind kind);

/* Classifies len bytes of text (no NUL needed), read without what
 * im_strip() takes out (quotes, signatures).  Fills *out only on
 * IM_CLASSIFY_OK.  Deterministic: the same text always gives the same
 * answer. */
enum im_classify_result im_classify(const char *text, size_t len,
				    struct im_classification *out);

/* im_classify() with what the stripping knows: reads only the candidate's
 * own words (im_strip(), with the recruiter's InMail as context when
 * inmail is not NULL) and, when strip is not NULL, fills *strip with what
 * was kept and cut (offsets into text).  out->features are then the
 * explanation: up to IM_CLASSIFY_MAX_FEATURES features, strongest first,
 * each its text (copied into out: no lifetime to manage) and weight (> 0
 * toward decline).  Same results and contract as im_classify(); fills
 * *out and *strip only on IM_CLASSIFY_OK. */
enum im_classify_result im_classify_reply(const char *text, size_t len,
					  const char *inmail, size_t inmail_len,
					  struct im_classification *out,
					  struct im_strip *strip);

/* Writes "read as decline (0.91)" into buf (size bytes, NUL-terminated).
 * Returns its length, or -1 if c or buf is NULL or buf is too small. */
int im_classify_describe(const struct im_classification *c, char *buf,
			 size_t size);

/* "accept" / "decline". */
const char *im_label_name(enum im_label label);

#endif
