/* Credits over time (SPEC 9): a balance is the sum of its ledger after
 * every kind of change; the monthly allotment arrives on the first at
 * 00:00:00 UTC, once a month, catching up missed months, never past 4 x N.
 * Run on SQLite (model-ledger) and on PostgreSQL (model-pg-ledger). */
#include <stdio.h>
#include <string.h>

#include "fixture.h"

/* 2026-02-01T00:00:00Z, the first after T0 + 14 days. */
#define FEB1 ((im_time)1769904000)
#define MAR1 (FEB1 + 28 * IM_DAY)
#define APR1 (MAR1 + 31 * IM_DAY)
#define MAY1 (APR1 + 30 * IM_DAY)
#define JUN1 (MAY1 + 31 * IM_DAY)
#define JUL1 (JUN1 + 30 * IM_DAY)

static struct im_credit_history history(struct fx *f, const char *h)
{
	struct im_credit_history out;
	enum im_status st = im_credits_history(f->m, h, &out);
	if (st != IM_OK)
		fail_msg("history of %s: %s", h, im_model_error(f->m));
	return out;
}

/* The invariant: the balance equals the sum of its ledger, and each row's
 * running balance is the sum up to it.  Returns the balance. */
static int64_t check_sum(struct fx *f, const char *h)
{
	struct im_credit_history c = history(f, h);
	int64_t sum = 0;
	for (size_t i = 0; i < c.n; i++) {
		sum += c.entries[i].amount;
		assert_int_equal(c.entries[i].balance, sum);
		if (i)
			assert_true(c.entries[i].at >= c.entries[i - 1].at);
	}
	assert_int_equal(sum, c.credits);
	assert_int_equal(fx_credits(f, h), c.credits);
	int64_t credits = c.credits;
	im_credit_history_clear(&c);
	return credits;
}

/* How many rows of kind, and the amount and time of the last of them. */
static size_t rows(struct fx *f, const char *h, enum im_ledger_kind kind,
		   int64_t *amount, im_time *at)
{
	struct im_credit_history c = history(f, h);
	size_t n = 0;
	for (size_t i = 0; i < c.n; i++) {
		if (c.entries[i].kind != kind)
			continue;
		n++;
		if (amount)
			*amount = c.entries[i].amount;
		if (at)
			*at = c.entries[i].at;
	}
	im_credit_history_clear(&c);
	return n;
}

static void allot(struct fx *f, const char *h, int64_t n)
{
	if (im_credits_allot(f->m, h, n, NULL) != IM_OK)
		fail_msg("allot %s %lld: %s", h, (long long)n,
			 im_model_error(f->m));
}

/* Opens a session of h at t: the catch-up that sends follow-ups. */
static void session(struct fx *f, const char *h, im_time t)
{
	fx_at(f, t);
	fx_as(f, h);
	assert_int_equal(im_model_catch_up(f->m), IM_OK);
}

static void grant(struct fx *f, const char *h, int64_t n)
{
	assert_int_equal(im_credits_grant(f->m, h, n), IM_OK);
}

