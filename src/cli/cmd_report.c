/* list, show, notifications, stats: reading, for people or as JSON. */
#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

/* Threads read per query while listing: a folder of any size is printed
 * with one page in memory. */
#define LIST_PAGE 256
#define NOTIFICATION_PAGE 512

static bool parse_folder(const char *s, enum im_folder *out)
{
	for (int f = 0; f < IM_FOLDER_COUNT; f++) {
		if (strcmp(s, im_folder_name((enum im_folder)f)) == 0) {
			*out = (enum im_folder)f;
			return true;
		}
	}
	return false;
}

/* "held, 84 d left" and the like: where a thread stands for its credit. */
static void credit_words(const struct im_thread *t, char *buf, size_t n)
{
	if (t->credit == IM_CREDIT_HELD)
		snprintf(buf, n, "held, %d d left", t->days_left);
	else if (t->state == IM_STATE_PENDING)
		snprintf(buf, n, "closed, forfeited"); /* SPEC 3: never "0 d" */
	else
		snprintf(buf, n, "%s", im_credit_name(t->credit));
}

static void list_header(const struct im_account *me)
{
	bool rec = me->role == IM_ROLE_RECRUITER;
	printf("  %-6s  %-6s  %-22s  %-30s  %-8s  %-11s  %s\n", "ID", "LABEL",
	       rec ? "CANDIDATE" : "RECRUITER", "SUBJECT", "STATE", "DATE",
	       rec ? "CREDIT" : "");
}

static void list_row(const struct im_model *m, const struct im_account *me,
		     const struct im_thread *t)
{
	bool rec = me->role == IM_ROLE_RECRUITER;
	char date[24], credit[32] = "";
	im_clock_format_short(t->updated_at, im_model_now(m), date, sizeof date);
	if (rec)
		credit_words(t, credit, sizeof credit);
	printf("%s %-6lld  InMail  ", t->unread ? "\xE2\x97\x8F" : " ",
	       (long long)t->id);
	out_cell(stdout, rec ? t->candidate.name : t->recruiter.name, 22);
	fputs("  ", stdout);
	out_cell(stdout, t->subject, 30);
	printf("  %-8s  %-11s  %s%s\n", im_state_name(t->state), date, credit,
	       t->blocked && rec ? ", blocked" : "");
}

/* Prints the folder a page at a time (keyset paging), so a folder of any
 * size costs the memory of one page; limit 0 means all of it.  Returns the
 * exit code. */
static int list_stream(struct im_model *m, enum im_folder folder, bool json,
		       int64_t limit)
{
	const struct im_account *me = im_model_actor(m);
	struct im_page page = {0};
	struct im_cursor at = {0};
	enum im_page_dir dir = IM_PAGE_FIRST;
	int64_t shown = 0;
	int rc = 0;
	bool started = false;
	for (;;) {
		size_t want = LIST_PAGE;
		if (limit > 0 && limit - shown < (int64_t)want)
			want = (size_t)(limit - shown);
		if (want == 0)
			break;
		enum im_status st = im_thread_list(m, folder, NULL, dir, &at, want,
						   &page);
		if (st != IM_OK) {
			rc = cli_model_fail(m, st);
			break;
		}
		/* Nothing on stdout before the first page is in hand: a refusal
		 * prints only its line. */
		if (!started) {
			if (json)
				fputs("[", stdout);
			else
				list_header(me);
			started = true;
		}
		for (size_t i = 0; i < page.n; i++, shown++) {
			if (!json) {
				list_row(m, me, &page.items[i]);
				continue;
			}
			json_t *j = out_json_thread(&page.items[i]);
			fputs(shown ? ",\n" : "\n", stdout);
			if (!j || json_dumpf(j, stdout, JSON_INDENT(2) |
					     JSON_PRESERVE_ORDER) != 0)
				rc = cli_fail(EXIT_FAILURE, "cannot write the output");
			json_decref(j);
		}
		size_t got = page.n;
		if (got)
			at = im_thread_cursor(folder, &page.items[got - 1]);
		im_page_clear(&page);
		if (got < want || rc)
			break;
		dir = IM_PAGE_AFTER;
	}
	if (started && json)
		fputs(shown ? "\n]\n" : "]\n", stdout);
	else if (started && shown == 0)
		puts("(no threads)");
	return rc;
}

