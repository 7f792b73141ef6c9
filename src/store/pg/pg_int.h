/* Private to the PostgreSQL driver (SPEC 7): its handle, the prepared
 * statement cache and the helpers its files share.  Every statement is
 * prepared once per connection (named "s<slot>"; its Parse goes with its
 * first execution, one round trip: pg.c, prepare_and_run) and run with
 * PQexecPrepared after; every value travels as a parameter, never in the
 * SQL text.  Tables are named unqualified: the session's search_path is
 * pinned to pg_catalog, inmail, pg_temp at open. */
#ifndef INMAIL_PG_INT_H
#define INMAIL_PG_INT_H

#include <libpq-fe.h>

#include "driver.h"

#define PG_LIST_SHAPES (2 * 3 * 3 * 2)

enum pg_stmt {
	PG_ACCOUNT_INSERT,
	PG_ACCOUNT_BY_HANDLE,
	PG_ACCOUNT_BY_ID,
	PG_ACCOUNT_LIST,
	PG_ACCOUNT_LIST_ROLE,
	PG_CREDITS_GET,
	PG_CREDITS_SET,
	PG_THREAD_INSERT,
	PG_THREAD_GET,
	PG_THREAD_HIDDEN,
	PG_MESSAGE_INSERT,
	PG_MESSAGE_TOUCH_RECRUITER,
	PG_MESSAGE_TOUCH_CANDIDATE,
	PG_MESSAGE_TOUCH_SYSTEM,
	PG_MESSAGES,
	PG_THREAD_RESPOND,
	PG_THREAD_BLOCKED,
	PG_THREAD_CLEAR_FOLLOWUP,
	PG_SEEN_RECRUITER,
	PG_SEEN_CANDIDATE,
	PG_RESET_SEEN_RECRUITER,
	PG_RESET_SEEN_CANDIDATE,
	PG_ARCHIVE_RECRUITER,
	PG_ARCHIVE_CANDIDATE,
	PG_DUE_RECRUITER,
	PG_DUE_CANDIDATE,
	PG_PENDING_BETWEEN,
	PG_TEMPLATE_INSERT,
	PG_TEMPLATE_GET,
	PG_TEMPLATE_LIST,
	PG_TEMPLATE_DELETE,
	PG_TEMPLATE_DELETE_OWN,
	PG_NOTIF_INSERT,
	PG_NOTIF_LIST,
	PG_NOTIF_UNREAD,
	PG_NOTIF_READ_RANGE,
	PG_NOTIF_READ_THREAD,
	PG_DRAFT_LOAD,
	PG_DRAFT_SAVE,
	PG_DRAFT_DISCARD,
	PG_DRAFT_DISCARD_OWN,
	PG_THREAD_SUMMARY,
	PG_FOLDER_TALLY,
	PG_RATE_SETTLE,
	PG_THREAD_TALLY,
	PG_THREAD_DAYS,
	PG_THREAD_DAY_EDGE,
	PG_THREAD_BAD_STATE,
	PG_RATE_TALLY,
	PG_RATE_DAYS,
	PG_RATE_DAY_EDGE,
	/* A person's writes across accounts: the schema's definer
	 * functions (policies.sql). */
	PG_SPEND,
	PG_RESPOND,
	PG_SYSTEM_LINE,
	PG_NOTIFY,
	PG_UNBLOCK,
	PG_SEND_DUE,
	/* Search (pg_search.c): a word's query and the ids it drives (a
	 * person's, the owner's), and a page per side walking the account's
	 * threads or looking up a word's. */
	PG_SEARCH_WORD,
	PG_SEARCH_WORD_OWNER,
	PG_SEARCH_RECRUITER,
	PG_SEARCH_CANDIDATE,
	PG_SEARCH_RECRUITER_IDS,
	PG_SEARCH_CANDIDATE_IDS,
	/* The guardrail (pg_guardrail.c, pg_list.c). */
	PG_SENT_DAYS,
	PG_SENT_DAY_EDGE,
	PG_GUARDRAIL_GET,
	PG_GUARDRAIL_SET,
	PG_TEMPLATE_COUNTS, /* the report per template (SPEC 9) */
	PG_SENT_COUNTS,
	/* The credit ledger and the allotment (pg_ledger.c). */
	PG_LEDGER_ADD,
	PG_LEDGER_LIST,
	PG_LEDGER_AFTER,
	PG_ANSWERED_BY,
	PG_NOTE_SPEND,
	PG_NOTE_CREDIT_BACK,
	PG_NOTE_FORFEIT,
	PG_ALLOT_GET,
	PG_ALLOT_SET,
	PG_ALLOT_MARKS,
	PG_ALLOT_ARRIVE,
	PG_ALLOT_NEXT,
	PG_UNREFUNDED,
	/* side x archived x responded x order, times direction x filter
	 * for pages, times filter-only for counts (as the SQLite driver). */
	PG_PAGE_BASE,
	PG_COUNT_BASE = PG_PAGE_BASE + PG_LIST_SHAPES * 4 * 2,
	PG_STMT_MAX = PG_COUNT_BASE + PG_LIST_SHAPES,
};

