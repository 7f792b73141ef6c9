/* The 13 % guardrail's recorded facts (SPEC 9) on PostgreSQL: one row per
 * recruiter in inmail.guardrail, the recruiter's own under the row-level
 * security (policies.sql). */
#include <stdlib.h>

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