int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"folder", required_argument, NULL, 'f'},
		{"json", no_argument, NULL, 'j'},
		{"limit", required_argument, NULL, 'l'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	static const char usage[] =
		"usage: inmail list [--folder inbox|awaiting|sent|archived|messages] "
		"[--json]\n"
		"                   [--limit N]\n\n"
		"Your threads in a folder, newest first: all of them, or the first N.\n"
		"Recruiters: inbox (default), awaiting, sent, archived. Candidates:\n"
		"messages (default), archived.";
	const char *folder_s = NULL;
	bool json = false;
	int64_t limit = 0;
	int c, rc;
	optind = 0;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'f': folder_s = optarg; break;
		case 'j': json = true; break;
		case 'l':
			if ((rc = cli_parse_int(optarg, "list: --limit", 1,
						INT64_MAX, NULL, &limit)))
				return rc;
			break;
		case 'h': return cli_help(usage);
		default: return EX_USAGE;
		}
	}
	if (optind != argc)
		return cli_fail(EX_USAGE, "list: unexpected '%s'", argv[optind]);
	enum im_folder folder = IM_FOLDER_INBOX;
	if (folder_s && !parse_folder(folder_s, &folder))
		return cli_fail(EX_USAGE, "list: no folder '%s' (inbox, awaiting, sent, "
				    "archived, messages)", folder_s);
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)))
		return rc;
	if (!folder_s && im_model_actor(m)->role == IM_ROLE_CANDIDATE)
		folder = IM_FOLDER_MESSAGES;
	rc = list_stream(m, folder, json, limit);
	im_model_close(&m);
	return rc;
}

/* Parses the options of a command that takes only [--json] and --help.
 * Returns -1 to go on, or the exit code to return (EX_OK after the help,
 * EX_USAGE after an error). */
static int json_opts(int argc, char **argv, const char *usage, bool *json)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	int c;
	*json = false;
	optind = 0;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'j': *json = true; break;
		case 'h': return cli_help(usage);
		default: return EX_USAGE;
		}
	}
	return -1;
}

static const char *sender_name(const struct im_thread *t,
			       const struct im_message *msg)
{
	if (msg->sender_id == t->recruiter.id)
		return t->recruiter.name;
	if (msg->sender_id == t->candidate.id)
		return t->candidate.name;
	return "";
}

static const char *response_words(enum im_response r)
{
	switch (r) {
	case IM_RESPONSE_SMART_TEMPLATE: return "smart reply, sent as the template";
	case IM_RESPONSE_SMART_EDITED: return "smart reply, edited";
	case IM_RESPONSE_CUSTOM: return "custom message";
	default: return "no response yet";
	}
}

static void show_standing(const struct im_thread *t)
{
	char date[32];
	im_clock_format_date(t->credit_deadline, date, sizeof date);
	printf("State:      %s (%s)\n", im_state_name(t->state),
	       response_words(t->response));
	switch (t->credit) {
	case IM_CREDIT_HELD:
		printf("Credit:     held; back if answered by %s (%d d left)\n",
		       date, t->days_left);
		break;
	case IM_CREDIT_REFUNDED:
		puts("Credit:     refunded (answered within 90 days)");
		break;
	case IM_CREDIT_FORFEITED:
		printf("Credit:     forfeited (no response by %s)\n", date);
		break;
	}
	im_clock_format_date(t->rate_deadline, date, sizeof date);
	switch (t->rate) {
	case IM_RATE_RESPONDED:
		puts("Rate (30 d): the InMail counts as responded");
		break;
	case IM_RATE_UNANSWERED:
		puts("Rate (30 d): the InMail counts as unanswered");
		break;
	case IM_RATE_PENDING:
		printf("Rate (30 d): pending until %s\n", date);
		break;
	}
	if (t->has_followup) {
		im_clock_format_date(t->followup_at, date, sizeof date);
		printf("Follow-up:  automated, due %s unless answered\n", date);
	}
}

