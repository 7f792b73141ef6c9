/* The credit ledger and the monthly allotment (SPEC 9) on PostgreSQL.
 * An owner's session (an admin, tests, copy) writes the rows; a person's
 * goes through the definer functions of policies.sql, each checking the
 * row against the change it records, and the database holds every
 * balance to the sum of its ledger at each commit (balance_ledgered). */
#include <stdlib.h>
#include <string.h>

#include "inmail/clock.h"
#include "pg_int.h"

static enum im_status person_note(struct im_store *s, int kind,
				  int64_t amount, int64_t thread, im_time at)
{
	struct pg_params p = {0};
	pgp_int(&p, thread);
	pgp_int(&p, amount);
	pgp_int(&p, at);
	const char *sql;
	enum pg_stmt id;
	/* Which function records it is the row's kind; each derives the
	 * account from the thread and checks the rest. */
	switch (kind) {
	case IM_LEDGER_SPEND:
		id = PG_NOTE_SPEND;
		sql = "SELECT inmail.note_spend($1::bigint, $2::bigint, $3::bigint)";
		break;
	case IM_LEDGER_CREDIT_BACK:
		id = PG_NOTE_CREDIT_BACK;
		sql = "SELECT inmail.note_credit_back($1::bigint, $2::bigint,"
		      " $3::bigint)";
		break;
	case IM_LEDGER_FORFEIT:
		id = PG_NOTE_FORFEIT;
		sql = "SELECT inmail.note_forfeit($1::bigint, $2::bigint,"
		      " $3::bigint)";
		break;
	default:
		return store_fail(s, IM_ERR_NOT_PERMITTED, "not permitted: "
				  "grants are for members of inmail_admin");
	}
	PGresult *r = pg_run(s, id, sql, &p, "recording a credit");
	if (!r)
		return PG(s)->status;
	PQclear(r);
	return IM_OK;
}

enum im_status pq_ledger_add(struct im_store *s, int64_t account, int kind,
			     int64_t amount, int64_t thread, im_time at)
{
	if (!PG(s)->owner)
		return person_note(s, kind, amount, thread, at);
	struct pg_params p = {0};
	pgp_int(&p, account);
	pgp_int(&p, kind);
	pgp_int(&p, amount);
	if (thread)
		pgp_int(&p, thread);
	else
		pgp_null(&p);
	pgp_int(&p, at);
	return pg_run_done(s, PG_LEDGER_ADD,
		"INSERT INTO ledger (account, kind, amount, thread, at) VALUES"
		" ($1::bigint, $2::smallint, $3::bigint, $4::bigint, $5::bigint)",
		&p, "recording a credit");
}

enum im_status pq_ledger_list(struct im_store *s, int64_t account,
			      struct im_store_ledger_row **out, size_t *n)
{
	struct pg_params p = {0};
	pgp_int(&p, account);
	PGresult *r = pg_run(s, PG_LEDGER_LIST,
		"SELECT id, kind, amount, coalesce(thread, 0), at FROM ledger"
		" WHERE account = $1::bigint ORDER BY at, id", &p,
		"reading the credit ledger");
	if (!r)
		return PG(s)->status;
	int rows = PQntuples(r);
	struct im_store_ledger_row *list =
		rows ? calloc((size_t)rows, sizeof *list) : NULL;
	enum im_status st = rows && !list
		? store_fail(s, IM_ERR_NOMEM, "out of memory") : IM_OK;
	for (int i = 0; st == IM_OK && i < rows; i++) {
		list[i].id = pg_int(r, i, 0);
		int64_t kind = pg_int(r, i, 1);
		list[i].amount = pg_int(r, i, 2);
		list[i].thread = pg_int(r, i, 3);
		list[i].at = pg_int(r, i, 4);
		if (kind < 0 || kind >= IM_LEDGER_KIND_COUNT)
			st = pg_bad_row(s, "ledger row", list[i].id, "kind", r,
					i, 1);
		else if (!im_time_valid(list[i].at))
			st = pg_bad_row(s, "ledger row", list[i].id, "time", r,
					i, 4);
		list[i].kind = (int)kind;
	}
	PQclear(r);
	if (st != IM_OK) {
		free(list);
		return st;
	}
	*out = list;
	*n = (size_t)rows;
	return IM_OK;
}

/* Two integers of one row, read by sql. */
static enum im_status two_ints(struct im_store *s, enum pg_stmt id,
			       const char *sql, const struct pg_params *p,
			       const char *doing, int64_t *a, int64_t *b)
{
	PGresult *r = pg_run(s, id, sql, p, doing);
	if (!r)
		return PG(s)->status;
	if (PQntuples(r) > 0) {
		*a = pg_int(r, 0, 0);
		*b = pg_int(r, 0, 1);
	}
	PQclear(r);
	return IM_OK;
}

enum im_status pq_ledger_after(struct im_store *s, int64_t account,
			       im_time after, int64_t *sum, im_time *first)
{
	struct pg_params p = {0};
	pgp_int(&p, account);
	pgp_int(&p, after);
	return two_ints(s, PG_LEDGER_AFTER,
		"SELECT coalesce(sum(amount), 0)::bigint, coalesce(min(at), 0)"
		" FROM ledger WHERE account = $1::bigint AND at > $2::bigint",
		&p, "reading the credit ledger", sum, first);
}