/* Every kind of change, the sum checked after each. */
static void every_change_is_in_the_ledger(void **state)
{
	struct fx *f = *state;
	assert_int_equal(check_sum(f, "rita"), 10); /* user add --credits 10 */
	assert_int_equal(rows(f, "rita", IM_LEDGER_GRANT, NULL, NULL), 1);
	assert_int_equal(check_sum(f, "carl"), 0);  /* no row for nothing */

	int64_t a = fx_send(f, "jose"); /* spend */
	assert_int_equal(check_sum(f, "rita"), 9);
	int64_t amount = 0;
	im_time at = 0;
	assert_int_equal(rows(f, "rita", IM_LEDGER_SPEND, &amount, &at), 1);
	assert_int_equal(amount, -1);
	assert_int_equal(at, T0);

	fx_at(f, T0 + 90 * IM_DAY); /* the last second's day: credited back */
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	assert_int_equal(check_sum(f, "rita"), 10);
	assert_int_equal(rows(f, "rita", IM_LEDGER_CREDIT_BACK, &amount, &at), 1);
	assert_int_equal(amount, 1);
	assert_int_equal(at, T0 + 90 * IM_DAY);

	grant(f, "rita", 5);
	assert_int_equal(check_sum(f, "rita"), 15);
	assert_int_equal(rows(f, "rita", IM_LEDGER_GRANT, NULL, NULL), 2);

	/* A forfeit: 90 days without a response, recorded once with 0. */
	fx_at(f, T0 + 91 * IM_DAY);
	int64_t b = fx_send(f, "ana");
	session(f, "rita", T0 + 181 * IM_DAY);
	assert_int_equal(rows(f, "rita", IM_LEDGER_FORFEIT, NULL, NULL), 0);
	session(f, "rita", T0 + 181 * IM_DAY + 1);
	assert_int_equal(rows(f, "rita", IM_LEDGER_FORFEIT, &amount, &at), 1);
	assert_int_equal(amount, 0);
	assert_int_equal(at, T0 + 181 * IM_DAY + 1);
	assert_int_equal(check_sum(f, "rita"), 14);
	/* A late response gives nothing back and records nothing more. */
	fx_at(f, T0 + 200 * IM_DAY);
	fx_as(f, "ana");
	assert_int_equal(im_reply(f->m, b, IM_SMART_YES, NULL, NULL), IM_OK);
	session(f, "rita", T0 + 400 * IM_DAY);
	assert_int_equal(rows(f, "rita", IM_LEDGER_FORFEIT, NULL, NULL), 1);
	assert_int_equal(rows(f, "rita", IM_LEDGER_CREDIT_BACK, NULL, NULL), 1);
	assert_int_equal(check_sum(f, "rita"), 14);

	/* The allotment: 5 a month from 2027-03-01 (T0 + 424 d), to 4 x 5. */
	allot(f, "rita", 5);
	session(f, "rita", T0 + 460 * IM_DAY);
	assert_int_equal(rows(f, "rita", IM_LEDGER_ALLOTMENT, &amount, &at), 2);
	assert_int_equal(amount, 1);
	assert_int_equal(check_sum(f, "rita"), 20);
}

/* 23:59:59 on the last day is not yet the month; 00:00:00 on the first
 * is, and the first arrives on the next first after the allot. */
static void the_first_at_midnight(void **state)
{
	struct fx *f = *state;
	fx_at(f, T0 + 14 * IM_DAY); /* 15 Jan */
	allot(f, "carl", 10);
	struct im_credit_history c = history(f, "carl");
	assert_int_equal(c.allotment, 10);
	assert_int_equal(c.next_allotment, FEB1);
	im_credit_history_clear(&c);
	session(f, "carl", FEB1 - 1);
	assert_int_equal(check_sum(f, "carl"), 0);
	session(f, "carl", FEB1);
	assert_int_equal(check_sum(f, "carl"), 10);
	int64_t amount = 0;
	im_time at = 0;
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, &amount, &at), 1);
	assert_int_equal(amount, 10);
	assert_int_equal(at, FEB1);
	/* Once: more sessions that month add nothing. */
	session(f, "carl", FEB1 + 1);
	session(f, "carl", MAR1 - 1);
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, NULL, NULL), 1);
	c = history(f, "carl");
	assert_int_equal(c.next_allotment, MAR1);
	im_credit_history_clear(&c);
	/* An allot at 00:00:00 on a first starts on the next first. */
	fx_at(f, FEB1);
	allot(f, "rita", 4);
	c = history(f, "rita");
	assert_int_equal(c.next_allotment, MAR1);
	im_credit_history_clear(&c);
}

