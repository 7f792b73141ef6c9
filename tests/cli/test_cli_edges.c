/* Issue 10 from outside, through the real binary: times at and past the
 * edges of the clock's range (classes 2 and 3), enums another program wrote
 * (class 4), refused commands and outsiders that must change nothing
 * (class 6), a credit back at the balance cap (class 7), invisible text
 * (class 8) and the contract slips of class 10.  Every snapshot is taken
 * without a settling read (settle_as stays NULL), so a catch-up write made
 * by a refused command shows. */
#include "clirun.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

extern char **environ;

/* One integer from the database, read directly. */
static long long qint(struct cli *c, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(c->db, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	sqlite3_busy_timeout(db, 30000);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	long long v = -1;
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_int_equal(rc, SQLITE_OK);
	return v;
}

static void send_one(struct cli *c, const char *followup)
{
	if (followup)
		OK(c, "rita", "send", "--to", "jose", "--subject", "Senior C engineer",
		   "--body", "Hello José", "--followup", followup);
	else
		OK(c, "rita", "send", "--to", "jose", "--subject", "Senior C engineer",
		   "--body", "Hello José");
}

static int one_line(const struct cli_res *r)
{
	return r->err_len > 1 && r->err[r->err_len - 1] == '\n' &&
	       cli_lines(r->err) == 1;
}

/* ---- class 2: no time is a sentinel ---- */

/* class 2: epoch 0 is outside the range; a response at the first second of
 * 1970 is still a response, answered once, refunded once. */
static void first_second_of_1970_is_a_real_response(void **state)
{
	struct cli *c = *state;
	cli_at(c, "1970-01-01T00:00:01Z");
	CAST(c, 5);
	long long before = CREDITS(c, "rita");
	OK(c, "rita", "send", "--to", "jose", "--subject", "Early", "--body", "Hi");
	OK(c, "jose", "reply", "1", "--smart", "yes");
	for (int i = 0; i < 5; i++) {
		const struct cli_res *r =
			FAILS(c, 77, "jose", "reply", "1", "--smart", "yes");
		assert_non_null(strstr(r->err, "already answered"));
	}
	assert_int_equal(CREDITS(c, "rita"), before);
	assert_int_equal(qint(c, "SELECT count(*) FROM notification"), 1);
	assert_int_equal(qint(c, "SELECT count(*) FROM message WHERE kind = 3"), 1);
	FAILS(c, 64, "rita", "--now", "1970-01-01", "list");
}

/* ---- class 3: times out of range ---- */

static regex_t iso_re, negdays_re;

static void check_times(json_t *j, const char *key)
{
	if (key && (strstr(key, "_at") || strstr(key, "deadline"))) {
		if (json_is_null(j))
			return;
		if (!json_is_string(j) ||
		    regexec(&iso_re, json_string_value(j), 0, NULL, 0) != 0) {
			char *s = json_dumps(j, JSON_ENCODE_ANY);
			print_error("time %s is not ISO 8601 with Z: %s\n", key,
				    s ? s : "?");
			free(s);
			fail();
		}
		return;
	}
	if (key && strcmp(key, "days_left") == 0 && json_is_integer(j) &&
	    json_integer_value(j) < 0)
		fail_msg("days_left is negative: %lld",
			 (long long)json_integer_value(j));
	const char *k;
	json_t *v;
	size_t i;
	if (json_is_object(j)) {
		json_object_foreach(j, k, v)
			check_times(v, k);
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			check_times(v, key);
	}
}

/* class 3: the last second of 9999 works and every time in JSON is a
 * terminated ISO string or null (deadlines past 9999 included). */
static void last_second_of_9999_gives_valid_json(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	FAILS(c, 64, "rita", "--now", "10000-01-01", "list");
	cli_at(c, "9999-12-31T23:59:59Z");
	send_one(c, NULL);
	check_times(SHOW(c, "rita", "1"), NULL);
	check_times(SHOW(c, "jose", "1"), NULL);
	check_times(JSON(c, "rita", "list", "--folder", "awaiting", "--json"), NULL);
}

/* One read of a thread whose times another program broke: no crash, no
 * wrapped number; exit 0 with sane output, or 65 naming the thread. */
static void hostile_read(struct cli *c, const char *as, int json,
			 const char *const *argv)
{
	const struct cli_res *r = cli_run(c, as, argv);
	char cmd[200] = "";
	for (size_t i = 0; argv[i]; i++) {
		strncat(cmd, argv[i], sizeof cmd - strlen(cmd) - 2);
		strncat(cmd, " ", sizeof cmd - strlen(cmd) - 1);
	}
	if (r->code >= 128)
		fail_msg("--as %s %s: crashed (%d)\nstderr: %s", as, cmd, r->code,
			 r->err);
	if (r->code == 65) {
		if (!one_line(r) || !strstr(r->err, "thread 1"))
			fail_msg("--as %s %s: 65 without one line naming thread 1: %s",
				 as, cmd, r->err);
		return;
	}
	if (r->code != 0)
		fail_msg("--as %s %s: exit %d: %s", as, cmd, r->code, r->err);
	if (regexec(&negdays_re, r->out, 0, NULL, 0) == 0)
		fail_msg("--as %s %s: a negative day count:\n%s", as, cmd, r->out);
	if (json) {
		json_error_t e;
		json_t *j = json_loads(r->out, JSON_REJECT_DUPLICATES, &e);
		if (!j)
			fail_msg("--as %s %s: not JSON (%s):\n%.2000s", as, cmd, e.text,
				 r->out);
		json_decref(j);
		/* check_times asserts: parse again, owned by c. */
		check_times(cli_json_at(c, as, argv, __FILE__, __LINE__), NULL);
	}
}

static void hostile_reads(struct cli *c)
{
	const char *who[] = {"rita", "jose"};
	for (int w = 0; w < 2; w++) {
		hostile_read(c, who[w], 0, CLI_ARGV("list"));
		hostile_read(c, who[w], 1, CLI_ARGV("list", "--json"));
		hostile_read(c, who[w], 0, CLI_ARGV("show", "1"));
		hostile_read(c, who[w], 1, CLI_ARGV("show", "1", "--json"));
	}
	hostile_read(c, "rita", 0, CLI_ARGV("list", "--folder", "awaiting"));
	hostile_read(c, "rita", 1, CLI_ARGV("list", "--folder", "awaiting", "--json"));
	hostile_read(c, "rita", 0, CLI_ARGV("stats"));
	hostile_read(c, "rita", 0, CLI_ARGV("stats", "--json"));
}

static const char *const hostile_times[] = {
	"UPDATE thread SET updated_at = 1767225600000000000",
	"UPDATE message SET sent_at = 253402300800 WHERE id = 1",
	"UPDATE thread SET created_at = -5; UPDATE message SET sent_at = -5",
	"UPDATE thread SET created_at = -9223372036854775808, "
	"updated_at = -9223372036854775808",
	"UPDATE message SET sent_at = -9223372036854775808",
	"UPDATE thread SET created_at = 9223372036854775807; "
	"UPDATE message SET sent_at = 9223372036854775807",
	"UPDATE thread SET followup_at = -9223372036854775808",
	"UPDATE thread SET followup_at = 1767225600000000000",
};

/* class 3: stored times out of range (nanoseconds, past 9999, negative,
 * INT64_MIN/MAX) never crash a read nor print a wrapped number. */
static void stored_times_out_of_range_never_crash(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof hostile_times / sizeof *hostile_times; i++) {
		for (int responded = 0; responded < 2; responded++) {
			struct cli *c = cli_new();
			assert_non_null(c);
			CAST(c, 5);
			send_one(c, "3:ping");
			if (responded) {
				cli_at(c, "2026-03-03T09:00:00Z");
				OK(c, "jose", "reply", "1", "--body", "Sounds good, tell me more");
			}
			SQL(c, hostile_times[i]);
			if (responded)
				SQL(c, "UPDATE thread SET responded_at = "
				       "(SELECT updated_at FROM thread WHERE id = 1)");
			print_message("# %s (%s)\n", hostile_times[i],
				      responded ? "answered" : "pending");
			hostile_reads(c);
			cli_free(&c);
		}
	}
}

