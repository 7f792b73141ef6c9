/* inmail copy (SPEC 7): a whole SQLite file into an empty PostgreSQL
 * database, in one transaction (all or nothing): accounts with their
 * login roles (created when missing: LOGIN, no password), threads,
 * messages, notifications and drafts with their ids, the identity
 * sequences set past them, the tallies rebuilt (src/store/pg/README,
 * copy), and the counts of every table checked on both sides before the
 * commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "pg_int.h"

#define COPY_BATCH 1000

struct copy {
	struct im_store *dst;
	sqlite3 *src;
	void (*progress)(void *arg, int64_t done, int64_t total);
	void *arg;
	int64_t done, total;
	char *buf;
	size_t len, cap;
};

static bool ok(const PGresult *r)
{
	ExecStatusType st = PQresultStatus(r);
	return r && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK);
}

static enum im_status exec(struct copy *c, const char *sql, const char *what)
{
	PGresult *r = PQexec(PG(c->dst)->conn, sql);
	enum im_status st = ok(r) ? IM_OK : pg_fail(c->dst, r, what);
	PQclear(r);
	return st;
}

static enum im_status src_fail(struct copy *c, const char *what)
{
	return store_fail(c->dst, IM_ERR_DATABASE, "reading the SQLite file "
			  "(%s): %s", what, sqlite3_errmsg(c->src));
}

static bool put(struct copy *c, const char *s, size_t n)
{
	if (c->len + n + 1 > c->cap) {
		size_t cap = (c->cap ? c->cap : 65536);
		while (cap < c->len + n + 1)
			cap *= 2;
		char *b = realloc(c->buf, cap);
		if (!b)
			return false;
		c->buf = b;
		c->cap = cap;
	}
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	return true;
}

/* One value in COPY's text format: \N for NULL, the specials escaped. */
static bool put_value(struct copy *c, sqlite3_stmt *q, int col)
{
	if (sqlite3_column_type(q, col) == SQLITE_NULL)
		return put(c, "\\N", 2);
	if (sqlite3_column_type(q, col) == SQLITE_FLOAT) {
		/* Every bit of a double: SQLite's text keeps 15 digits. */
		char num[40];
		int n = snprintf(num, sizeof num, "%.17g",
				 sqlite3_column_double(q, col));
		return put(c, num, (size_t)n);
	}
	const char *v = (const char *)sqlite3_column_text(q, col);
	for (const char *p = v ? v : ""; *p; p++) {
		const char *e = NULL;
		switch (*p) {
		case '\\': e = "\\\\"; break;
		case '\t': e = "\\t"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		}
		if (!(e ? put(c, e, 2) : put(c, p, 1)))
			return false;
	}
	return true;
}

static enum im_status flush(struct copy *c)
{
	if (c->len && PQputCopyData(PG(c->dst)->conn, c->buf, (int)c->len) != 1)
		return store_fail(c->dst, IM_ERR_DATABASE, "copying rows: %s",
				  PQerrorMessage(PG(c->dst)->conn));
	c->len = 0;
	if (c->progress)
		c->progress(c->arg, c->done, c->total);
	return IM_OK;
}

/* Every row of select (on the SQLite file) into table (columns) by COPY,
 * COPY_BATCH rows a message. */
static enum im_status copy_table(struct copy *c, const char *table,
				 const char *columns, const char *select)
{
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(c->src, select, -1, &q, NULL) != SQLITE_OK)
		return src_fail(c, table);
	char sql[512];
	snprintf(sql, sizeof sql, "COPY %s (%s) FROM STDIN", table, columns);
	PGresult *r = PQexec(PG(c->dst)->conn, sql);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		enum im_status st = pg_fail(c->dst, r, "copying rows");
		PQclear(r);
		sqlite3_finalize(q);
		return st;
	}
	PQclear(r);
	enum im_status st = IM_OK;
	int rc, n = 0;
	while (st == IM_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		int cols = sqlite3_column_count(q);
		bool fine = true;
		for (int i = 0; fine && i < cols; i++)
			fine = (i == 0 || put(c, "\t", 1)) && put_value(c, q, i);
		if (!fine || !put(c, "\n", 1))
			st = store_fail(c->dst, IM_ERR_NOMEM, "out of memory");
		c->done++;
		if (st == IM_OK && ++n % COPY_BATCH == 0)
			st = flush(c);
	}
	if (st == IM_OK && rc != SQLITE_DONE)
		st = src_fail(c, table);
	if (st == IM_OK)
		st = flush(c);
	sqlite3_finalize(q);
	PGconn *conn = PG(c->dst)->conn;
	PQputCopyEnd(conn, st == IM_OK ? NULL : "inmail copy failed");
	while ((r = PQgetResult(conn))) {
		if (st == IM_OK && !ok(r))
			st = pg_fail(c->dst, r, "copying rows");
		PQclear(r);
	}
	return st;
}

