/* Writing in a thread: the candidate's response in its four ways (SPEC 2),
 * later conversation, and the recruiter's follow-ups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/classify.h"
#include "inmail/text.h"
#include "model_int.h"
#include "templates.h"

const char *im_template(enum im_smart smart)
{
	switch (smart) {
	case IM_SMART_YES: return IM_TEMPLATE_YES;
	case IM_SMART_NO: return IM_TEMPLATE_NO;
	default: return "";
	}
}

const char *im_smart_label(enum im_smart smart)
{
	switch (smart) {
	case IM_SMART_YES: return "Yes, interested\xE2\x80\xA6";
	case IM_SMART_NO: return "No thanks";
	default: return "";
	}
}

static bool is_end_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool im_is_template(enum im_smart smart, const char *text)
{
	if (smart == IM_SMART_NONE || !text)
		return false;
	const char *tpl = im_template(smart);
	size_t len = strlen(text);
	while (len && is_end_space(text[len - 1]))
		len--;
	while (len && is_end_space(*text)) {
		text++;
		len--;
	}
	return len == strlen(tpl) && memcmp(text, tpl, len) == 0;
}

char *model_notification_text(enum im_state state, const char *name)
{
	char *text = NULL;
	int rc = state == IM_STATE_ACCEPTED
		? asprintf(&text, IM_NOTIFY_ACCEPTED, name)
		: asprintf(&text, IM_NOTIFY_DECLINED, name);
	return rc < 0 ? NULL : text;
}

bool model_credit_back(im_time created, im_time responded)
{
	return responded - created <= IM_CREDIT_WINDOW;
}

/* Each InMail and each follow-up, automated or by hand, is one counted
 * message (SPEC 3); the windows of the 30-day rate and the 90-day credit
 * back. */
const struct im_store_rules model_store_rules = {
	.counted = {IM_KIND_INMAIL, IM_KIND_FOLLOWUP},
	.rate_window = IM_RATE_WINDOW,
	.credit_window = IM_CREDIT_WINDOW,
	.ledger_opening = IM_LEDGER_OPENING,
	.credit_role = IM_ROLE_RECRUITER,
};

bool im_message_explain(const struct im_message *msg, char *words,
			size_t size)
{
	if (size)
		words[0] = '\0';
	struct im_classification c;
	if (!msg || !msg->classified || !msg->body ||
	    im_classify(msg->body, strlen(msg->body), &c) != IM_CLASSIFY_OK)
		return false;
	size_t len = 0;
	for (size_t i = 0; i < c.n_features && i < 4 && len < size; i++) {
		const struct im_feature *f = &c.features[i];
		/* A positive weight pushes to decline. */
		int n = snprintf(words + len, size - len, "%s%s%s",
				 i ? " " : "", f->weight > 0 ? "-" : "+",
				 f->text);
		if (n < 0)
			break;
		len += (size_t)n;
	}
	return true;
}

bool model_counts_for_rate(enum im_kind kind)
{
	return kind == model_store_rules.counted[0] ||
	       kind == model_store_rules.counted[1];
}

im_time model_rate_responded_from(im_time responded_at)
{
	return responded_at - IM_RATE_WINDOW;
}

enum im_status model_judge_response(struct im_model *m, enum im_smart smart,
				    const char *text, struct model_response *r)
{
	memset(r, 0, sizeof *r);
	if (smart != IM_SMART_NONE) {
		bool as_is = im_is_template(smart, text);
		r->how = as_is ? IM_RESPONSE_SMART_TEMPLATE
			       : IM_RESPONSE_SMART_EDITED;
		r->state = smart == IM_SMART_YES ? IM_STATE_ACCEPTED
						 : IM_STATE_DECLINED;
		r->blocked = smart == IM_SMART_NO && as_is;
		return IM_OK;
	}
	enum im_classify_result cr = im_classify(text, strlen(text), &r->cls);
	if (cr != IM_CLASSIFY_OK)
		return model_fail(m, IM_ERR_INVALID,
				  "the response cannot be classified (%s)",
				  cr == IM_CLASSIFY_TOO_LONG ? "too long"
				  : cr == IM_CLASSIFY_EMPTY  ? "empty"
							     : "not UTF-8");
	r->how = IM_RESPONSE_CUSTOM;
	r->classified = true;
	r->state = r->cls.label == IM_LABEL_ACCEPT ? IM_STATE_ACCEPTED
						   : IM_STATE_DECLINED;
	return IM_OK;
}