/* class 3: a reply dated before the thread's last message is refused and
 * refunds nothing; the same second is fine. */
static void reply_before_last_message_refused(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	cli_at(c, "2026-03-10T09:00:00Z");
	send_one(c, NULL);
	long long credits = CREDITS(c, "rita");
	cli_at(c, "2026-03-01T09:00:00Z");
	const struct cli_res *r = FAILS(c, 65, "jose", "reply", "1", "--smart", "yes");
	assert_non_null(strstr(r->err, "the clock is before the thread's last message"));
	assert_int_equal(CREDITS(c, "rita"), credits);
	cli_at(c, "2026-03-10T09:00:00Z");
	OK(c, "jose", "reply", "1", "--smart", "yes");
	assert_int_equal(CREDITS(c, "rita"), credits + 1);
}

/* ---- class 4: enums from the database ---- */

static int in_set(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(s, *set) == 0)
			return 1;
	return strcmp(s, "?") == 0;
}

static void check_enum(json_t *o, const char *key, const char *const *set)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return;
	if (!json_is_string(v) || !in_set(json_string_value(v), set)) {
		char *s = json_dumps(v, JSON_ENCODE_ANY);
		print_error("%s is not one of its values: %s\n", key, s ? s : "?");
		free(s);
		fail();
	}
}

