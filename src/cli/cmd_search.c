/* search: the acting account's threads that meet a query (SPEC 9). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

#define SEARCH_DEFAULT_LIMIT 50
#define SEARCH_MAX_LIMIT 1000

static void search_row(const struct im_model *m, bool rec,
		       const struct im_thread *t)
{
	char date[24];
	im_clock_format_short(t->updated_at, im_model_now(m), date, sizeof date);
	printf("%s %-6lld  ", t->unread ? "\xE2\x97\x8F" : " ",
	       (long long)t->id);
	out_cell(stdout, rec ? t->candidate.name : t->recruiter.name, 22);
	fputs("  ", stdout);
	out_cell(stdout, t->subject, 30);
	printf("  %-8s  %s\n", im_state_name(t->state), date);
}

int cmd_search(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"limit", required_argument, NULL, 'l'},
		{"after", required_argument, NULL, 'a'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	static const char usage[] =
		"usage: inmail search QUERY [--limit N] [--after ID] [--json]\n\n"
		"Your threads that meet every word and term of QUERY, newest first\n"
		"(50, or N up to 1000; --after ID for the next page).  Words are\n"
		"found in subjects, messages and names, any case, accents folded;\n"
		"engin* is a prefix, \"two words\" a phrase.  Terms: from:HANDLE (a\n"
		"message's sender), with:HANDLE (the other party),\n"
		"state:pending|accepted|declined, is:unread, is:blocked, is:archived,\n"
		"after:DATE, before:DATE (a message's time, UTC, both inclusive).";
	bool json = false;
	int64_t limit = SEARCH_DEFAULT_LIMIT, after = 0;
	int c, rc;
	optind = 0;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'l':
			if ((rc = cli_parse_int(optarg, "search: --limit", 1,
						SEARCH_MAX_LIMIT, NULL, &limit)))
				return rc;
			break;
		case 'a':
			if ((rc = cli_parse_id(optarg, &after)))
				return rc;
			break;
		case 'h': return cli_help(usage);
		default: return EX_USAGE;
		}
	}
	if (optind == argc)
		return cli_fail(EX_USAGE, "search: a QUERY is needed "
				    "(inmail search --help)");
	if (optind + 1 != argc)
		return cli_fail(EX_USAGE, "search: unexpected '%s' (quote the "
				    "query as one argument)", argv[optind + 1]);
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)))
		return rc;
	struct im_page page = {0};
	enum im_status st = im_search(m, argv[optind], after, (size_t)limit,
				      &page);
	if (st != IM_OK) {
		rc = cli_model_fail(m, st);
	} else if (json) {
		json_t *arr = json_array();
		for (size_t i = 0; arr && i < page.n; i++)
			if (json_array_append_new(arr,
					out_json_thread(&page.items[i])) != 0) {
				json_decref(arr);
				arr = NULL;
			}
		rc = arr ? out_json_print(arr)
			 : cli_fail(EXIT_FAILURE, "out of memory");
	} else {
		bool rec = im_model_actor(m)->role == IM_ROLE_RECRUITER;
		for (size_t i = 0; i < page.n; i++)
			search_row(m, rec, &page.items[i]);
	}
	im_page_clear(&page);
	im_model_close(&m);
	return rc;
}
