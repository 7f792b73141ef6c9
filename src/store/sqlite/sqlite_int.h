/* Private to the SQLite driver: its handle, the statement cache and the
 * helpers its files share. */
#ifndef INMAIL_SQLITE_INT_H
#define INMAIL_SQLITE_INT_H

#include <sqlite3.h>

#include "driver.h"

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
	STMT_RESET_SEEN_RECRUITER,
	STMT_RESET_SEEN_CANDIDATE,
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
	STMT_PENDING_BETWEEN,
	STMT_TEMPLATE_INSERT,
	STMT_TEMPLATE_GET,
	STMT_TEMPLATE_LIST,
	STMT_TEMPLATE_DELETE,
	STMT_THREAD_TALLY,
	STMT_THREAD_BAD_STATE,
	STMT_THREAD_DAYS,
	STMT_THREAD_DAY_EDGE,
	STMT_RATE_TALLY,
	STMT_RATE_DAYS,
	STMT_RATE_DAY_EDGE,
	STMT_SEARCH_HITS,
	STMT_SEARCH_TERMS,
	STMT_SENT_DAYS,
	STMT_SENT_DAY_EDGE,
	STMT_GUARDRAIL_GET,
	STMT_GUARDRAIL_SET,
	STMT_TEMPLATE_COUNTS, /* the report per template (SPEC 9) */
	STMT_SENT_COUNTS,
	/* The credit ledger and the allotment (sqlite_ledger.c). */
	STMT_LEDGER_ADD,
	STMT_LEDGER_LIST,
	STMT_LEDGER_AFTER,
	STMT_ANSWERED_BY,
	STMT_ALLOT_GET,
	STMT_ALLOT_SET,
	STMT_ALLOT_NEXT,
	STMT_UNREFUNDED,
	/* List shapes: side x archived x responded (each -1, 0, 1) x order,
	 * times direction x filter for pages, times filter for counts. */
	STMT_PAGE_BASE,
	STMT_COUNT_BASE = STMT_PAGE_BASE + STORE_LIST_SHAPES * 4 * 2,
	STMT_MAX = STMT_COUNT_BASE + STORE_LIST_SHAPES,
};

/* The SQLite driver's handle. */
struct sq_store {
	struct im_store base;
	sqlite3 *db;
	sqlite3_stmt *stmt[STMT_MAX];
	int64_t data_version;
};
#define SQ(s) ((struct sq_store *)(s))

/* The statement in slot id, prepared from sql on first use, reset and with
 * its bindings cleared.  NULL on failure (the error is kept). */
sqlite3_stmt *store_stmt(struct im_store *s, enum store_stmt id,
			 const char *sql);


/* Keeps a line for an SQLite failure while doing what; returns the status
 * it maps to (disk full, read-only, busy, corrupt: IM_ERR_DATABASE). */
enum im_status store_sqlite_fail(struct im_store *s, int rc, const char *what);

/* Runs a statement expected to finish without rows (SQLITE_DONE). */
enum im_status store_step_done(struct im_store *s, sqlite3_stmt *st,
			       const char *what);

/* Fills one element (zeroed) from the current row of st; arg is the
 * caller's. */
typedef enum im_status (*store_row_fn)(struct im_store *s, sqlite3_stmt *st,
				       void *elem, void *arg);
/* Steps st to its end, or to limit rows (0: no limit), into a malloc'd
 * array of elements of size bytes, each filled by row.  On failure every
 * element read, and the one that failed, is passed to clear (which takes
 * a partly filled one), the array is freed and *out is NULL.  what names
 * the step in an SQLite error.  Resets st. */
enum im_status store_fetch(struct im_store *s, sqlite3_stmt *st, size_t limit,
			   size_t size, store_row_fn row, void *arg,
			   void (*clear)(void *elem), const char *what,
			   void **out, size_t *n);

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
/* Whether the file has the search index (a version 4 file from before
 * it has not). */
bool store_schema_has_search(struct im_store *s);
/* Whether the file records the template an InMail was sent from. */
bool store_schema_has_sent_from(struct im_store *s);
#define STORE_SCHEMA_VERSION 5
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
	"c.name"
#define STORE_THREAD_FROM                                    \
	" FROM thread t JOIN account r ON r.id = t.recruiter" \
	" JOIN account c ON c.id = t.candidate"