static void show_plain(const struct im_thread *t)
{
	printf("Thread %lld \xC2\xB7 InMail \xC2\xB7 ", (long long)t->id);
	out_text(stdout, t->subject);
	fputs("\nRecruiter:  ", stdout);
	out_text(stdout, t->recruiter.name);
	fputs(" (", stdout);
	out_text(stdout, t->recruiter.handle);
	fputs(")\nCandidate:  ", stdout);
	out_text(stdout, t->candidate.name);
	fputs(" (", stdout);
	out_text(stdout, t->candidate.handle);
	fputs(")\n", stdout);
	show_standing(t);
	for (size_t i = 0; i < t->n_messages; i++) {
		const struct im_message *msg = &t->messages[i];
		char when[IM_ISO_LEN];
		im_clock_format_iso(msg->sent_at, when);
		putchar('\n');
		if (msg->kind == IM_KIND_SYSTEM) {
			printf("%s  \xE2\x94\x80\xE2\x94\x80 ", when);
			out_text(stdout, msg->body);
			puts(" \xE2\x94\x80\xE2\x94\x80");
			continue;
		}
		printf("%s  ", when);
		out_text(stdout, sender_name(t, msg));
		if (msg->kind != IM_KIND_MESSAGE)
			printf(" \xC2\xB7 %s", msg->kind == IM_KIND_INMAIL
						       ? "InMail"
						       : "follow-up");
		if (msg->classified)
			printf(" \xC2\xB7 read as %s (%.2f)",
			       im_label_name(msg->label), msg->confidence);
		putchar('\n');
		out_body(stdout, msg->body, "    ");
	}
	putchar('\n');
	if (t->can_reply)
		puts("You can reply.");
	else
		out_body(stdout, t->reason, "");
}

int cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
		"usage: inmail show THREAD [--json]\n\n"
		"One thread with its messages, its state, where it stands for the "
		"credit\n(90 d) and the response rate (30 d), and whether you may "
		"reply. Marks it read.";
	bool json;
	int rc = json_opts(argc, argv, usage, &json);
	if (rc >= 0)
		return rc;
	if (optind + 1 != argc)
		return cli_fail(EX_USAGE, "show: give one THREAD");
	int64_t id;
	if ((rc = cli_parse_id(argv[optind], &id)))
		return rc;
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)))
		return rc;
	struct im_thread *t = NULL;
	enum im_status st = im_thread_get(m, id, false, &t);
	if (st != IM_OK)
		rc = cli_model_fail(m, st);
	else if (json)
		rc = out_json_print(out_json_thread(t));
	else
		show_plain(t);
	/* The look is recorded once the answer has reached the reader, and
	 * never in its way: when it cannot be (another session writing, a
	 * read-only file), the thread stays unread. */
	if (rc == 0 && t && (rc = cli_flush_stdout()) == 0)
		im_thread_look(m, t);
	im_thread_free(&t);
	im_model_close(&m);
	return rc;
}

/* Prints one notification (plain) or appends it to arr (JSON). */
static void notification_out(const struct im_notification *x, json_t *arr)
{
	if (arr) {
		json_array_append_new(arr, out_json_notification(x));
		return;
	}
	char when[IM_ISO_LEN];
	im_clock_format_iso(x->created_at, when);
	printf("%s %s  thread %-6lld  ", x->read ? " " : "\xE2\x97\x8F", when,
	       (long long)x->thread);
	out_text(stdout, x->text);
	putchar('\n');
}

