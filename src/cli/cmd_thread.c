/* send, reply, followup, archive / unarchive. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

/* --body TEXT or --body-file F, at most one; *owned is what to free. */
struct body_arg {
	const char *text;
	const char *file;
};

static int body_resolve(const struct body_arg *b, const char *cmd,
			const char **body, char **owned)
{
	*owned = NULL;
	*body = NULL;
	if (b->text && b->file)
		return cli_fail(EX_USAGE, "%s: give --body or --body-file, not both", cmd);
	if (b->file) {
		int rc = cli_read_body_file(b->file, owned);
		*body = *owned;
		return rc;
	}
	*body = b->text;
	return EX_OK;
}

/* "DAYS:TEXT" of --followup; whether the days are allowed is the
 * model's to say. */
static int parse_followup(const char *arg, int *days, const char **text)
{
	static const char msg[] = "--followup takes DAYS:TEXT, e.g. "
				  "--followup '7:Any thoughts?'";
	const char *colon = strchr(arg, ':');
	char *d = colon ? strndup(arg, (size_t)(colon - arg)) : NULL;
	int64_t v = 0;
	int rc = colon && !d ? cli_fail(EXIT_FAILURE, "out of memory")
	       : cli_parse_int(d, NULL, INT64_MIN, INT64_MAX, msg, &v);
	free(d);
	if (rc)
		return rc;
	*days = v < INT_MIN ? INT_MIN : v > INT_MAX ? INT_MAX : (int)v;
	*text = colon + 1;
	return EX_OK;
}

/* Splits "a,b,c" into handles; an empty item is a usage error. */
static int split_to(char *list, const char ***out, size_t *n)
{
	size_t cap = 1;
	for (const char *p = list; *p; p++)
		cap += *p == ',';
	const char **v = calloc(cap, sizeof *v);
	if (!v)
		return cli_fail(EXIT_FAILURE, "out of memory");
	*n = 0;
	char *save = NULL;
	for (char *p = list;; p = NULL) {
		char *tok = strtok_r(p, ",", &save);
		if (!tok)
			break;
		v[(*n)++] = tok;
	}
	if (*n != cap) {
		free(v);
		return cli_fail(EX_USAGE, "--to: an empty name in the list");
	}
	*out = v;
	return EX_OK;
}

static const char send_usage[] =
	"usage: inmail send --to C[,C...] --subject S (--body TEXT | --body-file F)\n"
	"                   [--followup DAYS:TEXT]\n"
	"\n"
	"Sends one InMail per candidate: each starts its own thread and costs one\n"
	"credit; with fewer credits than candidates nothing is sent. --followup\n"
	"schedules one automated follow-up after DAYS (3 to 28) without a\n"
	"response. Prints each new thread id on its own line.\n"
	"\n"
	"       inmail send (--to C[,C...] | --to-file F.csv) --template NAME\n"
	"                   [--var WORD=VALUE ...] [--dry-run]\n"
	"\n"
	"Renders your template NAME (inmail template --help) for each candidate,\n"
	"its {WORD}s from --var or, with --to-file, from the CSV's columns (a\n"
	"header row: handle, then one column per variable). Any problem refuses\n"
	"the whole send. --dry-run makes every check the send makes (refusing\n"
	"as it would), then prints every rendered InMail and the credit cost,\n"
	"and sends nothing.";

