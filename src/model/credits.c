/* Credits over time (SPEC 9): the ledger, the monthly allotment and its
 * cap, the forfeits recorded when a 90-day window closes. */
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

const char *im_ledger_kind_name(enum im_ledger_kind k)
{
	switch (k) {
	case IM_LEDGER_OPENING: return "opening";
	case IM_LEDGER_GRANT: return "grant";
	case IM_LEDGER_ALLOTMENT: return "allotment";
	case IM_LEDGER_SPEND: return "spend";
	case IM_LEDGER_CREDIT_BACK: return "credit_back";
	case IM_LEDGER_FORFEIT: return "forfeit";
	}
	return "?";
}

void im_credit_history_clear(struct im_credit_history *h)
{
	if (!h)
		return;
	free(h->handle);
	free(h->entries);
	memset(h, 0, sizeof *h);
}

enum im_status model_ledger_note(struct im_model *m, int64_t account,
				 enum im_ledger_kind kind, int64_t amount,
				 int64_t thread, im_time at)
{
	enum im_status st = im_store_ledger_add(m->store, account, (int)kind,
						amount, thread, at);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}

/* Days since 1970-01-01 of a date of the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil), and back. */
static int64_t days_from_civil(int64_t y, int mo, int d)
{
	y -= mo <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *mo)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*mo = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*mo <= 2);
}

im_time model_next_first(im_time t)
{
	int64_t y;
	int mo;
	civil_from_days(t / IM_DAY, &y, &mo);
	if (++mo > 12) {
		mo = 1;
		y++;
	}
	im_time next = days_from_civil(y, mo, 1) * IM_DAY;
	return next <= IM_TIME_MAX ? next : 0;
}

/* The threads created before this have had their 90 days (SPEC 3: the
 * window is inclusive, so one created at it is still inside). */
static im_time window_closed_before(im_time now)
{
	return now - IM_CREDIT_WINDOW;
}

/* Whether t is 00:00:00 UTC on a first of a month (SPEC 9's arrivals). */
static bool is_first_of_month(im_time t)
{
	return im_time_valid(t) && t % IM_DAY == 0 &&
	       model_next_first(t - 1) == t;
}

/* Fails with "the allotment of HANDLE: its COLUMN holds a value inmail
 * never writes (V)": a value only another program could have stored. */
static enum im_status bad_allotment(struct im_model *m, int64_t account,
				    const char *handle, const char *column,
				    int64_t v)
{
	if (handle)
		return model_fail(m, IM_ERR_INVALID, "the allotment of %s: its "
				  "%s holds a value inmail never writes (%lld); "
				  "another program changed the database", handle,
				  column, (long long)v);
	return model_fail(m, IM_ERR_INVALID, "the allotment of account %lld: "
			  "its %s holds a value inmail never writes (%lld); "
			  "another program changed the database",
			  (long long)account, column, (long long)v);
}

/* An account's allotment, all zero when it has none, checked before any
 * arithmetic on it: another program can store any integer (PostgreSQL's
 * CHECKs hold amount and next_at to their range, not forfeits_from;
 * SQLite's hold only amount >= 0).  next_at is acted on as a first of a
 * month, so one that is not is refused rather than moved to the next
 * first: nothing says which month such a value meant to give, and giving
 * one twice or skipping one would make credits no one can account for.
 * forfeits_from is 0 (none recorded yet) or a time, so differences of it
 * and another time cannot overflow. */
static enum im_status allotment_get(struct im_model *m, int64_t account,
				    const char *handle,
				    struct im_store_allotment *al)
{
	*al = (struct im_store_allotment){0};
	enum im_status st = im_store_allotment_get(m->store, account, al);
	if (st == IM_ERR_NOT_FOUND) {
		*al = (struct im_store_allotment){0};
		return IM_OK;
	}
	if (st != IM_OK)
		return model_store_fail(m, st);
	if (al->amount < 0 || al->amount > IM_ALLOT_MAX)
		return bad_allotment(m, account, handle, "amount", al->amount);
	if (al->next_at && !is_first_of_month(al->next_at))
		return bad_allotment(m, account, handle, "next_at", al->next_at);
	if (al->forfeits_from && !im_time_valid(al->forfeits_from))
		return bad_allotment(m, account, handle, "forfeits_from",
				     al->forfeits_from);
	return IM_OK;
}