static void check_enums(json_t *t)
{
	static const char *const states[] = {"pending", "accepted", "declined", NULL};
	static const char *const responses[] = {"none", "smart_template",
						"smart_edited", "custom", NULL};
	static const char *const kinds[] = {"inmail", "followup", "message",
					    "system", NULL};
	static const char *const labels[] = {"accept", "decline", NULL};
	static const char *const credits[] = {"held", "refunded", "forfeited", NULL};
	check_enum(t, "state", states);
	check_enum(t, "response", responses);
	check_enum(t, "credit", credits);
	json_t *m = json_object_get(t, "messages");
	size_t i;
	json_t *v;
	json_array_foreach(m, i, v) {
		check_enum(v, "kind", kinds);
		check_enum(v, "classification", labels);
		json_t *conf = json_object_get(v, "confidence");
		if (conf && !json_is_null(conf) &&
		    (!json_is_number(conf) || !(json_number_value(conf) >= 0.0 &&
						json_number_value(conf) <= 1.0)))
			fail_msg("confidence out of 0..1: %g", json_number_value(conf));
	}
}

static const char *const hostile_enums[] = {
	"UPDATE thread SET response = 7",
	"UPDATE thread SET state = 9",
	"UPDATE thread SET state = -1, response = -3",
	"UPDATE message SET kind = 9 WHERE id = 2",
	"UPDATE message SET kind = 9 WHERE id = 1",
	"UPDATE message SET label = 5 WHERE id = 2",
	"UPDATE message SET confidence = 'NaN' WHERE id = 2",
	"UPDATE message SET confidence = 2.0 WHERE id = 2",
	"UPDATE thread SET blocked = 7, refunded = 9",
};

/* class 4: an enum another program wrote out of range never crashes show
 * or list, and never reaches JSON as a value outside its set. */
static void stored_enums_out_of_range_checked(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof hostile_enums / sizeof *hostile_enums; i++) {
		struct cli *c = cli_new();
		assert_non_null(c);
		CAST(c, 5);
		send_one(c, NULL);
		cli_at(c, "2026-03-03T09:00:00Z");
		OK(c, "jose", "reply", "1", "--body", "Sounds great, tell me more");
		SQL(c, hostile_enums[i]);
		print_message("# %s\n", hostile_enums[i]);
		const char *who[] = {"rita", "jose"};
		for (int w = 0; w < 2; w++) {
			hostile_read(c, who[w], 0, CLI_ARGV("list"));
			hostile_read(c, who[w], 1, CLI_ARGV("list", "--json"));
			hostile_read(c, who[w], 0, CLI_ARGV("show", "1"));
			const struct cli_res *r =
				cli_run(c, who[w], CLI_ARGV("show", "1", "--json"));
			if (r->code == 0) {
				json_t *t = json_loads(r->out, 0, NULL);
				if (!t)
					fail_msg("show --json as %s: not JSON:\n%s", who[w],
						 r->out);
				/* owned by c: asserts below may jump */
				json_decref(t);
				check_enums(JSON(c, who[w], "show", "1", "--json"));
			} else {
				hostile_read(c, who[w], 1, CLI_ARGV("show", "1", "--json"));
			}
		}
		cli_free(&c);
	}
}

