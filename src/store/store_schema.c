/* The schema, its version checks and its migrations. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "inmail/clock.h"
#include "store_int.h"

/* Each entry takes the schema from version i to i + 1: tables only.  The
 * derived objects (indexes, triggers) are created after the last step from
 * the one list below, which bulk loads also drop and recreate. */
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
	"  PRIMARY KEY (account, thread));",
	/* 1 -> 2: counters, so counts and statistics never scan.  A folder
	 * is a sum of (side, archived, responded) cells; side 0 is the
	 * recruiter's.  Counted messages (InMails, follow-ups) are split as
	 * the rate sees them once the response is in: within the window,
	 * later, or still waiting for one. */
	"CREATE TABLE folder_tally ("
	"  account INTEGER NOT NULL,"
	"  side INTEGER NOT NULL,"
	"  archived INTEGER NOT NULL,"
	"  responded INTEGER NOT NULL,"
	"  threads INTEGER NOT NULL,"
	"  unread INTEGER NOT NULL,"
	"  PRIMARY KEY (account, side, archived, responded)) WITHOUT ROWID;"
	"CREATE TABLE recruiter_tally ("
	"  recruiter INTEGER PRIMARY KEY,"
	"  threads INTEGER NOT NULL,"
	"  accepted INTEGER NOT NULL,"
	"  declined INTEGER NOT NULL,"
	"  refunded INTEGER NOT NULL,"
	"  unresponded INTEGER NOT NULL,"
	"  counted_in_window INTEGER NOT NULL,"
	"  counted_late INTEGER NOT NULL,"
	"  counted_waiting INTEGER NOT NULL);"
	/* Replaced by narrower ones in the list below. */
	"DROP INDEX IF EXISTS notification_recruiter;",
	/* 2 -> 3: follow-ups are caught up per account (a command moves only
	 * the threads of whoever runs it), by the per-side indexes below. */
	"DROP INDEX IF EXISTS thread_followup;",
};

/* The counted-message split uses the rate window as a literal: triggers
 * also run for other programs (the sqlite3 shell), so they cannot call
 * back into inmail. */
_Static_assert(IM_RATE_WINDOW == 2592000, "STORE_RATE_WINDOW_SQL is stale");
#define STORE_RATE_WINDOW_SQL "2592000"

/* One thread's cells, added (SIGN +1, ROW new) or taken away (-1, old). */
#define TALLY_FOLDERS(ROW, SIGN)                                              \
	"INSERT INTO folder_tally VALUES (" ROW ".recruiter, 0, "            \
	ROW ".archived_by_recruiter, " ROW ".responded_at IS NOT NULL, " SIGN \
	", " SIGN " * (" ROW ".last_from_candidate > " ROW                   \
	".seen_by_recruiter)) ON CONFLICT DO UPDATE SET"                      \
	" threads = threads + excluded.threads,"                             \
	" unread = unread + excluded.unread;"                                \
	"INSERT INTO folder_tally VALUES (" ROW ".candidate, 1, "            \
	ROW ".archived_by_candidate, " ROW ".responded_at IS NOT NULL, " SIGN \
	", " SIGN " * (" ROW ".last_from_recruiter > " ROW                   \
	".seen_by_candidate)) ON CONFLICT DO UPDATE SET"                      \
	" threads = threads + excluded.threads,"                             \
	" unread = unread + excluded.unread;"

/* The counted messages of thread ROW split by its responded_at. */
#define TALLY_COUNTED_SPLIT(ROW, SIGN)                                        \
	" coalesce(sum(" ROW ".responded_at IS NOT NULL AND " ROW            \
	".responded_at - m.sent_at <= " STORE_RATE_WINDOW_SQL "), 0) * " SIGN \
	", coalesce(sum(" ROW ".responded_at IS NOT NULL AND " ROW           \
	".responded_at - m.sent_at > " STORE_RATE_WINDOW_SQL "), 0) * " SIGN \
	", coalesce(sum(" ROW ".responded_at IS NULL), 0) * " SIGN

#define TALLY_RECRUITER_UPSERT                                                \
	" ON CONFLICT DO UPDATE SET threads = threads + excluded.threads,"   \
	" accepted = accepted + excluded.accepted,"                          \
	" declined = declined + excluded.declined,"                          \
	" refunded = refunded + excluded.refunded,"                          \
	" unresponded = unresponded + excluded.unresponded,"                 \
	" counted_in_window = counted_in_window + excluded.counted_in_window," \
	" counted_late = counted_late + excluded.counted_late,"              \
	" counted_waiting = counted_waiting + excluded.counted_waiting;"