/* Who is connected, the schema's clock and the server's now (pq_session):
 * columns 0..5 of a row, read by pg_session_from_row; me is the SQL of
 * the account (inmail.me()), super of whether session_user is a
 * superuser. */
#define PG_SESSION_COLUMNS_OF(me, super) \
	"session_user, coalesce(" me ", 0)," \
	" pg_has_role(session_user, 'inmail_admin', 'MEMBER'), " super "," \
	" coalesce((SELECT value FROM setting WHERE key = 'clock')," \
	" 'server') <> 'client'," \
	" floor(extract(epoch FROM now()))::bigint"
#define PG_SESSION_COLUMNS \
	PG_SESSION_COLUMNS_OF("inmail.me()", \
			      "coalesce((SELECT rolsuper FROM pg_roles" \
			      " WHERE rolname = session_user), false)")
void pg_session_from_row(const PGresult *r, int col,
			 struct im_store_session *out);
#define PG_OPEN_ACCOUNT 9

/* The driver's table (pg.c); store.c names it too. */
extern const struct im_store_driver store_pg_driver;

/* The PostgreSQL driver's handle. */
struct pg_store {
	struct im_store base;
	PGconn *conn;
	int backend_pid;
	bool writing;            /* inside begin .. commit / rollback */
	enum im_status status;   /* what the last failure mapped to */
	/* Whether the session acts as inmail_owner (an admin, a superuser:
	 * init, tests, copy) and writes rows directly; otherwise it is the
	 * person whose account's login it authenticated as (me, 0 for
	 * none), and what one account does to another goes through the
	 * definer functions. */
	bool owner;
	int64_t me;
	/* In the open transaction: a response that gave the credit back
	 * (inmail.respond does), and the due follow-ups read, which
	 * inmail.send_due_followup sends and clears. */
	bool refunded;
	struct pg_due { int64_t thread; im_time at; bool sent; } *due;
	size_t n_due, cap_due;
	char *sql[PG_STMT_MAX];  /* the prepared text of each slot, or NULL */
	int nparams[PG_STMT_MAX];
	/* The link (issue 14): the connection lost, a reset under way (and
	 * what it waits for), when to try next and the back-off. */
	bool lost, resetting;
	/* What the open read of the session (pq_session's columns), for
	 * pq_session's first call. */
	bool have_first;
	struct im_store_session first;
	/* The open's row (PG_OPEN_ACCOUNT, its columns from 9: the
	 * person's own account), answering the account reads of it
	 * (pq_account_by_handle, _by_id) until this connection sends
	 * anything else or hears of another session's change: the model's
	 * first reads of who is acting, without a round trip each. */
	PGresult *open_row;
	bool have_me;
	PostgresPollingStatusType reset_poll;
	double next_try_ms;
	int backoff_ms;
};
#define PG(s) ((struct pg_store *)(s))

/* This connection sends a statement: the open's row no longer answers
 * for the account. */
static inline void pg_sending(struct pg_store *pg)
{
	pg->have_me = false;
}

/* The person's own account from the open's row, when it may answer a
 * read of it (pg_store.have_me): true with *out filled (or the failure
 * kept in *st). */
bool pg_open_account(struct im_store *s, const char *handle, int64_t id,
		     struct im_account *out, enum im_status *st);

/* Parameters for one statement: each a text value or NULL (SQL NULL). */
#define PG_MAX_PARAMS 16
struct pg_params {
	const char *v[PG_MAX_PARAMS];
	char num[PG_MAX_PARAMS][24];
	int n;
};
void pgp_int(struct pg_params *p, int64_t x);
void pgp_bool(struct pg_params *p, bool x);
void pgp_text(struct pg_params *p, const char *x);
void pgp_null(struct pg_params *p);

