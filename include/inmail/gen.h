/* A large, deterministic, realistic data set for benchmarks (SPEC 5
 * `inmail gen`), written through the store code the program uses. */
#ifndef INMAIL_GEN_H
#define INMAIL_GEN_H

#include <stdint.h>

#include "inmail/model.h"

struct im_gen_params {
	int64_t recruiters;  /* >= 1 */
	int64_t candidates;  /* >= 1 */
	int64_t threads;     /* >= 0 */
	int64_t messages;    /* >= threads: every thread holds its InMail */
	uint64_t seed;
	/* Called now and then with messages written so far; may be NULL. */
	void (*progress)(void *arg, int64_t done, int64_t total);
	void *progress_arg;
};

/* Fills an empty database: accounts, then threads spread over the two years
 * before now, in every state and response kind, with follow-ups,
 * notifications, unread and archived threads.  The same parameters always
 * give the same data.  IM_ERR_USAGE for parameters that do not fit. */
enum im_status im_gen(struct im_model *m, const struct im_gen_params *p);

#endif
