/* inmail credits allot and credits history (SPEC 9): exit codes, JSON
 * names, nothing changed on refusal, and the monthly allotment given once
 * however many real processes race at the first of the month. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clirun.h"

/* The ledger's sum, checked against "credits" and each row's "balance";
 * returns how many rows are of kind. */
static size_t check_history(json_t *h, const char *kind)
{
	json_t *rows = JGET(h, "ledger");
	assert_true(json_is_array(rows));
	long long sum = 0;
	size_t n = 0;
	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_t *r = json_array_get(rows, i);
		sum += JINT(r, "amount");
		assert_int_equal(JINT(r, "balance"), sum);
		assert_non_null(strchr(JSTR(r, "created_at"), 'Z'));
		assert_non_null(JGET(r, "thread"));
		if (strcmp(JSTR(r, "kind"), kind) == 0)
			n++;
	}
	assert_int_equal(JINT(h, "credits"), sum);
	return n;
}

static void allot_then_history(void **state)
{
	(void)state;
	struct cli *c = cli_new();
	cli_at(c, "2026-01-15T10:00:00Z");
	CAST(c, 3);
	const struct cli_res *r = OK(c, NULL, "credits", "allot", "rita", "10");
	assert_string_equal(r->out, "rita gets 10 credits on the first of each "
				    "month, the next on 1 Feb 2026\n");
	OK(c, "rita", "send", "--to", "jose", "--subject", "Hi", "--body", "Hello");
	cli_at(c, "2026-01-31T23:59:59Z");
	json_t *h = JSON(c, "rita", "credits", "history", "--json");
	assert_int_equal(JINT(h, "credits"), 2);
	assert_int_equal(check_history(h, "allotment"), 0);
	assert_int_equal(check_history(h, "spend"), 1);
	assert_int_equal(JINT(h, "allotment"), 10);
	assert_string_equal(JSTR(h, "next_allotment"), "2026-02-01T00:00:00Z");
	assert_string_equal(JSTR(h, "handle"), "rita");
	cli_at(c, "2026-02-01T00:00:00Z");
	h = JSON(c, "rita", "credits", "history", "--json");
	assert_int_equal(JINT(h, "credits"), 12);
	assert_int_equal(check_history(h, "allotment"), 1);
	assert_string_equal(JSTR(h, "next_allotment"), "2026-03-01T00:00:00Z");
	json_t *rows = JGET(h, "ledger");
	json_t *last = json_array_get(rows, json_array_size(rows) - 1);
	assert_string_equal(JSTR(last, "kind"), "allotment");
	assert_string_equal(JSTR(last, "created_at"), "2026-02-01T00:00:00Z");
	assert_true(json_is_null(JGET(last, "thread")));
	/* Another's history, by handle; plain output. */
	r = OK(c, NULL, "credits", "history", "rita");
	assert_non_null(strstr(r->out, "rita: 12 credits, 10 a month (next on "
				       "1 Mar 2026)\n"));
	assert_non_null(strstr(r->out, "2026-02-01T00:00:00Z  allotment"
				       "        +10       12\n"));
	assert_non_null(strstr(r->out, "spend             -1        2  1\n"));
	/* 0 stops it. */
	r = OK(c, NULL, "credits", "allot", "rita", "0");
	assert_string_equal(r->out, "rita: no monthly allotment\n");
	cli_at(c, "2026-06-01T00:00:00Z");
	h = JSON(c, "rita", "credits", "history", "--json");
	assert_int_equal(JINT(h, "credits"), 12);
	assert_true(json_is_null(JGET(h, "next_allotment")));
	cli_free(&c);
}