/* The operations of the driver table (store.h has each one's contract). */
enum im_status sq_begin(struct im_store *s);
enum im_status sq_begin_within(struct im_store *s, int wait_ms, bool *busy);
enum im_status sq_begin_read(struct im_store *s);
void sq_end_read(struct im_store *s);
enum im_status sq_commit(struct im_store *s);
void sq_rollback(struct im_store *s);
enum im_status sq_bulk_begin(struct im_store *s);
enum im_status sq_bulk_end(struct im_store *s);
bool sq_changed(struct im_store *s);
enum im_status sq_account_insert(struct im_store *s, const char *handle, const char *name, enum im_role role, int64_t credits, im_time now, int64_t *id);
enum im_status sq_account_by_handle(struct im_store *s, const char *handle, struct im_account *out);
enum im_status sq_account_by_id(struct im_store *s, int64_t id, struct im_account *out);
enum im_status sq_account_list(struct im_store *s, int role_filter, struct im_account **out, size_t *n);
enum im_status sq_credits_add(struct im_store *s, int64_t account, int64_t delta);
enum im_status sq_thread_insert(struct im_store *s, int64_t recruiter, int64_t candidate, const char *subject, im_time created_at, im_time followup_at, const char *followup_body, const char *template_name, int64_t template_id, int64_t *id);
enum im_status sq_thread_get(struct im_store *s, int64_t id, struct im_store_thread *out);
enum im_status sq_message_insert(struct im_store *s, const struct im_store_message *msg, int64_t *id);
enum im_status sq_message_append(struct im_store *s, const struct im_store_message *msg, int64_t *id);
enum im_status sq_thread_set_summary(struct im_store *s, int64_t thread, const struct im_store_summary *sum);
enum im_status sq_messages(struct im_store *s, int64_t thread, struct im_message **out, size_t *n);
enum im_status sq_thread_respond(struct im_store *s, int64_t thread, enum im_state state, enum im_response response, im_time responded_at, bool blocked, bool refunded);
enum im_status sq_rate_settle(struct im_store *s, int64_t thread, im_time responded_from);
enum im_status sq_thread_set_blocked(struct im_store *s, int64_t thread, bool blocked);
enum im_status sq_thread_clear_followup(struct im_store *s, int64_t thread);
enum im_status sq_thread_set_seen(struct im_store *s, int64_t thread, enum im_side side, int64_t message);
enum im_status sq_thread_reset_seen(struct im_store *s, int64_t thread, enum im_side side, int64_t message);
enum im_status sq_thread_set_archived(struct im_store *s, int64_t thread, enum im_side side, bool archived);
enum im_status sq_due_followups(struct im_store *s, enum im_side side, int64_t account, im_time now, size_t limit, struct im_store_due **out, size_t *n);
enum im_status sq_pending_between(struct im_store *s, int64_t recruiter, int64_t candidate, im_time since, int64_t *thread, im_time *created_at);
enum im_status sq_template_insert(struct im_store *s, int64_t account, const struct im_store_template *t);
enum im_status sq_template_get(struct im_store *s, int64_t account, const char *name, struct im_store_template *out);
enum im_status sq_template_list(struct im_store *s, int64_t account, struct im_store_template **out, size_t *n);
enum im_status sq_template_delete(struct im_store *s, int64_t account, const char *name);
enum im_status sq_thread_page(struct im_store *s, const struct im_store_folder_query *q, enum im_page_dir dir, const struct im_cursor *at, size_t limit, struct im_store_thread **out, size_t *n);
enum im_status sq_folder_count(struct im_store *s, const struct im_store_folder_query *q, int64_t *total, int64_t *unread);
enum im_status sq_notification_insert(struct im_store *s, int64_t recruiter, int64_t thread, const char *text, im_time at, bool read);
enum im_status sq_notification_list(struct im_store *s, int64_t recruiter, int64_t before, size_t limit, struct im_notification **out, size_t *n);
enum im_status sq_notification_unread(struct im_store *s, int64_t recruiter, int64_t *count);
enum im_status sq_notification_mark_read(struct im_store *s, int64_t recruiter, int64_t thread);
enum im_status sq_notification_mark_range(struct im_store *s, int64_t recruiter, int64_t from, int64_t to);
enum im_status sq_thread_counts(struct im_store *s, int64_t recruiter, im_time since, struct im_store_thread_counts *out);
enum im_status sq_rate_counts(struct im_store *s, int64_t recruiter, im_time since, struct im_store_rate_counts *out);
enum im_status sq_draft_load(struct im_store *s, int64_t account, int64_t thread, struct im_draft *out);
enum im_status sq_draft_save(struct im_store *s, int64_t account, int64_t thread, const struct im_draft *d);
enum im_status sq_draft_discard(struct im_store *s, int64_t account, int64_t thread);
enum im_status sq_search(struct im_store *s, const struct im_store_search *q, size_t limit, struct im_store_thread **out, size_t *n);
enum im_status sq_guardrail_get(struct im_store *s, int64_t recruiter, im_time *since, im_time *until);
enum im_status sq_guardrail_set(struct im_store *s, int64_t recruiter, im_time since, im_time until);
enum im_status sq_template_counts(struct im_store *s, int64_t recruiter, im_time from, im_time to, im_time window, im_time cutoff, struct im_store_template_counts **out, size_t *n);
enum im_status sq_sent_counts(struct im_store *s, int64_t recruiter, im_time from, im_time to, im_time window, im_time cutoff, struct im_store_sent_counts *out);
/* The credit ledger and the allotment (sqlite_ledger.c). */
enum im_status sq_ledger_add(struct im_store *s, int64_t account, int kind, int64_t amount, int64_t thread, im_time at);
enum im_status sq_ledger_list(struct im_store *s, int64_t account, struct im_store_ledger_row **out, size_t *n);
enum im_status sq_ledger_after(struct im_store *s, int64_t account, im_time after, int64_t *sum, im_time *first);
enum im_status sq_answered_by(struct im_store *s, int64_t recruiter, im_time from, im_time to, im_time by, int64_t *sent, int64_t *answered);
enum im_status sq_allotment_get(struct im_store *s, int64_t account, struct im_store_allotment *out);
enum im_status sq_allotment_set(struct im_store *s, int64_t account, const struct im_store_allotment *a);
enum im_status sq_allotment_arrive(struct im_store *s, int64_t account, int kind, im_time at, int64_t amount, im_time next_at);
enum im_status sq_unrefunded(struct im_store *s, int64_t recruiter, im_time from, im_time to, size_t limit, int64_t **ids, im_time **created, size_t *n);
enum im_status sq_plans(struct im_store *s, void (*each)(void *arg, const char *sql, const char *plan), void *arg);

#endif