int cmd_notifications(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
		"usage: inmail notifications [--json]\n\n"
		"A recruiter's notifications, newest first, then marks them read "
		"(the listing\nshows whether each was read before).";
	bool json;
	int rc = json_opts(argc, argv, usage, &json);
	if (rc >= 0)
		return rc;
	if (optind != argc)
		return cli_fail(EX_USAGE, "notifications: unexpected '%s'", argv[optind]);
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)))
		return rc;
	json_t *arr = json ? json_array() : NULL;
	int64_t newest = 0, oldest = 0, before = 0;
	size_t shown = 0;
	enum im_status st = IM_OK;
	/* Page by page, so every notification is shown whatever their
	 * number, with one page in memory for plain output. */
	for (;;) {
		struct im_notification *list = NULL;
		size_t n = 0;
		st = im_notification_list(m, before, NOTIFICATION_PAGE, &list, &n);
		for (size_t i = 0; st == IM_OK && i < n; i++) {
			notification_out(&list[i], arr);
			if (!newest)
				newest = list[i].id;
			oldest = before = list[i].id;
			shown++;
		}
		im_notifications_free(&list, n);
		if (st != IM_OK || n < NOTIFICATION_PAGE)
			break;
	}
	if (st != IM_OK) {
		rc = cli_model_fail(m, st);
	} else if (json) {
		rc = out_json_print(arr);
		arr = NULL;
	} else if (shown == 0) {
		puts("(no notifications)");
	}
	/* Marked read only once they have reached the reader. */
	if (rc == 0)
		rc = cli_flush_stdout();
	/* Like show's look: when it cannot be recorded (another session
	 * writing, a read-only file) they stay unread, and the listing
	 * already said how they stood. */
	if (rc == 0 && shown)
		im_notification_mark_read(m, oldest, newest);
	json_decref(arr);
	im_model_close(&m);
	return rc;
}

/* The 13 % guardrail's keys (SPEC 9) added to the stats object. */
static json_t *guardrail_json(json_t *j, const struct im_guardrail *g)
{
	char iso[IM_ISO_LEN];
	if (!j)
		return NULL;
	json_object_set_new(j, "guardrail",
			    json_string(im_guardrail_name(g->state)));
	if (g->since) {
		im_clock_format_iso(g->since, iso);
		json_object_set_new(j, "guardrail_since", json_string(iso));
	}
	if (g->until) {
		im_clock_format_iso(g->until, iso);
		json_object_set_new(j, "guardrail_until", json_string(iso));
	}
	return j;
}

static void guardrail_line(const struct im_guardrail *g)
{
	char since[IM_ISO_LEN], until[IM_ISO_LEN];
	im_clock_format_iso(g->since, since);
	im_clock_format_iso(g->until, until);
	if (g->state == IM_GUARDRAIL_RESTRICTED)
		printf("guardrail            restricted until %s (bulk sends "
		       "refused)\n", until);
	else if (g->state == IM_GUARDRAIL_WARNED) {
		/* The warning stands until its seventh day decides, whatever
		 * the rate is meanwhile: 13 % exactly is not under. */
		char judged[IM_ISO_LEN];
		im_clock_format_iso(g->judged_at, judged);
		printf("guardrail            warned since %s (%lld of %lld "
		       "InMails in 14 d answered, %s; decided at %s)\n", since,
		       (long long)g->responded, (long long)g->sent,
		       g->below ? "under 13 %" : "13 % or more now", judged);
	}
	else
		puts("guardrail            ok");
}

int cmd_stats(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
		"usage: inmail stats [--json]\n\n"
		"A recruiter's credits, InMails sent, thread outcomes (accepted, "
		"declined,\npending within 90 days, unanswered after 90 days), "
		"credits back, and the\nresponse rate: InMails and follow-ups "
		"answered within 30 days, over those\nanswered or past 30 days.";
	bool json;
	int rc = json_opts(argc, argv, usage, &json);
	if (rc >= 0)
		return rc;
	if (optind != argc)
		return cli_fail(EX_USAGE, "stats: unexpected '%s'", argv[optind]);
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)))
		return rc;
	struct im_stats s;
	struct im_guardrail g;
	enum im_status st = im_stats_get(m, &s);
	if (st == IM_OK)
		st = im_guardrail_get(m, &g);
	if (st != IM_OK) {
		rc = cli_model_fail(m, st);
	} else if (json) {
		/* Whose clock the figures' windows were measured by (SPEC 7). */
		json_t *j = guardrail_json(out_json_stats(&s), &g);
		if (j && json_object_set_new(j, "clock", json_string(
			    im_model_server_clock(m) ? "server" : "client")))
			j = (json_decref(j), NULL);
		rc = out_json_print(j);
	} else {
		printf("credits              %lld\n", (long long)s.credits);
		printf("sent                 %lld\n", (long long)s.sent);
		printf("accepted             %lld\n", (long long)s.accepted);
		printf("declined             %lld\n", (long long)s.declined);
		printf("pending              %lld\n", (long long)s.pending);
		printf("unanswered           %lld\n", (long long)s.unanswered);
		printf("credited back        %lld\n", (long long)s.credited_back);
		printf("counted messages     %lld (%lld responded, %lld unanswered)\n",
		       (long long)s.counted_messages,
		       (long long)s.responded_messages,
		       (long long)s.unanswered_messages);
		if (s.has_rate)
			printf("response rate        %.0f %% (30 d)\n",
			       s.response_rate * 100.0);
		else if (s.counted_messages == 0)
			puts("response rate        \xE2\x80\x93 (nothing counted yet)");
		else
			puts("response rate        \xE2\x80\x93 (every counted message "
			     "is still inside its 30 days)");
		guardrail_line(&g);
	}
	im_model_close(&m);
	return rc;
}