int cmd_send(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"to", required_argument, NULL, 't'},
		{"subject", required_argument, NULL, 's'},
		{"body", required_argument, NULL, 'b'},
		{"body-file", required_argument, NULL, 'f'},
		{"followup", required_argument, NULL, 'F'},
		{"template", required_argument, NULL, 'T'},
		{"var", required_argument, NULL, 'V'},
		{"to-file", required_argument, NULL, 'P'},
		{"dry-run", no_argument, NULL, 'D'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	struct body_arg body = {0};
	struct im_send_request req = {0};
	char *to = NULL, *tpl = NULL, *to_file = NULL;
	bool dry_run = false;
	char **var = calloc((size_t)argc + 1, sizeof *var);
	size_t n_var = 0;
	int c, rc;
	if (!var)
		return cli_fail(EXIT_FAILURE, "out of memory");
	optind = 0;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 't': to = optarg; break;
		case 's': req.subject = optarg; break;
		case 'b': body.text = optarg; break;
		case 'f': body.file = optarg; break;
		case 'F':
			if ((rc = parse_followup(optarg, &req.followup_days,
						 &req.followup_body))) {
				free(var);
				return rc;
			}
			break;
		case 'T': tpl = optarg; break;
		case 'V': var[n_var++] = optarg; break;
		case 'P': to_file = optarg; break;
		case 'D': dry_run = true; break;
		case 'h': free(var); return cli_help(send_usage);
		default: free(var); return EX_USAGE;
		}
	}
	if (optind != argc || tpl || n_var || to_file || dry_run) {
		rc = optind != argc
			? cli_fail(EX_USAGE, "send: unexpected '%s'", argv[optind])
			: !tpl ? cli_fail(EX_USAGE, "send: --var, --to-file and "
					  "--dry-run go with --template")
			: req.subject || body.text || body.file || req.followup_body
			? cli_fail(EX_USAGE, "send: --template brings the subject, "
				   "body and follow-up; give none of them")
			: !to == !to_file ? cli_fail(EX_USAGE, "send: give --to or "
						     "--to-file")
			: -1;
		const char **handles = NULL;
		size_t n = 0;
		if (rc == -1 && (!to || (rc = split_to(to, &handles, &n)) == 0)) {
			struct cli_template_args a = {
				.name = tpl, .to = handles, .n_to = n,
				.to_file = to_file, .var = var, .n_var = n_var,
				.dry_run = dry_run};
			rc = cli_send_template(ctx, &a);
		}
		free(handles);
		free(var);
		return rc;
	}
	free(var);
	if (!to || !req.subject || (!body.text && !body.file))
		return cli_fail(EX_USAGE, "send: --to, --subject and --body (or "
				    "--body-file) are required");
	char *owned = NULL;
	if ((rc = body_resolve(&body, "send", &req.body, &owned)))
		return rc;
	const char **handles = NULL;
	if ((rc = split_to(to, &handles, &req.n_to))) {
		free(owned);
		return rc;
	}
	req.to = handles;
	int64_t *ids = calloc(req.n_to, sizeof *ids);
	struct im_model *m = NULL;
	if (!ids)
		rc = cli_fail(EXIT_FAILURE, "out of memory");
	else
		rc = cli_open(ctx, CLI_OPEN_ACTOR, &m);
	if (rc == 0) {
		enum im_status st = im_send(m, &req, ids);
		if (st != IM_OK)
			rc = cli_model_fail(m, st);
		for (size_t i = 0; st == IM_OK && i < req.n_to; i++)
			printf("%lld\n", (long long)ids[i]);
		/* The InMail went out: a lost id must still reach someone. */
		if (st == IM_OK && fflush(stdout) != 0 && errno != EPIPE) {
			int err = errno;
			clearerr(stdout);
			rc = cli_fail(EXIT_FAILURE, "sent, but the thread ids (first %lld, "
				      "%zu in all) could not be written to "
				      "standard output: %s", (long long)ids[0],
				      req.n_to, strerror(err));
		}
	}
	im_model_close(&m);
	free(ids);
	free(handles);
	free(owned);
	return rc;
}

static const char reply_usage[] =
	"usage: inmail reply THREAD [--smart yes|no] [--body TEXT | --body-file F]\n"
	"\n"
	"Writes in a thread. A candidate's first message is the response:\n"
	"  --smart yes            \"Yes, interested...\" with its template as it is\n"
	"  --smart no             \"No thanks\" as it is (the recruiter can then\n"
	"                         no longer reply in this thread)\n"
	"  --smart ... --body T   the smart reply with its text edited to T\n"
	"  --body T               a custom message, read as accept or decline\n"
	"A recruiter's message while the candidate has not responded is a\n"
	"follow-up.";

/* What the message just sent did, as im_reply said: a response tells how
 * it was read and what the recruiter may do now. */
static void reply_print(int64_t thread, const struct im_reply_result *r)
{
	if (!r->response) {
		printf("sent in thread %lld\n", (long long)thread);
		return;
	}
	printf("response sent in thread %lld: %s", (long long)thread,
	       im_state_name(r->state));
	if (r->classified)
		printf(" (read as %s, confidence %.2f)", im_label_name(r->label),
		       r->confidence);
	puts(r->blocked ? "; the recruiter can no longer reply here unless you "
			  "write again"
			: "");
}