/* Missed months arrive each at its first, up to 4 x N, then nothing. */
static void missed_months_catch_up(void **state)
{
	struct fx *f = *state;
	fx_at(f, T0 + 14 * IM_DAY);
	allot(f, "carl", 10);
	session(f, "carl", JUN1 + 14 * IM_DAY);
	assert_int_equal(check_sum(f, "carl"), 40);
	struct im_credit_history c = history(f, "carl");
	size_t k = 0;
	im_time want[] = {FEB1, MAR1, APR1, MAY1};
	for (size_t i = 0; i < c.n; i++) {
		if (c.entries[i].kind != IM_LEDGER_ALLOTMENT)
			continue;
		assert_true(k < 4);
		assert_int_equal(c.entries[i].at, want[k]);
		assert_int_equal(c.entries[i].amount, 10);
		k++;
	}
	assert_int_equal(k, 4);
	assert_int_equal(c.next_allotment, JUL1);
	im_credit_history_clear(&c);
	/* Spending below the cap lets the next month add again, at most N. */
	fx_at(f, JUN1 + 15 * IM_DAY);
	fx_as(f, "carl");
	const char *to[] = {"jose", "ana", "li"};
	struct im_send_request req = {.to = to, .n_to = 3, .subject = "S",
				      .body = "Hello"};
	assert_int_equal(im_send(f->m, &req, NULL), IM_OK);
	assert_int_equal(check_sum(f, "carl"), 37);
	session(f, "carl", JUL1);
	assert_int_equal(check_sum(f, "carl"), 40);
	int64_t amount = 0;
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, &amount, NULL), 5);
	assert_int_equal(amount, 3);
}

/* 4 x N exactly: a month adds what reaches it, and nothing at it; a
 * credit back may pass it, and the allotment then adds nothing. */
static void four_times_exactly(void **state)
{
	struct fx *f = *state;
	grant(f, "carl", 35);
	fx_at(f, T0 + 14 * IM_DAY);
	allot(f, "carl", 10);
	session(f, "carl", FEB1);
	assert_int_equal(check_sum(f, "carl"), 40);
	int64_t amount = 0;
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, &amount, NULL), 1);
	assert_int_equal(amount, 5);
	session(f, "carl", MAR1);
	assert_int_equal(check_sum(f, "carl"), 40);
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, NULL, NULL), 1);
	/* 39 + a credit back = 40; a send and its response at 41 is past. */
	fx_at(f, MAR1 + IM_DAY);
	fx_as(f, "carl");
	const char *to[] = {"jose"};
	struct im_send_request req = {.to = to, .n_to = 1, .subject = "S",
				      .body = "Hello"};
	int64_t id = 0;
	assert_int_equal(im_send(f->m, &req, &id), IM_OK);
	grant(f, "carl", 1);
	assert_int_equal(check_sum(f, "carl"), 40);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, id, IM_SMART_NO, NULL, NULL), IM_OK);
	assert_int_equal(check_sum(f, "carl"), 41);
	session(f, "carl", APR1);
	assert_int_equal(check_sum(f, "carl"), 41);
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, NULL, NULL), 1);
}

/* A re-allot mid-month replaces N from the next month; months already
 * due arrive first with the old N; 0 stops it. */
static void re_allot_and_stop(void **state)
{
	struct fx *f = *state;
	fx_at(f, T0 + 14 * IM_DAY);
	allot(f, "carl", 10);
	fx_at(f, T0 + 19 * IM_DAY);
	allot(f, "carl", 3); /* before the first arrival: Feb gets 3 */
	session(f, "carl", FEB1);
	assert_int_equal(check_sum(f, "carl"), 3);
	/* Mid-February, 20 from March on. */
	fx_at(f, FEB1 + 9 * IM_DAY);
	allot(f, "carl", 20);
	session(f, "carl", MAR1);
	assert_int_equal(check_sum(f, "carl"), 23);
	/* An admin's allot in mid-May, with April and May missed: they
	 * arrive with 20 first; from June, 1. */
	fx_at(f, MAY1 + 14 * IM_DAY);
	allot(f, "carl", 1);
	assert_int_equal(check_sum(f, "carl"), 63);
	int64_t amount = 0;
	im_time at = 0;
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, &amount, &at), 4);
	assert_int_equal(at, MAY1);
	assert_int_equal(amount, 20);
	/* 63 is past 4 x 1: June adds nothing; 0 then stops it. */
	session(f, "carl", JUN1);
	assert_int_equal(check_sum(f, "carl"), 63);
	fx_at(f, JUN1 + IM_DAY);
	allot(f, "carl", 0);
	struct im_credit_history c = history(f, "carl");
	assert_int_equal(c.allotment, 0);
	assert_int_equal(c.next_allotment, 0);
	im_credit_history_clear(&c);
	session(f, "carl", JUL1 + 400 * IM_DAY);
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, NULL, NULL), 4);
	assert_int_equal(check_sum(f, "carl"), 63);
}

/* The ends of inmail's time: an allot in January 1970, and in December
 * 9999 (no first after it: none arrives, nothing wraps). */