/* ---- class 6: refused commands change nothing ---- */

/* class 6: with a follow-up due, a refused reply and an outsider's show
 * leave the database byte-identical, and an outsider's list moves nothing. */
static void refused_and_outsider_commands_change_nothing(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	send_one(c, "3:ping");
	cli_at(c, "2026-03-07T09:00:00Z");
	FAILS(c, 65, "jose", "reply", "1", "--body", "");
	FAILS(c, 77, "ana", "show", "1");
	long long msgs = qint(c, "SELECT count(*) FROM message WHERE thread = 1");
	OK(c, "ana", "list");
	assert_int_equal(qint(c, "SELECT count(*) FROM message WHERE thread = 1"),
			 msgs);
}

/* ---- class 7: a credit back is never refused by the cap ---- */

/* class 7: a recruiter at the cap gets a credit back past it; grants stay
 * capped. */
static void credit_back_passes_the_cap(void **state)
{
	struct cli *c = *state;
	OK(c, NULL, "init");
	OK(c, NULL, "user", "add", "rita", "--name", "Rita Recruiter", "--role",
	   "recruiter", "--credits", "1000000000");
	OK(c, NULL, "user", "add", "jose", "--name", "José Müller", "--role",
	   "candidate");
	send_one(c, NULL);
	assert_int_equal(CREDITS(c, "rita"), 999999999);
	OK(c, NULL, "credits", "grant", "rita", "1");
	assert_int_equal(CREDITS(c, "rita"), 1000000000);
	OK(c, "jose", "reply", "1", "--smart", "yes");
	assert_int_equal(CREDITS(c, "rita"), 1000000001);
	FAILS(c, 65, NULL, "credits", "grant", "rita", "1");
}

/* ---- class 8: invisible text ---- */

static const char *const invisible_only[] = {
	"\xE2\x81\xA4",     /* U+2064 INVISIBLE PLUS */
	"\xC2\xAD",         /* U+00AD SOFT HYPHEN */
	"\xE3\x85\xA4",     /* U+3164 HANGUL FILLER */
	"\xE2\xA0\x80",     /* U+2800 BRAILLE PATTERN BLANK */
	"\xEF\xB8\x8F",     /* U+FE0F VARIATION SELECTOR-16 */
	"\xF3\xA0\x81\x81", /* U+E0041 TAG LATIN CAPITAL A */
	"\xC2\xAD\xE2\x81\xA4 \xE2\xA0\x80",
};

/* class 8: a name, subject or body of only invisible characters is empty. */
static void invisible_only_text_is_empty(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	for (size_t i = 0; i < sizeof invisible_only / sizeof *invisible_only; i++) {
		const char *s = invisible_only[i];
		const struct cli_res *r;
		r = FAILS(c, 65, NULL, "user", "add", "ghost", "--name", s, "--role",
			  "candidate");
		assert_non_null(strstr(r->err, "is empty"));
		r = FAILS(c, 65, "rita", "send", "--to", "jose", "--subject", s,
			  "--body", "Hello");
		assert_non_null(strstr(r->err, "is empty"));
		r = FAILS(c, 65, "rita", "send", "--to", "jose", "--subject", "Hi",
			  "--body", s);
		assert_non_null(strstr(r->err, "is empty"));
	}
}

#define MARKED_TEXT                                                          \
	"a\xC2\xAD" "b c\xE2\x81\xA1" "d e\xE2\x81\xA2" "f g\xE2\x81\xA3"        \
	"h i\xE2\x81\xA4" "j k\xE2\x81\xAA" "l m\xE2\x81\xAF" "n x\xEF\xB8\x8F"  \
	"y t\xF3\xA0\x81\x81" "u z\xE2\xA0\x80" "w v\xE3\x85\xA4" "q"

static const char *const raw_marks[] = {
	"\xC2\xAD", "\xE2\x81\xA1", "\xE2\x81\xA2", "\xE2\x81\xA3", "\xE2\x81\xA4",
	"\xE2\x81\xAA", "\xE2\x81\xAF", "x\xEF\xB8\x8F", "\xF3\xA0\x81\x81",
	"\xE2\xA0\x80", "\xE3\x85\xA4",
};

