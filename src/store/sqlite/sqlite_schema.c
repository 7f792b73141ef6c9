/* The schema, its version checks and its migrations. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "inmail/clock.h"
#include "sqlite_int.h"

/* The tables of a new database, at STORE_SCHEMA_VERSION.  Enum columns
 * hold whatever value the model passed; they are checked when read
 * (store_bad_row), not by CHECK clauses that would copy the enums here. */
/* A recruiter's templates (SPEC 9), by name. */
#define SCHEMA_TEMPLATE                                                  \
	"CREATE TABLE IF NOT EXISTS template ("                          \
	"  account INTEGER NOT NULL REFERENCES account(id),"             \
	"  name TEXT NOT NULL,"                                          \
	"  subject TEXT NOT NULL,"                                       \
	"  body TEXT NOT NULL,"                                          \
	"  followup_days INTEGER NOT NULL DEFAULT 0,"                    \
	"  followup_body TEXT,"                                          \
	"  created_at INTEGER NOT NULL,"                                 \
	"  id INTEGER,"                                                  \
	"  PRIMARY KEY (account, name));"

/* The credit ledger (SPEC 9): a row for every change of a balance, as
 * the model wrote it (kind, signed amount, thread or NULL, time); and
 * each recruiter's monthly allotment: N, the next first it arrives
 * (NULL: never), and from which creation time threads still have their
 * forfeits to be recorded.  Added by version 5. */
#define SCHEMA_LEDGER                                                    \
	"CREATE TABLE IF NOT EXISTS ledger ("                            \
	"  id INTEGER PRIMARY KEY,"                                      \
	"  account INTEGER NOT NULL REFERENCES account(id),"             \
	"  kind INTEGER NOT NULL,"                                       \
	"  amount INTEGER NOT NULL,"                                     \
	"  thread INTEGER REFERENCES thread(id),"                        \
	"  at INTEGER NOT NULL);"                                        \
	"CREATE TABLE IF NOT EXISTS allotment ("                         \
	"  account INTEGER PRIMARY KEY REFERENCES account(id),"          \
	"  amount INTEGER NOT NULL CHECK (amount >= 0),"                 \
	"  next_at INTEGER,"                                             \
	"  forfeits_from INTEGER NOT NULL);"

static const char schema_tables[] =
	SCHEMA_TEMPLATE
	SCHEMA_LEDGER
	"CREATE TABLE account ("
	"  id INTEGER PRIMARY KEY,"
	"  handle TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  role INTEGER NOT NULL,"
	"  credits INTEGER NOT NULL DEFAULT 0 CHECK (credits >= 0),"
	"  created_at INTEGER NOT NULL,"
	/* The 13 % guardrail (SPEC 9) as the model observed it: since
	 * when the recruiter is warned, until when restricted; NULL: not. */
	"  guardrail_since INTEGER,"
	"  guardrail_until INTEGER);"
	"CREATE TABLE thread ("
	"  id INTEGER PRIMARY KEY,"
	"  recruiter INTEGER NOT NULL REFERENCES account(id),"
	"  candidate INTEGER NOT NULL REFERENCES account(id),"
	"  subject TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  state INTEGER NOT NULL,"
	"  response INTEGER NOT NULL,"
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
	"  archived_by_candidate INTEGER NOT NULL DEFAULT 0,"
	"  template TEXT,"
	"  template_id INTEGER);"
	/* rate_recruiter: the recruiter whose response rate the message
	 * counts for, NULL when it counts for none; rate_settled and
	 * rate_responded: the outcome the model decided when the response
	 * came (responded within the window, or not). */
	"CREATE TABLE message ("
	"  id INTEGER PRIMARY KEY,"
	"  thread INTEGER NOT NULL REFERENCES thread(id),"
	"  sender INTEGER REFERENCES account(id),"
	"  kind INTEGER NOT NULL,"
	"  body TEXT NOT NULL,"
	"  sent_at INTEGER NOT NULL,"
	"  label INTEGER,"
	"  confidence REAL,"
	"  rate_recruiter INTEGER,"
	"  rate_settled INTEGER NOT NULL DEFAULT 0,"
	"  rate_responded INTEGER NOT NULL DEFAULT 0);"
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
	"  form_to TEXT NOT NULL DEFAULT '',"
	"  form_subject TEXT NOT NULL DEFAULT '',"
	"  form_followup TEXT NOT NULL DEFAULT '',"
	"  form_followup_text TEXT NOT NULL DEFAULT '',"
	"  form_template TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (account, thread));";

