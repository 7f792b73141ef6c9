/* A recruiter's templates (SPEC 9) on PostgreSQL: stored as written, by
 * name; the policies keep each recruiter to their own. */
#include <stdlib.h>
#include <string.h>

#include "inmail/clock.h"
#include "pg_int.h"

enum im_status pq_template_insert(struct im_store *s, int64_t account,
				  const struct im_store_template *t)
{
	struct pg_params p = {0};
	pgp_int(&p, account);
	pgp_text(&p, t->name);
	pgp_text(&p, t->subject);
	pgp_text(&p, t->body);
	pgp_int(&p, t->followup_body ? t->followup_days : 0);
	if (t->followup_body)
		pgp_text(&p, t->followup_body);
	else
		pgp_null(&p);
	pgp_int(&p, t->created_at);
	return pg_run_done(s, PG_TEMPLATE_INSERT,
		"INSERT INTO template (account, name, subject, body,"
		" followup_days, followup_body, created_at) VALUES ($1::bigint,"
		" $2::text, $3::text, $4::text, $5::integer, $6::text,"
		" $7::bigint)", &p, "adding a template");
}

#define TEMPLATE_COLUMNS \
	"name, subject, body, followup_days, followup_body, created_at," \
	" coalesce(id, 0)"

static enum im_status template_row(struct im_store *s, const PGresult *r,
				   int row, struct im_store_template *out)
{
	memset(out, 0, sizeof *out);
	out->followup_days = (int)pg_int(r, row, 3);
	out->created_at = pg_int(r, row, 5);
	out->id = pg_int(r, row, 6);
	if (!(out->name = pg_text(r, row, 0)) ||
	    !(out->subject = pg_text(r, row, 1)) ||
	    !(out->body = pg_text(r, row, 2)) ||
	    (!pg_isnull(r, row, 4) && !(out->followup_body = pg_text(r, row, 4)))) {
		im_store_template_clear(out);
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	}
	if (!im_time_valid(out->created_at)) {
		im_store_template_clear(out);
		return store_fail(s, IM_ERR_INVALID,
				  "a template's time holds a value inmail "
				  "never writes");
	}
	return IM_OK;
}

enum im_status pq_template_get(struct im_store *s, int64_t account,
			       const char *name, struct im_store_template *out)
{
	memset(out, 0, sizeof *out);
	struct pg_params p = {0};
	pgp_int(&p, account);
	pgp_text(&p, name);
	PGresult *r = pg_run(s, PG_TEMPLATE_GET,
		"SELECT " TEMPLATE_COLUMNS " FROM template"
		" WHERE account = $1::bigint AND name = $2::text", &p,
		"reading a template");
	if (!r)
		return PG(s)->status;
	enum im_status st = PQntuples(r) == 1
		? template_row(s, r, 0, out)
		: store_fail(s, IM_ERR_NOT_FOUND, "no template named '%s'", name);
	PQclear(r);
	return st;
}

enum im_status pq_template_list(struct im_store *s, int64_t account,
				struct im_store_template **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct pg_params p = {0};
	pgp_int(&p, account);
	PGresult *r = pg_run(s, PG_TEMPLATE_LIST,
		"SELECT " TEMPLATE_COLUMNS " FROM template"
		" WHERE account = $1::bigint ORDER BY name COLLATE \"C\"", &p,
		"reading templates");
	if (!r)
		return PG(s)->status;
	int rows = PQntuples(r);
	struct im_store_template *list = calloc((size_t)rows + 1, sizeof *list);
	enum im_status st = list ? IM_OK
				 : store_fail(s, IM_ERR_NOMEM, "out of memory");
	size_t len = 0;
	for (int i = 0; st == IM_OK && i < rows; i++)
		if ((st = template_row(s, r, i, &list[len])) == IM_OK)
			len++;
	PQclear(r);
	if (st != IM_OK) {
		im_store_templates_free(&list, len);
		return st;
	}
	*out = list;
	*n = len;
	return IM_OK;
}

enum im_status pq_template_delete(struct im_store *s, int64_t account,
				  const char *name)
{
	struct pg_params p = {0};
	PGresult *r;
	bool gone;
	/* A person's through the definer function, as a draft's. */
	if (!PG(s)->owner) {
		pgp_text(&p, name);
		r = pg_run(s, PG_TEMPLATE_DELETE_OWN,
			   "SELECT inmail.template_delete($1::text)", &p,
			   "removing a template");
		if (!r)
			return PG(s)->status;
		gone = PQntuples(r) == 1 && pg_int(r, 0, 0) > 0;
	} else {
		pgp_int(&p, account);
		pgp_text(&p, name);
		r = pg_run(s, PG_TEMPLATE_DELETE,
			   "DELETE FROM template WHERE account = $1::bigint"
			   " AND name = $2::text", &p, "removing a template");
		if (!r)
			return PG(s)->status;
		gone = strcmp(PQcmdTuples(r), "0") != 0;
	}
	PQclear(r);
	return gone ? IM_OK
		    : store_fail(s, IM_ERR_NOT_FOUND, "no template named '%s'",
				 name);
}
