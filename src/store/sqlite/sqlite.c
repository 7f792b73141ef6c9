/* The store handle: opening, errors, transactions, the statement cache. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inmail/text.h"
#include "sqlite_int.h"

/* Long enough that a busy database waits rather than fails (SPEC 5). */
#define STORE_BUSY_TIMEOUT_MS 30000

enum im_status store_sqlite_fail(struct im_store *s, int rc, const char *what)
{
	/* A write the file system refused for want of room is a full disk,
	 * whatever code SQLite gave it. */
	int sys = SQ(s)->db ? sqlite3_system_errno(SQ(s)->db) : 0;
	if ((rc & 0xff) == SQLITE_IOERR &&
	    (sys == ENOSPC || sys == EFBIG || sys == EDQUOT))
		rc = SQLITE_FULL;
	switch (rc & 0xff) {
	case SQLITE_NOMEM:
		return store_fail(s, IM_ERR_NOMEM, "out of memory while %s", what);
	case SQLITE_FULL:
		return store_fail(s, IM_ERR_DATABASE,
				  "disk full while %s: nothing was changed", what);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return store_fail(s, IM_ERR_DATABASE,
				  "the database is read-only or cannot be opened "
				  "for writing (while %s)", what);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return store_fail(s, IM_ERR_DATABASE,
				  "the database stayed busy for %d s while %s",
				  STORE_BUSY_TIMEOUT_MS / 1000, what);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return store_fail(s, IM_ERR_DATABASE,
				  "the database file is damaged (while %s)", what);
	case SQLITE_IOERR:
		/* A refused write (ENOSPC, EFBIG) often reaches us as a bare
		 * write error with no errno kept. */
		if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_TRUNCATE ||
		    rc == SQLITE_IOERR_FSYNC)
			return store_fail(s, IM_ERR_DATABASE,
					  "cannot write the database while %s "
					  "(disk full, or a write error): "
					  "nothing was changed", what);
		return store_fail(s, IM_ERR_DATABASE,
				  "I/O error while %s: %s", what,
				  sqlite3_errmsg(SQ(s)->db));
	default:
		return store_fail(s, IM_ERR_DATABASE, "database error while %s: %s",
				  what, sqlite3_errmsg(SQ(s)->db));
	}
}

sqlite3_stmt *store_stmt(struct im_store *s, enum store_stmt id,
			 const char *sql)
{
	sqlite3_stmt *st = SQ(s)->stmt[id];
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	int rc = sqlite3_prepare_v3(SQ(s)->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
				    &st, NULL);
	if (rc != SQLITE_OK) {
		store_sqlite_fail(s, rc, "preparing a query");
		return NULL;
	}
	SQ(s)->stmt[id] = st;
	return st;
}

enum im_status store_step_done(struct im_store *s, sqlite3_stmt *st,
			       const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return IM_OK;
	return store_sqlite_fail(s, rc, what);
}

enum im_status store_fetch(struct im_store *s, sqlite3_stmt *st, size_t limit,
			   size_t size, store_row_fn row, void *arg,
			   void (*clear)(void *elem), const char *what,
			   void **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	char *list = NULL;
	size_t cap = 0, count = 0;
	enum im_status res = IM_OK;
	int rc = SQLITE_DONE;
	while ((!limit || count < limit) && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			size_t want = limit ? limit : cap ? cap * 2 : 16;
			char *p = realloc(list, want * size);
			if (!p) {
				res = store_fail(s, IM_ERR_NOMEM, "out of memory");
				break;
			}
			list = p;
			cap = want;
		}
		void *elem = list + count * size;
		memset(elem, 0, size);
		res = row(s, st, elem, arg);
		if (res != IM_OK) {
			clear(elem);
			break;
		}
		count++;
	}
	if (res == IM_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		res = store_sqlite_fail(s, rc, what);
	sqlite3_reset(st);
	if (res != IM_OK) {
		for (size_t i = 0; i < count; i++)
			clear(list + i * size);
		free(list);
		return res;
	}
	/* Callers may index an empty result's array: never NULL on success. */
	if (!list && !(list = calloc(1, size)))
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	*out = list;
	*n = count;
	return IM_OK;
}

char *store_col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return strdup(t ? (const char *)t : "");
}