int cmd_reply(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"smart", required_argument, NULL, 's'},
		{"body", required_argument, NULL, 'b'},
		{"body-file", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	struct body_arg body = {0};
	enum im_smart smart = IM_SMART_NONE;
	int c, rc;
	optind = 0;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 's':
			if (strcmp(optarg, "yes") == 0)
				smart = IM_SMART_YES;
			else if (strcmp(optarg, "no") == 0)
				smart = IM_SMART_NO;
			else
				return cli_fail(EX_USAGE, "--smart is 'yes' or 'no', not "
						    "'%s'", optarg);
			break;
		case 'b': body.text = optarg; break;
		case 'f': body.file = optarg; break;
		case 'h': return cli_help(reply_usage);
		default: return EX_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_fail(EX_USAGE, "reply: give one THREAD (see inmail reply --help)");
	int64_t thread;
	if ((rc = cli_parse_id(argv[optind], &thread)))
		return rc;
	if (smart == IM_SMART_NONE && !body.text && !body.file)
		return cli_fail(EX_USAGE, "reply: give --body, --body-file or --smart");
	const char *text;
	char *owned = NULL;
	if ((rc = body_resolve(&body, "reply", &text, &owned)))
		return rc;
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)) == 0) {
		struct im_reply_result said;
		enum im_status st = im_reply(m, thread, smart, text, &said);
		if (st != IM_OK)
			rc = cli_model_fail(m, st);
		else
			reply_print(thread, &said);
	}
	im_model_close(&m);
	free(owned);
	return rc;
}

int cmd_followup(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"body", required_argument, NULL, 'b'},
		{"body-file", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	static const char usage[] =
		"usage: inmail followup THREAD (--body TEXT | --body-file F)\n\n"
		"A recruiter's follow-up while the candidate has not responded.\n"
		"It costs no credit and counts toward the response rate.";
	struct body_arg body = {0};
	int c, rc;
	optind = 0;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'b': body.text = optarg; break;
		case 'f': body.file = optarg; break;
		case 'h': return cli_help(usage);
		default: return EX_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_fail(EX_USAGE, "followup: give one THREAD");
	int64_t thread;
	if ((rc = cli_parse_id(argv[optind], &thread)))
		return rc;
	if (!body.text && !body.file)
		return cli_fail(EX_USAGE, "followup: give --body or --body-file");
	const char *text;
	char *owned = NULL;
	if ((rc = body_resolve(&body, "followup", &text, &owned)))
		return rc;
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)) == 0) {
		enum im_status st = im_followup(m, thread, text, NULL);
		if (st != IM_OK)
			rc = cli_model_fail(m, st);
		else
			printf("follow-up sent in thread %lld\n", (long long)thread);
	}
	im_model_close(&m);
	free(owned);
	return rc;
}

int cmd_archive(struct cli_ctx *ctx, int argc, char **argv)
{
	bool archive = strcmp(argv[0], "archive") == 0;
	const char *usage = archive
		? "usage: inmail archive THREAD\n\nArchives the thread on your "
		  "side only; the other side's view\nis unchanged."
		: "usage: inmail unarchive THREAD\n\nUnarchives the thread on "
		  "your side only; the other side's view\nis unchanged.";
	int rc = cli_no_options(argc, argv, usage, false);
	if (rc >= 0)
		return rc;
	if (optind + 1 != argc)
		return cli_fail(EX_USAGE, "%s: give one THREAD", argv[0]);
	int64_t thread;
	if ((rc = cli_parse_id(argv[optind], &thread)))
		return rc;
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)) == 0) {
		enum im_status st = im_archive(m, thread, archive);
		if (st != IM_OK)
			rc = cli_model_fail(m, st);
		else
			printf("thread %lld %s\n", (long long)thread,
			       archive ? "archived" : "unarchived");
	}
	im_model_close(&m);
	return rc;
}

/* SPEC 9: the thread unread again for the acting account, until its next
 * look. */
int cmd_unread(struct cli_ctx *ctx, int argc, char **argv)
{
	int rc = cli_no_options(argc, argv,
		"usage: inmail unread THREAD\n\nMakes the thread unread again "
		"for you, until you next look at it\n(show, or opening it in "
		"the interactive inbox).", false);
	if (rc >= 0)
		return rc;
	if (optind + 1 != argc)
		return cli_fail(EX_USAGE, "unread: give one THREAD");
	int64_t thread;
	if ((rc = cli_parse_id(argv[optind], &thread)))
		return rc;
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)) == 0) {
		enum im_status st = im_thread_mark_unread(m, thread);
		if (st != IM_OK)
			rc = cli_model_fail(m, st);
		else
			printf("thread %lld marked unread\n", (long long)thread);
	}
	im_model_close(&m);
	return rc;
}