/* The tallies, so counts and statistics never scan.  Each is a sum of
 * columns the model wrote, grouped by their values: what a value means
 * (which state is an acceptance, which cells make a folder) is the
 * model's to say when it reads them.  The *_day tables split what is
 * still waiting by UTC day, so a count over a moving window reads a
 * bounded number of rows however busy the account is. */
static const char schema_tallies[] =
	"CREATE TABLE IF NOT EXISTS folder_tally ("
	"  account INTEGER NOT NULL,"
	"  side INTEGER NOT NULL,"
	"  archived INTEGER NOT NULL,"
	"  responded INTEGER NOT NULL,"
	"  threads INTEGER NOT NULL,"
	"  unread INTEGER NOT NULL,"
	"  PRIMARY KEY (account, side, archived, responded)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS thread_tally ("
	"  recruiter INTEGER NOT NULL,"
	"  state INTEGER NOT NULL,"
	"  refunded INTEGER NOT NULL,"
	"  responded INTEGER NOT NULL,"
	"  threads INTEGER NOT NULL,"
	"  PRIMARY KEY (recruiter, state, refunded, responded)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS thread_day ("
	"  recruiter INTEGER NOT NULL,"
	"  day INTEGER NOT NULL,"
	"  unresponded INTEGER NOT NULL,"
	"  PRIMARY KEY (recruiter, day)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS rate_tally ("
	"  recruiter INTEGER PRIMARY KEY,"
	"  counted INTEGER NOT NULL,"
	"  settled INTEGER NOT NULL,"
	"  responded INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS rate_day ("
	"  recruiter INTEGER NOT NULL,"
	"  day INTEGER NOT NULL,"
	"  waiting INTEGER NOT NULL,"
	"  PRIMARY KEY (recruiter, day)) WITHOUT ROWID;"
	/* Every thread by the UTC day of its creation (InMails sent). */
	"CREATE TABLE IF NOT EXISTS sent_day ("
	"  recruiter INTEGER NOT NULL,"
	"  day INTEGER NOT NULL,"
	"  sent INTEGER NOT NULL,"
	"  PRIMARY KEY (recruiter, day)) WITHOUT ROWID;";

/* The search index (SPEC 9): FTS5 over the messages' bodies and over
 * each thread's subject and parties' names, reading its text from the
 * rows themselves (external content), kept by the triggers below in the
 * transactions that write the rows. */
static const char schema_search[] =
	"CREATE VIEW IF NOT EXISTS thread_text AS SELECT t.id AS id,"
	" t.subject AS subject, r.name || ' ' || c.name AS names FROM thread t"
	" JOIN account r ON r.id = t.recruiter"
	" JOIN account c ON c.id = t.candidate;"
	"CREATE VIRTUAL TABLE IF NOT EXISTS thread_fts USING fts5(subject,"
	" names, content = 'thread_text', content_rowid = 'id',"
	" tokenize = 'unicode61 remove_diacritics 2');"
	"CREATE VIRTUAL TABLE IF NOT EXISTS message_fts USING fts5(body,"
	" content = 'message', content_rowid = 'id',"
	" tokenize = 'unicode61 remove_diacritics 2');";

/* A thread's row of the index and a message's, added (OP and V "") or
 * taken away (OP "<table>, ", V "'delete', "). */
