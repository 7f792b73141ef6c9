/* Sending InMail: one thread and one credit per candidate, all or nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/text.h"
#include "model_int.h"

/* Checks every candidate before anything is written; fills ids. */
static enum im_status resolve_candidates(struct im_model *m,
					 const struct im_send_request *req,
					 int64_t *ids)
{
	for (size_t i = 0; i < req->n_to; i++) {
		for (size_t j = 0; j < i; j++)
			if (strcmp(req->to[i], req->to[j]) == 0)
				return model_fail(m, IM_ERR_USAGE,
						  "%s is named twice; each "
						  "candidate gets one InMail",
						  req->to[i]);
		struct im_account a = {0};
		enum im_status st =
			im_store_account_by_handle(m->store, req->to[i], &a);
		if (st != IM_OK)
			return model_store_fail(m, st);
		enum im_role role = a.role;
		ids[i] = a.id;
		im_account_clear(&a);
		if (role != IM_ROLE_CANDIDATE)
			return model_fail(m, IM_ERR_NOT_PERMITTED,
					  "not permitted: %s is a recruiter; "
					  "InMail goes to candidates",
					  req->to[i]);
	}
	return IM_OK;
}

/* One pending InMail per candidate (SPEC 9): while this recruiter's
 * InMail to a candidate has no response and its 90-day window is open, a
 * new one to them is refused, the whole send with it.  Inside the
 * transaction. */
static enum im_status check_pending(struct im_model *m,
				    const struct im_send_request *req,
				    const int64_t *ids)
{
	char *names = NULL, when[40] = "";
	size_t len = 0, found = 0;
	FILE *f = open_memstream(&names, &len);
	if (!f)
		return model_fail(m, IM_ERR_NOMEM, "out of memory");
	enum im_status st = IM_OK;
	for (size_t i = 0; st == IM_OK && i < req->n_to; i++) {
		int64_t thread;
		im_time created;
		st = im_store_pending_between(m->store, m->actor.id, ids[i],
					      m->now - IM_CREDIT_WINDOW, &thread,
					      &created);
		if (st != IM_OK || !thread)
			continue;
		struct im_account a = {0};
		if ((st = im_store_account_by_id(m->store, ids[i], &a)) != IM_OK)
			break;
		fprintf(f, "%s%s", found++ ? ", " : "", a.name);
		im_account_clear(&a);
		im_clock_format_short(created, m->now, when, sizeof when);
	}
	fclose(f);
	if (st != IM_OK) {
		free(names);
		return model_store_fail(m, st);
	}
	if (found == 1)
		st = model_fail(m, IM_ERR_NOT_PERMITTED,
				"%s has not answered your InMail of %s yet; "
				"send a follow-up instead%s", names, when,
				req->n_to > 1 ? "; nothing was sent" : "");
	else if (found > 1)
		st = model_fail(m, IM_ERR_NOT_PERMITTED,
				"%s have not answered your InMails yet; send "
				"follow-ups instead; nothing was sent", names);
	free(names);
	return st;
}

static enum im_status check_request(struct im_model *m,
				    const struct im_send_request *req)
{
	if (req->n_to == 0)
		return model_fail(m, IM_ERR_USAGE, "no candidate to send to");
	/* Per candidate (a template's rendering, SPEC 9): each checked as
	 * its own request. */
	for (size_t i = 0; req->subjects && i < req->n_to; i++) {
		struct im_send_request one = *req;
		one.n_to = 1;
		one.subjects = NULL;
		one.subject = req->subjects[i];
		one.body = req->bodies[i];
		one.followup_body = req->followup_bodies
			? req->followup_bodies[i] : NULL;
		enum im_status st = check_request(m, &one);
		if (st != IM_OK || i + 1 == req->n_to)
			return st;
	}
	enum im_status st = model_check_text(m, "the subject", req->subject,
					     IM_SUBJECT_MAX, false);
	if (st == IM_OK)
		st = model_check_text(m, "the body", req->body, IM_BODY_MAX,
				      true);
	if (st != IM_OK || !req->followup_body)
		return st;
	if (req->followup_days < IM_FOLLOWUP_MIN_DAYS ||
	    req->followup_days > IM_FOLLOWUP_MAX_DAYS)
		return model_fail(m, IM_ERR_INVALID,
				  "an automated follow-up comes after %d to %d "
				  "days (got %d)", IM_FOLLOWUP_MIN_DAYS,
				  IM_FOLLOWUP_MAX_DAYS, req->followup_days);
	if (m->now > IM_TIME_MAX - req->followup_days * IM_DAY)
		return model_fail(m, IM_ERR_INVALID,
				  "an automated follow-up after %d days would "
				  "fall after 9999-12-31, the end of inmail's "
				  "clock", req->followup_days);
	return model_check_text(m, "the follow-up", req->followup_body,
				IM_BODY_MAX, true);
}

/* The template the InMails say they were sent from (SPEC 9's report)
 * is one of the acting recruiter's, read inside the transaction: a
 * form's pick removed meanwhile is refused, never recorded. */
static enum im_status check_template(struct im_model *m, const char *name,
				     int64_t *id)
{
	*id = 0;
	if (!name)
		return IM_OK;
	struct im_store_template t = {0};
	enum im_status st = im_store_template_get(m->store, m->actor.id, name, &t);
	*id = t.id; /* its identity, recorded with each InMail (SPEC 9) */
	im_store_template_clear(&t);
	if (st == IM_ERR_NOT_FOUND)
		return model_fail(m, st, "you have no template named '%s' (removed "
				  "since?); nothing was sent", name);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}