static void the_ends_of_time(void **state)
{
	struct fx *f = *state;
	fx_at(f, IM_TIME_MIN);
	allot(f, "carl", 7);
	struct im_credit_history c = history(f, "carl");
	assert_int_equal(c.next_allotment, 31 * IM_DAY); /* 1970-02-01 */
	im_credit_history_clear(&c);
	session(f, "carl", 31 * IM_DAY - 1);
	assert_int_equal(check_sum(f, "carl"), 0);
	session(f, "carl", 31 * IM_DAY);
	assert_int_equal(check_sum(f, "carl"), 7);

	/* 9999-11-15: December arrives, and nothing after. */
	im_time nov15 = (im_time)253399622400 - 16 * IM_DAY; /* 9999-12-01 - 16 d */
	fx_at(f, nov15);
	allot(f, "rita", 5);
	c = history(f, "rita");
	assert_int_equal(c.next_allotment, (im_time)253399622400);
	im_credit_history_clear(&c);
	session(f, "rita", IM_TIME_MAX);
	assert_int_equal(check_sum(f, "rita"), 15);
	c = history(f, "rita");
	assert_int_equal(c.next_allotment, 0);
	assert_int_equal(c.allotment, 5);
	im_credit_history_clear(&c);
	fx_at(f, IM_TIME_MAX - 10);
	allot(f, "carl", 7);
	c = history(f, "carl");
	assert_int_equal(c.next_allotment, 0);
	im_credit_history_clear(&c);
	check_sum(f, "carl");
}

/* Refusals change nothing. */
static void bad_allots_are_refused(void **state)
{
	struct fx *f = *state;
	assert_int_equal(im_credits_allot(f->m, "rita", -1, NULL), IM_ERR_INVALID);
	assert_int_equal(im_credits_allot(f->m, "rita", IM_ALLOT_MAX + 1, NULL),
			 IM_ERR_INVALID);
	assert_int_equal(im_credits_allot(f->m, "jose", 5, NULL),
			 IM_ERR_NOT_PERMITTED);
	assert_int_equal(im_credits_allot(f->m, "nobody", 5, NULL), IM_ERR_NOT_FOUND);
	struct im_credit_history c = history(f, "rita");
	assert_int_equal(c.allotment, 0);
	im_credit_history_clear(&c);
	assert_int_equal(im_credits_allot(f->m, "rita", IM_ALLOT_MAX, NULL), IM_OK);
	fx_as(f, "jose");
	assert_int_equal(im_credits_history(f->m, NULL, &c),
			 IM_ERR_NOT_PERMITTED);
}

/* Two sessions of one recruiter at the same first: one allotment. */
static void two_sessions_one_allotment(void **state)
{
	struct fx *f = *state;
	fx_at(f, T0 + 14 * IM_DAY);
	allot(f, "carl", 10);
	struct im_model *other = NULL;
	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &other, NULL),
			 IM_OK);
	im_model_set_now(other, FEB1);
	assert_int_equal(im_model_set_actor(other, "carl"), IM_OK);
	fx_at(f, FEB1);
	fx_as(f, "carl");
	assert_int_equal(im_model_catch_up(other), IM_OK);
	assert_int_equal(im_model_catch_up(f->m), IM_OK);
	struct im_stats s;
	assert_int_equal(im_stats_get(other, &s), IM_OK);
	assert_int_equal(s.credits, 10);
	im_model_close(&other);
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, NULL, NULL), 1);
	assert_int_equal(check_sum(f, "carl"), 10);
}

/* A re-allot by a session whose clock is a second behind a first that
 * another session has already given (clocks of two machines, a server's
 * now() read before the other's commit): the month is not given again,
 * nor after a stop and a new allot behind it. */