#define SEARCH_THREAD(ROW, OP, V)                                             \
	"INSERT INTO thread_fts(" OP "rowid, subject, names) SELECT " V       \
	ROW ".id, " ROW ".subject, r.name || ' ' || c.name FROM account r,"   \
	" account c WHERE r.id = " ROW ".recruiter AND c.id = " ROW          \
	".candidate;"
#define SEARCH_MESSAGE(ROW, OP, V)                                            \
	"INSERT INTO message_fts(" OP "rowid, body) VALUES (" V ROW ".id, "    \
	ROW ".body);"

/* What the tallies before version 4 kept, and the indexes they used. */
static const char schema_drop_old[] =
	"DROP TABLE IF EXISTS recruiter_tally;"
	"DROP INDEX IF EXISTS notification_recruiter;"
	"DROP INDEX IF EXISTS thread_followup;"
	"DROP INDEX IF EXISTS thread_unresponded_updated;"
	"DROP INDEX IF EXISTS message_counted;";

/* The size of a *_day bucket: a storage detail, not a rule. */
#define DAY_SQL "86400"

/* One thread's folder cells, added (SIGN +1, ROW new) or taken away. */
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

/* One thread's outcome cell and, while unanswered, its day. */
#define TALLY_OUTCOME(ROW, SIGN)                                              \
	"INSERT INTO thread_tally VALUES (" ROW ".recruiter, " ROW ".state, " \
	ROW ".refunded != 0, " ROW ".responded_at IS NOT NULL, " SIGN ")"   \
	" ON CONFLICT DO UPDATE SET threads = threads + excluded.threads;"   \
	"INSERT INTO thread_day SELECT " ROW ".recruiter, " ROW              \
	".created_at / " DAY_SQL ", " SIGN " WHERE " ROW                      \
	".responded_at IS NULL ON CONFLICT DO UPDATE SET"                     \
	" unresponded = unresponded + excluded.unresponded;"                  \
	"INSERT INTO sent_day VALUES (" ROW ".recruiter, " ROW ".created_at"  \
	" / " DAY_SQL ", " SIGN ") ON CONFLICT DO UPDATE SET"                 \
	" sent = sent + excluded.sent;"

/* One counted message, and its day while it waits for a response. */
#define TALLY_RATE(ROW, SIGN)                                                 \
	"INSERT INTO rate_tally SELECT " ROW ".rate_recruiter, " SIGN ", "   \
	SIGN " * (" ROW ".rate_settled != 0), " SIGN " * (" ROW              \
	".rate_responded != 0) WHERE " ROW ".rate_recruiter IS NOT NULL"     \
	" ON CONFLICT DO UPDATE SET counted = counted + excluded.counted,"   \
	" settled = settled + excluded.settled,"                             \
	" responded = responded + excluded.responded;"                       \
	"INSERT INTO rate_day SELECT " ROW ".rate_recruiter, " ROW           \
	".sent_at / " DAY_SQL ", " SIGN " WHERE " ROW ".rate_recruiter IS"   \
	" NOT NULL AND " ROW ".rate_settled = 0 ON CONFLICT DO UPDATE SET"    \
	" waiting = waiting + excluded.waiting;"

/* Indexes and the triggers that keep the tallies: dropped around a bulk
 * load and recreated from here, so their text exists once. */