static int64_t src_count(struct copy *c, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	sqlite3_stmt *q = NULL;
	int64_t n = -1;
	if (sqlite3_prepare_v2(c->src, sql, -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

static int64_t dst_count(struct copy *c, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	PGresult *r = PQexec(PG(c->dst)->conn, sql);
	int64_t n = ok(r) && PQntuples(r) == 1 ? pg_int(r, 0, 0) : -1;
	PQclear(r);
	return n;
}

/* Each account's login (its handle), created when missing. */
static enum im_status logins(struct copy *c)
{
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(c->src, "SELECT handle FROM account", -1, &q,
			       NULL) != SQLITE_OK)
		return src_fail(c, "account");
	PGconn *conn = PG(c->dst)->conn;
	enum im_status st = exec(c, "SET LOCAL ROLE NONE", "creating logins");
	while (st == IM_OK && sqlite3_step(q) == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(q, 0);
		const char *v[1] = {h};
		PGresult *r = PQexecParams(conn, "SELECT 1 FROM pg_roles WHERE"
					   " rolname = $1", 1, NULL, v, NULL,
					   NULL, 0);
		bool exists = ok(r) && PQntuples(r) == 1;
		if (!ok(r))
			st = pg_fail(c->dst, r, "reading the logins");
		PQclear(r);
		if (st != IM_OK || exists)
			continue;
		char *id = PQescapeIdentifier(conn, h, strlen(h));
		char sql[160];
		if (!id)
			st = store_fail(c->dst, IM_ERR_NOMEM, "out of memory");
		else {
			snprintf(sql, sizeof sql, "CREATE ROLE %s LOGIN", id);
			st = exec(c, sql, "creating a login");
		}
		PQfreemem(id);
	}
	sqlite3_finalize(q);
	if (st == IM_OK)
		st = exec(c, "SET LOCAL ROLE inmail_owner", "creating logins");
	return st;
}

static const char *const tables[] = {"account", "thread", "message",
				     "notification", "draft", "ledger",
				     "allotment"};

static enum im_status copy_all(struct copy *c)
{
	enum im_status st = IM_OK;
	c->total = 0;
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
		int64_t n = src_count(c, tables[i]);
		if (n < 0)
			return src_fail(c, tables[i]);
		c->total += n;
	}
	if (dst_count(c, "account") != 0)
		return store_fail(c->dst, IM_ERR_INVALID, "the PostgreSQL "
				  "database already has accounts: copy writes "
				  "only into an empty one");
	char rates[256];
	snprintf(rates, sizeof rates,
		 "CASE WHEN rate_settled = 0 THEN %d WHEN rate_responded <> 0"
		 " THEN %d ELSE %d END", IM_RATE_PENDING, IM_RATE_RESPONDED,
		 IM_RATE_UNANSWERED);
	char messages[512];
	snprintf(messages, sizeof messages,
		 "SELECT id, thread, sender, kind, body, sent_at, label,"
		 " confidence, %s FROM message ORDER BY id", rates);
	st = exec(c, "BEGIN; SET LOCAL client_min_messages = warning", "copying");
	if (st == IM_OK)
		st = logins(c);
	if (st == IM_OK)
		/* COPY takes no row-level security: the owner writes the
		 * copied tables unforced, forced again before the commit. */
		st = exec(c, "ALTER TABLE thread DISABLE TRIGGER USER;"
			     " ALTER TABLE message DISABLE TRIGGER USER;"
			     " ALTER TABLE notification DISABLE TRIGGER USER;"
			     " ALTER TABLE account NO FORCE ROW LEVEL SECURITY;"
			     " ALTER TABLE thread NO FORCE ROW LEVEL SECURITY;"
			     " ALTER TABLE message NO FORCE ROW LEVEL SECURITY;"
			     " ALTER TABLE notification NO FORCE ROW LEVEL SECURITY;"
			     " ALTER TABLE draft NO FORCE ROW LEVEL SECURITY;"
			     " ALTER TABLE ledger NO FORCE ROW LEVEL SECURITY;"
			     " ALTER TABLE allotment NO FORCE ROW LEVEL SECURITY",
			  "copying");
	if (st == IM_OK)
		st = copy_table(c, "account", "id, handle, name, role, login,"
				" created_at", "SELECT id, handle, name, role,"
				" handle, created_at FROM account ORDER BY id");
	/* The balances, channels drawn by the schema. */
	if (st == IM_OK)
		st = exec(c, "CREATE TEMPORARY TABLE copy_credits (account bigint,"
			     " credits bigint) ON COMMIT DROP", "copying");
	if (st == IM_OK)
		st = copy_table(c, "copy_credits", "account, credits",
				"SELECT id, credits FROM account");
	c->done -= src_count(c, "account"); /* counted once */
	if (st == IM_OK)
		st = exec(c, "INSERT INTO balance (account, credits)"
			     " SELECT account, credits FROM copy_credits",
			  "copying the balances");
	if (st == IM_OK)
		st = copy_table(c, "thread", "id, recruiter, candidate, subject,"
			" created_at, updated_at, state, response, responded_at,"
			" blocked, refunded, followup_at, followup_body,"
			" last_message, last_from_recruiter, last_from_candidate,"
			" seen_by_recruiter, seen_by_candidate,"
			" archived_by_recruiter, archived_by_candidate, template",
			"SELECT id, recruiter, candidate, subject, created_at,"
			" updated_at, state, response, responded_at, blocked,"
			" refunded, followup_at, followup_body, last_message,"
			" last_from_recruiter, last_from_candidate,"
			" seen_by_recruiter, seen_by_candidate,"
			" archived_by_recruiter, archived_by_candidate, template"
			" FROM thread ORDER BY id");
	if (st == IM_OK)
		st = copy_table(c, "message", "id, thread, sender, kind, body,"
				" sent_at, label, confidence, rate", messages);
	if (st == IM_OK)
		st = copy_table(c, "notification", "id, recruiter, thread, text,"
				" created_at, read", "SELECT id, recruiter,"
				" thread, text, created_at, read FROM"
				" notification ORDER BY id");
	if (st == IM_OK)
		st = copy_table(c, "draft", "account, thread, smart, edited, body,"
				" saved_at", "SELECT account, thread, smart,"
				" edited, body, saved_at FROM draft");
	/* The ledger (SPEC 9): each row adds to its balance's sum, which
	 * must equal the balance copied above at the commit. */
	if (st == IM_OK)
		st = copy_table(c, "ledger", "id, account, kind, amount, thread,"
				" at", "SELECT id, account, kind, amount, thread,"
				" at FROM ledger ORDER BY id");
	if (st == IM_OK)
		st = copy_table(c, "allotment", "account, amount, next_at,"
				" forfeits_from", "SELECT account, amount,"
				" next_at, forfeits_from FROM allotment");
	if (st == IM_OK)
		st = exec(c,
			"SELECT setval(pg_get_serial_sequence('inmail.account', 'id'),"
			" greatest(coalesce(max(id), 0), 1)) FROM account;"
			" SELECT setval(pg_get_serial_sequence('inmail.thread', 'id'),"
			" greatest(coalesce(max(id), 0), 1)) FROM thread;"
			" SELECT setval(pg_get_serial_sequence('inmail.message', 'id'),"
			" greatest(coalesce(max(id), 0), 1)) FROM message;"
			" SELECT setval(pg_get_serial_sequence('inmail.notification',"
			" 'id'), greatest(coalesce(max(id), 0), 1)) FROM notification;"
			" SELECT setval(pg_get_serial_sequence('inmail.ledger', 'id'),"
			" greatest(coalesce(max(id), 0), 1)) FROM ledger;"
			" SELECT inmail.tally_rebuild();"
			" ALTER TABLE thread ENABLE TRIGGER USER;"
			" ALTER TABLE message ENABLE TRIGGER USER;"
			" ALTER TABLE notification ENABLE TRIGGER USER;"
			" ALTER TABLE account FORCE ROW LEVEL SECURITY;"
			" ALTER TABLE thread FORCE ROW LEVEL SECURITY;"
			" ALTER TABLE message FORCE ROW LEVEL SECURITY;"
			" ALTER TABLE notification FORCE ROW LEVEL SECURITY;"
			" ALTER TABLE draft FORCE ROW LEVEL SECURITY;"
			" ALTER TABLE ledger FORCE ROW LEVEL SECURITY;"
			" ALTER TABLE allotment FORCE ROW LEVEL SECURITY",
			"rebuilding the tallies");
	for (size_t i = 0; st == IM_OK && i < sizeof tables / sizeof *tables; i++) {
		int64_t a = src_count(c, tables[i]), b = dst_count(c, tables[i]);
		if (a != b)
			st = store_fail(c->dst, IM_ERR_DATABASE, "the counts differ "
					"after the copy: %s has %lld rows in the "
					"SQLite file and %lld on the server; "
					"nothing was copied", tables[i],
					(long long)a, (long long)b);
	}
	if (st == IM_OK)
		st = exec(c, "COMMIT", "saving the copy");
	if (st != IM_OK)
		PQclear(PQexec(PG(c->dst)->conn, "ROLLBACK"));
	return st;
}

enum im_status pq_copy_from_sqlite(struct im_store *dst, const char *file,
				   void (*progress)(void *arg, int64_t done,
						    int64_t total),
				   void *arg)
{
	if (!PG(dst)->owner)
		return store_fail(dst, IM_ERR_NOT_PERMITTED, "not permitted: copy "
				  "is for members of inmail_admin");
	struct copy c = {.dst = dst, .progress = progress, .arg = arg};
	if (sqlite3_open_v2(file, &c.src, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		enum im_status st = store_fail(dst, IM_ERR_DATABASE, "cannot "
					       "read %s: %s", file,
					       sqlite3_errmsg(c.src));
		sqlite3_close(c.src);
		return st;
	}
	/* One snapshot of the file for the whole copy. */
	enum im_status st = sqlite3_exec(c.src, "BEGIN", NULL, NULL, NULL) ==
		SQLITE_OK ? copy_all(&c) : src_fail(&c, "a snapshot");
	sqlite3_exec(c.src, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(c.src);
	free(c.buf);
	return st;
}

/* ---- the other way: a server's database into a new SQLite file ---- */

#include "../sqlite/sqlite_int.h"

struct copy_out {
	struct im_store *src; /* the server's */
	struct im_store *dst; /* the file's */
	sqlite3 *db;
	void (*progress)(void *arg, int64_t done, int64_t total);
	void *arg;
	int64_t done, total;
};

static enum im_status out_fail(struct copy_out *c, const char *what)
{
	return store_fail(c->src, IM_ERR_DATABASE, "writing the SQLite file "
			  "(%s): %s", what, sqlite3_errmsg(c->db));
}

/* Every row of select (on the server, by a cursor, COPY_BATCH rows a
 * fetch) into insert (on the file), bound column by column: NULL as
 * NULL, the rest as text, which SQLite's column affinity makes numbers
 * where the table has them. */
static enum im_status copy_rows(struct copy_out *c, const char *name,
				const char *select, const char *insert)
{
	PGconn *conn = PG(c->src)->conn;
	sqlite3_stmt *ins = NULL;
	if (sqlite3_prepare_v2(c->db, insert, -1, &ins, NULL) != SQLITE_OK)
		return out_fail(c, name);
	char sql[1024];
	snprintf(sql, sizeof sql, "DECLARE copy_%s NO SCROLL CURSOR FOR %s",
		 name, select);
	PGresult *r = PQexec(conn, sql);
	enum im_status st = ok(r) ? IM_OK : pg_fail(c->src, r, "copying rows");
	PQclear(r);
	snprintf(sql, sizeof sql, "FETCH %d FROM copy_%s", COPY_BATCH, name);
	while (st == IM_OK) {
		r = PQexec(conn, sql);
		if (!ok(r)) {
			st = pg_fail(c->src, r, "copying rows");
			PQclear(r);
			break;
		}
		int rows = PQntuples(r), cols = PQnfields(r);
		for (int i = 0; st == IM_OK && i < rows; i++) {
			sqlite3_reset(ins);
			for (int k = 0; k < cols; k++) {
				if (PQgetisnull(r, i, k)) {
					sqlite3_bind_null(ins, k + 1);
					continue;
				}
				const char *v = PQgetvalue(r, i, k);
				/* Booleans as 0 and 1, as the file keeps them. */
				if (PQftype(r, k) == 16 /* bool */)
					sqlite3_bind_int(ins, k + 1, v[0] == 't');
				else if (PQftype(r, k) == 701 /* float8 */)
					sqlite3_bind_double(ins, k + 1, strtod(v, NULL));
				else
					sqlite3_bind_text(ins, k + 1, v, -1,
							  SQLITE_TRANSIENT);
			}
			if (sqlite3_step(ins) != SQLITE_DONE)
				st = out_fail(c, name);
			c->done++;
		}
		PQclear(r);
		if (st == IM_OK && c->progress)
			c->progress(c->arg, c->done, c->total);
		if (rows < COPY_BATCH)
			break;
	}
	sqlite3_finalize(ins);
	return st;
}

static int64_t file_count(struct copy_out *c, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	sqlite3_stmt *q = NULL;
	int64_t n = -1;
	if (sqlite3_prepare_v2(c->db, sql, -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

static int64_t server_count(struct copy_out *c, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	PGresult *r = PQexec(PG(c->src)->conn, sql);
	int64_t n = ok(r) && PQntuples(r) == 1 ? pg_int(r, 0, 0) : -1;
	PQclear(r);
	return n;
}

static enum im_status copy_out_all(struct copy_out *c)
{
	enum im_status st = IM_OK;
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
		int64_t n = server_count(c, tables[i]);
		if (n < 0)
			return PG(c->src)->status;
		c->total += n;
	}
	if (file_count(c, "account") != 0)
		return store_fail(c->src, IM_ERR_INVALID, "the SQLite file "
				  "already has accounts: copy writes only into "
				  "a new one");
	char rates[256];
	snprintf(rates, sizeof rates,
		 "CASE WHEN m.counted THEN t.recruiter END,"
		 " m.rate <> %d, m.rate = %d", IM_RATE_PENDING, IM_RATE_RESPONDED);
	char messages[512];
	snprintf(messages, sizeof messages,
		 "SELECT m.id, m.thread, m.sender, m.kind, m.body, m.sent_at,"
		 " m.label, m.confidence, %s FROM message m"
		 " JOIN thread t ON t.id = m.thread ORDER BY m.id", rates);
	if (sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return out_fail(c, "a transaction");
	st = copy_rows(c, "account", "SELECT a.id, a.handle, a.name, a.role,"
		       " coalesce(b.credits, 0), a.created_at FROM account a"
		       " LEFT JOIN balance b ON b.account = a.id ORDER BY a.id",
		       "INSERT INTO account (id, handle, name, role, credits,"
		       " created_at) VALUES (?, ?, ?, ?, ?, ?)");
	if (st == IM_OK)
		st = copy_rows(c, "thread", "SELECT id, recruiter, candidate,"
			" subject, created_at, updated_at, state, response,"
			" responded_at, blocked, refunded, followup_at,"
			" followup_body, last_message, last_from_recruiter,"
			" last_from_candidate, seen_by_recruiter, seen_by_candidate,"
			" archived_by_recruiter, archived_by_candidate, template"
			" FROM thread ORDER BY id",
			"INSERT INTO thread (id, recruiter, candidate, subject,"
			" created_at, updated_at, state, response, responded_at,"
			" blocked, refunded, followup_at, followup_body,"
			" last_message, last_from_recruiter, last_from_candidate,"
			" seen_by_recruiter, seen_by_candidate,"
			" archived_by_recruiter, archived_by_candidate, template)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
			" ?, ?, ?, ?)");
	if (st == IM_OK)
		st = copy_rows(c, "message", messages,
			"INSERT INTO message (id, thread, sender, kind, body,"
			" sent_at, label, confidence, rate_recruiter,"
			" rate_settled, rate_responded) VALUES"
			" (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (st == IM_OK)
		st = copy_rows(c, "notification", "SELECT id, recruiter, thread,"
			" text, created_at, read FROM notification ORDER BY id",
			"INSERT INTO notification (id, recruiter, thread, text,"
			" created_at, read) VALUES (?, ?, ?, ?, ?, ?)");
	if (st == IM_OK)
		st = copy_rows(c, "draft", "SELECT account, thread, smart, edited,"
			" body, saved_at FROM draft",
			"INSERT INTO draft (account, thread, smart, edited, body,"
			" saved_at) VALUES (?, ?, ?, ?, ?, ?)");
	if (st == IM_OK)
		st = copy_rows(c, "ledger", "SELECT id, account, kind, amount,"
			" thread, at FROM ledger ORDER BY id",
			"INSERT INTO ledger (id, account, kind, amount, thread, at)"
			" VALUES (?, ?, ?, ?, ?, ?)");
	if (st == IM_OK)
		st = copy_rows(c, "allotment", "SELECT account, amount, next_at,"
			" forfeits_from FROM allotment",
			"INSERT INTO allotment (account, amount, next_at,"
			" forfeits_from) VALUES (?, ?, ?, ?)");
	for (size_t i = 0; st == IM_OK && i < sizeof tables / sizeof *tables; i++) {
		int64_t a = server_count(c, tables[i]), b = file_count(c, tables[i]);
		if (a != b)
			st = store_fail(c->src, IM_ERR_DATABASE, "the counts differ "
					"after the copy: %s has %lld rows on the "
					"server and %lld in the SQLite file; "
					"nothing was copied", tables[i],
					(long long)a, (long long)b);
	}
	if (st == IM_OK && sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) !=
	    SQLITE_OK)
		st = out_fail(c, "saving the copy");
	if (st != IM_OK)
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	return st;
}

enum im_status pq_copy_to_sqlite(struct im_store *src, struct im_store *file,
				 void (*progress)(void *arg, int64_t done,
						  int64_t total),
				 void *arg)
{
	if (!PG(src)->owner)
		return store_fail(src, IM_ERR_NOT_PERMITTED, "not permitted: copy "
				  "is for members of inmail_admin");
	if (file->drv != &store_sqlite_driver)
		return store_fail(src, IM_ERR_USAGE, "copy --to takes an SQLite "
				  "file when --from is a server");
	struct copy_out c = {.src = src, .dst = file, .db = SQ(file)->db,
			     .progress = progress, .arg = arg};
	/* One snapshot of the server; the file's indexes, triggers and
	 * tallies rebuilt once at the end, as after gen. */
	enum im_status st = im_store_bulk_begin(file);
	if (st != IM_OK)
		return store_fail(src, st, "%s", im_store_error(file));
	PGresult *r = PQexec(PG(src)->conn, "BEGIN ISOLATION LEVEL REPEATABLE"
					    " READ READ ONLY");
	st = ok(r) ? IM_OK : pg_fail(src, r, "copying");
	PQclear(r);
	if (st == IM_OK)
		st = copy_out_all(&c);
	PQclear(PQexec(PG(src)->conn, "ROLLBACK"));
	enum im_status end = im_store_bulk_end(file);
	if (st == IM_OK && end != IM_OK)
		st = store_fail(src, end, "%s", im_store_error(file));
	return st;
}
