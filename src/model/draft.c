/* Drafts of the acting account, saved as they are typed. */
#include <string.h>

#include "model_int.h"

/* A draft is saved at every key: it may wait only a moment for another
 * session's write, and the caller saves again later. */
#define DRAFT_WAIT_MS 100

enum im_status im_draft_load(struct im_model *m, int64_t thread,
			     struct im_draft *out)
{
	memset(out, 0, sizeof *out);
	enum im_status st = model_need_actor(m, -1, "drafts");
	if (st != IM_OK)
		return st;
	st = im_store_draft_load(m->store, m->actor.id, thread, out);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}

static enum im_status draft_save_once(struct im_model *m, int64_t thread,
			     const struct im_draft *d)
{
	enum im_status st = model_need_actor(m, -1, "drafts");
	if (st != IM_OK)
		return st;
	struct im_draft copy = *d;
	copy.saved_at = m->now;
	bool busy;
	st = model_begin_within(m, DRAFT_WAIT_MS, &busy);
	if (st == IM_OK)
		st = im_store_draft_save(m->store, m->actor.id, thread, &copy);
	if (busy)
		model_fail(m, st, "draft kept, not saved yet: another "
			   "session is writing");
	else if (st != IM_OK)
		model_store_fail(m, st);
	return model_finish(m, st);
}

enum im_status im_draft_save(struct im_model *m, int64_t thread,
			     const struct im_draft *d)
{
	MODEL_RETRIED(m, draft_save_once(m, thread, d));
}

static enum im_status draft_discard_once(struct im_model *m, int64_t thread)
{
	enum im_status st = model_need_actor(m, -1, "drafts");
	if (st != IM_OK)
		return st;
	bool busy;
	st = model_begin_within(m, DRAFT_WAIT_MS, &busy);
	if (st == IM_OK)
		st = im_store_draft_discard(m->store, m->actor.id, thread);
	if (st != IM_OK)
		model_store_fail(m, st);
	return model_finish(m, st);
}

enum im_status im_draft_discard(struct im_model *m, int64_t thread)
{
	MODEL_RETRIED(m, draft_discard_once(m, thread));
}
