/* Private to the store: the handle, the statement cache and the helpers the
 * store's files share. */
#ifndef INMAIL_STORE_INT_H
#define INMAIL_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

#define STORE_LIST_SHAPES (2 * 3 * 3 * 2)

/* Cached statements, one slot each; list queries take a range. */
enum store_stmt {
	STMT_ACCOUNT_INSERT,
	STMT_ACCOUNT_BY_HANDLE,
	STMT_ACCOUNT_BY_ID,
	STMT_ACCOUNT_LIST,
	STMT_ACCOUNT_LIST_ROLE,
	STMT_CREDITS_GET,
	STMT_CREDITS_SET,
	STMT_THREAD_INSERT,
	STMT_THREAD_GET,
	STMT_MESSAGE_INSERT,
	STMT_MESSAGE_TOUCH_RECRUITER,
	STMT_MESSAGE_TOUCH_CANDIDATE,
	STMT_MESSAGE_TOUCH_SYSTEM,
	STMT_MESSAGES,
	STMT_THREAD_RESPOND,
	STMT_THREAD_BLOCKED,
	STMT_THREAD_CLEAR_FOLLOWUP,
	STMT_SEEN_RECRUITER,
	STMT_SEEN_CANDIDATE,
	STMT_ARCHIVE_RECRUITER,
	STMT_ARCHIVE_CANDIDATE,
	STMT_DUE_FOLLOWUPS_RECRUITER,
	STMT_DUE_FOLLOWUPS_CANDIDATE,
	STMT_NOTIF_INSERT,
	STMT_NOTIF_LIST,
	STMT_NOTIF_UNREAD,
	STMT_NOTIF_READ_RANGE,
	STMT_NOTIF_READ_THREAD,
	STMT_THREAD_COUNTS,
	STMT_DRAFT_LOAD,
	STMT_DRAFT_SAVE,
	STMT_DRAFT_DISCARD,
	STMT_DATA_VERSION,
	STMT_THREAD_SUMMARY,
	STMT_FOLDER_TALLY,
	STMT_RATE_SETTLE,
	STMT_THREAD_TALLY,
	STMT_THREAD_DAYS,
	STMT_THREAD_DAY_EDGE,
	STMT_RATE_TALLY,
	STMT_RATE_DAYS,
	STMT_RATE_DAY_EDGE,
	/* List shapes: side x archived x responded (each -1, 0, 1) x order,
	 * times direction x filter for pages, times filter for counts. */
	STMT_PAGE_BASE,
	STMT_COUNT_BASE = STMT_PAGE_BASE + STORE_LIST_SHAPES * 4 * 2,
	STMT_MAX = STMT_COUNT_BASE + STORE_LIST_SHAPES,
};

struct im_store {
	sqlite3 *db;
	sqlite3_stmt *stmt[STMT_MAX];
	int64_t data_version;
	char err[512];
	char warning[512]; /* "" when none */
};

/* The statement in slot id, prepared from sql on first use, reset and with
 * its bindings cleared.  NULL on failure (the error is kept). */
sqlite3_stmt *store_stmt(struct im_store *s, enum store_stmt id,
			 const char *sql);

/* Keeps a formatted error line and returns st. */
enum im_status store_fail(struct im_store *s, enum im_status st,
			  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Keeps a line for an SQLite failure while doing what; returns the status
 * it maps to (disk full, read-only, busy, corrupt: IM_ERR_DATABASE). */
enum im_status store_sqlite_fail(struct im_store *s, int rc, const char *what);

/* Runs a statement expected to finish without rows (SQLITE_DONE). */
enum im_status store_step_done(struct im_store *s, sqlite3_stmt *st,
			       const char *what);

/* A malloc'd copy of a text column ("" for NULL); NULL when out of memory. */
char *store_col_text(sqlite3_stmt *st, int col);

/* Creates or migrates the schema inside one transaction. */
enum im_status store_schema_migrate(struct im_store *s,
				    const struct im_store_rules *rules);
/* Creates (create) or drops every index and trigger of the schema; for a
 * bulk load (bulk), drops only those not worth keeping during it. */
enum im_status store_schema_derived(struct im_store *s, bool create,
				    bool bulk);
/* Recounts the tallies from the threads and messages. */
enum im_status store_schema_tally_rebuild(struct im_store *s);
/* Checks the file is an inmail database this version can use: sets
 * *version to its schema version (0: empty). */
enum im_status store_schema_check(struct im_store *s, const char *path,
				  int *version);
#define STORE_SCHEMA_VERSION 4
#define STORE_APPLICATION_ID 0x494E4D4C /* "INML" */

/* Keeps "thread 3 holds a state inmail never writes (9)..." for a value
 * another program wrote, from column col of st; returns IM_ERR_INVALID. */
enum im_status store_bad_row(struct im_store *s, const char *what, int64_t id,
			     const char *column, sqlite3_stmt *st, int col);

/* Fills r from a row whose columns follow STORE_THREAD_COLUMNS; a value
 * out of its range (a time, an enum) is refused with store_bad_row. */
enum im_status store_thread_from_row(struct im_store *s, sqlite3_stmt *st,
				     struct im_store_thread *r);
#define STORE_THREAD_COLUMNS                                                  \
	"t.id, t.subject, t.created_at, t.updated_at, t.state, t.response, "  \
	"t.responded_at, t.blocked, t.refunded, t.followup_at, "              \
	"t.followup_body, t.last_from_recruiter, t.last_from_candidate, "     \
	"t.seen_by_recruiter, t.seen_by_candidate, t.archived_by_recruiter, " \
	"t.archived_by_candidate, r.id, r.handle, r.name, c.id, c.handle, "   \
	"c.name, (SELECT body FROM message WHERE id = t.last_message)"
#define STORE_THREAD_FROM                                    \
	" FROM thread t JOIN account r ON r.id = t.recruiter" \
	" JOIN account c ON c.id = t.candidate"

#endif
