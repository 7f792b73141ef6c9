/* template add | list | show | rm (SPEC 9): a recruiter's own templates. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

static const char template_usage[] =
	"usage: inmail template add NAME --subject S (--body TEXT | --body-file F)\n"
	"                            [--followup DAYS:TEXT]\n"
	"       inmail template list [--json]\n"
	"       inmail template show NAME\n"
	"       inmail template rm NAME\n"
	"\n"
	"A recruiter's own templates, by name (the handle rules). Variables in\n"
	"{braces}: {first_name} and {name} (the candidate's), {my_name} and\n"
	"{my_first_name} (yours), and any other {word} given per send\n"
	"(send --template NAME --var word=VALUE); {{ is a literal brace.";

/* "DAYS:TEXT" of --followup (as send's); the model judges the days. */
static int followup_arg(const char *arg, int *days, char **text)
{
	static const char msg[] = "--followup takes DAYS:TEXT, e.g. "
				  "--followup '7:Any thoughts?'";
	const char *colon = strchr(arg, ':');
	if (!colon)
		return cli_fail(EX_USAGE, "%s", msg);
	char *d = strndup(arg, (size_t)(colon - arg));
	int64_t v = 0;
	int rc = !d ? cli_fail(EXIT_FAILURE, "out of memory")
		    : cli_parse_int(d, NULL, INT64_MIN, INT64_MAX, msg, &v);
	free(d);
	if (rc)
		return rc;
	*days = v < INT_MIN ? INT_MIN : v > INT_MAX ? INT_MAX : (int)v;
	*text = (char *)colon + 1;
	return EX_OK;
}

static int template_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"subject", required_argument, NULL, 's'},
		{"body", required_argument, NULL, 'b'},
		{"body-file", required_argument, NULL, 'f'},
		{"followup", required_argument, NULL, 'F'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	struct im_template t = {0};
	const char *file = NULL;
	int c, rc;
	optind = 0;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 's': t.subject = optarg; break;
		case 'b': t.body = optarg; break;
		case 'f': file = optarg; break;
		case 'F':
			if ((rc = followup_arg(optarg, &t.followup_days,
					       &t.followup_body)))
				return rc;
			break;
		case 'h': return cli_help(template_usage);
		default: return EX_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_fail(EX_USAGE, "template add: give one NAME");
	if (!t.subject || (!t.body && !file))
		return cli_fail(EX_USAGE, "template add: --subject and --body "
				"(or --body-file) are required");
	if (t.body && file)
		return cli_fail(EX_USAGE, "template add: give --body or "
				"--body-file, not both");
	t.name = argv[optind];
	char *owned = NULL;
	if (file && (rc = cli_read_body_file(file, &owned)))
		return rc;
	if (file)
		t.body = owned;
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)) == 0) {
		enum im_status st = im_template_add(m, &t);
		if (st != IM_OK)
			rc = cli_model_fail(m, st);
		else {
			fputs("template ", stdout);
			out_text(stdout, t.name);
			puts(" added");
		}
	}
	im_model_close(&m);
	free(owned);
	return rc;
}

static json_t *template_json(const struct im_template *t)
{
	char at[40];
	if (!im_clock_format_iso(t->created_at, at))
		snprintf(at, sizeof at, "?");
	json_t *f = t->followup_body
		? json_pack("{s:i, s:s}", "days", t->followup_days, "body",
			    t->followup_body)
		: json_null();
	return json_pack("{s:s, s:s, s:s, s:o, s:s}", "name", t->name,
			 "subject", t->subject, "body", t->body, "followup", f,
			 "created_at", at);
}

static int template_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	bool json = false;
	int c, rc;
	optind = 0;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'h': return cli_help(template_usage);
		default: return EX_USAGE;
		}
	}
	if (optind != argc)
		return cli_fail(EX_USAGE, "template list: unexpected '%s'",
				argv[optind]);
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)))
		return rc;
	struct im_template *list = NULL;
	size_t n = 0;
	enum im_status st = im_template_list(m, &list, &n);
	if (st != IM_OK) {
		rc = cli_model_fail(m, st);
	} else if (json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, template_json(&list[i]));
		rc = out_json_print(arr);
	} else {
		for (size_t i = 0; i < n; i++) {
			out_cell(stdout, list[i].name, 32);
			fputs("  ", stdout);
			out_text(stdout, list[i].subject);
			putchar('\n');
		}
	}
	im_templates_free(&list, n);
	im_model_close(&m);
	return rc;
}

/* A body and its newline. */
static void body_line(const char *s)
{
	out_body(stdout, s, "");
}

static int template_show(struct cli_ctx *ctx, int argc, char **argv)
{
	int rc = cli_no_options(argc, argv, template_usage, false);
	if (rc >= 0)
		return rc;
	if (optind + 1 != argc)
		return cli_fail(EX_USAGE, "template show: give one NAME");
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)))
		return rc;
	struct im_template t;
	enum im_status st = im_template_get(m, argv[optind], &t);
	if (st != IM_OK) {
		rc = cli_model_fail(m, st);
	} else {
		fputs("Template: ", stdout);
		out_text(stdout, t.name);
		fputs("\nSubject: ", stdout);
		out_text(stdout, t.subject);
		fputs("\n\n", stdout);
		body_line(t.body);
		if (t.followup_body) {
			printf("\nFollow-up after %d days:\n", t.followup_days);
			body_line(t.followup_body);
		}
		im_template_clear(&t);
	}
	im_model_close(&m);
	return rc;
}

static int template_rm(struct cli_ctx *ctx, int argc, char **argv)
{
	int rc = cli_no_options(argc, argv, template_usage, false);
	if (rc >= 0)
		return rc;
	if (optind + 1 != argc)
		return cli_fail(EX_USAGE, "template rm: give one NAME");
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)))
		return rc;
	enum im_status st = im_template_remove(m, argv[optind]);
	if (st != IM_OK)
		rc = cli_model_fail(m, st);
	else {
		fputs("template ", stdout);
		out_text(stdout, argv[optind]);
		puts(" removed");
	}
	im_model_close(&m);
	return rc;
}

int cmd_template(struct cli_ctx *ctx, int argc, char **argv)
{
	int rc = cli_no_options(argc, argv, template_usage, true);
	if (rc >= 0)
		return rc;
	if (argc < 2)
		return cli_fail(EX_USAGE, "template: give add, list, show or rm "
				"(see inmail template --help)");
	static const struct {
		const char *name;
		int (*run)(struct cli_ctx *, int, char **);
	} subs[] = {{"add", template_add}, {"list", template_list},
		    {"show", template_show}, {"rm", template_rm}};
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].run(ctx, argc - 1, argv + 1);
	return cli_fail(EX_USAGE, "template: unknown subcommand '%s' (add, "
			"list, show, rm)", argv[1]);
}