static void assert_no_raw_marks(const char *what, const char *out)
{
	for (size_t i = 0; i < sizeof raw_marks / sizeof *raw_marks; i++)
		if (strstr(out, raw_marks[i]))
			fail_msg("%s shows invisible mark %zu raw:\n%s", what, i, out);
}

/* class 8: invisible characters inside names, subjects and bodies are
 * shown as marks in plain output; --json keeps the text. */
static void invisible_characters_shown_as_marks(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, NULL, "user", "add", "rita2", "--name", "Rita\xE2\x81\xA3", "--role",
	   "recruiter", "--credits", "5");
	const char *users = OUT(c, NULL, "user", "list");
	assert_null(strstr(users, "\xE2\x81\xA3"));
	assert_non_null(strstr(users, "Rita"));
	OK(c, "rita2", "send", "--to", "jose", "--subject", MARKED_TEXT, "--body",
	   MARKED_TEXT);
	assert_no_raw_marks("user list", OUT(c, NULL, "user", "list"));
	assert_no_raw_marks("list (recruiter)", OUT(c, "rita2", "list", "--folder", "sent"));
	assert_no_raw_marks("list (candidate)", OUT(c, "jose", "list"));
	assert_no_raw_marks("show (recruiter)", OUT(c, "rita2", "show", "1"));
	assert_no_raw_marks("show (candidate)", OUT(c, "jose", "show", "1"));
	json_t *t = SHOW(c, "rita2", "1");
	assert_string_equal(JSTR(t, "subject"), MARKED_TEXT);
	assert_string_equal(JSTR(MSG(t, 0), "body"), MARKED_TEXT);
	assert_string_equal(JSTR(JGET(t, "recruiter"), "name"), "Rita\xE2\x81\xA3");
}

#define HEART "\xE2\x9D\xA4\xEF\xB8\x8F"
#define CODER "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"
#define FLAG_DE "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA"
#define THUMB "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"

/* class 8: emoji sequences (joiners and selectors inside them) stay as
 * they are. */
static void emoji_sequences_kept(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	const char *text = "Love " HEART " dev " CODER " from " FLAG_DE " ok " THUMB;
	/* The list shows 30 columns of the subject: all four fit in it. */
	const char *subject = HEART " " CODER " " FLAG_DE " " THUMB;
	OK(c, "rita", "send", "--to", "jose", "--subject", subject, "--body", text);
	const char *outs[] = {OUT(c, "rita", "show", "1"), OUT(c, "jose", "show", "1"),
			      OUT(c, "jose", "list")};
	const char *seqs[] = {HEART, CODER, FLAG_DE, THUMB};
	for (size_t o = 0; o < 3; o++)
		for (size_t s = 0; s < 4; s++)
			if (!strstr(outs[o], seqs[s]))
				fail_msg("emoji %zu not kept in output %zu:\n%s", s, o,
					 outs[o]);
}

/* ---- class 10 ---- */

/* Runs inmail with stdout on /dev/full; *err receives stderr (owned by c). */
static int run_devfull(struct cli *c, const char *as, const char *const *argv,
		       const char **err)
{
	const char *err_path = cli_path(c, "devfull.err");
	const char *av[32];
	size_t k = 0;
	av[k++] = c->exe;
	if (as) {
		av[k++] = "--as";
		av[k++] = as;
	}
	for (size_t i = 0; argv[i] && k < 31; i++)
		av[k++] = argv[i];
	av[k] = NULL;
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = calloc(n + 3, sizeof *env);
	assert_non_null(env);
	size_t e = 0;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "INMAIL_", 7) != 0)
			env[e++] = environ[i];
	char dbv[700], nowv[96];
	snprintf(dbv, sizeof dbv, "INMAIL_DB=%s", c->db);
	snprintf(nowv, sizeof nowv, "INMAIL_NOW=%s", c->now);
	env[e++] = dbv;
	env[e++] = nowv;
	env[e] = NULL;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/full", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, err_path,
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	pid_t pid;
	int rc = posix_spawn(&pid, c->exe, &fa, NULL, (char *const *)av, env);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	assert_int_equal(rc, 0);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	size_t len = 0;
	char *s = cli_read_file(c, err_path, &len);
	*err = s ? s : "";
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void assert_one_line(const char *what, const char *err)
{
	size_t len = strlen(err);
	if (len < 2 || err[len - 1] != '\n' || cli_lines(err) != 1)
		fail_msg("%s: expected one line on stderr, got: \"%s\"", what, err);
}