/* im_match(text, needle): case-folded substring, for the TUI's search. */
static void sql_match(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *hay = (const char *)sqlite3_value_text(argv[0]);
	const char *needle = (const char *)sqlite3_value_text(argv[1]);
	sqlite3_result_int(ctx, im_text_contains_folded(hay, needle));
}

/* Makes each missing directory of path's parent, the last one 0700. */
static int make_parent_dirs(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return -1;
	char *dir = dirname(copy);
	struct stat sb;
	int rc = 0;
	if (stat(dir, &sb) != 0) {
		for (char *p = dir + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			if (mkdir(dir, 0755) != 0 && errno != EEXIST)
				rc = -1;
			*p = '/';
		}
		if (rc == 0 && mkdir(dir, 0700) != 0 && errno != EEXIST)
			rc = -1;
	}
	free(copy);
	return rc;
}

static enum im_status open_fail(char **err, enum im_status st,
				const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum im_status open_fail(char **err, enum im_status st,
				const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		if (vasprintf(err, fmt, ap) < 0)
			*err = NULL;
		va_end(ap);
	}
	return st;
}

/* Whoever can write an SQLite file can act as any of its accounts, and
 * whoever can write its directory can swap the file or plant its -wal:
 * like ssh with a loose key, such a file is refused.  One that others can
 * only read is used, with a warning (SPEC 5). */
static enum im_status check_privacy(struct im_store *s, const char *path)
{
	struct stat sb;
	char *copy = strdup(path);
	if (!copy)
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	const char *dir = dirname(copy);
	enum im_status st = IM_OK;
	if (stat(path, &sb) == 0 && (sb.st_mode & 022))
		st = store_fail(s, IM_ERR_DATABASE,
				"%s may be written by other users (mode %03o), "
				"who could act as anyone in it: chmod 600 it",
				path, (unsigned)(sb.st_mode & 0777));
	else if (stat(dir, &sb) == 0 && (sb.st_mode & 022))
		st = store_fail(s, IM_ERR_DATABASE,
				"the directory %s may be written by other users "
				"(mode %03o), who could replace the database: "
				"chmod 700 it, or keep the database elsewhere",
				dir, (unsigned)(sb.st_mode & 0777));
	else if (stat(path, &sb) == 0 && (sb.st_mode & 044))
		snprintf(s->warning, sizeof s->warning,
			 "%s is readable by others (mode %03o); chmod 600 it",
			 path, (unsigned)(sb.st_mode & 0777));
	else if (stat(dir, &sb) == 0 && (sb.st_mode & 044))
		snprintf(s->warning, sizeof s->warning,
			 "the directory %s is open to others (mode %03o); "
			 "chmod 700 it", dir, (unsigned)(sb.st_mode & 0777));
	free(copy);
	return st;
}

static enum im_status exec(struct im_store *s, const char *sql)
{
	int rc = sqlite3_exec(SQ(s)->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? IM_OK : store_sqlite_fail(s, rc, "configuring");
}

static void sq_close(struct im_store *s);

static enum im_status sq_open(const char *path, bool create,
			     const struct im_store_rules *rules,
			     struct im_store **out, char **err)
{
	*out = NULL;
	if (err)
		*err = NULL;
	struct stat sb;
	bool exists = stat(path, &sb) == 0;
	if (!exists && !create)
		return open_fail(err, IM_ERR_DATABASE,
				 "no inmail database at %s (run 'inmail init')",
				 path);
	if (exists && !S_ISREG(sb.st_mode))
		return open_fail(err, IM_ERR_DATABASE,
				 "%s is not a database file", path);
	struct sq_store *sq = calloc(1, sizeof *sq);
	if (!sq)
		return open_fail(err, IM_ERR_NOMEM, "out of memory");
	sq->base.drv = &store_sqlite_driver;
	struct im_store *s = &sq->base;
	/* Before anything is created or opened, so a refused file is left
	 * as it was (and none is made in an open directory). */
	if ((exists || make_parent_dirs(path) == 0) &&
	    check_privacy(s, path) != IM_OK) {
		enum im_status st = open_fail(err, IM_ERR_DATABASE, "%s", s->err);
		free(sq);
		return st;
	}
	if (!exists) {
		if (make_parent_dirs(path) != 0) {
			free(sq);
			return open_fail(err, IM_ERR_DATABASE,
					 "cannot create the directory for %s: %s",
					 path, strerror(errno));
		}
		/* Created here, not by SQLite, so the mode is 0600 whatever the
		 * umask; SQLite gives its -wal and -shm files the same mode. */
		int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
		if (fd < 0) {
			free(sq);
			return open_fail(err, IM_ERR_DATABASE,
					 "cannot create %s: %s", path,
					 strerror(errno));
		}
		close(fd);
	}