static void refusals(void **state)
{
	(void)state;
	struct cli *c = cli_new();
	cli_at(c, "2026-01-15T10:00:00Z");
	CAST(c, 3);
	FAILS(c, 64, NULL, "credits", "allot", "rita", "ten");
	FAILS(c, 64, NULL, "credits", "allot", "rita", "1.5");
	FAILS(c, 64, NULL, "credits", "allot", "rita");
	FAILS(c, 65, NULL, "credits", "allot", "rita", "-1");
	FAILS(c, 65, NULL, "credits", "allot", "rita", "250000001");
	FAILS(c, 77, NULL, "credits", "allot", "jose", "5");
	FAILS(c, 66, NULL, "credits", "allot", "nobody", "5");
	FAILS(c, 64, NULL, "credits", "history");
	FAILS(c, 77, "jose", "credits", "history");
	FAILS(c, 77, NULL, "credits", "history", "jose");
	FAILS(c, 66, NULL, "credits", "history", "nobody");
	FAILS(c, 64, NULL, "credits", "history", "rita", "rob");
	FAILS(c, 64, NULL, "credits", "history", "--bogus");
	const struct cli_res *r = RUN(c, NULL, "credits", "allot", "rita", "-1");
	assert_string_equal(r->err, "inmail: an allotment is from 0 to "
				    "250000000 credits a month (got -1)\n");
	OK(c, NULL, "credits", "allot", "rita", "250000000");
	cli_free(&c);
}

/* n processes of `inmail --as rita stats` at once, at now: each must
 * succeed. */
static void race(struct cli *c, int n, const char *now)
{
	int gate[2];
	assert_int_equal(pipe(gate), 0);
	pid_t *kids = calloc((size_t)n, sizeof *kids);
	assert_non_null(kids);
	for (int i = 0; i < n; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0) {
			close(gate[1]);
			char b;
			/* All start when the gate closes. */
			while (read(gate[0], &b, 1) > 0)
				;
			setenv("INMAIL_DB", c->db, 1);
			setenv("INMAIL_NOW", now, 1);
			if (!freopen("/dev/null", "w", stdout))
				_exit(126);
			execl(c->exe, c->exe, "--as", "rita", "stats", (char *)NULL);
			_exit(127);
		}
	}
	close(gate[0]);
	close(gate[1]);
	for (int i = 0; i < n; i++) {
		int status = 0;
		assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	free(kids);
}

/* SPEC 9: exactly once per month however many sessions race, missed
 * months caught up each at its first. */
static void racing_sessions_one_allotment_a_month(void **state)
{
	(void)state;
	struct cli *c = cli_new();
	cli_at(c, "2026-01-15T10:00:00Z");
	CAST(c, 0);
	OK(c, NULL, "credits", "allot", "rita", "10");
	race(c, 12, "2026-04-15T12:00:00Z");
	cli_at(c, "2026-04-15T12:00:00Z");
	json_t *h = JSON(c, "rita", "credits", "history", "--json");
	assert_int_equal(check_history(h, "allotment"), 3); /* Feb, Mar, Apr */
	assert_int_equal(JINT(h, "credits"), 30);
	race(c, 12, "2026-05-01T00:00:00Z");
	cli_at(c, "2026-05-01T00:00:00Z");
	h = JSON(c, "rita", "credits", "history", "--json");
	assert_int_equal(check_history(h, "allotment"), 4);
	assert_int_equal(JINT(h, "credits"), 40);
	/* At the cap, more sessions add nothing. */
	race(c, 6, "2026-09-01T00:00:00Z");
	cli_at(c, "2026-09-01T00:00:00Z");
	h = JSON(c, "rita", "credits", "history", "--json");
	assert_int_equal(check_history(h, "allotment"), 4);
	assert_int_equal(JINT(h, "credits"), 40);
	cli_free(&c);
}


/* Every allot that succeeds says what it did in one line, from the change
 * itself: with a ledger row another program broke, the history read
 * after it failed and the allot exited 0 printing nothing. */
static void allot_always_says_what_it_did(void **state)
{
	(void)state;
	struct cli *c = cli_new();
	cli_at(c, "2026-01-15T10:00:00Z");
	CAST(c, 3);
	const struct cli_res *r = OK(c, NULL, "credits", "allot", "rita", "0");
	assert_string_equal(r->out, "rita: no monthly allotment\n");
	SQL(c, "UPDATE ledger SET kind = 99");
	r = OK(c, NULL, "credits", "allot", "rita", "10");
	assert_string_equal(r->out, "rita gets 10 credits on the first of each "
				    "month, the next on 1 Feb 2026\n");
	r = OK(c, NULL, "credits", "allot", "rita", "10"); /* the same N */
	assert_string_equal(r->out, "rita gets 10 credits on the first of each "
				    "month, the next on 1 Feb 2026\n");
	r = OK(c, NULL, "credits", "allot", "rita", "0");
	assert_string_equal(r->out, "rita: no monthly allotment\n");
	r = OK(c, NULL, "credits", "grant", "rita", "2");
	assert_string_equal(r->out, "rita now has 5 credits\n");
	FAILS(c, 65, NULL, "credits", "history", "rita");
	cli_free(&c);
}