/* class 10a: every unread notification is listed (not 1,000), and marked
 * read only once shown; a failed write marks none. */
static void notifications_all_listed_and_read_only_if_shown(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	SQL(c, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	       "WHERE i < 1005) "
	       "INSERT INTO thread (id, recruiter, candidate, subject, created_at, "
	       "updated_at, state, response, responded_at, refunded) "
	       "SELECT i, (SELECT id FROM account WHERE handle = 'rita'), "
	       "(SELECT id FROM account WHERE handle = 'jose'), 'Job ' || i, "
	       "1772442000, 1772442000 + i, 1, 1, 1772442000 + i, 1 FROM n;"
	       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	       "WHERE i < 1005) "
	       "INSERT INTO notification (recruiter, thread, text, created_at, read) "
	       "SELECT (SELECT id FROM account WHERE handle = 'rita'), i, "
	       "'Candidate José Müller is interested in starting a conversation. "
	       "Please follow up soon to continue the conversation.', "
	       "1772442000 + i, 0 FROM n;");
	const char *err = NULL;
	int code = run_devfull(c, "rita", CLI_ARGV("notifications"), &err);
	assert_int_equal(code, 1);
	assert_one_line("notifications > /dev/full", err);
	assert_int_equal(qint(c, "SELECT count(*) FROM notification WHERE read = 0"),
			 1005);
	json_t *j = JSON(c, "rita", "notifications", "--json");
	assert_true(json_is_array(j));
	assert_int_equal(json_array_size(j), 1005);
	assert_int_equal(qint(c, "SELECT count(*) FROM notification WHERE read = 0"),
			 0);
}

/* class 10b: a write error on stdout is a failure (send's ids are lost). */
static void write_error_on_stdout_fails(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	const char *err = NULL;
	int code = run_devfull(c, "rita",
			       CLI_ARGV("send", "--to", "jose", "--subject", "Job",
					"--body", "Hello"), &err);
	assert_int_equal(code, 1);
	assert_one_line("send > /dev/full", err);
	code = run_devfull(c, "rita", CLI_ARGV("list", "--folder", "sent"), &err);
	assert_int_equal(code, 1);
	assert_one_line("list > /dev/full", err);
	code = run_devfull(c, "rita", CLI_ARGV("show", "1"), &err);
	assert_int_equal(code, 1);
	assert_one_line("show > /dev/full", err);
}

/* class 10c: a database others may read warns on success only; a failure
 * prints its one line and nothing else. */
static void readable_by_others_one_line_on_failure(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	assert_int_equal(chmod(c->db, 0644), 0);
	FAILS(c, 66, "rita", "show", "999");
	const struct cli_res *r = OK(c, "rita", "list");
	assert_non_null(strstr(r->err, "warning:"));
}

/* class 10d: a database file or directory others may write is refused
 * with one line and left as it was. */
static void writable_by_others_refused(void **state)
{
	(void)state;
	struct {
		mode_t file, dir;
	} modes[] = {{0664, 0700}, {0666, 0700}, {0600, 0777}, {0600, 0775}};
	for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
		struct cli *c = cli_new();
		assert_non_null(c);
		CAST(c, 5);
		send_one(c, NULL);
		char dir[600];
		snprintf(dir, sizeof dir, "%s/data", c->dir);
		assert_int_equal(chmod(c->db, modes[i].file), 0);
		assert_int_equal(chmod(dir, modes[i].dir), 0);
		char *before = strdup(cli_snapshot(c));
		size_t blen = 0;
		char *bytes = cli_read_file(c, c->db, &blen);
		assert_non_null(before);
		const struct cli_res *w = RUN(c, "rita", "send", "--to", "ana",
					      "--subject", "Job", "--body", "Hi");
		const struct cli_res *r = RUN(c, "rita", "list");
		size_t alen = 0;
		char *after_bytes = cli_read_file(c, c->db, &alen);
		int same = strcmp(before, cli_snapshot(c)) == 0 && alen == blen &&
			   memcmp(bytes, after_bytes, blen) == 0;
		free(before);
		print_message("# file %o dir %o: send %d (%s) list %d (%s)\n",
			      modes[i].file, modes[i].dir, w->code, w->err, r->code,
			      r->err);
		assert_int_not_equal(w->code, 0);
		assert_true(one_line(w));
		assert_int_not_equal(r->code, 0);
		assert_true(one_line(r));
		assert_true(same);
		cli_free(&c);
	}
}

