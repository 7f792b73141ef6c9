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
	struct im_store_thread_counts c;
	struct im_store_rate_counts r;
	/* A thread without a response is pending while inside the credit
	 * window, a counted message while inside the rate window (SPEC 3):
	 * created, or sent, at or after now minus the window. */
	st = im_store_thread_counts(m->store, me->id, m->now - IM_CREDIT_WINDOW,
				    &c);
	if (st == IM_OK)
		st = im_store_rate_counts(m->store, me->id,
					  m->now - IM_RATE_WINDOW, &r);
	im_store_end_read(m->store);
	if (st != IM_OK)
		return model_store_fail(m, st);
	out->credits = me->credits;
	out->sent = c.threads;
	out->accepted = c.by_state[IM_STATE_ACCEPTED];
	out->declined = c.by_state[IM_STATE_DECLINED];
	out->pending = c.unresponded_since;
	out->unanswered = c.unresponded - c.unresponded_since;
	out->credited_back = c.refunded;
	/* Settled not responded: the response came after the window. */
	out->counted_messages = r.counted;
	out->responded_messages = r.responded;
	out->unanswered_messages = r.settled - r.responded + r.waiting -
				   r.waiting_since;
	/* Pending messages are in neither number; nothing decided, no rate. */
	int64_t decided = out->responded_messages + out->unanswered_messages;
	out->has_rate = decided > 0;
	if (out->has_rate)
		out->response_rate = (double)out->responded_messages / (double)decided;
	return IM_OK;
}
