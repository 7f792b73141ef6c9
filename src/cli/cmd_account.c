/* init, user add / list, credits grant. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

int cmd_init(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
		"usage: inmail init [--client-clock]\n\nCreates the database "
		"(0600, in a 0700 directory) or migrates it to this\nversion's "
		"schema. Safe to run again. On PostgreSQL, --client-clock makes\n"
		"the database take --now / INMAIL_NOW (tests and demos) instead "
		"of the\nserver's clock.";
	static const struct option opts[] = {
		{"client-clock", no_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	bool client_clock = false;
	optind = 0;
	int c, rc;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'c': client_clock = true; break;
		case 'h': return cli_help(usage);
		default: return EX_USAGE;
		}
	}
	if (optind != argc)
		return cli_fail(EX_USAGE, "init: unexpected '%s'", argv[optind]);
	struct cli_ctx init_ctx = *ctx;
	/* The clock is refused or taken once the database says whose. */
	init_ctx.now_given = false;
	struct im_model *m = NULL;
	if ((rc = cli_open(&init_ctx, CLI_OPEN_CREATE, &m)))
		return rc;
	enum im_status st = client_clock ? im_model_keep_client_clock(m) : IM_OK;
	if (st == IM_OK)
		st = im_model_set_clock(m, ctx->now, ctx->now_given);
	rc = st == IM_OK ? EX_OK : cli_model_fail(m, st);
	im_model_close(&m);
	if (rc)
		return rc;
	char *shown = cli_db_shown(ctx->db_path);
	printf("database ready: ");
	out_text(stdout, shown ? shown : "(out of memory)");
	putchar('\n');
	free(shown);
	return EX_OK;
}

/* Any whole number: whether it is a count the model allows is the
 * model's to say (65, with the range). */
static int parse_count(const char *s, const char *what, int64_t *out)
{
	return cli_parse_int(s, what, INT64_MIN, INT64_MAX, NULL, out);
}

static int parse_role(const char *s, enum im_role *out)
{
	if (strcmp(s, "recruiter") == 0)
		*out = IM_ROLE_RECRUITER;
	else if (strcmp(s, "candidate") == 0)
		*out = IM_ROLE_CANDIDATE;
	else
		return cli_fail(EX_USAGE, "a role is 'recruiter' or 'candidate', not '%s'",
				s);
	return EX_OK;
}

static const char user_usage[] =
	"usage: inmail user add HANDLE --name NAME --role recruiter|candidate "
	"[--credits N]\n"
	"           [--login ROLE] [--password-file F]\n"
	"       inmail user list [--role recruiter|candidate] [--json]\n"
	"\n"
	"A handle is 1 to 32 of a-z 0-9 . _ -; a name 1 to 100 characters.\n"
	"Only recruiters have InMail credits. On PostgreSQL the account logs "
	"in as\nthe role ROLE (by default its handle), created when missing "
	"with the first\nline of F as its password.";

/* The password of --password-file: the file's first line, without its
 * newline (SPEC 7). */
static int read_password(const char *path, char **out)
{
	*out = NULL;
	FILE *f = fopen(path, "r");
	if (!f)
		return cli_fail(EX_NOINPUT, "cannot read %s: %s", path,
				strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, f);
	fclose(f);
	if (n < 0) {
		free(line);
		return cli_fail(EX_DATAERR, "%s holds no password (its first "
				"line is the password)", path);
	}
	line[strcspn(line, "\r\n")] = '\0';
	if (!*line) {
		free(line);
		return cli_fail(EX_DATAERR, "%s holds no password (its first "
				"line is empty)", path);
	}
	*out = line;
	return EX_OK;
}

static int user_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, 'n'},
		{"role", required_argument, NULL, 'r'},
		{"credits", required_argument, NULL, 'c'},
		{"login", required_argument, NULL, 'l'},
		{"password-file", required_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const char *name = NULL, *role_s = NULL, *login = NULL, *pwfile = NULL;
	int64_t credits = 0;
	bool credits_given = false;
	optind = 0;
	int c, rc;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'r': role_s = optarg; break;
		case 'l': login = optarg; break;
		case 'p': pwfile = optarg; break;
		case 'c':
			if ((rc = parse_count(optarg, "--credits", &credits)))
				return rc;
			credits_given = true;
			break;
		case 'h': return cli_help(user_usage);
		default: return EX_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_fail(EX_USAGE, "user add: give one HANDLE (see inmail user "
				    "--help)");
	if (!name || !role_s)
		return cli_fail(EX_USAGE, "user add: --name and --role are required");
	enum im_role role = IM_ROLE_RECRUITER;
	if ((rc = parse_role(role_s, &role)))
		return rc;
	if (credits_given && role == IM_ROLE_CANDIDATE)
		return cli_fail(EX_USAGE, "user add: --credits is for recruiters only");
	char *password = NULL;
	if (pwfile && (rc = read_password(pwfile, &password)))
		return rc;
	struct im_model *m;
	if ((rc = cli_open(ctx, CLI_OPEN_EXISTING, &m))) {
		free(password);
		return rc;
	}
	enum im_status st = im_account_add_login(m, argv[optind], name, role,
						 credits, login, password);
	if (password) {
		explicit_bzero(password, strlen(password));
		free(password);
	}
	rc = st == IM_OK ? 0 : cli_model_fail(m, st);
	if (rc == 0)
		printf("added %s %s\n", im_role_name(role), argv[optind]);
	im_model_close(&m);
	return rc;
}