enum im_status model_credits_due(struct im_model *m, int64_t account,
				 const char *handle, bool *due)
{
	*due = false;
	struct im_store_allotment al;
	enum im_status st = allotment_get(m, account, handle, &al);
	if (st != IM_OK)
		return st;
	if (al.amount > 0 && al.next_at && al.next_at <= m->now) {
		*due = true;
		return IM_OK;
	}
	im_time to = window_closed_before(m->now);
	if (to <= al.forfeits_from)
		return IM_OK;
	/* A mark a day behind is moved (by the catch-up, at most daily), so
	 * this look reads a day's threads, not an account's history. */
	if (to - al.forfeits_from > IM_DAY) {
		*due = true;
		return IM_OK;
	}
	int64_t *ids = NULL;
	im_time *created = NULL;
	size_t n = 0;
	st = im_store_unrefunded(m->store, account, al.forfeits_from, to, 1,
				 &ids, &created, &n);
	free(ids);
	free(created);
	if (st != IM_OK)
		return model_store_fail(m, st);
	*due = n > 0;
	return IM_OK;
}

/* The balance as of t: the balance now less the ledger's rows dated
 * after t (the ledger is the truth, each row at its event's time), and
 * the first of those rows' times (0: none). */
static enum im_status balance_as_of(struct im_model *m, int64_t account,
				    const char *handle, im_time t,
				    int64_t *balance, im_time *first_after)
{
	struct im_account a = {0};
	enum im_status st = im_store_account_by_id(m->store, account, &a);
	int64_t now_balance = a.credits;
	im_account_clear(&a);
	int64_t after = 0;
	if (st == IM_OK)
		st = im_store_ledger_after(m->store, account, t, &after,
					   first_after);
	if (st != IM_OK)
		return model_store_fail(m, st);
	if (__builtin_sub_overflow(now_balance, after, balance))
		return model_fail(m, IM_ERR_INVALID, "the credit ledger of %s "
				  "passes what a balance can hold; another "
				  "program changed the database",
				  handle ? handle : "a recruiter");
	return IM_OK;
}

/* The months due of a recruiter's allotment, oldest first: each adds at
 * most N and never takes the balance as of its first past IM_ALLOT_CAP x
 * N, whenever the catch-up comes (a credit back or a grant recorded
 * after the first is not in that month's room).  A month that adds
 * nothing leaves the balance as it was, so the months after it add
 * nothing either until the first on or after the next change recorded:
 * the next to look at is that first (or the first after now). */
static enum im_status allotments_due(struct im_model *m, int64_t account,
				     const char *handle,
				     struct im_store_allotment *al)
{
	while (al->amount > 0 && al->next_at && al->next_at <= m->now) {
		int64_t balance = 0;
		im_time first_after = 0;
		enum im_status st = balance_as_of(m, account, handle,
						  al->next_at, &balance,
						  &first_after);
		if (st != IM_OK)
			return st;
		int64_t room = al->amount * IM_ALLOT_CAP - balance;
		int64_t add = room < 0 ? 0 : room < al->amount ? room : al->amount;
		if (add == 0) {
			im_time skip = first_after
				? model_next_first(first_after - 1) : 0;
			if (!skip || skip > m->now)
				skip = model_next_first(m->now);
			al->next_at = skip;
			st = im_store_allotment_set(m->store, account, al);
			if (st != IM_OK)
				return model_store_fail(m, st);
			continue;
		}
		im_time next = model_next_first(al->next_at);
		st = im_store_allotment_arrive(m->store, account,
					       IM_LEDGER_ALLOTMENT, al->next_at,
					       add, next);
		if (st != IM_OK)
			return model_store_fail(m, st);
		al->next_at = next;
	}
	return IM_OK;
}