/* The balance, read inside the transaction: it is the authority, whatever
 * another session spent a moment ago. */
static enum im_status check_balance(struct im_model *m, int64_t cost,
				    int64_t *balance)
{
	struct im_account me = {0};
	enum im_status st = im_store_account_by_id(m->store, m->actor.id, &me);
	if (st != IM_OK)
		return model_store_fail(m, st);
	int64_t credits = me.credits;
	im_account_clear(&me);
	if (balance)
		*balance = credits;
	if (credits >= cost)
		return IM_OK;
	return model_fail(m, IM_ERR_NO_CREDITS,
			  credits == 0 ? "no InMail credits left (%lld needed); "
					 "nothing was sent"
				       : "not enough InMail credits: %lld needed, "
					 "%lld left; nothing was sent",
			  (long long)cost, (long long)credits);
}

static enum im_status send_once(struct im_model *m, const struct im_send_request *req,
		       int64_t *thread_ids)
{
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "sending InMail");
	if (st == IM_OK)
		st = check_request(m, req);
	if (st != IM_OK)
		return st;
	int64_t *cands = calloc(req->n_to, sizeof *cands);
	/* Per candidate texts: normalized one by one below. */
	const char *body0 = req->subjects ? "-" : req->body;
	const char *fbody0 = req->subjects
		? (req->followup_bodies && req->followup_bodies[0] ? "-" : NULL)
		: req->followup_body;
	char *body = im_text_normalize_newlines(body0, strlen(body0));
	char *fbody = fbody0
		? im_text_normalize_newlines(fbody0, strlen(fbody0))
		: NULL;
	if (!cands || !body || (fbody0 && !fbody)) {
		st = model_fail(m, IM_ERR_NOMEM, "out of memory");
		goto out;
	}
	int64_t cost = (int64_t)req->n_to * IM_INMAIL_COST;
	im_time fat = fbody ? m->now + req->followup_days * IM_DAY : 0;
	size_t caught;
	int64_t template_id = 0;
	/* Every check that decides the send is made inside the transaction
	 * that makes it. */
	st = model_begin(m);
	if (st != IM_OK)
		model_store_fail(m, st);
	if (st == IM_OK)
		st = model_catch_up_within(m, &caught);
	if (st == IM_OK)
		st = model_guardrail_gate(m, req->n_to);
	if (st == IM_OK)
		st = resolve_candidates(m, req, cands);
	if (st == IM_OK)
		st = check_pending(m, req, cands);
	if (st == IM_OK)
		st = check_template(m, req->template_name, &template_id);
	if (st == IM_OK)
		st = check_balance(m, cost, req->dry_run_credits);
	/* A dry run stops here, every check made: nothing it read or caught
	 * up is kept. */
	if (req->dry_run) {
		im_store_rollback(m->store);
		goto out;
	}
	if (st == IM_OK && (st = im_store_credits_add(m->store, m->actor.id,
						       -cost)) != IM_OK)
		model_store_fail(m, st);
	for (size_t i = 0; st == IM_OK && i < req->n_to; i++) {
		int64_t tid = 0;
		const char *subject = req->subject;
		if (req->subjects) {
			subject = req->subjects[i];
			free(body);
			free(fbody);
			const char *fb = req->followup_bodies
				? req->followup_bodies[i] : NULL;
			body = im_text_normalize_newlines(req->bodies[i],
							  strlen(req->bodies[i]));
			fbody = fb ? im_text_normalize_newlines(fb, strlen(fb))
				   : NULL;
			if (!body || (fb && !fbody)) {
				st = model_fail(m, IM_ERR_NOMEM, "out of memory");
				break;
			}
		}
		st = im_store_thread_insert(m->store, m->actor.id, cands[i],
					    subject, m->now, fat, fbody,
					    req->template_name, template_id, &tid);
		struct im_store_message msg = {
			.thread = tid,
			.sender = m->actor.id,
			.side = IM_SIDE_RECRUITER,
			.kind = IM_KIND_INMAIL,
			.body = body,
			.sent_at = m->now,
			.counted = model_counts_for_rate(IM_KIND_INMAIL),
		};
		if (st == IM_OK)
			st = im_store_message_insert(m->store, &msg, NULL);
		/* The credit it cost, in the ledger (SPEC 9). */
		if (st == IM_OK)
			st = im_store_ledger_add(m->store, m->actor.id,
						 IM_LEDGER_SPEND,
						 -IM_INMAIL_COST, tid, m->now);
		if (st == IM_OK && thread_ids)
			thread_ids[i] = tid;
		if (st == IM_OK && req->progress)
			req->progress(req->progress_ctx, i + 1, req->n_to);
		if (st != IM_OK)
			model_store_fail(m, st);
	}
	/* The send itself may start the warning (the 100th InMail). */
	if (st == IM_OK)
		st = model_guardrail_gate(m, 0);
	st = model_finish(m, st);
out:
	free(cands);
	free(body);
	free(fbody);
	return st;
}

enum im_status im_send(struct im_model *m, const struct im_send_request *req,
		       int64_t *thread_ids)
{
	MODEL_RETRIED(m, send_once(m, req, thread_ids));
}