static int user_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"role", required_argument, NULL, 'r'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	int role = -1, c, rc;
	bool json = false;
	optind = 0;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		enum im_role r = IM_ROLE_RECRUITER;
		switch (c) {
		case 'r':
			if ((rc = parse_role(optarg, &r)))
				return rc;
			role = (int)r;
			break;
		case 'j': json = true; break;
		case 'h': return cli_help(user_usage);
		default: return EX_USAGE;
		}
	}
	if (optind != argc)
		return cli_fail(EX_USAGE, "user list: unexpected '%s'", argv[optind]);
	struct im_model *m;
	if ((rc = cli_open(ctx, CLI_OPEN_EXISTING, &m)))
		return rc;
	struct im_account *list = NULL;
	size_t n = 0;
	enum im_status st = im_account_list(m, role, &list, &n);
	if (st != IM_OK) {
		rc = cli_model_fail(m, st);
	} else if (json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, out_json_account(&list[i]));
		rc = out_json_print(arr);
	} else {
		printf("%-32s  %-30s  %-9s  %s\n", "HANDLE", "NAME", "ROLE",
		       "CREDITS");
		for (size_t i = 0; i < n; i++) {
			out_cell(stdout, list[i].handle, 32);
			fputs("  ", stdout);
			out_cell(stdout, list[i].name, 30);
			printf("  %-9s", im_role_name(list[i].role));
			if (list[i].role == IM_ROLE_RECRUITER)
				printf("  %lld", (long long)list[i].credits);
			putchar('\n');
		}
	}
	im_accounts_free(&list, n);
	im_model_close(&m);
	return rc;
}