	int rc = sqlite3_open_v2(path, &SQ(s)->db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		open_fail(err, IM_ERR_DATABASE, "cannot open %s: %s", path,
			  SQ(s)->db ? sqlite3_errmsg(SQ(s)->db) : "out of memory");
		sq_close(s);
		return IM_ERR_DATABASE;
	}
	sqlite3_extended_result_codes(SQ(s)->db, 1);
	sqlite3_busy_timeout(SQ(s)->db, STORE_BUSY_TIMEOUT_MS);

	int version = 0;
	enum im_status st = store_schema_check(s, path, &version);
	if (st == IM_OK && version == 0 && !create)
		st = store_fail(s, IM_ERR_DATABASE,
				"%s is not initialised (run 'inmail init')", path);
	/* Only now, with the file known to be ours, may anything write it. */
	if (st == IM_OK)
		st = exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
			     " PRAGMA foreign_keys=ON; PRAGMA journal_size_limit=8388608;");
	if (st == IM_OK && (version < STORE_SCHEMA_VERSION ||
			    !store_schema_has_search(s) ||
			    !store_schema_has_sent_from(s)))
		st = store_schema_migrate(s, rules);
	if (st == IM_OK &&
	    sqlite3_create_function(SQ(s)->db, "im_match", 2,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_match, NULL, NULL) != SQLITE_OK)
		st = store_fail(s, IM_ERR_NOMEM, "out of memory");
	if (st != IM_OK) {
		open_fail(err, st, "%s", s->err);
		sq_close(s);
		return st;
	}
	sq_changed(s);
	*out = s;
	return IM_OK;
}

static void sq_close(struct im_store *s)
{
	for (size_t i = 0; i < STMT_MAX; i++)
		sqlite3_finalize(SQ(s)->stmt[i]);
	sqlite3_close(SQ(s)->db);
	free(SQ(s));
}

