/* The credit ledger and the monthly allotment (SPEC 9): rows as the model
 * wrote them, and the allotment's record. */
#include <stdlib.h>
#include <string.h>

#include "inmail/clock.h"
#include "sqlite_int.h"

enum im_status sq_ledger_add(struct im_store *s, int64_t account, int kind,
			     int64_t amount, int64_t thread, im_time at)
{
	sqlite3_stmt *st = store_stmt(s, STMT_LEDGER_ADD,
		"INSERT INTO ledger (account, kind, amount, thread, at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_int(st, 2, kind);
	sqlite3_bind_int64(st, 3, amount);
	if (thread)
		sqlite3_bind_int64(st, 4, thread);
	sqlite3_bind_int64(st, 5, at);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return IM_OK;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return store_fail(s, IM_ERR_INVALID,
				  "thread %lld already has that credit recorded",
				  (long long)thread);
	return store_sqlite_fail(s, rc, "recording a credit");
}

static enum im_status ledger_row(struct im_store *s, sqlite3_stmt *st,
				 void *elem, void *arg)
{
	(void)arg;
	struct im_store_ledger_row *r = elem;
	r->id = sqlite3_column_int64(st, 0);
	int64_t kind = sqlite3_column_int64(st, 1);
	r->amount = sqlite3_column_int64(st, 2);
	r->thread = sqlite3_column_int64(st, 3);
	r->at = sqlite3_column_int64(st, 4);
	/* Another program's rows are checked as they are read. */
	if (sqlite3_column_type(st, 1) != SQLITE_INTEGER || kind < 0 ||
	    kind >= IM_LEDGER_KIND_COUNT)
		return store_bad_row(s, "ledger row", r->id, "kind", st, 1);
	if (sqlite3_column_type(st, 2) != SQLITE_INTEGER)
		return store_bad_row(s, "ledger row", r->id, "amount", st, 2);
	if (sqlite3_column_type(st, 3) != SQLITE_NULL &&
	    (sqlite3_column_type(st, 3) != SQLITE_INTEGER || r->thread <= 0))
		return store_bad_row(s, "ledger row", r->id, "thread", st, 3);
	if (sqlite3_column_type(st, 4) != SQLITE_INTEGER || !im_time_valid(r->at))
		return store_bad_row(s, "ledger row", r->id, "time", st, 4);
	r->kind = (int)kind;
	return IM_OK;
}

static void ledger_clear(void *elem)
{
	(void)elem;
}

enum im_status sq_ledger_list(struct im_store *s, int64_t account,
			      struct im_store_ledger_row **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, STMT_LEDGER_LIST,
		"SELECT id, kind, amount, thread, at FROM ledger"
		" WHERE account = ? ORDER BY at, id");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	void *list = NULL;
	enum im_status res = store_fetch(s, st, 0, sizeof **out, ledger_row,
					 NULL, ledger_clear,
					 "reading the credit ledger", &list, n);
	*out = list;
	return res;
}

/* Two integers of one row (each NULL: 0), read from st. */
static enum im_status two_ints(struct im_store *s, sqlite3_stmt *st,
			       const char *doing, int64_t *a, int64_t *b)
{
	int rc = sqlite3_step(st);
	enum im_status res = IM_OK;
	if (rc == SQLITE_ROW) {
		*a = sqlite3_column_int64(st, 0);
		*b = sqlite3_column_int64(st, 1);
	} else {
		res = store_sqlite_fail(s, rc, doing);
	}
	sqlite3_reset(st);
	return res;
}

enum im_status sq_ledger_after(struct im_store *s, int64_t account,
			       im_time after, int64_t *sum, im_time *first)
{
	sqlite3_stmt *st = store_stmt(s, STMT_LEDGER_AFTER,
		"SELECT coalesce(sum(amount), 0), coalesce(min(at), 0)"
		" FROM ledger WHERE account = ?1 AND at > ?2");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_int64(st, 2, after);
	return two_ints(s, st, "reading the credit ledger", sum, first);
}

enum im_status sq_answered_by(struct im_store *s, int64_t recruiter,
			      im_time from, im_time to, im_time by,
			      int64_t *sent, int64_t *answered)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ANSWERED_BY,
		"SELECT count(*), coalesce(sum(responded_at <= ?4), 0)"
		" FROM thread WHERE recruiter = ?1 AND created_at >= ?2"
		" AND created_at <= ?3");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	sqlite3_bind_int64(st, 4, by);
	return two_ints(s, st, "reading the guardrail", sent, answered);
}