/* One thread's outcome and its counted messages, added or taken away. */
#define TALLY_RECRUITER(ROW, SIGN)                                            \
	"INSERT INTO recruiter_tally SELECT " ROW ".recruiter, " SIGN ", "   \
	SIGN " * (" ROW ".state = 1), " SIGN " * (" ROW ".state = 2), "      \
	SIGN " * (" ROW ".refunded != 0), " SIGN " * (" ROW                  \
	".responded_at IS NULL)," TALLY_COUNTED_SPLIT(ROW, SIGN)            \
	" FROM message m WHERE m.thread = " ROW ".id AND m.kind IN (0, 1)"   \
	TALLY_RECRUITER_UPSERT

/* Indexes and the triggers that keep the tallies: dropped around a bulk
 * load and recreated from here, so their text exists once. */
struct derived {
	const char *type; /* "INDEX" or "TRIGGER" */
	const char *name;
	const char *body; /* after "CREATE <type> IF NOT EXISTS <name>" */
	bool bulk_keep; /* cheaper to keep than to rebuild: rows come in order */
};
static const struct derived derived[] = {
	/* Sent, and the first page of Awaiting Reply. */
	{"INDEX", "thread_recruiter_created",
	 "ON thread(recruiter, created_at, id)", false},
	/* Inbox and the recruiter's Archived. */
	{"INDEX", "thread_recruiter_updated",
	 "ON thread(recruiter, archived_by_recruiter, updated_at, id)", false},
	/* Messages and the candidate's Archived. */
	{"INDEX", "thread_candidate_updated",
	 "ON thread(candidate, archived_by_candidate, updated_at, id)", false},
	/* Awaiting Reply, and pending threads inside the credit window. */
	{"INDEX", "thread_unresponded_created",
	 "ON thread(recruiter, created_at, id) WHERE responded_at IS NULL", false},
	/* Waiting messages inside the rate window: a thread's updated_at is
	 * never older than its newest message. */
	{"INDEX", "thread_unresponded_updated",
	 "ON thread(recruiter, updated_at) WHERE responded_at IS NULL", false},
	{"INDEX", "thread_recruiter_followup",
	 "ON thread(recruiter, followup_at) WHERE followup_at IS NOT NULL", false},
	{"INDEX", "thread_candidate_followup",
	 "ON thread(candidate, followup_at) WHERE followup_at IS NOT NULL", false},
	{"INDEX", "message_thread", "ON message(thread, id)", true},
	/* Counted messages (InMails, follow-ups), for the rate's tallies. */
	{"INDEX", "message_counted",
	 "ON message(thread, sent_at) WHERE kind IN (0, 1)", true},
	{"INDEX", "notification_recruiter_id",
	 "ON notification(recruiter, id)", false},
	{"INDEX", "notification_unread",
	 "ON notification(recruiter) WHERE read = 0", false},
	{"TRIGGER", "tally_thread_insert",
	 "AFTER INSERT ON thread BEGIN " TALLY_FOLDERS("new", "1")
	 TALLY_RECRUITER("new", "1") " END", false},
	{"TRIGGER", "tally_thread_delete",
	 "AFTER DELETE ON thread BEGIN " TALLY_FOLDERS("old", "-1")
	 TALLY_RECRUITER("old", "-1") " END", false},
	/* Most updates (a new message's marks) change no cell: skip them. */
	{"TRIGGER", "tally_thread_folders",
	 "AFTER UPDATE ON thread WHEN old.recruiter != new.recruiter"
	 " OR old.candidate != new.candidate"
	 " OR old.archived_by_recruiter != new.archived_by_recruiter"
	 " OR old.archived_by_candidate != new.archived_by_candidate"
	 " OR (old.responded_at IS NULL) != (new.responded_at IS NULL)"
	 " OR (old.last_from_candidate > old.seen_by_recruiter)"
	 " != (new.last_from_candidate > new.seen_by_recruiter)"
	 " OR (old.last_from_recruiter > old.seen_by_candidate)"
	 " != (new.last_from_recruiter > new.seen_by_candidate)"
	 " BEGIN " TALLY_FOLDERS("old", "-1") TALLY_FOLDERS("new", "1") " END", false},
	{"TRIGGER", "tally_thread_outcome",
	 "AFTER UPDATE ON thread WHEN old.recruiter != new.recruiter"
	 " OR old.state != new.state OR old.refunded != new.refunded"
	 " OR old.responded_at IS NOT new.responded_at"
	 " BEGIN " TALLY_RECRUITER("old", "-1") TALLY_RECRUITER("new", "1")
	 " END", false},
	{"TRIGGER", "tally_message_insert",
	 "AFTER INSERT ON message WHEN new.kind IN (0, 1) BEGIN"
	 " INSERT INTO recruiter_tally SELECT t.recruiter, 0, 0, 0, 0, 0,"
	 TALLY_COUNTED_SPLIT("t", "1") " FROM message m JOIN thread t"
	 " ON t.id = m.thread WHERE m.id = new.id" TALLY_RECRUITER_UPSERT
	 " END", false},
	{"TRIGGER", "tally_message_delete",
	 "AFTER DELETE ON message WHEN old.kind IN (0, 1) BEGIN"
	 " INSERT INTO recruiter_tally SELECT t.recruiter, 0, 0, 0, 0, 0,"
	 TALLY_COUNTED_SPLIT("t", "-1") " FROM (SELECT old.sent_at AS sent_at)"
	 " m JOIN thread t ON t.id = old.thread WHERE true"
	 TALLY_RECRUITER_UPSERT
	 " END", false},
};