struct derived {
	const char *type; /* "INDEX" or "TRIGGER" */
	const char *name;
	const char *body; /* after "CREATE <type> IF NOT EXISTS <name>" */
	bool bulk_keep; /* cheaper to keep than to rebuild: rows come in order */
};
static const struct derived derived[] = {
	/* Folders ordered by creation (the model's choice) for a recruiter. */
	{"INDEX", "thread_recruiter_created",
	 "ON thread(recruiter, created_at, id)", false},
	/* Folders ordered by update, archived or not, on each side. */
	{"INDEX", "thread_recruiter_updated",
	 "ON thread(recruiter, archived_by_recruiter, updated_at, id)", false},
	{"INDEX", "thread_candidate_updated",
	 "ON thread(candidate, archived_by_candidate, updated_at, id)", false},
	/* Unanswered threads by creation: folders without a response, and
	 * the exact count of one day's bucket. */
	{"INDEX", "thread_unresponded_created",
	 "ON thread(recruiter, created_at, id) WHERE responded_at IS NULL", false},
	/* A pair's newest unanswered InMail: one per candidate (SPEC 9). */
	{"INDEX", "thread_pair_unresponded",
	 "ON thread(candidate, recruiter, created_at) WHERE responded_at IS NULL",
	 false},
	{"INDEX", "thread_recruiter_followup",
	 "ON thread(recruiter, followup_at) WHERE followup_at IS NOT NULL", false},
	{"INDEX", "thread_candidate_followup",
	 "ON thread(candidate, followup_at) WHERE followup_at IS NOT NULL", false},
	/* Search walks an account's threads newest first (by id). */
	{"INDEX", "thread_recruiter_id", "ON thread(recruiter)", false},
	{"INDEX", "thread_candidate_id", "ON thread(candidate)", false},
	{"INDEX", "message_thread", "ON message(thread, id)", true},
	/* The ledger (SPEC 9): an account's rows by time; at most one row
	 * of a kind per thread (one spend, one credit back, one forfeit). */
	{"INDEX", "ledger_account", "ON ledger(account, at, id)", false},
	{"UNIQUE INDEX", "ledger_thread_kind",
	 "ON ledger(thread, kind) WHERE thread IS NOT NULL", false},
	/* Counted messages still waiting: one day's bucket, exactly. */
	{"INDEX", "message_waiting",
	 "ON message(rate_recruiter, sent_at) WHERE rate_recruiter IS NOT NULL"
	 " AND rate_settled = 0", false},
	{"INDEX", "notification_recruiter_id",
	 "ON notification(recruiter, id)", false},
	{"INDEX", "notification_unread",
	 "ON notification(recruiter) WHERE read = 0", false},
	{"TRIGGER", "tally_thread_insert",
	 "AFTER INSERT ON thread BEGIN " TALLY_FOLDERS("new", "1")
	 TALLY_OUTCOME("new", "1") " END", false},
	{"TRIGGER", "tally_thread_delete",
	 "AFTER DELETE ON thread BEGIN " TALLY_FOLDERS("old", "-1")
	 TALLY_OUTCOME("old", "-1") " END", false},
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
	 " OR old.created_at != new.created_at"
	 " OR old.responded_at IS NOT new.responded_at"
	 " BEGIN " TALLY_OUTCOME("old", "-1") TALLY_OUTCOME("new", "1")
	 " END", false},
	{"TRIGGER", "tally_message_insert",
	 "AFTER INSERT ON message WHEN new.rate_recruiter IS NOT NULL BEGIN "
	 TALLY_RATE("new", "1") " END", false},
	{"TRIGGER", "tally_message_delete",
	 "AFTER DELETE ON message WHEN old.rate_recruiter IS NOT NULL BEGIN "
	 TALLY_RATE("old", "-1") " END", false},
	{"TRIGGER", "tally_message_rate",
	 "AFTER UPDATE ON message WHEN old.rate_recruiter IS NOT new.rate_recruiter"
	 " OR old.rate_settled != new.rate_settled"
	 " OR old.rate_responded != new.rate_responded"
	 " OR old.sent_at != new.sent_at BEGIN "
	 TALLY_RATE("old", "-1") TALLY_RATE("new", "1") " END", false},
	/* The search index, as the rows change. */
	{"TRIGGER", "search_thread_insert",
	 "AFTER INSERT ON thread BEGIN " SEARCH_THREAD("new", "", "") " END",
	 false},
	{"TRIGGER", "search_thread_delete",
	 "AFTER DELETE ON thread BEGIN "
	 SEARCH_THREAD("old", "thread_fts, ", "'delete', ") " END", false},
	{"TRIGGER", "search_thread_update",
	 "AFTER UPDATE OF subject, recruiter, candidate ON thread BEGIN "
	 SEARCH_THREAD("old", "thread_fts, ", "'delete', ")
	 SEARCH_THREAD("new", "", "") " END", false},
	/* A renamed account: its threads' names, the old taken out. */
	{"TRIGGER", "search_account_name",
	 "AFTER UPDATE OF name ON account BEGIN"
	 " INSERT INTO thread_fts(thread_fts, rowid, subject, names) SELECT"
	 " 'delete', t.id, t.subject, CASE WHEN t.recruiter = old.id THEN"
	 " old.name ELSE r.name END || ' ' || CASE WHEN t.candidate = old.id"
	 " THEN old.name ELSE c.name END FROM thread t"
	 " JOIN account r ON r.id = t.recruiter"
	 " JOIN account c ON c.id = t.candidate"
	 " WHERE t.recruiter = old.id OR t.candidate = old.id;"
	 " INSERT INTO thread_fts(rowid, subject, names) SELECT t.id,"
	 " t.subject, r.name || ' ' || c.name FROM thread t"
	 " JOIN account r ON r.id = t.recruiter"
	 " JOIN account c ON c.id = t.candidate"
	 " WHERE t.recruiter = new.id OR t.candidate = new.id; END", false},
	{"TRIGGER", "search_message_insert",
	 "AFTER INSERT ON message BEGIN " SEARCH_MESSAGE("new", "", "") " END",
	 false},
	{"TRIGGER", "search_message_delete",
	 "AFTER DELETE ON message BEGIN "
	 SEARCH_MESSAGE("old", "message_fts, ", "'delete', ") " END", false},
	{"TRIGGER", "search_message_update",
	 "AFTER UPDATE OF body ON message BEGIN "
	 SEARCH_MESSAGE("old", "message_fts, ", "'delete', ")
	 SEARCH_MESSAGE("new", "", "") " END", false},
};