enum im_status model_credits_catch_up(struct im_model *m, int64_t account,
				      const char *handle)
{
	struct im_store_allotment al;
	enum im_status st = allotment_get(m, account, handle, &al);
	if (st != IM_OK)
		return st;
	if ((st = allotments_due(m, account, handle, &al)) != IM_OK)
		return st;
	/* A credit held 90 days without a response is forfeited (SPEC 3):
	 * recorded at the first second after its window, once. */
	im_time to = window_closed_before(m->now);
	if (to <= al.forfeits_from)
		return IM_OK;
	int64_t *ids = NULL;
	im_time *created = NULL;
	size_t n = 0;
	st = im_store_unrefunded(m->store, account, al.forfeits_from, to, 0,
				 &ids, &created, &n);
	if (st != IM_OK)
		return model_store_fail(m, st);
	for (size_t i = 0; st == IM_OK && i < n; i++)
		st = model_ledger_note(m, account, IM_LEDGER_FORFEIT, 0, ids[i],
				       created[i] + IM_CREDIT_WINDOW + 1);
	free(ids);
	free(created);
	/* The mark moves only with something to record or a day gone, so
	 * most changes write nothing more. */
	if (st == IM_OK && (n > 0 || to - al.forfeits_from > IM_DAY)) {
		al.forfeits_from = to;
		st = im_store_allotment_set(m->store, account, &al);
		if (st != IM_OK)
			model_store_fail(m, st);
	}
	return st;
}

/* Brings another account's credits up to now (the acting account's come
 * with im_model_catch_up): a write transaction only when something is
 * due, and none while another session writes (the next look tries). */
static enum im_status catch_up_account(struct im_model *m, int64_t account,
				       const char *handle)
{
	bool due = false;
	enum im_status st = model_credits_due(m, account, handle, &due);
	if (st != IM_OK || !due)
		return st;
	int attempt = 0;
	do {
		bool busy;
		st = model_begin_within(m, 0, &busy);
		if (st == IM_OK)
			st = model_finish(m, model_credits_catch_up(m, account,
								    handle));
		else if (busy)
			return IM_OK;
	} while (model_retry(m, st, &attempt));
	return st;
}

/* The recruiter handle names, for the credits commands: 66 when none,
 * 77 for a candidate. */
static enum im_status credit_account(struct im_model *m, const char *handle,
				     struct im_account *a)
{
	enum im_status st = im_store_account_by_handle(m->store, handle, a);
	if (st != IM_OK)
		return model_store_fail(m, st);
	if (a->role == IM_ROLE_RECRUITER)
		return IM_OK;
	im_account_clear(a);
	return model_fail(m, IM_ERR_NOT_PERMITTED,
			  "not permitted: %s is a candidate, and only "
			  "recruiters have InMail credits", handle);
}

static enum im_status allot_once(struct im_model *m, const char *handle,
				 int64_t n, im_time *next_out)
{
	enum im_status st = model_need_admin(m, "credits allot");
	if (st != IM_OK)
		return st;
	if (n < 0 || n > IM_ALLOT_MAX)
		return model_fail(m, IM_ERR_INVALID,
				  "an allotment is from 0 to %lld credits a "
				  "month (got %lld)", (long long)IM_ALLOT_MAX,
				  (long long)n);
	struct im_account a = {0};
	if ((st = credit_account(m, handle, &a)) != IM_OK)
		return st;
	int64_t id = a.id;
	im_account_clear(&a);
	st = model_begin(m);
	if (st != IM_OK)
		return model_store_fail(m, st);
	/* The months already due arrive with the N they were due under; the
	 * new N counts from the next first. */
	st = model_credits_catch_up(m, id, handle);
	struct im_store_allotment al;
	im_time next = 0;
	if (st == IM_OK)
		st = allotment_get(m, id, handle, &al);
	if (st == IM_OK) {
		/* next_at outlives a stop (amount 0 gives nothing): a clock
		 * behind a first already given (another machine's, a now()
		 * read before the other commit) must not give that month
		 * again. */
		next = model_next_first(m->now);
		if (next && al.next_at > next)
			next = al.next_at;
		al.amount = n;
		al.next_at = next;
		st = im_store_allotment_set(m->store, id, &al);
		if (st != IM_OK)
			model_store_fail(m, st);
	}
	st = model_finish(m, st);
	if (st == IM_OK && next_out)
		*next_out = n ? next : 0;
	return st;
}