static void a_clock_behind_gives_no_month_twice(void **state)
{
	struct fx *f = *state;
	fx_at(f, T0 + 14 * IM_DAY);
	allot(f, "carl", 10);
	session(f, "carl", FEB1);
	assert_int_equal(check_sum(f, "carl"), 10);
	fx_at(f, FEB1 - 1);
	allot(f, "carl", 10);
	struct im_credit_history c = history(f, "carl");
	assert_int_equal(c.next_allotment, MAR1);
	im_credit_history_clear(&c);
	session(f, "carl", FEB1 + 1);
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, NULL, NULL), 1);
	assert_int_equal(check_sum(f, "carl"), 10);
	/* Stopped, then allotted again from behind the given February. */
	fx_at(f, FEB1 + 2);
	allot(f, "carl", 0);
	fx_at(f, FEB1 - 1);
	allot(f, "carl", 4);
	session(f, "carl", FEB1 + 3);
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, NULL, NULL), 1);
	assert_int_equal(check_sum(f, "carl"), 10);
	session(f, "carl", MAR1);
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, NULL, NULL), 2);
	assert_int_equal(check_sum(f, "carl"), 14);
	/* A stop's kept mark is no month to give at the end of time. */
	fx_at(f, MAR1 + 1);
	allot(f, "carl", 0);
	fx_at(f, IM_TIME_MAX - 10);
	allot(f, "carl", 4);
	c = history(f, "carl");
	assert_int_equal(c.next_allotment, 0);
	im_credit_history_clear(&c);
	session(f, "carl", IM_TIME_MAX);
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, NULL, NULL), 2);
	assert_int_equal(check_sum(f, "carl"), 14);
}


/* Attack2 F3: a month's room is the balance as of its first, whenever the
 * catch-up comes.  rita and carl live the same month; only carl looks on
 * 2 Feb, before the credit back of 5 Feb.  Both end at 41: +1 on 1 Feb
 * (39 -> 40, the cap), then the credit back (which may pass it). */
static int64_t one_credit_back(struct fx *f, const char *h, const char *cand,
			       bool look)
{
	fx_at(f, T0 + 9 * IM_DAY); /* 10 Jan */
	allot(f, h, 10);
	fx_as(f, h);
	const char *to[] = {cand};
	struct im_send_request req = {.to = to, .n_to = 1, .subject = "S",
				      .body = "Hello"};
	int64_t id = 0;
	assert_int_equal(im_send(f->m, &req, &id), IM_OK);
	if (look)
		session(f, h, FEB1 + IM_DAY);
	fx_at(f, FEB1 + 4 * IM_DAY);
	fx_as(f, cand);
	assert_int_equal(im_reply(f->m, id, IM_SMART_YES, NULL, NULL), IM_OK);
	session(f, h, FEB1 + 9 * IM_DAY);
	int64_t amount = 0;
	im_time at = 0;
	assert_int_equal(rows(f, h, IM_LEDGER_ALLOTMENT, &amount, &at), 1);
	assert_int_equal(amount, 1);
	assert_int_equal(at, FEB1);
	struct im_credit_history c = history(f, h);
	assert_int_equal(c.next_allotment, MAR1);
	im_credit_history_clear(&c);
	return check_sum(f, h);
}

static void a_credit_back_before_the_look_keeps_the_month(void **state)
{
	struct fx *f = *state;
	grant(f, "rita", 30);
	grant(f, "carl", 40);
	assert_int_equal(one_credit_back(f, "carl", "ana", true), 41);
	assert_int_equal(one_credit_back(f, "rita", "jose", false), 41);
	/* At the cap as of March's first too: nothing more, and April is
	 * looked at from the next change on. */
	session(f, "rita", APR1 + IM_DAY);
	assert_int_equal(rows(f, "rita", IM_LEDGER_ALLOTMENT, NULL, NULL), 1);
	assert_int_equal(check_sum(f, "rita"), 41);
}

/* A month at the cap gives nothing; a spend in March, looked at next in
 * June, lets April add what its first's balance leaves room for. */
