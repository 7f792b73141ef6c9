/* Private to the store: what a driver provides.  A driver is one table of
 * operations (dovecot's lib-sql/sql-api-private.h); its handle begins
 * with struct im_store, so store.c can dispatch on any of them and keep
 * the error line every driver shares.  Nothing above the store sees this
 * header: the model talks to store.h only and never asks which driver it
 * has. */
#ifndef INMAIL_STORE_DRIVER_H
#define INMAIL_STORE_DRIVER_H

#include "store.h"

struct im_store_driver;

/* The start of every driver's handle. */
struct im_store {
	const struct im_store_driver *drv;
	char err[512];
	char warning[512]; /* "" when none */
	bool retryable; /* im_store_retryable: cleared at each begin */
};

struct im_store_driver {
	const char *name;
	/* Whether target (a --db value) names one of this driver's databases. */
	bool (*handles)(const char *target);
	/* im_store_open for this driver: on success *out is a handle whose
	 * drv is this table. */
	enum im_status (*open)(const char *target, bool create,
			       const struct im_store_rules *rules,
			       struct im_store **out, char **err);
	/* Frees a handle opened by open (never NULL). */
	void (*close)(struct im_store *s);
	/* One per operation of store.h, with its contract there. */
	enum im_status (*begin)(struct im_store *s);
	enum im_status (*begin_within)(struct im_store *s, int wait_ms, bool *busy);
	enum im_status (*begin_read)(struct im_store *s);
	void (*end_read)(struct im_store *s);
	enum im_status (*commit)(struct im_store *s);
	void (*rollback)(struct im_store *s);
	enum im_status (*bulk_begin)(struct im_store *s);
	enum im_status (*bulk_end)(struct im_store *s);
	bool (*changed)(struct im_store *s);
	enum im_status (*account_insert)(struct im_store *s, const char *handle, const char *name, enum im_role role, int64_t credits, im_time now, int64_t *id);
	enum im_status (*account_by_handle)(struct im_store *s, const char *handle, struct im_account *out);
	enum im_status (*account_by_id)(struct im_store *s, int64_t id, struct im_account *out);
	enum im_status (*account_list)(struct im_store *s, int role_filter, struct im_account **out, size_t *n);
	enum im_status (*credits_add)(struct im_store *s, int64_t account, int64_t delta);
	enum im_status (*thread_insert)(struct im_store *s, int64_t recruiter, int64_t candidate, const char *subject, im_time created_at, im_time followup_at, const char *followup_body, const char *template_name, int64_t template_id, int64_t *id);
	enum im_status (*thread_get)(struct im_store *s, int64_t id, struct im_store_thread *out);
	enum im_status (*message_insert)(struct im_store *s, const struct im_store_message *msg, int64_t *id);
	enum im_status (*message_append)(struct im_store *s, const struct im_store_message *msg, int64_t *id);
	enum im_status (*thread_set_summary)(struct im_store *s, int64_t thread, const struct im_store_summary *sum);
	enum im_status (*messages)(struct im_store *s, int64_t thread, struct im_message **out, size_t *n);
	enum im_status (*thread_respond)(struct im_store *s, int64_t thread, enum im_state state, enum im_response response, im_time responded_at, bool blocked, bool refunded);
	enum im_status (*rate_settle)(struct im_store *s, int64_t thread, im_time responded_from);
	enum im_status (*thread_set_blocked)(struct im_store *s, int64_t thread, bool blocked);
	enum im_status (*thread_clear_followup)(struct im_store *s, int64_t thread);
	enum im_status (*thread_set_seen)(struct im_store *s, int64_t thread, enum im_side side, int64_t message);
	enum im_status (*thread_reset_seen)(struct im_store *s, int64_t thread, enum im_side side, int64_t message);
	enum im_status (*thread_set_archived)(struct im_store *s, int64_t thread, enum im_side side, bool archived);
	enum im_status (*due_followups)(struct im_store *s, enum im_side side, int64_t account, im_time now, size_t limit, struct im_store_due **out, size_t *n);
	enum im_status (*pending_between)(struct im_store *s, int64_t recruiter, int64_t candidate, im_time since, int64_t *thread, im_time *created_at);
	enum im_status (*thread_page)(struct im_store *s, const struct im_store_folder_query *q, enum im_page_dir dir, const struct im_cursor *at, size_t limit, struct im_store_thread **out, size_t *n);
	enum im_status (*folder_count)(struct im_store *s, const struct im_store_folder_query *q, int64_t *total, int64_t *unread);
	enum im_status (*notification_insert)(struct im_store *s, int64_t recruiter, int64_t thread, const char *text, im_time at, bool read);
	enum im_status (*notification_list)(struct im_store *s, int64_t recruiter, int64_t before, size_t limit, struct im_notification **out, size_t *n);
	enum im_status (*notification_unread)(struct im_store *s, int64_t recruiter, int64_t *count);
	enum im_status (*notification_mark_read)(struct im_store *s, int64_t recruiter, int64_t thread);
	enum im_status (*notification_mark_range)(struct im_store *s, int64_t recruiter, int64_t from, int64_t to);
	enum im_status (*thread_counts)(struct im_store *s, int64_t recruiter, im_time since, struct im_store_thread_counts *out);
	enum im_status (*rate_counts)(struct im_store *s, int64_t recruiter, im_time since, struct im_store_rate_counts *out);
	enum im_status (*template_insert)(struct im_store *s, int64_t account, const struct im_store_template *t);
	enum im_status (*template_get)(struct im_store *s, int64_t account, const char *name, struct im_store_template *out);
	enum im_status (*template_list)(struct im_store *s, int64_t account, struct im_store_template **out, size_t *n);
	enum im_status (*template_delete)(struct im_store *s, int64_t account, const char *name);
	enum im_status (*draft_load)(struct im_store *s, int64_t account, int64_t thread, struct im_draft *out);
	enum im_status (*draft_save)(struct im_store *s, int64_t account, int64_t thread, const struct im_draft *d);
	enum im_status (*draft_discard)(struct im_store *s, int64_t account, int64_t thread);
	/* NULL in a driver without logins or a clock of its own (a file). */
	enum im_status (*session)(struct im_store *s, struct im_store_session *out);
	enum im_status (*clock_client)(struct im_store *s);
	enum im_status (*account_login)(struct im_store *s, int64_t account, const char *login, const char *password);
	enum im_status (*copy_in)(struct im_store *s, const char *path, void (*progress)(void *arg, int64_t done, int64_t total), void *arg);
	enum im_status (*copy_out)(struct im_store *s, struct im_store *file, void (*progress)(void *arg, int64_t done, int64_t total), void *arg);
	enum im_status (*search)(struct im_store *s, const struct im_store_search *q, size_t limit, struct im_store_thread **out, size_t *n);
	enum im_status (*guardrail_get)(struct im_store *s, int64_t recruiter, im_time *since, im_time *until);
	enum im_status (*guardrail_set)(struct im_store *s, int64_t recruiter, im_time since, im_time until);
	enum im_status (*answered_by)(struct im_store *s, int64_t recruiter, im_time from, im_time to, im_time by, int64_t *sent, int64_t *answered);
	/* The report per template (SPEC 9). */
	enum im_status (*template_counts)(struct im_store *s, int64_t recruiter, im_time from, im_time to, im_time window, im_time cutoff, struct im_store_template_counts **out, size_t *n);
	enum im_status (*sent_counts)(struct im_store *s, int64_t recruiter, im_time from, im_time to, im_time window, im_time cutoff, struct im_store_sent_counts *out);
	/* The credit ledger and the allotment (SPEC 9). */
	enum im_status (*ledger_add)(struct im_store *s, int64_t account, int kind, int64_t amount, int64_t thread, im_time at);
	enum im_status (*ledger_list)(struct im_store *s, int64_t account, struct im_store_ledger_row **out, size_t *n);
	enum im_status (*ledger_after)(struct im_store *s, int64_t account, im_time after, int64_t *sum, im_time *first);
	enum im_status (*allotment_get)(struct im_store *s, int64_t account, struct im_store_allotment *out);
	enum im_status (*allotment_set)(struct im_store *s, int64_t account, const struct im_store_allotment *a);
	enum im_status (*allotment_arrive)(struct im_store *s, int64_t account, int kind, im_time at, int64_t amount, im_time next_at);
	enum im_status (*unrefunded)(struct im_store *s, int64_t recruiter, im_time from, im_time to, size_t limit, int64_t **ids, im_time **created, size_t *n);
	enum im_status (*plans)(struct im_store *s, void (*each)(void *arg, const char *sql, const char *plan), void *arg);
	/* Live updates and the link (issue 14); NULL in a driver with no
	 * descriptor to wait on and no connection to lose (a file). */
	int (*wait_fd)(struct im_store *s);
	enum im_store_link (*link)(struct im_store *s);
};

/* The embedded file (src/store/sqlite/). */
extern const struct im_store_driver store_sqlite_driver;

/* Keeps a formatted error line in the handle and returns st. */
enum im_status store_fail(struct im_store *s, enum im_status st,
			  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