/* The candidate's first message: response, credit back, notification.
 * Inside the caller's transaction. */
static enum im_status respond(struct im_model *m, struct im_store_thread *row,
			      const struct model_response *r, const char *text,
			      int64_t *message_id)
{
	struct im_thread *t = &row->t;
	bool refund = model_credit_back(t->created_at, m->now);
	char *note = model_notification_text(r->state, t->candidate.name);
	if (!note)
		return model_fail(m, IM_ERR_NOMEM, "out of memory");
	struct im_store_message msg = {
		.thread = t->id,
		.sender = m->actor.id,
		.side = IM_SIDE_CANDIDATE,
		.kind = IM_KIND_MESSAGE,
		.body = text,
		.sent_at = m->now,
		.classified = r->classified,
		.label = r->cls.label,
		.confidence = r->cls.confidence,
	};
	struct im_store_message line = {
		.thread = t->id,
		.kind = IM_KIND_SYSTEM,
		.body = note,
		.sent_at = m->now,
	};
	enum im_status st = im_store_message_insert(m->store, &msg, message_id);
	if (st == IM_OK)
		st = im_store_thread_respond(m->store, t->id, r->state, r->how,
					     m->now, r->blocked, refund);
	if (st == IM_OK)
		st = im_store_rate_settle(m->store, t->id,
					  model_rate_responded_from(m->now));
	/* A credit back is never refused by the cap on grants (SPEC 5). */
	if (st == IM_OK && refund)
		st = im_store_credits_add(m->store, t->recruiter.id,
					  IM_INMAIL_COST);
	if (st == IM_OK && refund)
		st = im_store_ledger_add(m->store, t->recruiter.id,
					 IM_LEDGER_CREDIT_BACK, IM_INMAIL_COST,
					 t->id, m->now);
	if (st == IM_OK)
		st = im_store_message_insert(m->store, &line, NULL);
	if (st == IM_OK)
		st = im_store_notification_insert(m->store, t->recruiter.id,
						  t->id, note, m->now, false);
	free(note);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}

/* A message after the response, or a recruiter's follow-up while pending.
 * Inside the caller's transaction. */
static enum im_status converse(struct im_model *m, struct im_store_thread *row,
			       enum im_side side, enum im_kind kind,
			       const char *text, int64_t *message_id)
{
	struct im_store_message msg = {
		.thread = row->t.id,
		.sender = m->actor.id,
		.side = side,
		.kind = kind,
		.body = text,
		.sent_at = m->now,
		.counted = model_counts_for_rate(kind),
	};
	enum im_status st = im_store_message_insert(m->store, &msg, message_id);
	/* Any word from the candidate lifts a templated-only block. */
	if (st == IM_OK && side == IM_SIDE_CANDIDATE && row->t.blocked)
		st = im_store_thread_set_blocked(m->store, row->t.id, false);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}

/* Checks the text, which needs no database; *text is malloc'd on
 * success. */
static enum im_status prepare_text(struct im_model *m, const char *body,
				   const char *fallback, char **text)
{
	*text = NULL;
	const char *src = body ? body : fallback;
	if (!src)
		return model_fail(m, IM_ERR_USAGE, "nothing to send: give a body");
	enum im_status st = model_check_text(m, "the message", src, IM_BODY_MAX,
					     true);
	if (st == IM_OK && !(*text = im_text_normalize_newlines(src, strlen(src))))
		st = model_fail(m, IM_ERR_NOMEM, "out of memory");
	return st;
}

/* Opens the write transaction a message is decided and written in: the
 * due follow-ups first (rolled back with the rest if the message is
 * refused), then the thread as it stands now, whoever else is writing. */
static enum im_status begin_in_thread(struct im_model *m, int64_t thread,
				      struct im_store_thread *row,
				      enum im_side *side)
{
	size_t sent;
	enum im_status st = model_begin(m);
	if (st != IM_OK)
		return model_store_fail(m, st);
	st = model_catch_up_within(m, &sent);
	if (st == IM_OK)
		st = model_thread_load(m, thread, row, side);
	if (st == IM_OK)
		st = model_check_clock(m, &row->t);
	return st;
}