/* Keeps a line for a failed result (or a lost connection) while doing
 * what, with the SQLSTATE; returns the status it maps to: IM0xx (the
 * guards' codes) to the matching status, 40001 and 40P01 (a
 * serialization failure or deadlock: the whole transaction is to be
 * retried) and everything else to IM_ERR_DATABASE. */
enum im_status pg_fail(struct im_store *s, const PGresult *res,
		       const char *what);

/* Runs the statement in slot id (prepared from sql on first use) with p;
 * the result (PGRES_TUPLES_OK or PGRES_COMMAND_OK), or NULL with the
 * error kept and its status in PG(s)->status. */
PGresult *pg_run(struct im_store *s, enum pg_stmt id, const char *sql,
		 const struct pg_params *p, const char *what);
/* The same, for a statement without rows: only the status. */
enum im_status pg_run_done(struct im_store *s, enum pg_stmt id,
			   const char *sql, const struct pg_params *p,
			   const char *what);

/* Column helpers (text format results). */
int64_t pg_int(const PGresult *r, int row, int col);
bool pg_bool(const PGresult *r, int row, int col);
bool pg_isnull(const PGresult *r, int row, int col);
char *pg_text(const PGresult *r, int row, int col); /* malloc'd */

/* "thread 3: its state holds a value inmail never writes (9)...". */
enum im_status pg_bad_row(struct im_store *s, const char *what, int64_t id,
			  const char *column, const PGresult *r, int row,
			  int col);

#define PG_THREAD_COLUMNS                                                     \
	"t.id, t.subject, t.created_at, t.updated_at, t.state, t.response, "  \
	"t.responded_at, t.blocked, t.refunded, t.followup_at, "              \
	"t.followup_body, t.last_from_recruiter, t.last_from_candidate, "     \
	"t.seen_by_recruiter, t.seen_by_candidate, t.archived_by_recruiter, " \
	"t.archived_by_candidate, r.id, r.handle, r.name, c.id, c.handle, "   \
	"c.name"
#define PG_THREAD_FROM                                       \
	" FROM thread t JOIN account r ON r.id = t.recruiter" \
	" JOIN account c ON c.id = t.candidate"
enum im_status pg_thread_from_row(struct im_store *s, const PGresult *r,
				  int row, struct im_store_thread *out);