/* class 10e: gen killed mid-way leaves no file, or a whole database. */
static void killed_gen_leaves_no_malformed_file(void **state)
{
	struct cli *c = *state;
	const char *gdir = cli_path(c, "gen");
	assert_int_equal(mkdir(gdir, 0700), 0);
	const char *path = cli_fmt(c, "%s/new.db", gdir);
	const char *av[] = {c->exe, "--db", path, "gen", "--recruiters", "200",
			    "--candidates", "200000", "--threads", "2000000",
			    "--messages", "8000000", NULL};
	pid_t pid;
	assert_int_equal(posix_spawn(&pid, c->exe, NULL, NULL, (char *const *)av,
				     environ), 0);
	/* Bounded polling: wait until gen has begun writing (something in its
	 * directory), then let it run half a second into the build. */
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		int any = 0;
		DIR *d = opendir(gdir);
		struct dirent *e;
		while (d && (e = readdir(d)))
			any |= e->d_name[0] != '.' || (e->d_name[1] != '\0' &&
						       strcmp(e->d_name, "..") != 0);
		if (d)
			closedir(d);
		clock_gettime(CLOCK_MONOTONIC, &t);
		double ms = (double)(t.tv_sec - t0.tv_sec) * 1e3 +
			    (double)(t.tv_nsec - t0.tv_nsec) / 1e6;
		if (any || ms > 5000)
			break;
		struct timespec d10 = {0, 10 * 1000 * 1000};
		nanosleep(&d10, NULL);
	}
	struct timespec half = {0, 500 * 1000 * 1000};
	nanosleep(&half, NULL);
	int st = 0;
	pid_t w = waitpid(pid, &st, WNOHANG);
	if (w == 0) {
		kill(pid, SIGKILL);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	} else {
		print_message("# gen ended before the kill (status %d)\n", st);
	}
	struct stat sb;
	if (stat(path, &sb) != 0)
		return;
	snprintf(c->db, sizeof c->db, "%s", path);
	const struct cli_res *r = RUN(c, NULL, "user", "list");
	if (r->code != 0)
		fail_msg("gen killed: %s is left, and user list exits %d: %s", path,
			 r->code, r->err);
	/* complete: every account and thread gen was asked for */
	assert_int_equal(qint(c, "SELECT count(*) FROM account WHERE role = 0"), 200);
	assert_int_equal(qint(c, "SELECT count(*) FROM account WHERE role = 1"),
			 200000);
	assert_int_equal(qint(c, "SELECT count(*) FROM thread"), 2000000);
}

/* class 10g: a thread id is digits only, in range. */
static void thread_ids_strictly_parsed(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	send_one(c, NULL);
	const char *bad[] = {" 1", "+1", "1x", "0", "-1", "0x1", "", "1 ",
			     "99999999999999999999", "01e0"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		print_message("# show \"%s\"\n", bad[i]);
		FAILS(c, 64, "rita", "show", bad[i]);
	}
}

/* ---- found by an outside attack on the fixes ---- */

/* class 8: tag characters are always marks (a lone CANCEL TAG after tags,
 * or tags after U+1F3F4, reached plain output raw). */
static void tags_always_marked(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, NULL, "user", "add", "f1", "--name", "a\xF3\xA0\x81\xA7\xF3\xA0\x81\xBF",
	   "--role", "candidate");
	OK(c, NULL, "user", "add", "f2", "--name",
	   "\xF0\x9F\x8F\xB4\xF3\xA0\x81\xBF", "--role", "candidate");
	const char *out = OUT(c, NULL, "user", "list");
	assert_null(strstr(out, "\xF3\xA0\x81\xBF"));
	assert_null(strstr(out, "\xF3\xA0\x81\xA7"));
	assert_non_null(strstr(out, "<U+E007F>"));
}