/* What the candidate's message is, decided with the thread as it stands
 * inside the transaction: two first responses at once give one response,
 * and the other is told it came second. */
static enum im_status candidate_writes(struct im_model *m,
				       struct im_store_thread *row,
				       enum im_smart smart, const char *text,
				       struct im_reply_result *res)
{
	int64_t *message_id = &res->message_id;
	if (!row->t.responded) {
		struct model_response r;
		enum im_status st = model_judge_response(m, smart, text, &r);
		*res = (struct im_reply_result){
			.kind = IM_KIND_MESSAGE, .response = true,
			.state = r.state, .how = r.how,
			.classified = r.classified, .label = r.cls.label,
			.confidence = r.cls.confidence, .blocked = r.blocked};
		return st == IM_OK ? respond(m, row, &r, text, message_id) : st;
	}
	if (smart != IM_SMART_NONE)
		return model_fail(m, IM_ERR_NOT_PERMITTED,
				  "not permitted: you have already answered "
				  "this InMail (thread %lld); smart replies are "
				  "only for the first answer, so write a "
				  "message instead", (long long)row->t.id);
	return converse(m, row, IM_SIDE_CANDIDATE, IM_KIND_MESSAGE, text,
			message_id);
}

static enum im_status reply_once(struct im_model *m, int64_t thread, enum im_smart smart,
			const char *body, struct im_reply_result *out)
{
	struct im_reply_result res = {.kind = IM_KIND_MESSAGE};
	int64_t *message_id = &res.message_id;
	struct im_store_thread row = {0};
	enum im_side side;
	char *text = NULL;
	const char *fallback = smart != IM_SMART_NONE ? im_template(smart) : NULL;
	enum im_status st = model_need_actor(m, -1, "writing in a thread");
	if (st == IM_OK && smart != IM_SMART_NONE &&
	    m->actor.role == IM_ROLE_RECRUITER)
		st = model_fail(m, IM_ERR_NOT_PERMITTED,
				"not permitted: smart replies are the "
				"candidate's; a recruiter writes a body");
	if (st == IM_OK)
		st = prepare_text(m, body, fallback, &text);
	if (st != IM_OK)
		return st;
	st = begin_in_thread(m, thread, &row, &side);
	if (st == IM_OK && side == IM_SIDE_RECRUITER) {
		if (!row.t.can_reply) {
			st = model_fail(m, IM_ERR_NOT_PERMITTED, "%s", row.t.reason);
		} else {
			res.kind = row.t.responded ? IM_KIND_MESSAGE
						   : IM_KIND_FOLLOWUP;
			st = converse(m, &row, side, res.kind, text, message_id);
		}
	} else if (st == IM_OK) {
		st = candidate_writes(m, &row, smart, text, &res);
	}
	st = model_finish(m, st);
	if (st == IM_OK && out)
		*out = res;
	free(text);
	im_store_thread_clear(&row);
	return st;
}

enum im_status im_reply(struct im_model *m, int64_t thread, enum im_smart smart,
			const char *body, struct im_reply_result *out)
{
	MODEL_RETRIED(m, reply_once(m, thread, smart, body, out));
}

static enum im_status followup_once(struct im_model *m, int64_t thread,
			   const char *body, int64_t *message_id)
{
	struct im_store_thread row = {0};
	enum im_side side;
	char *text = NULL;
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "a follow-up");
	if (st == IM_OK)
		st = prepare_text(m, body, NULL, &text);
	if (st != IM_OK)
		return st;
	st = begin_in_thread(m, thread, &row, &side);
	if (st == IM_OK && !row.t.can_reply)
		st = model_fail(m, IM_ERR_NOT_PERMITTED, "%s", row.t.reason);
	else if (st == IM_OK && row.t.responded)
		st = model_fail(m, IM_ERR_NOT_PERMITTED,
				"not permitted: %s has responded, so this is no "
				"longer a follow-up; use 'inmail reply %lld'",
				row.t.candidate.name, (long long)thread);
	else if (st == IM_OK)
		st = converse(m, &row, side, IM_KIND_FOLLOWUP, text, message_id);
	st = model_finish(m, st);
	free(text);
	im_store_thread_clear(&row);
	return st;
}

enum im_status im_followup(struct im_model *m, int64_t thread,
			   const char *body, int64_t *message_id)
{
	MODEL_RETRIED(m, followup_once(m, thread, body, message_id));
}