/* The tallies from the rows themselves: after a migration and a bulk
 * load, when the triggers were not there to keep them.  NOT INDEXED: a
 * straight scan and a sort beat walking an index and looking up each row
 * (0.9 s against 0.3 s at 200k threads). */
static const char tally_rebuild[] =
	"DELETE FROM folder_tally;"
	"DELETE FROM thread_tally;"
	"DELETE FROM thread_day;"
	"DELETE FROM rate_tally;"
	"DELETE FROM rate_day;"
	"DELETE FROM sent_day;"
	"INSERT INTO sent_day SELECT recruiter, created_at / " DAY_SQL ","
	" count(*) FROM thread NOT INDEXED GROUP BY 1, 2;"
	"INSERT INTO folder_tally SELECT recruiter, 0, archived_by_recruiter,"
	" responded_at IS NOT NULL, count(*),"
	" sum(last_from_candidate > seen_by_recruiter) FROM thread NOT INDEXED"
	" GROUP BY 1, 3, 4;"
	"INSERT INTO folder_tally SELECT candidate, 1, archived_by_candidate,"
	" responded_at IS NOT NULL, count(*),"
	" sum(last_from_recruiter > seen_by_candidate) FROM thread NOT INDEXED"
	" GROUP BY 1, 3, 4;"
	"INSERT INTO thread_tally SELECT recruiter, state, refunded != 0,"
	" responded_at IS NOT NULL, count(*) FROM thread NOT INDEXED"
	" GROUP BY 1, 2, 3, 4;"
	"INSERT INTO thread_day SELECT recruiter, created_at / " DAY_SQL ","
	" count(*) FROM thread NOT INDEXED WHERE responded_at IS NULL"
	" GROUP BY 1, 2;"
	"INSERT INTO rate_tally SELECT rate_recruiter, count(*),"
	" sum(rate_settled != 0), sum(rate_responded != 0) FROM message"
	" NOT INDEXED WHERE rate_recruiter IS NOT NULL GROUP BY 1;"
	"INSERT INTO rate_day SELECT rate_recruiter, sent_at / " DAY_SQL ","
	" count(*) FROM message NOT INDEXED WHERE rate_recruiter IS NOT NULL"
	" AND rate_settled = 0 GROUP BY 1, 2;"
	/* The search index, from the rows it indexes. */
	"INSERT INTO thread_fts(thread_fts) VALUES ('rebuild');"
	"INSERT INTO message_fts(message_fts) VALUES ('rebuild');";

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
			: sqlite3_mprintf("DROP %s IF EXISTS %s",
					  strncmp(d->type, "UNIQUE ", 7) == 0
						  ? d->type + 7 : d->type,
					  d->name);
		if (!sql)
			return store_fail(s, IM_ERR_NOMEM, "out of memory");
		int rc = sqlite3_exec(SQ(s)->db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return store_sqlite_fail(s, rc, create ? "creating indexes"
							       : "dropping indexes");
	}
	return IM_OK;
}

