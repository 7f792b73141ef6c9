/* The 13 % guardrail (SPEC 9).  A recruiter whose InMails sent in the
 * last 14 days number at least 100, fewer than 13 % of them with a
 * response, is warned from the moment that is observed; 7 x 24 h after
 * the warning, still below, sends to more than one candidate are refused
 * for exactly 14 days.  The counts are the store's day buckets of the
 * threads (created, and of those without a response); the warning's start
 * is a fact recorded in the transaction that observes it, so every
 * session judges from the same moment. */
#include <string.h>

#include "model_int.h"

#define GUARDRAIL_WINDOW IM_GUARDRAIL_WINDOW
#define GUARDRAIL_MIN_SENT IM_GUARDRAIL_MIN_SENT
#define GUARDRAIL_PERCENT IM_GUARDRAIL_PERCENT
#define GUARDRAIL_GRACE IM_GUARDRAIL_GRACE
#define GUARDRAIL_RESTRICTION IM_GUARDRAIL_RESTRICTION

/* Whether the measure at now is below: at least 100 InMails in the
 * window and responses to fewer than 13 % of them. */
static enum im_status below_now(struct im_model *m, int64_t recruiter,
				struct im_guardrail *g, bool *below)
{
	struct im_store_thread_counts c;
	enum im_status st = im_store_thread_counts(m->store, recruiter,
						   m->now - GUARDRAIL_WINDOW, &c);
	if (st != IM_OK)
		return model_store_fail(m, st);
	g->sent = c.created_since;
	g->responded = c.created_since - c.unresponded_since;
	*below = g->sent >= GUARDRAIL_MIN_SENT &&
		 g->responded * 100 < GUARDRAIL_PERCENT * g->sent;
	g->below = *below;
	return IM_OK;
}

/* Whether the measure as of at was below: the InMails sent in the 14
 * days to at, and of those the ones with a response by at.  What a look
 * at exactly that moment would have seen, whenever the look comes. */
static enum im_status below_at(struct im_model *m, int64_t recruiter,
			       im_time at, bool *below)
{
	int64_t sent = 0, answered = 0;
	enum im_status st = im_store_answered_by(m->store, recruiter,
						 at - GUARDRAIL_WINDOW, at, at,
						 &sent, &answered);
	if (st != IM_OK)
		return model_store_fail(m, st);
	*below = sent >= GUARDRAIL_MIN_SENT &&
		 answered * 100 < GUARDRAIL_PERCENT * sent;
	return IM_OK;
}

/* The episode as of now, from what was recorded: each mark that passed
 * since (the seventh day, the restriction's end) is judged by the
 * measure as of that mark, not as of the look, so the outcome is the same
 * whoever looks when.  An episode that ends at a mark where the measure
 * is below starts the next warning at that mark. */
static enum im_status episode(struct im_model *m, int64_t recruiter,
			      im_time *since, im_time *until)
{
	for (;;) {
		im_time end = 0;
		bool below = false;
		enum im_status st;
		if (*since && !*until && m->now >= *since + GUARDRAIL_GRACE) {
			im_time mark = *since + GUARDRAIL_GRACE;
			if ((st = below_at(m, recruiter, mark, &below)) != IM_OK)
				return st;
			if (below) {
				*until = mark + GUARDRAIL_RESTRICTION;
				continue;
			}
			end = mark;
		} else if (*until && m->now >= *until) {
			end = *until;
			if ((st = below_at(m, recruiter, end, &below)) != IM_OK)
				return st;
		} else {
			return IM_OK;
		}
		*since = below ? end : 0;
		*until = 0;
	}
}

enum im_status model_guardrail(struct im_model *m, int64_t recruiter,
			       bool record, struct im_guardrail *g,
			       bool *changed)
{
	memset(g, 0, sizeof *g);
	if (changed)
		*changed = false;
	im_time since = 0, until = 0;
	enum im_status st = im_store_guardrail_get(m->store, recruiter, &since,
						   &until);
	if (st != IM_OK)
		return model_store_fail(m, st);
	bool below = false;
	if ((st = below_now(m, recruiter, g, &below)) != IM_OK)
		return st;
	im_time was_since = since, was_until = until;
	/* A restriction over, or a seventh day passed above 13 %, ends the
	 * episode; the measure then starts it again or not. */
	if ((st = episode(m, recruiter, &since, &until)) != IM_OK)
		return st;
	if (!since && below)
		since = m->now;
	if (changed)
		*changed = since != was_since || until != was_until;
	if (record && (since != was_since || until != was_until)) {
		st = im_store_guardrail_set(m->store, recruiter, since, until);
		if (st != IM_OK)
			return model_store_fail(m, st);
	}
	g->since = since;
	g->until = until;
	g->judged_at = since && !until ? since + GUARDRAIL_GRACE : 0;
	g->state = until ? IM_GUARDRAIL_RESTRICTED
		 : since ? IM_GUARDRAIL_WARNED
			 : IM_GUARDRAIL_OK;
	return IM_OK;
}

enum im_status model_guardrail_gate(struct im_model *m, size_t n_to)
{
	struct im_guardrail g;
	enum im_status st = model_guardrail(m, m->actor.id, true, &g, NULL);
	if (st != IM_OK || n_to <= 1 || g.state != IM_GUARDRAIL_RESTRICTED)
		return st;
	char iso[IM_ISO_LEN], mark[IM_ISO_LEN];
	im_clock_format_iso(g.until, iso);
	im_clock_format_iso(g.until - GUARDRAIL_RESTRICTION, mark);
	/* Said of the seventh day that decided it: by now those InMails may
	 * have answers, or have left the 14 days. */
	return model_fail(m, IM_ERR_NOT_PERMITTED,
			  "not permitted: sending to more than one candidate "
			  "at once is restricted until %s (fewer than %d %% of "
			  "your InMails of the 14 days to %s had a response "
			  "then); one-to-one InMail is allowed", iso,
			  GUARDRAIL_PERCENT, mark);
}

enum im_status im_guardrail_get(struct im_model *m, struct im_guardrail *out)
{
	memset(out, 0, sizeof *out);
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "the guardrail");
	if (st != IM_OK)
		return st;
	/* Judged in a snapshot; a change is recorded when it can be at once
	 * (another session may be writing: then the next look records it). */
	bool changed = false;
	if ((st = im_store_begin_read(m->store)) != IM_OK)
		return model_store_fail(m, st);
	st = model_guardrail(m, m->actor.id, false, out, &changed);
	im_store_end_read(m->store);
	if (st != IM_OK || !changed)
		return st;
	bool busy = false;
	struct im_guardrail g;
	if (model_begin_within(m, 200, &busy) != IM_OK)
		return IM_OK;
	if (model_guardrail(m, m->actor.id, true, &g, NULL) == IM_OK &&
	    im_store_commit(m->store) == IM_OK) {
		*out = g;
		return IM_OK;
	}
	im_store_rollback(m->store);
	return IM_OK;
}

const char *im_guardrail_name(enum im_guardrail_state s)
{
	switch (s) {
	case IM_GUARDRAIL_WARNED: return "warned";
	case IM_GUARDRAIL_RESTRICTED: return "restricted";
	default: return "ok";
	}
}
