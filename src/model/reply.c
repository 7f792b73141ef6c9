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
		? asprintf(&text, "Candidate %s is interested in starting a "
				  "conversation. Please follow up soon to "
				  "continue the conversation.", name)
		: asprintf(&text, "Candidate %s declined your message.", name);
	return rc < 0 ? NULL : text;
}

bool model_credit_back(im_time created, im_time responded)
{
	return responded - created <= IM_CREDIT_WINDOW;
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

/* The candidate's first message: response, credit back, notification. */
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
	enum im_status st = im_store_begin(m->store);
	if (st == IM_OK)
		st = im_store_message_insert(m->store, &msg, message_id);
	if (st == IM_OK)
		st = im_store_thread_respond(m->store, t->id, r->state, r->how,
					     m->now, r->blocked, refund);
	if (st == IM_OK && refund)
		st = im_store_credits_add(m->store, t->recruiter.id,
					  IM_INMAIL_COST);
	if (st == IM_OK)
		st = im_store_message_insert(m->store, &line, NULL);
	if (st == IM_OK)
		st = im_store_notification_insert(m->store, t->recruiter.id,
						  t->id, note, m->now, false);
	free(note);
	if (st != IM_OK)
		model_store_fail(m, st);
	return model_finish(m, st);
}

/* A message after the response, or a recruiter's follow-up while pending. */
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
	};
	enum im_status st = im_store_begin(m->store);
	if (st == IM_OK)
		st = im_store_message_insert(m->store, &msg, message_id);
	/* Any word from the candidate lifts a templated-only block. */
	if (st == IM_OK && side == IM_SIDE_CANDIDATE && row->t.blocked)
		st = im_store_thread_set_blocked(m->store, row->t.id, false);
	if (st != IM_OK)
		model_store_fail(m, st);
	return model_finish(m, st);
}

/* Loads the thread and checks the text; text is malloc'd on success. */
static enum im_status prepare(struct im_model *m, int64_t thread,
			      const char *body, const char *fallback,
			      struct im_store_thread *row, enum im_side *side,
			      char **text)
{
	*text = NULL;
	enum im_status st = model_need_actor(m, -1, "writing in a thread");
	if (st == IM_OK)
		st = im_model_catch_up(m);
	if (st == IM_OK)
		st = model_thread_load(m, thread, row, side);
	if (st != IM_OK)
		return st;
	const char *src = body ? body : fallback;
	if (!src)
		return model_fail(m, IM_ERR_USAGE, "nothing to send: give a body");
	st = model_check_text(m, "the message", src, IM_BODY_MAX, true);
	if (st == IM_OK && !(*text = im_text_normalize_newlines(src, strlen(src))))
		st = model_fail(m, IM_ERR_NOMEM, "out of memory");
	if (st != IM_OK)
		im_store_thread_clear(row);
	return st;
}

enum im_status im_reply(struct im_model *m, int64_t thread, enum im_smart smart,
			const char *body, int64_t *message_id)
{
	struct im_store_thread row = {0};
	enum im_side side;
	char *text = NULL;
	const char *fallback = smart != IM_SMART_NONE ? im_template(smart) : NULL;
	if (smart != IM_SMART_NONE && m->has_actor &&
	    m->actor.role == IM_ROLE_RECRUITER)
		return model_fail(m, IM_ERR_NOT_PERMITTED,
				  "not permitted: smart replies are the "
				  "candidate's; a recruiter writes a body");
	enum im_status st = prepare(m, thread, body, fallback, &row, &side, &text);
	if (st != IM_OK)
		return st;
	bool pending = row.t.responded_at == 0;
	if (side == IM_SIDE_RECRUITER) {
		if (!row.t.can_reply)
			st = model_fail(m, IM_ERR_NOT_PERMITTED, "%s", row.t.reason);
		else
			st = converse(m, &row, side,
				      pending ? IM_KIND_FOLLOWUP : IM_KIND_MESSAGE,
				      text, message_id);
	} else if (pending) {
		struct model_response r;
		st = model_judge_response(m, smart, text, &r);
		if (st == IM_OK)
			st = respond(m, &row, &r, text, message_id);
	} else if (smart != IM_SMART_NONE) {
		st = model_fail(m, IM_ERR_NOT_PERMITTED,
				"not permitted: smart replies are offered only "
				"while the InMail awaits your response; write a "
				"message instead");
	} else {
		st = converse(m, &row, side, IM_KIND_MESSAGE, text, message_id);
	}
	free(text);
	im_store_thread_clear(&row);
	return st;
}

enum im_status im_followup(struct im_model *m, int64_t thread,
			   const char *body, int64_t *message_id)
{
	struct im_store_thread row = {0};
	enum im_side side;
	char *text = NULL;
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "a follow-up");
	if (st == IM_OK)
		st = prepare(m, thread, body, NULL, &row, &side, &text);
	if (st != IM_OK)
		return st;
	if (!row.t.can_reply)
		st = model_fail(m, IM_ERR_NOT_PERMITTED, "%s", row.t.reason);
	else if (row.t.responded_at != 0)
		st = model_fail(m, IM_ERR_NOT_PERMITTED,
				"not permitted: %s has responded, so this is no "
				"longer a follow-up; use 'inmail reply %lld'",
				row.t.candidate.name, (long long)thread);
	else
		st = converse(m, &row, side, IM_KIND_FOLLOWUP, text, message_id);
	free(text);
	im_store_thread_clear(&row);
	return st;
}