static void a_full_month_then_a_spend_seen_late(void **state)
{
	struct fx *f = *state;
	grant(f, "carl", 40);
	fx_at(f, T0 + 9 * IM_DAY);
	allot(f, "carl", 10);
	fx_at(f, MAR1 + IM_DAY);
	fx_as(f, "carl");
	const char *to[] = {"jose", "ana"};
	struct im_send_request req = {.to = to, .n_to = 2, .subject = "S",
				      .body = "Hello"};
	assert_int_equal(im_send(f->m, &req, NULL), IM_OK); /* 38 on 2 Mar */
	fx_at(f, MAR1 + 2 * IM_DAY);
	grant(f, "carl", 1); /* 39 on 3 Mar */
	session(f, "carl", JUN1 + IM_DAY);
	int64_t amount = 0;
	im_time at = 0;
	/* February and March: 40 as of their firsts; April: 39, +1; May:
	 * 40, nothing. */
	assert_int_equal(rows(f, "carl", IM_LEDGER_ALLOTMENT, &amount, &at), 1);
	assert_int_equal(amount, 1);
	assert_int_equal(at, APR1);
	assert_int_equal(check_sum(f, "carl"), 40);
	struct im_credit_history c = history(f, "carl");
	assert_int_equal(c.next_allotment, JUL1);
	im_credit_history_clear(&c);
}

/* ---- values another program wrote (SPEC 5: refused in one line naming
 * what, nothing changed, never a wrapped number) ---- */

#define RITA "(SELECT id FROM account WHERE handle = 'rita')"
#define PG_RITA "(SELECT id FROM inmail.account WHERE handle = 'rita')"

/* The history fails with IM_ERR_INVALID and a line holding says. */
static void history_refused(struct fx *f, const char *h, const char *says)
{
	struct im_credit_history c;
	enum im_status st = im_credits_history(f->m, h, &c);
	if (st != IM_ERR_INVALID || !strstr(im_model_error(f->m), says))
		fail_msg("history of %s: %d, '%s' (expected '%s')",
			 h ? h : "the acting account", (int)st,
			 im_model_error(f->m), says);
	assert_null(c.entries);
	assert_int_equal(c.n, 0);
	assert_null(strchr(im_model_error(f->m), '\n'));
}

/* Rows whose running sum passes INT64_MAX though the total fits: the
 * history says so rather than wrapping (the sum was signed overflow).
 * On PostgreSQL the admin's rows go in out of time order (a -10 at a
 * later time first) for ledger_summed, which refuses a sum past a
 * bigint, to let them in. */
static void a_running_sum_past_int64_is_refused(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fx_raw(f,
		"INSERT INTO ledger (account, kind, amount, thread, at) VALUES"
		" (" RITA ", 1, -10, NULL, 1767225602),"
		" (" RITA ", 1, 9223372036854775807, NULL, 1767225601);"
		" UPDATE account SET credits = 9223372036854775807"
		" WHERE handle = 'rita'",
		"INSERT INTO inmail.ledger (account, kind, amount, thread, at)"
		" VALUES (" PG_RITA ", 1, -10, NULL, 1767225602);"
		"INSERT INTO inmail.ledger (account, kind, amount, thread, at)"
		" VALUES (" PG_RITA ", 1, 9223372036854775807, NULL, 1767225601);"
		"UPDATE inmail.balance SET credits = 9223372036854775807"
		" WHERE account = " PG_RITA ";"), 0);
	history_refused(f, "rita", "passes what a balance can hold");
	/* One row that is the whole of int64_t's range beyond it. */
	assert_int_equal(fx_raw(f,
		"INSERT INTO ledger (account, kind, amount, thread, at) VALUES"
		" (" RITA ", 1, -9223372036854775807 - 1, NULL, 1767225603)",
		"ALTER TABLE inmail.ledger DISABLE TRIGGER ledger_summed;"
		"INSERT INTO inmail.ledger (account, kind, amount, thread, at)"
		" VALUES (" PG_RITA ", 1, -9223372036854775807 - 1, NULL,"
		" 1767225603);"
		"ALTER TABLE inmail.ledger ENABLE TRIGGER ledger_summed;"), 0);
	history_refused(f, "rita", "passes what a balance can hold");
}

/* SPEC 9: a balance always equals the sum of its ledger.  A ledger row
 * changed from outside (PostgreSQL's triggers hold the sum on insert,
 * not on an owner's UPDATE) is said, not shown as a history. */
static void a_ledger_not_summing_to_its_balance_is_said(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fx_raw(f,
		"UPDATE ledger SET amount = 3 WHERE account = " RITA,
		"UPDATE inmail.ledger SET amount = 3 WHERE account = " PG_RITA
		";"), 0);
	history_refused(f, "rita", "sums to 3 but its balance is 10");
	fx_as(f, "rita");
	history_refused(f, NULL, "sums to 3 but its balance is 10");
}