enum im_status pq_answered_by(struct im_store *s, int64_t recruiter,
			      im_time from, im_time to, im_time by,
			      int64_t *sent, int64_t *answered)
{
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	pgp_int(&p, from);
	pgp_int(&p, to);
	pgp_int(&p, by);
	return two_ints(s, PG_ANSWERED_BY,
		"SELECT count(*), count(*) FILTER (WHERE responded_at <="
		" $4::bigint) FROM thread WHERE recruiter = $1::bigint"
		" AND created_at >= $2::bigint AND created_at <= $3::bigint",
		&p, "reading the guardrail", sent, answered);
}

enum im_status pq_allotment_get(struct im_store *s, int64_t account,
				struct im_store_allotment *out)
{
	struct pg_params p = {0};
	pgp_int(&p, account);
	PGresult *r = pg_run(s, PG_ALLOT_GET,
		"SELECT amount, coalesce(next_at, 0), forfeits_from"
		" FROM allotment WHERE account = $1::bigint", &p,
		"reading an allotment");
	if (!r)
		return PG(s)->status;
	enum im_status st = IM_OK;
	if (PQntuples(r) == 0) {
		st = store_fail(s, IM_ERR_NOT_FOUND, "no allotment recorded");
	} else {
		out->amount = pg_int(r, 0, 0);
		out->next_at = pg_int(r, 0, 1);
		out->forfeits_from = pg_int(r, 0, 2);
	}
	PQclear(r);
	return st;
}

enum im_status pq_allotment_set(struct im_store *s, int64_t account,
				const struct im_store_allotment *a)
{
	struct pg_params p = {0};
	if (!PG(s)->owner) {
		/* A person moves their own marks forward, no more. */
		pgp_int(&p, a->next_at);
		pgp_int(&p, a->forfeits_from);
		PGresult *r = pg_run(s, PG_ALLOT_MARKS,
			"SELECT inmail.allotment_marks($1::bigint, $2::bigint)",
			&p, "recording an allotment");
		if (!r)
			return PG(s)->status;
		PQclear(r);
		return IM_OK;
	}
	pgp_int(&p, account);
	pgp_int(&p, a->amount);
	pgp_int(&p, a->next_at);
	pgp_int(&p, a->forfeits_from);
	return pg_run_done(s, PG_ALLOT_SET,
		"INSERT INTO allotment AS x (account, amount, next_at,"
		" forfeits_from) VALUES ($1::bigint, $2::bigint,"
		" nullif($3::bigint, 0), $4::bigint) ON CONFLICT (account) DO"
		" UPDATE SET amount = excluded.amount, next_at = excluded.next_at,"
		" forfeits_from = excluded.forfeits_from", &p,
		"recording an allotment");
}

enum im_status pq_allotment_arrive(struct im_store *s, int64_t account,
				   int kind, im_time at, int64_t amount,
				   im_time next_at)
{
	struct pg_params p = {0};
	if (!PG(s)->owner) {
		/* The month's credits to one's own balance: checked against
		 * the allotment the admin set, its date and its cap. */
		pgp_int(&p, at);
		pgp_int(&p, amount);
		pgp_int(&p, next_at);
		PGresult *r = pg_run(s, PG_ALLOT_ARRIVE,
			"SELECT inmail.allotment_arrive($1::bigint, $2::bigint,"
			" $3::bigint)", &p, "giving an allotment");
		if (!r)
			return PG(s)->status;
		PQclear(r);
		return IM_OK;
	}
	enum im_status st = pq_credits_add(s, account, amount);
	if (st == IM_OK)
		st = pq_ledger_add(s, account, kind, amount, 0, at);
	if (st != IM_OK)
		return st;
	pgp_int(&p, account);
	pgp_int(&p, next_at);
	PGresult *r = pg_run(s, PG_ALLOT_NEXT,
		"UPDATE allotment SET next_at = nullif($2::bigint, 0)"
		" WHERE account = $1::bigint", &p, "giving an allotment");
	if (!r)
		return PG(s)->status;
	bool one = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	return one ? IM_OK
		   : store_fail(s, IM_ERR_NOT_FOUND, "no allotment recorded");
}

enum im_status pq_unrefunded(struct im_store *s, int64_t recruiter,
			     im_time from, im_time to, size_t limit,
			     int64_t **ids, im_time **created, size_t *n)
{
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	pgp_int(&p, from);
	pgp_int(&p, to);
	if (limit)
		pgp_int(&p, (int64_t)limit);
	else
		pgp_null(&p);
	PGresult *r = pg_run(s, PG_UNREFUNDED,
		"SELECT id, created_at FROM thread WHERE recruiter = $1::bigint"
		" AND created_at >= $2::bigint AND created_at < $3::bigint"
		" AND NOT refunded ORDER BY created_at, id LIMIT $4::bigint",
		&p, "reading threads");
	if (!r)
		return PG(s)->status;
	int rows = PQntuples(r);
	enum im_status st = IM_OK;
	if (rows) {
		*ids = calloc((size_t)rows, sizeof **ids);
		*created = calloc((size_t)rows, sizeof **created);
		if (!*ids || !*created) {
			free(*ids);
			free(*created);
			*ids = NULL;
			*created = NULL;
			st = store_fail(s, IM_ERR_NOMEM, "out of memory");
		}
	}
	for (int i = 0; st == IM_OK && i < rows; i++) {
		(*ids)[i] = pg_int(r, i, 0);
		(*created)[i] = pg_int(r, i, 1);
	}
	if (st == IM_OK)
		*n = (size_t)rows;
	PQclear(r);
	return st;
}