/* ---- report (SPEC 9) ---- */

/* "2026-W09" for the week starting at monday. */
static void iso_week(im_time monday, char *buf, size_t n)
{
	time_t thursday = (time_t)(monday + 3 * IM_DAY);
	struct tm tm;
	gmtime_r(&thursday, &tm);
	snprintf(buf, n, "%04d-W%02d", tm.tm_year + 1900, tm.tm_yday / 7 + 1);
}

/* "2026-02-23": the date of the week's Monday (1969-12-29 for the
 * week of the epoch, before inmail's first instant but a date). */
static void monday_date(im_time monday, char *buf, size_t n)
{
	time_t t = (time_t)monday;
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(buf, n, "%Y-%m-%d", &tm) == 0)
		snprintf(buf, n, "?");
}

static bool utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* The weekly rate as a bar chart: one block per week (▁ .. █, a space
 * for a week without a rate) in UTF-8; else eight rows of '#'. */
static void report_chart(const struct im_report_week *w, int n)
{
	static const char *const blocks[] = {
		"\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83", "\xE2\x96\x84",
		"\xE2\x96\x85", "\xE2\x96\x86", "\xE2\x96\x87", "\xE2\x96\x88"};
	int level[IM_REPORT_MAX_WEEKS];
	for (int i = 0; i < n; i++) {
		int l = w[i].has_rate ? (int)(w[i].rate * 8.0) : -1;
		level[i] = l > 7 ? 7 : l;
	}
	fputs("\nrate by week (oldest first)\n", stdout);
	if (utf8_locale()) {
		for (int i = 0; i < n; i++)
			fputs(level[i] < 0 ? " " : blocks[level[i]], stdout);
		fputs("\n", stdout);
		return;
	}
	for (int row = 7; row >= 0; row--) {
		for (int i = 0; i < n; i++)
			putchar(level[i] >= row ? '#' : ' ');
		putchar('\n');
	}
}

/* A template's row's name: "(no template)" for the InMails sent without
 * one, a removed template marked so. */
static void template_label(const struct im_report_template *t, char *buf,
			   size_t n)
{
	if (!t->name)
		snprintf(buf, n, "(no template)");
	else
		snprintf(buf, n, "%s%s", t->name, t->deleted ? " (deleted)" : "");
}

static void report_rate(bool has_rate, double rate, char *buf, size_t n)
{
	if (has_rate)
		snprintf(buf, n, "%.0f %%", rate * 100.0);
	else
		snprintf(buf, n, "\xE2\x80\x93");
}

/* Per template, over the same weeks (SPEC 9). */
static void report_templates_plain(const struct im_report_template *t,
				   size_t n)
{
	printf("\nper template\n%-32s  %6s  %9s  %8s  %8s  %s\n", "TEMPLATE",
	       "SENT", "RESPONDED", "ACCEPTED", "DECLINED", "RATE");
	if (n == 0)
		puts("(no templates, and no InMails in these weeks)");
	for (size_t i = 0; i < n; i++) {
		char name[96], rate[16];
		template_label(&t[i], name, sizeof name);
		report_rate(t[i].has_rate, t[i].rate, rate, sizeof rate);
		printf("%-32s  %6lld  %9lld  %8lld  %8lld  %s\n", name,
		       (long long)t[i].sent, (long long)t[i].responded,
		       (long long)t[i].accepted, (long long)t[i].declined, rate);
	}
}