/* The tallies from the rows themselves: after a migration and a bulk
 * load, when the triggers were not there to keep them.  NOT INDEXED: a
 * straight scan and a sort beat walking an index and looking up each row
 * (0.9 s against 0.3 s at 200k threads). */
static const char tally_rebuild[] =
	"DELETE FROM folder_tally;"
	"DELETE FROM recruiter_tally;"
	"INSERT INTO folder_tally SELECT recruiter, 0, archived_by_recruiter,"
	" responded_at IS NOT NULL, count(*),"
	" sum(last_from_candidate > seen_by_recruiter) FROM thread NOT INDEXED"
	" GROUP BY 1, 3, 4;"
	"INSERT INTO folder_tally SELECT candidate, 1, archived_by_candidate,"
	" responded_at IS NOT NULL, count(*),"
	" sum(last_from_recruiter > seen_by_candidate) FROM thread NOT INDEXED"
	" GROUP BY 1, 3, 4;"
	"INSERT INTO recruiter_tally SELECT recruiter, count(*), sum(state = 1),"
	" sum(state = 2), sum(refunded != 0), sum(responded_at IS NULL), 0, 0, 0"
	" FROM thread NOT INDEXED GROUP BY recruiter;"
	"INSERT INTO recruiter_tally SELECT t.recruiter, 0, 0, 0, 0, 0,"
	TALLY_COUNTED_SPLIT("t", "1") " FROM message m JOIN thread t"
	" ON t.id = m.thread WHERE m.kind IN (0, 1) GROUP BY t.recruiter"
	TALLY_RECRUITER_UPSERT;

enum im_status store_schema_derived(struct im_store *s, bool create,
				    bool bulk)
{
	size_t n = sizeof derived / sizeof *derived;
	for (size_t i = 0; i < n; i++) {
		/* Triggers go last on the way in, first on the way out. */
		const struct derived *d = &derived[create ? i : n - 1 - i];
		if (!create && bulk && d->bulk_keep)
			continue;
		char *sql = create
			? sqlite3_mprintf("CREATE %s IF NOT EXISTS %s %s",
					  d->type, d->name, d->body)
			: sqlite3_mprintf("DROP %s IF EXISTS %s", d->type,
					  d->name);
		if (!sql)
			return store_fail(s, IM_ERR_NOMEM, "out of memory");
		int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return store_sqlite_fail(s, rc, create ? "creating indexes"
							       : "dropping indexes");
	}
	return IM_OK;
}

enum im_status store_schema_tally_rebuild(struct im_store *s)
{
	int rc = sqlite3_exec(s->db, tally_rebuild, NULL, NULL, NULL);
	return rc == SQLITE_OK ? IM_OK
			       : store_sqlite_fail(s, rc, "counting threads");
}

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
	bool recount = version < 2; /* the tallies came with version 2 */
	for (; version < target; version++) {
		rc = sqlite3_exec(s->db, migrations[version], NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			st = store_sqlite_fail(s, rc, "creating the schema");
			im_store_rollback(s);
			return st;
		}
	}
	st = store_schema_derived(s, true, false);
	if (st == IM_OK && recount)
		st = store_schema_tally_rebuild(s);
	if (st != IM_OK) {
		im_store_rollback(s);
		return st;
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