/* forfeits_from far in the past (to - forfeits_from was signed
 * overflow), or out of the clock's range: corrupt, on both stores
 * (PostgreSQL has no CHECK on it). */
static void a_forfeit_mark_out_of_range_is_refused(void **state)
{
	struct fx *f = *state;
	static const char *const marks[] = {"-9223372036854775808", "-1",
					    "253402300800",
					    "9223372036854775807"};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
		char sq[256], pg[256];
		snprintf(sq, sizeof sq, "INSERT OR REPLACE INTO allotment"
			 " VALUES (" RITA ", 5, NULL, %s)", marks[i]);
		snprintf(pg, sizeof pg, "DELETE FROM inmail.allotment;"
			 "INSERT INTO inmail.allotment VALUES (" PG_RITA
			 ", 5, NULL, %s);", marks[i]);
		assert_int_equal(fx_raw(f, sq, pg), 0);
		fx_at(f, T0 + 200 * IM_DAY);
		fx_as(f, "rita");
		assert_int_equal(im_model_catch_up(f->m), IM_OK); /* a look */
		history_refused(f, "rita", "forfeits_from");
		/* A send brings the credits up to now first: refused,
		 * nothing sent, nothing spent. */
		const char *to[] = {"jose"};
		struct im_send_request req = {.to = to, .n_to = 1,
					      .subject = "S", .body = "Hello"};
		assert_int_equal(im_send(f->m, &req, NULL), IM_ERR_INVALID);
		assert_non_null(strstr(im_model_error(f->m), "forfeits_from"));
		assert_int_equal(fx_credits(f, "rita"), 10);
		assert_int_equal(im_credits_allot(f->m, "rita", 3, NULL),
				 IM_ERR_INVALID);
	}
}

/* A next_at that is not 00:00:00 UTC on a first is refused, not given:
 * which month it meant is unknowable (see allotment_get). */
static void an_allotment_not_on_a_first_is_refused(void **state)
{
	struct fx *f = *state;
	static const char *const at[] = {"1769907600",  /* 1 Feb, 01:00 */
					 "1770076800",  /* 3 Feb */
					 "1769903999"}; /* 31 Jan, 23:59:59 */
	for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
		char sq[256], pg[256];
		snprintf(sq, sizeof sq, "INSERT OR REPLACE INTO allotment"
			 " VALUES (" RITA ", 5, %s, 0)", at[i]);
		snprintf(pg, sizeof pg, "DELETE FROM inmail.allotment;"
			 "INSERT INTO inmail.allotment VALUES (" PG_RITA
			 ", 5, %s, 0);", at[i]);
		assert_int_equal(fx_raw(f, sq, pg), 0);
		session(f, "rita", FEB1 + 30 * IM_DAY);
		history_refused(f, "rita", "next_at");
		fx_as(f, "carl");
		history_refused(f, "rita", "next_at");
		assert_int_equal(fx_credits(f, "rita"), 10);
	}
	/* A first is fine, and arrives. */
	assert_int_equal(fx_raw(f,
		"INSERT OR REPLACE INTO allotment VALUES (" RITA ", 5, 1769904000, 0)",
		"DELETE FROM inmail.allotment; INSERT INTO inmail.allotment"
		" VALUES (" PG_RITA ", 5, 1769904000, 0);"), 0);
	session(f, "rita", FEB1);
	assert_int_equal(check_sum(f, "rita"), 15);
}

/* A balance another program set where no change of it can be held (the
 * credit back was signed overflow, then "not enough credits", 69), or
 * below 0 (SQLite's CHECK switched off; PostgreSQL's CHECK refuses it):
 * the change fails naming the account, and changes nothing. */