enum im_status store_schema_tally_rebuild(struct im_store *s)
{
	int rc = sqlite3_exec(SQ(s)->db, tally_rebuild, NULL, NULL, NULL);
	return rc == SQLITE_OK ? IM_OK
			       : store_sqlite_fail(s, rc, "counting threads");
}

enum im_status store_schema_check(struct im_store *s, const char *path,
				  int *version)
{
	sqlite3_stmt *st = NULL;
	int app_id = 0, tables = 0;
	int rc = sqlite3_prepare_v2(SQ(s)->db, "PRAGMA application_id", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		app_id = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
		return store_fail(s, IM_ERR_DATABASE,
				  "%s is not an inmail database (not SQLite, or "
				  "damaged); left untouched", path);
	if (rc != SQLITE_ROW)
		return store_sqlite_fail(s, rc, "reading the database header");

	rc = sqlite3_prepare_v2(SQ(s)->db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_sqlite_fail(s, rc, "reading the schema version");

	rc = sqlite3_prepare_v2(SQ(s)->db, "SELECT count(*) FROM sqlite_schema", -1,
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

/* Whether table has column (an older file may or may not). */
static bool has_column(struct im_store *s, const char *table,
		       const char *column)
{
	sqlite3_stmt *q = NULL;
	bool found = false;
	if (sqlite3_prepare_v2(SQ(s)->db, "SELECT 1 FROM pragma_table_info(?1)"
				      " WHERE name = ?2", -1, &q, NULL) == SQLITE_OK) {
		sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, column, -1, SQLITE_STATIC);
		found = sqlite3_step(q) == SQLITE_ROW;
	}
	sqlite3_finalize(q);
	return found;
}

static enum im_status run(struct im_store *s, const char *sql,
			  const char *what)
{
	int rc = sqlite3_exec(SQ(s)->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? IM_OK : store_sqlite_fail(s, rc, what);
}

/* Runs sql bound to up to three integers. */
static enum im_status run_bound(struct im_store *s, const char *sql,
				int64_t a, int64_t b, int64_t c)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(SQ(s)->db, sql, -1, &q, NULL);
	if (rc != SQLITE_OK)
		return store_sqlite_fail(s, rc, "upgrading the schema");
	sqlite3_bind_int64(q, 1, a);
	sqlite3_bind_int64(q, 2, b);
	sqlite3_bind_int64(q, 3, c);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? IM_OK
				 : store_sqlite_fail(s, rc, "upgrading the schema");
}

/* A file from before version 4: the rate's columns are added and filled
 * once with the outcome the model decides for new rows (its counted
 * kinds and rate window, bound), and the old tallies make way for the
 * new. */
static enum im_status upgrade_to_4(struct im_store *s,
				   const struct im_store_rules *rules)
{
	if (!rules)
		return store_fail(s, IM_ERR_DATABASE,
				  "the database needs upgrading by inmail");
	static const char *const columns[][3] = {
		{"message", "rate_recruiter", "INTEGER"},
		{"message", "rate_settled", "INTEGER NOT NULL DEFAULT 0"},
		{"message", "rate_responded", "INTEGER NOT NULL DEFAULT 0"},
		{"draft", "form_to", "TEXT NOT NULL DEFAULT ''"},
		{"draft", "form_subject", "TEXT NOT NULL DEFAULT ''"},
		{"draft", "form_followup", "TEXT NOT NULL DEFAULT ''"},
		{"draft", "form_followup_text", "TEXT NOT NULL DEFAULT ''"},
		{"account", "guardrail_since", "INTEGER"},
		{"account", "guardrail_until", "INTEGER"},
	};
	enum im_status st = run(s, schema_drop_old, "upgrading the schema");
	if (st == IM_OK)
		st = run(s, SCHEMA_TEMPLATE, "upgrading the schema");
	for (size_t i = 0; st == IM_OK && i < sizeof columns / sizeof *columns;
	     i++) {
		if (has_column(s, columns[i][0], columns[i][1]))
			continue;
		char sql[128];
		snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s %s",
			 columns[i][0], columns[i][1], columns[i][2]);
		st = run(s, sql, "upgrading the schema");
	}
	if (st == IM_OK)
		st = run_bound(s, "UPDATE message SET rate_recruiter = (SELECT"
			" recruiter FROM thread WHERE id = message.thread)"
			" WHERE kind IN (?1, ?2)", rules->counted[0],
			rules->counted[1], 0);
	if (st == IM_OK)
		st = run_bound(s, "UPDATE message SET rate_settled = 1,"
			" rate_responded = (SELECT responded_at FROM thread t"
			" WHERE t.id = message.thread) - sent_at <= ?1"
			" WHERE rate_recruiter IS NOT NULL AND (SELECT"
			" responded_at FROM thread t WHERE t.id = message.thread)"
			" IS NOT NULL", rules->rate_window, 0, 0);
	return st;
}

/* A file from before version 5 (SPEC 9's ledger): the ledger begins with
 * one row per account of the model's credit role, its balance as it
 * stands, at the latest time the file holds; so a balance is the sum of
 * its ledger from the first.  The forfeits of threads older than that
 * are recorded by the first catch-up (amount 0). */
static enum im_status upgrade_to_5(struct im_store *s,
				   const struct im_store_rules *rules)
{
	if (!rules)
		return store_fail(s, IM_ERR_DATABASE,
				  "the database needs upgrading by inmail");
	enum im_status st = run(s, SCHEMA_LEDGER, "upgrading the schema");
	if (st == IM_OK)
		st = run_bound(s, "INSERT INTO ledger (account, kind, amount,"
			" thread, at) SELECT id, ?1, credits, NULL, (SELECT"
			" max(1, coalesce(max(t), 1)) FROM (SELECT max(created_at)"
			" AS t FROM account UNION ALL SELECT max(updated_at) FROM"
			" thread)) FROM account WHERE (role = ?2 OR credits <> 0)"
			" AND id NOT IN (SELECT account FROM ledger) ORDER BY id",
			rules->ledger_opening, (int64_t)rules->credit_role, 0);
	return st;
}

/* ---- the template an InMail was sent from (SPEC 9's report) ----
 * thread.template (NULL: none) and the new-InMail form's pick in its
 * draft, added to a file of any version that lacks them: nullable, so
 * the InMails sent before count as sent without a template. */
static const char *const sent_from_columns[][3] = {
	{"thread", "template", "TEXT"},
	{"draft", "form_template", "TEXT NOT NULL DEFAULT ''"},
	/* The template's identity (attack2 F6): one removed and added again
	 * under its name is another; threads from before have none. */
	{"template", "id", "INTEGER"},
	{"thread", "template_id", "INTEGER"},
};

bool store_schema_has_sent_from(struct im_store *s)
{
	size_t n = sizeof sent_from_columns / sizeof *sent_from_columns;
	for (size_t i = 0; i < n; i++)
		if (!has_column(s, sent_from_columns[i][0],
				sent_from_columns[i][1]))
			return false;
	return true;
}

static enum im_status upgrade_sent_from(struct im_store *s)
{
	size_t n = sizeof sent_from_columns / sizeof *sent_from_columns;
	enum im_status st = IM_OK;
	for (size_t i = 0; st == IM_OK && i < n; i++) {
		if (has_column(s, sent_from_columns[i][0],
			       sent_from_columns[i][1]))
			continue;
		char sql[128];
		snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s %s",
			 sent_from_columns[i][0], sent_from_columns[i][1],
			 sent_from_columns[i][2]);
		st = run(s, sql, "upgrading the schema");
	}
	if (st == IM_OK)
		st = run(s, "UPDATE template SET id = rowid WHERE id IS NULL",
			 "upgrading the schema");
	return st;
}

bool store_schema_has_search(struct im_store *s)
{
	sqlite3_stmt *q = NULL;
	bool found = false;
	if (sqlite3_prepare_v2(SQ(s)->db, "SELECT 1 FROM sqlite_schema WHERE"
			       " name IN ('message_fts', 'sent_day')", -1, &q,
			       NULL) == SQLITE_OK)
		found = sqlite3_step(q) == SQLITE_ROW &&
			sqlite3_step(q) == SQLITE_ROW;
	sqlite3_finalize(q);
	return found && has_column(s, "account", "guardrail_until");
}

enum im_status store_schema_migrate(struct im_store *s,
				    const struct im_store_rules *rules)
{
	enum im_status st = sq_begin(s);
	if (st != IM_OK)
		return st;
	/* Another process may have migrated while we waited for the lock. */
	sqlite3_stmt *q = NULL;
	int version = 0;
	int rc = sqlite3_prepare_v2(SQ(s)->db, "PRAGMA user_version", -1, &q, NULL);
	if (rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		version = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	/* A version 4 file from before the search index and the guardrail
	 * (4 is not released yet) is upgraded like an older one. */
	if (version >= STORE_SCHEMA_VERSION && store_schema_has_search(s) &&
	    store_schema_has_sent_from(s)) {
		sq_rollback(s);
		return IM_OK;
	}
	bool old = version > 0 && (version < 4 || !store_schema_has_search(s));
	if (version == 0)
		st = run(s, schema_tables, "creating the schema");
	else if (old)
		st = upgrade_to_4(s, rules);
	if (st == IM_OK && version > 0 && version < 5)
		st = upgrade_to_5(s, rules);
	if (st == IM_OK)
		st = upgrade_sent_from(s);
	if (st == IM_OK)
		st = run(s, schema_tallies, "creating the schema");
	if (st == IM_OK)
		st = run(s, schema_search, "creating the search index");
	if (st == IM_OK)
		st = store_schema_derived(s, true, false);
	if (st == IM_OK && old)
		st = store_schema_tally_rebuild(s);
	if (st == IM_OK && !store_schema_has_search(s))
		st = store_fail(s, IM_ERR_DATABASE, "upgrading the schema: no "
				"search index");
	if (st != IM_OK) {
		sq_rollback(s);
		return st;
	}
	char sql[96];
	snprintf(sql, sizeof sql,
		 "PRAGMA user_version = %d; PRAGMA application_id = %d;",
		 STORE_SCHEMA_VERSION, STORE_APPLICATION_ID);
	rc = sqlite3_exec(SQ(s)->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		st = store_sqlite_fail(s, rc, "recording the schema version");
		sq_rollback(s);
		return st;
	}
	return sq_commit(s);
}