/* Values another program wrote: one line, exit 65 (invalid data, as for
 * every value inmail never writes), nothing changed. */
static void planted_values_fail_in_one_line(void **state)
{
	(void)state;
	struct cli *c = cli_new();
	cli_at(c, "2026-01-15T10:00:00Z");
	CAST(c, 3);
	OK(c, "rita", "send", "--to", "jose", "--subject", "Hi", "--body", "Hello");
	/* The running sum past 2^63-1 (it wrapped to a negative balance). */
	SQL(c, "INSERT INTO ledger (account, kind, amount, thread, at) SELECT"
	       " id, 1, 9223372036854775807, NULL, 1768000000 FROM account"
	       " WHERE handle = 'rita'");
	const struct cli_res *r = FAILS(c, 65, NULL, "credits", "history", "rita");
	assert_non_null(strstr(r->err, "passes what a balance can hold"));
	FAILS(c, 65, NULL, "credits", "history", "rita", "--json");
	FAILS(c, 65, "rita", "credits", "history");
	/* A ledger that does not sum to its balance (SPEC 9). */
	SQL(c, "DELETE FROM ledger WHERE amount = 9223372036854775807;"
	       " UPDATE account SET credits = 7 WHERE handle = 'rita'");
	r = FAILS(c, 65, NULL, "credits", "history", "rita", "--json");
	assert_string_equal(r->err, "inmail: the credit ledger of rita sums to "
		"2 but its balance is 7, and a balance always equals the sum "
		"of its ledger; another program changed the database\n");
	FAILS(c, 65, NULL, "credits", "history", "rita");
	SQL(c, "UPDATE account SET credits = 2 WHERE handle = 'rita'");
	OK(c, NULL, "credits", "history", "rita");
	/* A balance no change can be held in: the credit back said "not
	 * enough credits" (69) after a signed overflow; below 0 too. */
	SQL(c, "UPDATE account SET credits = 9223372036854775807"
	       " WHERE handle = 'rita'");
	r = FAILS(c, 65, "jose", "reply", "1", "--smart", "yes");
	assert_string_equal(r->err, "inmail: the balance of rita holds a value "
		"inmail never writes (9223372036854775807); another program "
		"changed the database\n");
	SQL(c, "PRAGMA ignore_check_constraints = 1;"
	       " UPDATE account SET credits = -5 WHERE handle = 'rita'");
	FAILS(c, 65, "jose", "reply", "1", "--smart", "yes");
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "Hi", "--body",
	      "Hello");
	SQL(c, "UPDATE account SET credits = 2 WHERE handle = 'rita'");
	/* The allotment's marks: far in the past, not a first, not an
	 * integer. */
	static const char *const bad[] = {
		"5, 1769904000, -9223372036854775808", "5, 1769907600, 0",
		"5, 1769904000.5, 0", "'abc', 1769904000, 0", "5, x'0a', 0",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		SQL(c, cli_fmt(c, "INSERT OR REPLACE INTO allotment SELECT id,"
			       " %s FROM account WHERE handle = 'rita'", bad[i]));
		cli_at(c, "2026-02-15T10:00:00Z");
		FAILS(c, 65, NULL, "credits", "history", "rita");
		FAILS(c, 65, "rita", "credits", "history", "--json");
		FAILS(c, 65, NULL, "credits", "allot", "rita", "3");
		FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "Hi",
		      "--body", "Hello");
		cli_at(c, "2026-01-15T10:00:00Z");
	}
	cli_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(allot_then_history),
		cmocka_unit_test(refusals),
		cmocka_unit_test(racing_sessions_one_allotment_a_month),
		cmocka_unit_test(allot_always_says_what_it_did),
		cmocka_unit_test(planted_values_fail_in_one_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
