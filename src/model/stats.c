/* A recruiter's statistics: thread outcomes, credits back, response rate. */
#include <string.h>

#include "model_int.h"

enum im_status im_stats_get(struct im_model *m, struct im_stats *out)
{
	memset(out, 0, sizeof *out);
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "statistics");
	if (st != IM_OK)
		return st;
	im_model_catch_up(m);
	/* One snapshot: the balance and the counts agree with each other. */
	if ((st = im_store_begin_read(m->store)) != IM_OK)
		return model_store_fail(m, st);
	const struct im_account *me = im_model_actor(m);
	struct im_store_thread_counts c = {0};
	st = im_store_thread_counts(m->store, me->id, m->now, IM_CREDIT_WINDOW, &c);
	if (st == IM_OK)
		st = im_store_rate_counts(m->store, me->id, m->now,
					  &out->counted_messages,
					  &out->responded_messages,
					  &out->unanswered_messages);
	im_store_end_read(m->store);
	if (st != IM_OK)
		return model_store_fail(m, st);
	out->credits = me->credits;
	out->sent = c.sent;
	out->accepted = c.accepted;
	out->declined = c.declined;
	out->pending = c.pending;
	out->unanswered = c.unanswered;
	out->credited_back = c.refunded;
	/* Pending messages are in neither number; nothing decided, no rate. */
	int64_t decided = out->responded_messages + out->unanswered_messages;
	out->has_rate = decided > 0;
	if (out->has_rate)
		out->response_rate = (double)out->responded_messages / (double)decided;
	return IM_OK;
}