static json_t *report_templates_json(const struct im_report_template *t,
				     size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_pack(
			"{s:o, s:b, s:I, s:I, s:I, s:I, s:o}",
			"template", t[i].name ? json_string(t[i].name)
					      : json_null(),
			"deleted", t[i].deleted,
			"sent", (json_int_t)t[i].sent,
			"responded", (json_int_t)t[i].responded,
			"accepted", (json_int_t)t[i].accepted,
			"declined", (json_int_t)t[i].declined,
			"response_rate", t[i].has_rate ? json_real(t[i].rate)
						       : json_null()));
	return arr;
}

int cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"weeks", required_argument, NULL, 'w'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	static const char usage[] =
		"usage: inmail report [--weeks N] [--json]\n\n"
		"A recruiter's InMails per ISO week of sending (Monday, UTC), the\n"
		"last N weeks (12): sent, responded within 30 days, accepted,\n"
		"declined, and the response rate over that week's InMails (those\n"
		"responded within 30 days, over those with a response or past 30\n"
		"days); then the weekly rate as a bar chart; then the same per\n"
		"template over those weeks (every template of yours, one deleted\n"
		"since that has InMails then, and those sent without one).";
	bool json = false;
	int64_t weeks = 12;
	int c, rc;
	optind = 0;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'w':
			if ((rc = cli_parse_int(optarg, "report: --weeks", 1,
						IM_REPORT_MAX_WEEKS, NULL, &weeks)))
				return rc;
			break;
		case 'h': return cli_help(usage);
		default: return EX_USAGE;
		}
	}
	if (optind != argc)
		return cli_fail(EX_USAGE, "report: unexpected '%s'", argv[optind]);
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)))
		return rc;
	struct im_report_week *w = calloc((size_t)weeks, sizeof *w);
	struct im_report_template *tpl = NULL;
	size_t n_tpl = 0;
	enum im_status st = w ? im_report_weeks(m, (int)weeks, w) : IM_ERR_NOMEM;
	if (st == IM_OK)
		st = im_report_templates(m, (int)weeks, &tpl, &n_tpl);
	if (!w) {
		rc = cli_fail(EXIT_FAILURE, "out of memory");
	} else if (st != IM_OK) {
		rc = cli_model_fail(m, st);
	} else if (json) {
		json_t *arr = json_array();
		for (int i = 0; arr && i < weeks; i++) {
			char week[32], start[IM_ISO_LEN];
			iso_week(w[i].start, week, sizeof week);
			monday_date(w[i].start, start, sizeof start);
			json_array_append_new(arr, json_pack(
				"{s:s, s:s, s:I, s:I, s:I, s:I, s:o}",
				"week", week, "start", start,
				"sent", (json_int_t)w[i].sent,
				"responded", (json_int_t)w[i].responded,
				"accepted", (json_int_t)w[i].accepted,
				"declined", (json_int_t)w[i].declined,
				"response_rate", w[i].has_rate
					? json_real(w[i].rate) : json_null()));
		}
		rc = out_json_print(json_pack("{s:o, s:o}", "weeks", arr,
					      "templates",
					      report_templates_json(tpl, n_tpl)));
	} else {
		printf("%-10s  %-10s  %6s  %9s  %8s  %8s  %s\n", "WEEK", "MONDAY",
		       "SENT", "RESPONDED", "ACCEPTED", "DECLINED", "RATE");
		for (int i = 0; i < weeks; i++) {
			char week[32], start[IM_ISO_LEN], rate[16] = "\xE2\x80\x93";
			iso_week(w[i].start, week, sizeof week);
			monday_date(w[i].start, start, sizeof start);
			if (w[i].has_rate)
				snprintf(rate, sizeof rate, "%.0f %%",
					 w[i].rate * 100.0);
			printf("%-10s  %-10s  %6lld  %9lld  %8lld  %8lld  %s\n",
			       week, start, (long long)w[i].sent,
			       (long long)w[i].responded,
			       (long long)w[i].accepted,
			       (long long)w[i].declined, rate);
		}
		report_chart(w, (int)weeks);
		report_templates_plain(tpl, n_tpl);
	}
	im_report_templates_free(&tpl, n_tpl);
	free(w);
	im_model_close(&m);
	return rc;
}
