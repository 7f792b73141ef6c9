/* The schema, its version checks and its migrations. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "store_int.h"

/* Each entry takes the schema from version i to i + 1. */
static const char *const migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE account ("
	"  id INTEGER PRIMARY KEY,"
	"  handle TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  role INTEGER NOT NULL CHECK (role IN (0, 1)),"
	"  credits INTEGER NOT NULL DEFAULT 0 CHECK (credits >= 0),"
	"  created_at INTEGER NOT NULL);"
	"CREATE TABLE thread ("
	"  id INTEGER PRIMARY KEY,"
	"  recruiter INTEGER NOT NULL REFERENCES account(id),"
	"  candidate INTEGER NOT NULL REFERENCES account(id),"
	"  subject TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  state INTEGER NOT NULL DEFAULT 0,"
	"  response INTEGER NOT NULL DEFAULT 0,"
	"  responded_at INTEGER,"
	"  blocked INTEGER NOT NULL DEFAULT 0,"
	"  refunded INTEGER NOT NULL DEFAULT 0,"
	"  followup_at INTEGER,"
	"  followup_body TEXT,"
	"  last_message INTEGER,"
	"  last_from_recruiter INTEGER NOT NULL DEFAULT 0,"
	"  last_from_candidate INTEGER NOT NULL DEFAULT 0,"
	"  seen_by_recruiter INTEGER NOT NULL DEFAULT 0,"
	"  seen_by_candidate INTEGER NOT NULL DEFAULT 0,"
	"  archived_by_recruiter INTEGER NOT NULL DEFAULT 0,"
	"  archived_by_candidate INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE message ("
	"  id INTEGER PRIMARY KEY,"
	"  thread INTEGER NOT NULL REFERENCES thread(id),"
	"  sender INTEGER REFERENCES account(id),"
	"  kind INTEGER NOT NULL,"
	"  body TEXT NOT NULL,"
	"  sent_at INTEGER NOT NULL,"
	"  label INTEGER,"
	"  confidence REAL);"
	"CREATE TABLE notification ("
	"  id INTEGER PRIMARY KEY,"
	"  recruiter INTEGER NOT NULL REFERENCES account(id),"
	"  thread INTEGER NOT NULL UNIQUE REFERENCES thread(id),"
	"  text TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  read INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE draft ("
	"  account INTEGER NOT NULL REFERENCES account(id),"
	"  thread INTEGER NOT NULL,"
	"  smart INTEGER NOT NULL DEFAULT 0,"
	"  edited INTEGER NOT NULL DEFAULT 0,"
	"  body TEXT NOT NULL,"
	"  saved_at INTEGER NOT NULL,"
	"  PRIMARY KEY (account, thread));"
	"CREATE INDEX thread_recruiter_created ON thread(recruiter, created_at, id);"
	"CREATE INDEX thread_recruiter_updated ON thread(recruiter, archived_by_recruiter, updated_at, id);"
	"CREATE INDEX thread_candidate_updated ON thread(candidate, archived_by_candidate, updated_at, id);"
	"CREATE INDEX thread_followup ON thread(followup_at) WHERE followup_at IS NOT NULL;"
	"CREATE INDEX message_thread ON message(thread, id);"
	"CREATE INDEX notification_recruiter ON notification(recruiter, id);",
};

enum im_status store_schema_check(struct im_store *s, const char *path,
				  int *version)
{
	sqlite3_stmt *st = NULL;
	int app_id = 0, tables = 0;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA application_id", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		app_id = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
		return store_fail(s, IM_ERR_DATABASE,
				  "%s is not an inmail database (not SQLite, or "
				  "damaged); left untouched", path);
	if (rc != SQLITE_ROW)
		return store_sqlite_fail(s, rc, "reading the database header");

	rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_sqlite_fail(s, rc, "reading the schema version");

	rc = sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_schema", -1,
				&st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		tables = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_sqlite_fail(s, rc, "reading the schema");

	if (app_id != STORE_APPLICATION_ID && (app_id != 0 || tables > 0))
		return store_fail(s, IM_ERR_DATABASE,
				  "%s is an SQLite database of another program, "
				  "not inmail; left untouched", path);
	if (*version > STORE_SCHEMA_VERSION)
		return store_fail(s, IM_ERR_DATABASE,
				  "%s was written by a newer inmail (schema %d; "
				  "this one knows up to %d); left untouched",
				  path, *version, STORE_SCHEMA_VERSION);
	return IM_OK;
}

enum im_status store_schema_migrate(struct im_store *s)
{
	enum im_status st = im_store_begin(s);
	if (st != IM_OK)
		return st;
	/* Another process may have migrated while we waited for the lock. */
	sqlite3_stmt *q = NULL;
	int version = 0;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &q, NULL);
	if (rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		version = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	int target = (int)(sizeof migrations / sizeof *migrations);
	for (; version < target; version++) {
		rc = sqlite3_exec(s->db, migrations[version], NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			st = store_sqlite_fail(s, rc, "creating the schema");
			im_store_rollback(s);
			return st;
		}
	}
	char sql[96];
	snprintf(sql, sizeof sql,
		 "PRAGMA user_version = %d; PRAGMA application_id = %d;", target,
		 STORE_APPLICATION_ID);
	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		st = store_sqlite_fail(s, rc, "recording the schema version");
		im_store_rollback(s);
		return st;
	}
	return im_store_commit(s);
}