enum im_status sq_allotment_get(struct im_store *s, int64_t account,
				struct im_store_allotment *out)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ALLOT_GET,
		"SELECT amount, coalesce(next_at, 0), forfeits_from"
		" FROM allotment WHERE account = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	int rc = sqlite3_step(st);
	enum im_status res = IM_OK;
	if (rc == SQLITE_ROW) {
		out->amount = sqlite3_column_int64(st, 0);
		out->next_at = sqlite3_column_int64(st, 1);
		out->forfeits_from = sqlite3_column_int64(st, 2);
		/* Any type fits any column: a TEXT, REAL or BLOB would read
		 * as 0 or truncated.  The ranges are the model's to judge. */
		if (sqlite3_column_type(st, 0) != SQLITE_INTEGER ||
		    out->amount < 0 || out->amount > IM_ALLOT_MAX)
			res = store_bad_row(s, "allotment of account", account,
					    "amount", st, 0);
		else if (sqlite3_column_type(st, 1) != SQLITE_INTEGER ||
			 (out->next_at && !im_time_valid(out->next_at)))
			res = store_bad_row(s, "allotment of account", account,
					    "next_at", st, 1);
		else if (sqlite3_column_type(st, 2) != SQLITE_INTEGER)
			res = store_bad_row(s, "allotment of account", account,
					    "forfeits_from", st, 2);
	} else if (rc == SQLITE_DONE) {
		res = store_fail(s, IM_ERR_NOT_FOUND, "no allotment recorded");
	} else {
		res = store_sqlite_fail(s, rc, "reading an allotment");
	}
	sqlite3_reset(st);
	return res;
}

enum im_status sq_allotment_set(struct im_store *s, int64_t account,
				const struct im_store_allotment *a)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ALLOT_SET,
		"INSERT INTO allotment (account, amount, next_at, forfeits_from)"
		" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (account) DO UPDATE SET"
		" amount = excluded.amount, next_at = excluded.next_at,"
		" forfeits_from = excluded.forfeits_from");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_int64(st, 2, a->amount);
	if (a->next_at)
		sqlite3_bind_int64(st, 3, a->next_at);
	sqlite3_bind_int64(st, 4, a->forfeits_from);
	return store_step_done(s, st, "recording an allotment");
}

enum im_status sq_allotment_arrive(struct im_store *s, int64_t account,
				   int kind, im_time at, int64_t amount,
				   im_time next_at)
{
	enum im_status res = sq_credits_add(s, account, amount);
	if (res == IM_OK)
		res = sq_ledger_add(s, account, kind, amount, 0, at);
	if (res != IM_OK)
		return res;
	sqlite3_stmt *st = store_stmt(s, STMT_ALLOT_NEXT,
		"UPDATE allotment SET next_at = ?2 WHERE account = ?1");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	if (next_at)
		sqlite3_bind_int64(st, 2, next_at);
	res = store_step_done(s, st, "recording an allotment");
	if (res == IM_OK && sqlite3_changes(SQ(s)->db) != 1)
		res = store_fail(s, IM_ERR_NOT_FOUND, "no allotment recorded");
	return res;
}

enum im_status sq_unrefunded(struct im_store *s, int64_t recruiter,
			     im_time from, im_time to, size_t limit,
			     int64_t **ids, im_time **created, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, STMT_UNREFUNDED,
		"SELECT id, created_at FROM thread"
		" WHERE recruiter = ?1 AND created_at >= ?2 AND created_at < ?3"
		" AND refunded = 0 ORDER BY created_at, id LIMIT ?4");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	sqlite3_bind_int64(st, 4, limit ? (int64_t)limit : -1);
	size_t cap = 0;
	enum im_status res = IM_OK;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			int64_t *i2 = realloc(*ids, cap * sizeof **ids);
			if (i2)
				*ids = i2;
			im_time *c2 = i2 ? realloc(*created, cap * sizeof **created)
					 : NULL;
			if (c2)
				*created = c2;
			if (!i2 || !c2) {
				res = store_fail(s, IM_ERR_NOMEM, "out of memory");
				break;
			}
		}
		(*ids)[*n] = sqlite3_column_int64(st, 0);
		(*created)[*n] = sqlite3_column_int64(st, 1);
		/* The forfeit's time is created_at + the window: a time. */
		if (sqlite3_column_type(st, 1) != SQLITE_INTEGER ||
		    !im_time_valid((*created)[*n])) {
			res = store_bad_row(s, "thread", (*ids)[*n],
					    "creation time", st, 1);
			break;
		}
		(*n)++;
	}
	if (res == IM_OK && rc != SQLITE_DONE)
		res = store_sqlite_fail(s, rc, "reading threads");
	sqlite3_reset(st);
	if (res != IM_OK) {
		free(*ids);
		free(*created);
		*ids = NULL;
		*created = NULL;
		*n = 0;
	}
	return res;
}
