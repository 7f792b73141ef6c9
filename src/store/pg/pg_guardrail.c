/* The 13 % guardrail's recorded facts (SPEC 9) on PostgreSQL: one row per
 * recruiter in inmail.guardrail, the recruiter's own under the row-level
 * security (policies.sql); and the weekly report's counts. */
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"

enum im_status pq_guardrail_get(struct im_store *s, int64_t recruiter,
				im_time *since, im_time *until)
{
	*since = *until = 0;
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	PGresult *r = pg_run(s, PG_GUARDRAIL_GET,
		"SELECT coalesce(since, 0), coalesce(until, 0) FROM guardrail"
		" WHERE recruiter = $1::bigint", &p, "reading the guardrail");
	if (!r)
		return PG(s)->status;
	if (PQntuples(r) > 0) {
		*since = pg_int(r, 0, 0);
		*until = pg_int(r, 0, 1);
	}
	PQclear(r);
	return IM_OK;
}

enum im_status pq_guardrail_set(struct im_store *s, int64_t recruiter,
				im_time since, im_time until)
{
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	pgp_int(&p, since);
	pgp_int(&p, until);
	return pg_run_done(s, PG_GUARDRAIL_SET,
		"INSERT INTO guardrail AS g (recruiter, since, until) VALUES"
		" ($1::bigint, nullif($2::bigint, 0), nullif($3::bigint, 0))"
		" ON CONFLICT (recruiter) DO UPDATE SET since = excluded.since,"
		" until = excluded.until", &p, "recording the guardrail");
}

enum im_status pq_sent_counts(struct im_store *s, int64_t recruiter,
			      im_time from, im_time to, im_time window,
			      im_time cutoff, struct im_store_sent_counts *out)
{
	memset(out, 0, sizeof *out);
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	pgp_int(&p, from);
	pgp_int(&p, to);
	pgp_int(&p, window);
	pgp_int(&p, cutoff);
	PGresult *r = pg_run(s, PG_SENT_COUNTS,
		"SELECT state, count(*),"
		" count(*) FILTER (WHERE responded_at IS NOT NULL),"
		" count(*) FILTER (WHERE responded_at IS NOT NULL AND"
		" responded_at - created_at <= $4::bigint),"
		" count(*) FILTER (WHERE responded_at IS NULL AND"
		" created_at < $5::bigint) FROM thread"
		" WHERE recruiter = $1::bigint AND created_at >= $2::bigint"
		" AND created_at < $3::bigint GROUP BY state", &p,
		"reading the report");
	if (!r)
		return PG(s)->status;
	enum im_status st = IM_OK;
	for (int i = 0; i < PQntuples(r); i++) {
		int64_t state = pg_int(r, i, 0);
		if (state < 0 || state >= IM_STATE_COUNT) {
			st = store_fail(s, IM_ERR_INVALID, "a thread of recruiter "
					"%lld holds a state inmail never writes "
					"(%lld)", (long long)recruiter,
					(long long)state);
			break;
		}
		int64_t n = pg_int(r, i, 1);
		out->sent += n;
		out->by_state[state] += n;
		out->responded += pg_int(r, i, 2);
		out->responded_within += pg_int(r, i, 3);
		out->unresponded_before += pg_int(r, i, 4);
	}
	PQclear(r);
	return st;
}

/* ---- the report per template (SPEC 9) ---- */

enum im_status pq_template_counts(struct im_store *s, int64_t recruiter,
				  im_time from, im_time to, im_time window,
				  im_time cutoff,
				  struct im_store_template_counts **out,
				  size_t *n)
{
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	pgp_int(&p, from);
	pgp_int(&p, to);
	pgp_int(&p, window);
	pgp_int(&p, cutoff);
	PGresult *r = pg_run(s, PG_TEMPLATE_COUNTS,
		"SELECT template, state, count(*),"
		" count(*) FILTER (WHERE responded_at IS NOT NULL),"
		" count(*) FILTER (WHERE responded_at IS NOT NULL AND"
		" responded_at - created_at <= $4::bigint),"
		" count(*) FILTER (WHERE responded_at IS NULL AND"
		" created_at < $5::bigint), coalesce(template_id, 0) FROM thread"
		" WHERE recruiter = $1::bigint AND created_at >= $2::bigint"
		" AND created_at < $3::bigint GROUP BY template, template_id,"
		" state ORDER BY template COLLATE \"C\" NULLS LAST,"
		" coalesce(template_id, 0)", &p,
		"reading the report");
	if (!r)
		return PG(s)->status;
	int rows = PQntuples(r);
	struct im_store_template_counts *list =
		calloc((size_t)rows + 1, sizeof *list);
	size_t k = 0;
	enum im_status st = list ? IM_OK
				 : store_fail(s, IM_ERR_NOMEM, "out of memory");
	for (int i = 0; st == IM_OK && i < rows; i++) {
		bool null = PQgetisnull(r, i, 0);
		const char *name = null ? NULL : PQgetvalue(r, i, 0);
		int64_t state = pg_int(r, i, 1);
		int64_t tid = name ? pg_int(r, i, 6) : 0;
		if (state < 0 || state >= IM_STATE_COUNT) {
			st = store_fail(s, IM_ERR_INVALID, "a thread of recruiter "
					"%lld holds a state inmail never writes "
					"(%lld)", (long long)recruiter,
					(long long)state);
			break;
		}
		/* Rows come grouped by name and template id: a new one
		 * starts a row. */
		bool same = k > 0 && list[k - 1].template_id == tid &&
			    ((!name && !list[k - 1].name) ||
			     (name && list[k - 1].name &&
			      strcmp(name, list[k - 1].name) == 0));
		if (!same) {
			if (name && !(list[k].name = strdup(name))) {
				st = store_fail(s, IM_ERR_NOMEM, "out of memory");
				break;
			}
			list[k].template_id = tid;
			k++;
		}
		struct im_store_sent_counts *c = &list[k - 1].c;
		int64_t cnt = pg_int(r, i, 2);
		c->sent += cnt;
		c->by_state[state] += cnt;
		c->responded += pg_int(r, i, 3);
		c->responded_within += pg_int(r, i, 4);
		c->unresponded_before += pg_int(r, i, 5);
	}
	PQclear(r);
	if (st != IM_OK) {
		im_store_template_counts_free(&list, k);
		return st;
	}
	*out = list;
	*n = k;
	return IM_OK;
}
