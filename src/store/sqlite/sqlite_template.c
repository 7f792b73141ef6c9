/* A recruiter's templates (SPEC 9): stored as written, by name. */
#include <stdlib.h>
#include <string.h>

#include "inmail/clock.h"
#include "sqlite_int.h"

enum im_status sq_template_insert(struct im_store *s, int64_t account,
				  const struct im_store_template *t)
{
	sqlite3_stmt *st = store_stmt(s, STMT_TEMPLATE_INSERT,
		"INSERT INTO template (account, name, subject, body,"
		" followup_days, followup_body, created_at, id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT coalesce(max(i),"
		" 0) + 1 FROM (SELECT max(id) AS i FROM template UNION ALL"
		" SELECT max(template_id) FROM thread)))");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_text(st, 2, t->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, t->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, t->body, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, t->followup_body ? t->followup_days : 0);
	if (t->followup_body)
		sqlite3_bind_text(st, 6, t->followup_body, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, t->created_at);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return IM_OK;
	if (rc == SQLITE_CONSTRAINT)
		return store_fail(s, IM_ERR_INVALID,
				  "a template named '%s' exists", t->name);
	return store_sqlite_fail(s, rc, "adding a template");
}

#define TEMPLATE_COLUMNS \
	"name, subject, body, followup_days, followup_body, created_at," \
	" coalesce(id, 0)"

static enum im_status template_row(struct im_store *s, sqlite3_stmt *st,
				   struct im_store_template *out)
{
	memset(out, 0, sizeof *out);
	out->followup_days = sqlite3_column_int(st, 3);
	out->created_at = sqlite3_column_int64(st, 5);
	out->id = sqlite3_column_int64(st, 6);
	if (!(out->name = store_col_text(st, 0)) ||
	    !(out->subject = store_col_text(st, 1)) ||
	    !(out->body = store_col_text(st, 2)) ||
	    (sqlite3_column_type(st, 4) != SQLITE_NULL &&
	     !(out->followup_body = store_col_text(st, 4)))) {
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

enum im_status sq_template_get(struct im_store *s, int64_t account,
			       const char *name, struct im_store_template *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = store_stmt(s, STMT_TEMPLATE_GET,
		"SELECT " TEMPLATE_COLUMNS " FROM template"
		" WHERE account = ?1 AND name = ?2");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	enum im_status res;
	if (rc == SQLITE_ROW)
		res = template_row(s, st, out);
	else if (rc == SQLITE_DONE)
		res = store_fail(s, IM_ERR_NOT_FOUND, "no template named '%s'",
				 name);
	else
		res = store_sqlite_fail(s, rc, "reading a template");
	sqlite3_reset(st);
	return res;
}

enum im_status sq_template_list(struct im_store *s, int64_t account,
				struct im_store_template **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, STMT_TEMPLATE_LIST,
		"SELECT " TEMPLATE_COLUMNS " FROM template WHERE account = ?1"
		" ORDER BY name");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	struct im_store_template *list = NULL;
	size_t len = 0, cap = 0;
	enum im_status res = IM_OK;
	int rc;
	while (res == IM_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			size_t ncap = cap ? 2 * cap : 8;
			struct im_store_template *l =
				realloc(list, ncap * sizeof *l);
			if (!l) {
				res = store_fail(s, IM_ERR_NOMEM, "out of memory");
				break;
			}
			list = l;
			cap = ncap;
		}
		if ((res = template_row(s, st, &list[len])) == IM_OK)
			len++;
	}
	if (res == IM_OK && rc != SQLITE_DONE)
		res = store_sqlite_fail(s, rc, "reading templates");
	sqlite3_reset(st);
	if (res != IM_OK) {
		im_store_templates_free(&list, len);
		return res;
	}
	*out = list;
	*n = len;
	return IM_OK;
}

enum im_status sq_template_delete(struct im_store *s, int64_t account,
				  const char *name)
{
	sqlite3_stmt *st = store_stmt(s, STMT_TEMPLATE_DELETE,
		"DELETE FROM template WHERE account = ?1 AND name = ?2");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlite_fail(s, rc, "removing a template");
	if (sqlite3_changes(SQ(s)->db) == 0)
		return store_fail(s, IM_ERR_NOT_FOUND, "no template named '%s'",
				  name);
	return IM_OK;
}