enum im_status sq_begin(struct im_store *s)
{
	int rc = sqlite3_exec(SQ(s)->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	return rc == SQLITE_OK ? IM_OK
			       : store_sqlite_fail(s, rc, "starting a change");
}

enum im_status sq_begin_within(struct im_store *s, int wait_ms,
				     bool *busy)
{
	*busy = false;
	sqlite3_busy_timeout(SQ(s)->db, wait_ms);
	int rc = sqlite3_exec(SQ(s)->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_timeout(SQ(s)->db, STORE_BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK)
		return IM_OK;
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
		*busy = true;
		return store_fail(s, IM_ERR_DATABASE,
				  "another session is writing the database");
	}
	return store_sqlite_fail(s, rc, "starting a change");
}

enum im_status sq_begin_read(struct im_store *s)
{
	/* DEFERRED takes no lock until the first read, and under WAL a read
	 * never waits for a writer: it sees the last commit. */
	int rc = sqlite3_exec(SQ(s)->db, "BEGIN DEFERRED", NULL, NULL, NULL);
	return rc == SQLITE_OK ? IM_OK
			       : store_sqlite_fail(s, rc, "starting to read");
}

void sq_end_read(struct im_store *s)
{
	sq_rollback(s);
}

enum im_status sq_commit(struct im_store *s)
{
	int rc = sqlite3_exec(SQ(s)->db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return IM_OK;
	enum im_status st = store_sqlite_fail(s, rc, "saving a change");
	sq_rollback(s);
	return st;
}

void sq_rollback(struct im_store *s)
{
	if (!sqlite3_get_autocommit(SQ(s)->db))
		sqlite3_exec(SQ(s)->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Drops (create false) or rebuilds the indexes and triggers a bulk load
 * does without, and with them the tallies, in one transaction. */
static enum im_status bulk_derived(struct im_store *s, bool create)
{
	enum im_status st = sq_begin(s);
	if (st == IM_OK)
		st = store_schema_derived(s, create, true);
	if (st == IM_OK && create)
		st = store_schema_tally_rebuild(s);
	if (st == IM_OK)
		st = sq_commit(s);
	sq_rollback(s);
	return st;
}

enum im_status sq_bulk_begin(struct im_store *s)
{
	/* A rollback journal in memory writes each page once (WAL writes it
	 * twice); indexes and triggers are rebuilt once at the end, which
	 * costs less than keeping them row by row.  Rows are appended, so a
	 * page is written out once: a small cache is enough, and a big one
	 * only costs allocations (2.35 s against 3.1 s for 1M messages). */
	enum im_status st = exec(s, "PRAGMA cache_size=-8192;"
				    " PRAGMA synchronous=OFF;"
				    " PRAGMA foreign_keys=OFF;"
				    " PRAGMA journal_mode=MEMORY;"
				    " PRAGMA temp_store=MEMORY;");
	return st == IM_OK ? bulk_derived(s, false) : st;
}

enum im_status sq_bulk_end(struct im_store *s)
{
	/* Building indexes and recounting read whole tables: now a big cache
	 * pays. */
	enum im_status st = exec(s, "PRAGMA cache_size=-262144;");
	if (st == IM_OK)
		st = bulk_derived(s, true);
	if (st == IM_OK)
		st = exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
			     " PRAGMA foreign_keys=ON; PRAGMA cache_size=-2000;"
			     " PRAGMA temp_store=DEFAULT;");
	return st;
}

bool sq_changed(struct im_store *s)
{
	sqlite3_stmt *st = store_stmt(s, STMT_DATA_VERSION, "PRAGMA data_version");
	if (!st || sqlite3_step(st) != SQLITE_ROW)
		return false;
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	bool changed = v != SQ(s)->data_version;
	SQ(s)->data_version = v;
	return changed;
}

/* A --db value that is not a server's URI is a file path. */
static bool sq_handles(const char *target)
{
	return target != NULL;
}

const struct im_store_driver store_sqlite_driver = {
	.name = "sqlite",
	.handles = sq_handles,
	.open = sq_open,
	.close = sq_close,
	.begin = sq_begin,
	.begin_within = sq_begin_within,
	.begin_read = sq_begin_read,
	.end_read = sq_end_read,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.bulk_begin = sq_bulk_begin,
	.bulk_end = sq_bulk_end,
	.changed = sq_changed,
	.account_insert = sq_account_insert,
	.account_by_handle = sq_account_by_handle,
	.account_by_id = sq_account_by_id,
	.account_list = sq_account_list,
	.credits_add = sq_credits_add,
	.thread_insert = sq_thread_insert,
	.thread_get = sq_thread_get,
	.message_insert = sq_message_insert,
	.message_append = sq_message_append,
	.thread_set_summary = sq_thread_set_summary,
	.messages = sq_messages,
	.thread_respond = sq_thread_respond,
	.rate_settle = sq_rate_settle,
	.thread_set_blocked = sq_thread_set_blocked,
	.thread_clear_followup = sq_thread_clear_followup,
	.thread_set_seen = sq_thread_set_seen,
	.thread_reset_seen = sq_thread_reset_seen,
	.thread_set_archived = sq_thread_set_archived,
	.due_followups = sq_due_followups,
	.pending_between = sq_pending_between,
	.template_insert = sq_template_insert,
	.template_get = sq_template_get,
	.template_list = sq_template_list,
	.template_delete = sq_template_delete,
	.thread_page = sq_thread_page,
	.folder_count = sq_folder_count,
	.search = sq_search,
	.guardrail_get = sq_guardrail_get,
	.guardrail_set = sq_guardrail_set,
	.template_counts = sq_template_counts,
	.sent_counts = sq_sent_counts,
	.notification_insert = sq_notification_insert,
	.notification_list = sq_notification_list,
	.notification_unread = sq_notification_unread,
	.notification_mark_read = sq_notification_mark_read,
	.notification_mark_range = sq_notification_mark_range,
	.thread_counts = sq_thread_counts,
	.rate_counts = sq_rate_counts,
	.draft_load = sq_draft_load,
	.draft_save = sq_draft_save,
	.draft_discard = sq_draft_discard,
	.ledger_add = sq_ledger_add,
	.ledger_list = sq_ledger_list,
	.ledger_after = sq_ledger_after,
	.answered_by = sq_answered_by,
	.allotment_get = sq_allotment_get,
	.allotment_set = sq_allotment_set,
	.allotment_arrive = sq_allotment_arrive,
	.unrefunded = sq_unrefunded,
	.plans = sq_plans,
};