static void a_corrupt_balance_is_named(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	assert_int_equal(fx_raw(f,
		"UPDATE account SET credits = 9223372036854775807"
		" WHERE handle = 'rita'",
		"UPDATE inmail.balance SET credits = 9223372036854775807,"
		" ledger_sum = 9223372036854775807 WHERE account = " PG_RITA
		";"), 0);
	fx_as(f, "jose");
	enum im_status st = im_reply(f->m, id, IM_SMART_YES, NULL, NULL);
	if (st != IM_ERR_INVALID || !strstr(im_model_error(f->m), "rita") ||
	    !strstr(im_model_error(f->m), "balance"))
		fail_msg("reply: %d, %s", (int)st, im_model_error(f->m));
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->state, IM_STATE_PENDING);
	im_thread_free(&t);
	int refused = fx_raw(f,
		"PRAGMA ignore_check_constraints = 1;"
		" UPDATE account SET credits = -5 WHERE handle = 'rita'",
		"UPDATE inmail.balance SET credits = -5, ledger_sum = -5"
		" WHERE account = " PG_RITA ";");
	if (fx_on_pg()) {
		assert_int_not_equal(refused, 0); /* CHECK (credits >= 0) */
		return;
	}
	assert_int_equal(refused, 0);
	fx_as(f, "jose");
	st = im_reply(f->m, id, IM_SMART_YES, NULL, NULL);
	if (st != IM_ERR_INVALID || !strstr(im_model_error(f->m), "rita"))
		fail_msg("reply: %d, %s", (int)st, im_model_error(f->m));
	t = fx_thread(f, id);
	assert_int_equal(t->state, IM_STATE_PENDING);
	im_thread_free(&t);
}

/* SQLite stores any type in any column: a TEXT, REAL or BLOB where the
 * ledger and the allotment hold integers was read as 0 (or truncated).
 * PostgreSQL's columns are bigint / smallint NOT NULL: it cannot hold
 * them, so this is SQLite's alone. */
static void wrong_types_are_refused(void **state)
{
	struct fx *f = *state;
	if (fx_on_pg())
		skip();
	static const char *const ledger[] = {
		"UPDATE ledger SET amount = 'abc'", "UPDATE ledger SET amount = 10.5",
		"UPDATE ledger SET amount = x'0a'", "UPDATE ledger SET at = 'abc'",
		"UPDATE ledger SET at = 1767225600.5", "UPDATE ledger SET kind = 'x'",
		"UPDATE ledger SET kind = 1.5", "UPDATE ledger SET kind = 99",
		"UPDATE ledger SET kind = -1", "UPDATE ledger SET thread = 'abc'",
		"UPDATE ledger SET thread = 1.5", "UPDATE ledger SET thread = x'01'",
	};
	for (size_t i = 0; i < sizeof ledger / sizeof *ledger; i++) {
		char sql[160];
		snprintf(sql, sizeof sql, "%s WHERE account = " RITA, ledger[i]);
		assert_int_equal(fx_raw(f, sql, NULL), 0);
		history_refused(f, "rita", "another program");
		assert_int_equal(fx_raw(f, "UPDATE ledger SET kind = 1, amount = 10,"
			" thread = NULL, at = 1767225600 WHERE account = " RITA,
			NULL), 0);
		check_sum(f, "rita");
	}
	static const char *const allotment[] = {
		"'abc', 1769904000, 0", "5.5, 1769904000, 0", "x'05', 1769904000, 0",
		"5, 'abc', 0", "5, 1769904000.5, 0", "5, x'01', 0",
		"5, 1769904000, 'abc'", "5, 1769904000, 1.5", "5, 1769904000, x'00'",
	};
	for (size_t i = 0; i < sizeof allotment / sizeof *allotment; i++) {
		char sql[160];
		snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO allotment"
			 " VALUES (" RITA ", %s)", allotment[i]);
		assert_int_equal(fx_raw(f, sql, NULL), 0);
		history_refused(f, "rita", "another program");
		assert_int_equal(im_credits_allot(f->m, "rita", 3, NULL),
				 IM_ERR_INVALID);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_change_is_in_the_ledger,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(the_first_at_midnight, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(missed_months_catch_up, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(four_times_exactly, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(re_allot_and_stop, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(the_ends_of_time, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(bad_allots_are_refused, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(two_sessions_one_allotment,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			a_clock_behind_gives_no_month_twice, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			a_credit_back_before_the_look_keeps_the_month, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			a_full_month_then_a_spend_seen_late, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(a_running_sum_past_int64_is_refused, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(a_ledger_not_summing_to_its_balance_is_said, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(a_forfeit_mark_out_of_range_is_refused, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(an_allotment_not_on_a_first_is_refused, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(a_corrupt_balance_is_named, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(wrong_types_are_refused, fx_setup,
						fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
