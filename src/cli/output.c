/* Plain and JSON output. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inmail/text.h"
#include "output.h"

void out_text(FILE *f, const char *s)
{
	char *safe = im_text_sanitize(s, strlen(s), 0);
	fputs(safe ? safe : "?", f);
	free(safe);
}

void out_body(FILE *f, const char *s, const char *indent)
{
	char *safe = im_text_sanitize(s, strlen(s),
				      IM_SAN_KEEP_NEWLINE | IM_SAN_KEEP_TAB);
	if (!safe)
		return;
	fputs(indent, f);
	for (const char *p = safe; *p; p++) {
		fputc(*p, f);
		if (*p == '\n')
			fputs(indent, f);
	}
	fputc('\n', f);
	free(safe);
}

void out_cell(FILE *f, const char *s, size_t cols)
{
	char *safe = im_text_sanitize(s, strlen(s), 0);
	char buf[1024];
	im_text_fit(safe ? safe : "?", cols, true, true, buf, sizeof buf);
	fputs(buf, f);
	free(safe);
}

int out_next_opt(int argc, char **argv, const struct option *opts)
{
	/* Only -h has a short form; ":" reports a missing value apart. */
	static const char shorts[] = ":h";
	opterr = 0;
	int c = getopt_long(argc, argv, shorts, opts, NULL);
	if (c == '?') {
		/* The word it is in: an unknown letter inside a word of
		 * several ("-zebra") leaves optind at that word. */
		const char *w = argv[optind - 1];
		if (optopt && optind < argc && argv[optind][0] == '-' &&
		    argv[optind][1] != '-' && strchr(argv[optind] + 1, optopt))
			w = argv[optind];
		if (w[0] == '-' && w[1] != '-')
			cli_fail(EX_USAGE, "%s: unknown option '%s' (see inmail "
				 "%s --help; a word starting with '-' goes after "
				 "--)", argv[0], w, argv[0]);
		else
			cli_fail(EX_USAGE, "%s: unknown option '%s' (see inmail "
				 "%s --help)", argv[0], w, argv[0]);
	} else if (c == ':') {
		cli_fail(EX_USAGE, "%s: '%s' needs a value", argv[0], argv[optind - 1]);
		c = '?';
	}
	return c;
}

/* A JSON string even for text that is not UTF-8 (written by another
 * program): such text is shown with its bad bytes made visible. */
static json_t *jstr(const char *s)
{
	json_t *j = json_string(s ? s : "");
	if (j)
		return j;
	char *safe = im_text_sanitize(s, strlen(s),
				      IM_SAN_KEEP_NEWLINE | IM_SAN_KEEP_TAB);
	j = json_string(safe ? safe : "");
	free(safe);
	return j;
}

static json_t *jtime(im_time t)
{
	char buf[IM_ISO_LEN];
	/* A deadline past the year 9999 has no ISO form: unknown. */
	return im_clock_format_iso(t, buf) ? json_string(buf) : json_null();
}

json_t *out_json_account(const struct im_account *a)
{
	return json_pack("{s:o, s:o, s:s, s:I}", "handle", jstr(a->handle),
			 "name", jstr(a->name), "role", im_role_name(a->role),
			 "credits", (json_int_t)a->credits);
}

static json_t *party(const struct im_party *p)
{
	return json_pack("{s:o, s:o}", "handle", jstr(p->handle), "name",
			 jstr(p->name));
}

/* Which words weighed most, and which way (> 0 toward decline), as the
 * classifier reads the body: the why of a custom response.  The label and
 * confidence beside it are the ones stored at the response, which never
 * change (SPEC 4). */
static json_t *explanation(const char *body)
{
	struct im_classification c;
	json_t *arr = json_array();
	if (!arr || im_classify(body, strlen(body), &c) != IM_CLASSIFY_OK)
		return arr ? arr : json_null();
	for (size_t i = 0; i < c.n_features; i++)
		json_array_append_new(arr, json_pack("{s:s, s:f}", "feature",
						     c.features[i].text, "weight",
						     c.features[i].weight));
	return arr;
}

