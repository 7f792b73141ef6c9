/* Private to the model: the handle and the helpers its files share. */
#ifndef INMAIL_MODEL_INT_H
#define INMAIL_MODEL_INT_H

#include "inmail/model.h"
#include "store.h"

struct im_model {
	struct im_store *store;
	im_time now;
	im_time caught_up_to; /* follow-ups are sent up to this time */
	struct im_account actor;
	bool has_actor;
	char err[512];
};

/* Keeps a formatted line as the model's error and returns st. */
enum im_status model_fail(struct im_model *m, enum im_status st,
			  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Takes the store's error line as the model's; returns st. */
enum im_status model_store_fail(struct im_model *m, enum im_status st);

/* Requires an acting account, of role when role >= 0. */
enum im_status model_need_actor(struct im_model *m, int role,
				const char *doing);

/* Checks a text field; what names it in the error ("the body"). */
enum im_status model_check_text(struct im_model *m, const char *what,
				const char *s, size_t max_chars,
				bool multiline);

/* Loads a thread the acting account takes part in, judged as that account
 * sees it (im_thread fields derived), and which side the account is on. */
enum im_status model_thread_load(struct im_model *m, int64_t id,
				 struct im_store_thread *row,
				 enum im_side *side);

/* Derives the fields of row->t that depend on now and on the side. */
void model_thread_judge(const struct im_model *m, struct im_store_thread *row,
			enum im_side side);

/* Commits, or rolls back and keeps the store's error when st failed. */
enum im_status model_finish(struct im_model *m, enum im_status st);

#endif