int cmd_user(struct cli_ctx *ctx, int argc, char **argv)
{
	/* Options before the subcommand are only --help (user add and user
	 * list take theirs after it). */
	int rc = cli_no_options(argc, argv, user_usage, true);
	if (rc >= 0)
		return rc;
	if (argc < 2)
		return cli_fail(EX_USAGE, "user: give add or list (see inmail "
				"user --help)");
	if (strcmp(argv[1], "add") == 0)
		return user_add(ctx, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return user_list(ctx, argc - 1, argv + 1);
	return cli_fail(EX_USAGE, "user: unknown subcommand '%s' (add, list)", argv[1]);
}

static const char credits_usage[] =
	"usage: inmail credits grant HANDLE N\n"
	"       inmail credits allot HANDLE N\n"
	"       inmail credits history [HANDLE] [--json]\n\n"
	"grant adds N (1 or more) InMail credits to a recruiter's balance.\n"
	"allot gives a recruiter N credits on the first of each month "
	"(00:00:00 UTC),\nthe first on the next first; unused credits roll "
	"over, but a month never\ntakes the balance past 4 x N. A later allot "
	"replaces N from the next month;\n0 stops it.\n"
	"history shows the ledger of a balance, oldest first: every grant,\n"
	"allotment, spend, credit back and forfeit, with its time, amount, "
	"thread and\nthe balance after it (HANDLE: another's, for admins).";

/* credits grant / allot HANDLE N. */
static int credits_set(struct cli_ctx *ctx, int argc, char **argv)
{
	bool allot = strcmp(argv[1], "allot") == 0;
	if (argc != 4)
		return cli_fail(EX_USAGE, "usage: inmail credits %s HANDLE N",
				argv[1]);
	int64_t n = 0; /* -O3 cannot see parse_count sets it */
	int rc;
	if ((rc = parse_count(argv[3], "N", &n)))
		return rc;
	struct im_model *m;
	if ((rc = cli_open(ctx, CLI_OPEN_EXISTING, &m)))
		return rc;
	im_time next = 0;
	enum im_status st = allot ? im_credits_allot(m, argv[2], n, &next)
				  : im_credits_grant(m, argv[2], n);
	/* The line says what the change did, from the change itself: a read
	 * after it can fail (a ledger another program broke) when the change
	 * did not, and a success says so too (SPEC 5). */
	if (st != IM_OK) {
		rc = cli_model_fail(m, st);
	} else if (allot) {
		out_text(stdout, argv[2]);
		char when[32];
		im_clock_format_date(next, when, sizeof when);
		if (n == 0)
			printf(": no monthly allotment\n");
		else if (next)
			printf(" gets %lld credits on the first of each month, "
			       "the next on %s\n", (long long)n, when);
		else
			printf(" gets %lld credits on the first of each month, "
			       "none before the end of 9999\n", (long long)n);
	} else {
		struct im_account a;
		out_text(stdout, argv[2]);
		if (im_account_get(m, argv[2], &a) == IM_OK) {
			printf(" now has %lld credits\n", (long long)a.credits);
			im_account_clear(&a);
		} else {
			printf(" was granted %lld credits\n", (long long)n);
		}
	}
	im_model_close(&m);
	return rc;
}

static json_t *history_json(const struct im_credit_history *h)
{
	char iso[IM_ISO_LEN];
	json_t *rows = json_array();
	for (size_t i = 0; rows && i < h->n; i++) {
		const struct im_ledger_entry *e = &h->entries[i];
		im_clock_format_iso(e->at, iso);
		json_array_append_new(rows, json_pack(
			"{s:I, s:s, s:I, s:o, s:s, s:I}",
			"id", (json_int_t)e->id,
			"kind", im_ledger_kind_name(e->kind),
			"amount", (json_int_t)e->amount,
			"thread", e->thread ? json_integer(e->thread) : json_null(),
			"created_at", iso,
			"balance", (json_int_t)e->balance));
	}
	json_t *next = json_null();
	if (h->next_allotment && im_clock_format_iso(h->next_allotment, iso))
		next = json_string(iso);
	return json_pack("{s:s, s:I, s:I, s:o, s:o}", "handle", h->handle,
			 "credits", (json_int_t)h->credits,
			 "allotment", (json_int_t)h->allotment,
			 "next_allotment", next, "ledger", rows);
}

static void history_plain(const struct im_credit_history *h)
{
	out_text(stdout, h->handle);
	printf(": %lld credits", (long long)h->credits);
	if (h->allotment) {
		char when[32];
		im_clock_format_date(h->next_allotment, when, sizeof when);
		printf(", %lld a month (next on %s)", (long long)h->allotment,
		       h->next_allotment ? when : "none before 10000");
	}
	putchar('\n');
	if (h->n)
		printf("%-20s  %-11s  %7s  %7s  %s\n", "WHEN", "KIND", "AMOUNT",
		       "BALANCE", "THREAD");
	for (size_t i = 0; i < h->n; i++) {
		const struct im_ledger_entry *e = &h->entries[i];
		char iso[IM_ISO_LEN];
		im_clock_format_iso(e->at, iso);
		printf("%-20s  %-11s  %+7lld  %7lld", iso,
		       im_ledger_kind_name(e->kind), (long long)e->amount,
		       (long long)e->balance);
		if (e->thread)
			printf("  %lld", (long long)e->thread);
		putchar('\n');
	}
}

/* credits history [HANDLE] [--json]. */
static int credits_history(struct cli_ctx *ctx, int argc, char **argv)
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
		case 'h': return cli_help(credits_usage);
		default: return EX_USAGE;
		}
	}
	if (argc - optind > 1)
		return cli_fail(EX_USAGE, "credits history: unexpected '%s'",
				argv[optind + 1]);
	const char *handle = optind < argc ? argv[optind] : NULL;
	struct im_model *m;
	if ((rc = cli_open(ctx, handle ? CLI_OPEN_EXISTING : CLI_OPEN_ACTOR,
			   &m)))
		return rc;
	/* With a HANDLE, the acting account (--as, or a server's login)
	 * still says whose it may be; an admin acts as no one. */
	enum im_status st = IM_OK;
	if (handle && (st = im_model_set_actor(m, ctx->as)) != IM_OK) {
		if (ctx->as) {
			rc = cli_model_fail(m, st);
			im_model_close(&m);
			return rc;
		}
		st = IM_OK;
	}
	struct im_credit_history h;
	st = im_credits_history(m, handle, &h);
	if (st != IM_OK)
		rc = cli_model_fail(m, st);
	else if (json)
		rc = out_json_print(history_json(&h));
	else
		history_plain(&h);
	im_credit_history_clear(&h);
	im_model_close(&m);
	return rc;
}

int cmd_credits(struct cli_ctx *ctx, int argc, char **argv)
{
	/* N may begin with '-' (the model says how far it may go): options
	 * only before the operands, of credits and of grant / allot;
	 * history takes its own. */
	int rc = cli_no_options(argc, argv, credits_usage, true);
	if (rc < 0 && optind == 1 && argc > 1 &&
	    strcmp(argv[1], "history") == 0)
		return credits_history(ctx, argc - 1, argv + 1);
	bool set = argc > 1 && (strcmp(argv[1], "grant") == 0 ||
				strcmp(argv[1], "allot") == 0);
	if (rc < 0 && optind == 1 && set)
		rc = cli_no_options(argc - 1, argv + 1, credits_usage, true);
	if (rc >= 0)
		return rc;
	if (optind != 1 || !set)
		return cli_fail(EX_USAGE, "usage: inmail credits grant|allot "
				"HANDLE N, or credits history [HANDLE]");
	return credits_set(ctx, argc, argv);
}