static json_t *message(const struct im_thread *t, const struct im_message *m)
{
	json_t *sender = json_null();
	if (m->sender_id == t->recruiter.id)
		sender = jstr(t->recruiter.handle);
	else if (m->sender_id == t->candidate.id)
		sender = jstr(t->candidate.handle);
	json_t *j = json_pack("{s:I, s:o, s:s, s:o, s:o}", "id",
			      (json_int_t)m->id, "sender", sender, "kind",
			      im_kind_name(m->kind), "body", jstr(m->body),
			      "sent_at", jtime(m->sent_at));
	if (j && m->classified) {
		json_object_set_new(j, "classification",
				    json_string(im_label_name(m->label)));
		json_object_set_new(j, "confidence", json_real(m->confidence));
		json_object_set_new(j, "explanation", explanation(m->body));
	}
	return j;
}

static const char *rate_name(enum im_rate_standing r)
{
	switch (r) {
	case IM_RATE_RESPONDED: return "responded";
	case IM_RATE_UNANSWERED: return "unanswered";
	default: return "pending";
	}
}

json_t *out_json_thread(const struct im_thread *t)
{
	json_t *j = json_pack(
		"{s:I, s:o, s:s, s:o, s:o, s:s, s:s, s:b, s:o, s:b, s:b,"
		" s:s, s:o, s:i, s:s, s:o, s:o, s:o}",
		"id", (json_int_t)t->id, "subject", jstr(t->subject), "label",
		"InMail", "recruiter", party(&t->recruiter), "candidate",
		party(&t->candidate), "state", im_state_name(t->state),
		"response", im_response_name(t->response), "can_reply",
		t->can_reply, "reason", t->reason ? jstr(t->reason) : json_null(),
		"unread", t->unread, "archived", t->archived, "credit",
		im_credit_name(t->credit), "credit_deadline",
		jtime(t->credit_deadline), "days_left", t->days_left,
		"rate_standing", rate_name(t->rate), "rate_deadline",
		jtime(t->rate_deadline), "created_at", jtime(t->created_at),
		"updated_at", jtime(t->updated_at));
	if (!j)
		return NULL;
	json_object_set_new(j, "responded_at",
			    t->responded ? jtime(t->responded_at) : json_null());
	json_object_set_new(j, "followup_at",
			    t->has_followup ? jtime(t->followup_at) : json_null());
	if (t->messages) {
		json_t *msgs = json_array();
		for (size_t i = 0; i < t->n_messages; i++)
			json_array_append_new(msgs, message(t, &t->messages[i]));
		json_object_set_new(j, "messages", msgs);
	}
	return j;
}

json_t *out_json_notification(const struct im_notification *n)
{
	return json_pack("{s:I, s:I, s:o, s:o, s:b}", "id", (json_int_t)n->id,
			 "thread", (json_int_t)n->thread, "text", jstr(n->text),
			 "created_at", jtime(n->created_at), "read", n->read);
}

json_t *out_json_stats(const struct im_stats *s)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:I}",
			 "credits", (json_int_t)s->credits, "sent",
			 (json_int_t)s->sent, "accepted", (json_int_t)s->accepted,
			 "declined", (json_int_t)s->declined, "pending",
			 (json_int_t)s->pending, "unanswered",
			 (json_int_t)s->unanswered, "counted_messages",
			 (json_int_t)s->counted_messages, "responded_messages",
			 (json_int_t)s->responded_messages,
			 "unanswered_messages",
			 (json_int_t)s->unanswered_messages, "response_rate",
			 s->has_rate ? json_real(s->response_rate) : json_null(),
			 "credited_back", (json_int_t)s->credited_back);
}

int out_json_print(json_t *j)
{
	if (!j)
		return cli_fail(EXIT_FAILURE, "out of memory");
	int rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	fputc('\n', stdout);
	return rc == 0 ? EX_OK : cli_fail(EXIT_FAILURE, "cannot write the output");
}