/* class 10: a write error after a change says the change was made (a
 * retry would send twice); --help and --version check their writes. */
static void write_error_after_a_change_says_it_was_made(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	send_one(c, NULL);
	const char *err = NULL;
	int code = run_devfull(c, "jose", CLI_ARGV("reply", "1", "--body", "More"),
			       &err);
	assert_int_equal(code, 1);
	assert_one_line("reply > /dev/full", err);
	assert_non_null(strstr(err, "the command ran"));
	assert_int_equal(qint(c, "SELECT count(*) FROM message WHERE body = 'More'"),
			 1);
	assert_int_equal(run_devfull(c, NULL, CLI_ARGV("--help"), &err), 1);
	assert_int_equal(run_devfull(c, NULL, CLI_ARGV("--version"), &err), 1);
}

/* class 3/4: rows another program made inconsistent are refused with one
 * line naming the thread: a response before its InMail, a message by an
 * account that takes no part in the thread, a forged system line. */
static void inconsistent_rows_refused(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	send_one(c, NULL);
	OK(c, "jose", "reply", "1", "--smart", "yes");
	static const char *const bad[][2] = {
		{"UPDATE thread SET responded_at = created_at - 100",
		 "UPDATE thread SET responded_at = created_at"},
		{"UPDATE message SET sender = (SELECT id FROM account WHERE "
		 "handle = 'ana') WHERE id = 2",
		 "UPDATE message SET sender = (SELECT id FROM account WHERE "
		 "handle = 'jose') WHERE id = 2"},
		{"UPDATE message SET kind = 3 WHERE id = 2",
		 "UPDATE message SET kind = 2 WHERE id = 2"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		print_message("# %s\n", bad[i][0]);
		SQL(c, bad[i][0]);
		const struct cli_res *r = RUN(c, "rita", "show", "1", "--json");
		assert_int_equal(r->code, 65);
		assert_true(one_line(r));
		assert_non_null(strstr(r->err, "thread 1"));
		SQL(c, bad[i][1]);
		OK(c, "rita", "show", "1");
	}
}

/* SPEC 3: a window closed without a response is "closed" in the CLI's
 * Awaiting Reply too. */
static void awaiting_says_closed(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	send_one(c, NULL);
	cli_at(c, "2026-12-01");
	const char *out = OUT(c, "rita", "list", "--folder", "awaiting");
	assert_non_null(strstr(out, "closed"));
}

int main(void)
{
	assert_int_equal(regcomp(&iso_re,
				 "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
				 REG_EXTENDED | REG_NOSUB), 0);
	assert_int_equal(regcomp(&negdays_re, "-[0-9]+ ?d([^a-zA-Z]|$)",
				 REG_EXTENDED | REG_NOSUB), 0);
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, cli_setup, cli_teardown)
		T(first_second_of_1970_is_a_real_response),
		T(last_second_of_9999_gives_valid_json),
		cmocka_unit_test(stored_times_out_of_range_never_crash),
		T(reply_before_last_message_refused),
		cmocka_unit_test(stored_enums_out_of_range_checked),
		T(refused_and_outsider_commands_change_nothing),
		T(credit_back_passes_the_cap),
		T(invisible_only_text_is_empty),
		T(invisible_characters_shown_as_marks),
		T(emoji_sequences_kept),
		T(notifications_all_listed_and_read_only_if_shown),
		T(write_error_on_stdout_fails),
		T(readable_by_others_one_line_on_failure),
		cmocka_unit_test(writable_by_others_refused),
		T(killed_gen_leaves_no_malformed_file),
		T(thread_ids_strictly_parsed),
		T(tags_always_marked),
		T(write_error_after_a_change_says_it_was_made),
		T(inconsistent_rows_refused),
		T(awaiting_says_closed),
#undef T
	};
	int rc = cli_run_group("cli_edges", tests);
	regfree(&iso_re);
	regfree(&negdays_re);
	return rc;
}