/* The operations (store.h has each one's contract). */
enum im_status pq_account_insert(struct im_store *s, const char *handle, const char *name, enum im_role role, int64_t credits, im_time now, int64_t *id);
enum im_status pq_account_by_handle(struct im_store *s, const char *handle, struct im_account *out);
enum im_status pq_account_by_id(struct im_store *s, int64_t id, struct im_account *out);
enum im_status pq_account_list(struct im_store *s, int role_filter, struct im_account **out, size_t *n);
enum im_status pq_credits_add(struct im_store *s, int64_t account, int64_t delta);
enum im_status pq_thread_insert(struct im_store *s, int64_t recruiter, int64_t candidate, const char *subject, im_time created_at, im_time followup_at, const char *followup_body, const char *template_name, int64_t template_id, int64_t *id);
enum im_status pq_thread_get(struct im_store *s, int64_t id, struct im_store_thread *out);
enum im_status pq_message_insert(struct im_store *s, const struct im_store_message *msg, int64_t *id);
enum im_status pq_message_append(struct im_store *s, const struct im_store_message *msg, int64_t *id);
enum im_status pq_thread_set_summary(struct im_store *s, int64_t thread, const struct im_store_summary *sum);
enum im_status pq_messages(struct im_store *s, int64_t thread, struct im_message **out, size_t *n);
enum im_status pq_thread_respond(struct im_store *s, int64_t thread, enum im_state state, enum im_response response, im_time responded_at, bool blocked, bool refunded);
enum im_status pq_rate_settle(struct im_store *s, int64_t thread, im_time responded_from);
enum im_status pq_thread_set_blocked(struct im_store *s, int64_t thread, bool blocked);
enum im_status pq_thread_clear_followup(struct im_store *s, int64_t thread);
enum im_status pq_thread_set_seen(struct im_store *s, int64_t thread, enum im_side side, int64_t message);
enum im_status pq_thread_reset_seen(struct im_store *s, int64_t thread, enum im_side side, int64_t message);
enum im_status pq_thread_set_archived(struct im_store *s, int64_t thread, enum im_side side, bool archived);
enum im_status pq_due_followups(struct im_store *s, enum im_side side, int64_t account, im_time now, size_t limit, struct im_store_due **out, size_t *n);
enum im_status pq_pending_between(struct im_store *s, int64_t recruiter, int64_t candidate, im_time since, int64_t *thread, im_time *created_at);
enum im_status pq_template_insert(struct im_store *s, int64_t account, const struct im_store_template *t);
enum im_status pq_template_get(struct im_store *s, int64_t account, const char *name, struct im_store_template *out);
enum im_status pq_template_list(struct im_store *s, int64_t account, struct im_store_template **out, size_t *n);
enum im_status pq_template_delete(struct im_store *s, int64_t account, const char *name);
enum im_status pq_thread_page(struct im_store *s, const struct im_store_folder_query *q, enum im_page_dir dir, const struct im_cursor *at, size_t limit, struct im_store_thread **out, size_t *n);
enum im_status pq_folder_count(struct im_store *s, const struct im_store_folder_query *q, int64_t *total, int64_t *unread);
enum im_status pq_notification_insert(struct im_store *s, int64_t recruiter, int64_t thread, const char *text, im_time at, bool read);
enum im_status pq_notification_list(struct im_store *s, int64_t recruiter, int64_t before, size_t limit, struct im_notification **out, size_t *n);
enum im_status pq_notification_unread(struct im_store *s, int64_t recruiter, int64_t *count);
enum im_status pq_notification_mark_read(struct im_store *s, int64_t recruiter, int64_t thread);
enum im_status pq_notification_mark_range(struct im_store *s, int64_t recruiter, int64_t from, int64_t to);
enum im_status pq_thread_counts(struct im_store *s, int64_t recruiter, im_time since, struct im_store_thread_counts *out);
enum im_status pq_rate_counts(struct im_store *s, int64_t recruiter, im_time since, struct im_store_rate_counts *out);
enum im_status pq_draft_load(struct im_store *s, int64_t account, int64_t thread, struct im_draft *out);
enum im_status pq_draft_save(struct im_store *s, int64_t account, int64_t thread, const struct im_draft *d);
enum im_status pq_session(struct im_store *s, struct im_store_session *out);
enum im_status pq_clock_client(struct im_store *s);
enum im_status pq_account_login(struct im_store *s, int64_t account, const char *login, const char *password);
enum im_status pq_copy_from_sqlite(struct im_store *dst, const char *file, void (*progress)(void *arg, int64_t done, int64_t total), void *arg);
enum im_status pq_copy_to_sqlite(struct im_store *src, struct im_store *file, void (*progress)(void *arg, int64_t done, int64_t total), void *arg);
enum im_status pq_search(struct im_store *s, const struct im_store_search *q, size_t limit, struct im_store_thread **out, size_t *n);
enum im_status pq_guardrail_get(struct im_store *s, int64_t recruiter, im_time *since, im_time *until);
enum im_status pq_guardrail_set(struct im_store *s, int64_t recruiter, im_time since, im_time until);
enum im_status pq_template_counts(struct im_store *s, int64_t recruiter, im_time from, im_time to, im_time window, im_time cutoff, struct im_store_template_counts **out, size_t *n);
enum im_status pq_sent_counts(struct im_store *s, int64_t recruiter, im_time from, im_time to, im_time window, im_time cutoff, struct im_store_sent_counts *out);
enum im_status pq_draft_discard(struct im_store *s, int64_t account, int64_t thread);
/* The credit ledger and the allotment (pg_ledger.c). */
enum im_status pq_ledger_add(struct im_store *s, int64_t account, int kind, int64_t amount, int64_t thread, im_time at);
enum im_status pq_ledger_list(struct im_store *s, int64_t account, struct im_store_ledger_row **out, size_t *n);
enum im_status pq_ledger_after(struct im_store *s, int64_t account, im_time after, int64_t *sum, im_time *first);
enum im_status pq_answered_by(struct im_store *s, int64_t recruiter, im_time from, im_time to, im_time by, int64_t *sent, int64_t *answered);
enum im_status pq_allotment_get(struct im_store *s, int64_t account, struct im_store_allotment *out);
enum im_status pq_allotment_set(struct im_store *s, int64_t account, const struct im_store_allotment *a);
enum im_status pq_allotment_arrive(struct im_store *s, int64_t account, int kind, im_time at, int64_t amount, im_time next_at);
enum im_status pq_unrefunded(struct im_store *s, int64_t recruiter, im_time from, im_time to, size_t limit, int64_t **ids, im_time **created, size_t *n);

#endif