enum im_status im_credits_allot(struct im_model *m, const char *handle,
				int64_t n, im_time *next)
{
	MODEL_RETRIED(m, allot_once(m, handle, n, next));
}

enum im_status im_credits_history(struct im_model *m, const char *handle,
				  struct im_credit_history *out)
{
	memset(out, 0, sizeof *out);
	if (!handle && !m->has_actor)
		return model_fail(m, IM_ERR_USAGE,
				  "whose credits? give a HANDLE, or --as HANDLE");
	struct im_account a = {0};
	enum im_status st = credit_account(m, handle ? handle : m->actor.handle,
					   &a);
	if (st != IM_OK)
		return st;
	/* A balance is its own account's and the admins' (SPEC 7). */
	if (!m->session.admin && !(m->has_actor && m->actor.id == a.id)) {
		st = model_fail(m, IM_ERR_NOT_PERMITTED,
				"not permitted: %s's credits are theirs and "
				"the admins' to see", a.handle);
		im_account_clear(&a);
		return st;
	}
	int64_t id = a.id;
	if (m->has_actor && m->actor.id == id)
		im_model_catch_up(m);
	else
		st = catch_up_account(m, id, a.handle);
	im_account_clear(&a);
	if (st != IM_OK)
		return st;
	/* The balance and its rows from one snapshot. */
	struct im_store_ledger_row *rows = NULL;
	size_t n = 0;
	struct im_store_allotment al = {0};
	st = im_store_begin_read(m->store);
	if (st == IM_OK) {
		st = im_store_account_by_id(m->store, id, &a);
		if (st == IM_OK)
			st = im_store_ledger_list(m->store, id, &rows, &n);
		if (st != IM_OK)
			model_store_fail(m, st);
		else
			st = allotment_get(m, id, a.handle, &al);
		im_store_end_read(m->store);
	}
	if (st != IM_OK) {
		free(rows);
		im_account_clear(&a);
		return st;
	}
	out->handle = a.handle;
	a.handle = NULL;
	out->credits = a.credits;
	im_account_clear(&a);
	out->allotment = al.amount;
	out->next_allotment = al.amount > 0 ? al.next_at : 0;
	out->entries = n ? calloc(n, sizeof *out->entries) : NULL;
	if (n && !out->entries) {
		free(rows);
		im_credit_history_clear(out);
		return model_fail(m, IM_ERR_NOMEM, "out of memory");
	}
	/* A balance is the sum of its ledger (SPEC 9); rows another program
	 * wrote may pass what an int64_t holds, or not add up to the
	 * balance.  Either is said rather than shown as a history. */
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (__builtin_add_overflow(sum, rows[i].amount, &sum)) {
			st = model_fail(m, IM_ERR_INVALID, "the credit ledger "
					"of %s passes what a balance can hold "
					"at its row %lld (%+lld); another "
					"program changed the database",
					out->handle, (long long)rows[i].id,
					(long long)rows[i].amount);
			break;
		}
		out->entries[i] = (struct im_ledger_entry){
			.id = rows[i].id,
			.kind = (enum im_ledger_kind)rows[i].kind,
			.amount = rows[i].amount,
			.thread = rows[i].thread,
			.at = rows[i].at,
			.balance = sum,
		};
	}
	free(rows);
	if (st == IM_OK && sum != out->credits)
		st = model_fail(m, IM_ERR_INVALID, "the credit ledger of %s "
				"sums to %lld but its balance is %lld, and a "
				"balance always equals the sum of its ledger; "
				"another program changed the database",
				out->handle, (long long)sum,
				(long long)out->credits);
	if (st != IM_OK) {
		im_credit_history_clear(out);
		return st;
	}
	out->n = n;
	return IM_OK;
}
