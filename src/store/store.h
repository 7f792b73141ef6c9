/* The store: the only code that speaks SQL.  An opaque handle and a few
 * operations the model composes into transactions; every statement is
 * prepared, bound and cached behind this interface by a driver
 * (src/store/driver.h: one table of these operations, src/store/sqlite/
 * the embedded file), chosen by the --db value, so the model never asks
 * which one it has.  The store writes the facts the model decided and
 * sums them; what a value means (a folder, a window, an outcome) is the
 * model's.
 *
 * Every function returning enum im_status keeps, on failure, a line in
 * im_store_error().  None of them begins or ends a transaction except
 * im_store_begin / commit / rollback. */
#ifndef INMAIL_STORE_H
#define INMAIL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inmail/clock.h"
#include "inmail/page.h"
#include "inmail/status.h"
#include "inmail/types.h"

struct im_store;

/* Which side of a thread an account is on. */
enum im_side { IM_SIDE_RECRUITER = 0, IM_SIDE_CANDIDATE = 1 };

/* The model's rules a store needs when it creates or upgrades a database:
 * for the rows written before the store kept the model's decisions, which
 * two message kinds count toward the response rate, and its window; for
 * a server's guards (SPEC 7), the windows of the rate and of the credit
 * back, which the database holds the model's writes to.  The model
 * passes its own; NULL refuses a database that needs creating or
 * upgrading. */
struct im_store_rules {
	enum im_kind counted[2];
	im_time rate_window;
	im_time credit_window;
	/* The ledger (SPEC 9), begun by an upgrade with one row per
	 * account of credit_role: its balance, as a row of this kind. */
	int ledger_opening;
	enum im_role credit_role;
};

/* Opens path.  With create, makes a missing file 0600 (its directory 0700)
 * and creates or migrates the schema; without, a missing or uninitialised
 * database is refused.  A foreign file or a newer schema is refused and
 * left untouched.  On failure *err (if not NULL) gets a malloc'd line. */
enum im_status im_store_open(const char *path, bool create,
			     const struct im_store_rules *rules,
			     struct im_store **out, char **err);
void im_store_close(struct im_store **s);

/* A line about something worth fixing that did not stop the open (a
 * database others can read), or NULL. */
const char *im_store_warning(const struct im_store *s);
const char *im_store_error(const struct im_store *s);

/* A write transaction: BEGIN IMMEDIATE, waiting while another connection
 * writes (up to 30 s, then IM_ERR_DATABASE). */
enum im_status im_store_begin(struct im_store *s);
/* The same, waiting at most wait_ms; *busy tells that another connection
 * held the write lock all that time (then IM_ERR_DATABASE). */
enum im_status im_store_begin_within(struct im_store *s, int wait_ms,
				     bool *busy);
/* A read transaction: one consistent snapshot for several reads, taking
 * no lock a writer waits on and never waiting for one.  End it with
 * im_store_end_read. */
enum im_status im_store_begin_read(struct im_store *s);
void im_store_end_read(struct im_store *s);
/* Makes the transaction's writes durable; on failure it is rolled back. */
enum im_status im_store_commit(struct im_store *s);
/* Undoes the open transaction, if any; harmless without one. */
void im_store_rollback(struct im_store *s);
/* Whether the transaction begun last failed only because another
 * session's change overtook it (a serialization failure or a deadlock on
 * a server): rolled back, it is to be run again whole.  Never true on
 * SQLite, whose writers wait for each other. */
bool im_store_retryable(const struct im_store *s);

/* For bulk loads (gen) into a new file: a large page cache, no fsync, no
 * foreign-key checks, and no indexes or triggers until im_store_bulk_end
 * rebuilds them and the tallies.  A crash during the load may lose the
 * load, never an existing database's data, since gen only writes new
 * files.  Call both outside a transaction. */
enum im_status im_store_bulk_begin(struct im_store *s);
enum im_status im_store_bulk_end(struct im_store *s);

/* True when another connection committed since the last call. */
bool im_store_changed(struct im_store *s);

/* ---- live updates and the link to a server (issue 14) ---- */
/* The descriptor a live view waits on (poll) beside its keyboard: it
 * becomes readable when another session's change may have been announced,
 * and then im_store_changed says.  -1 when there is none to wait on (a
 * file, whose change check is cheap enough to run each tick; a server
 * while its connection is lost): then check each tick.  It may change
 * after a reconnect, so ask again each time. */
int im_store_wait_fd(struct im_store *s);

enum im_store_link {
	IM_STORE_LINK_UP,   /* connected (a file always is) */
	IM_STORE_LINK_DOWN, /* the server's connection is lost; reconnecting */
	IM_STORE_LINK_BACK, /* reconnected since the last call: what was
			     * announced meanwhile was not heard, read again */
};
/* Keeps the link: notices a lost connection and, without blocking,
 * reconnects with back-off (re-listening, statements prepared again as
 * they are next used).  For a live view's idle loop, each tick. */
enum im_store_link im_store_link(struct im_store *s);

/* ---- accounts ---- */
/* A new account; a handle already taken is IM_ERR_INVALID ("the handle
 * 'x' is taken").  *id (if not NULL) gets its id. */
enum im_status im_store_account_insert(struct im_store *s, const char *handle,
				       const char *name, enum im_role role,
				       int64_t credits, im_time now,
				       int64_t *id);
/* One account into *out (free with im_account_clear); IM_ERR_NOT_FOUND
 * when there is none; a role or balance inmail never writes is
 * IM_ERR_INVALID. */
enum im_status im_store_account_by_handle(struct im_store *s,
					  const char *handle,
					  struct im_account *out);
enum im_status im_store_account_by_id(struct im_store *s, int64_t id,
				      struct im_account *out);
/* Every account (role_filter -1) or those of one role, by handle; *out is
 * malloc'd (free with im_accounts_free). */
enum im_status im_store_account_list(struct im_store *s, int role_filter,
				     struct im_account **out, size_t *n);
/* Adds delta (may be negative) to a balance; refuses to go below 0
 * (IM_ERR_NO_CREDITS) or past what an int64_t holds (IM_ERR_INVALID).  Any
 * cap on grants is the model's to check. */
enum im_status im_store_credits_add(struct im_store *s, int64_t account,
				    int64_t delta);

/* ---- threads and messages ---- */

/* A thread row with what the model needs to judge it. */
struct im_store_thread {
	struct im_thread t; /* parties, subject, times, state, response... */
	int64_t last_from_recruiter; /* newest message id by each side */
	int64_t last_from_candidate;
	int64_t seen_by_recruiter;   /* message id at each side's last look */
	int64_t seen_by_candidate;
	bool archived_by_recruiter;
	bool archived_by_candidate;
	bool refunded;
	char *followup_body;
};
void im_store_thread_clear(struct im_store_thread *r);

/* A new thread with no response yet; *id (if not NULL) gets its id.
 * followup_body NULL: no automated follow-up (followup_at unused).
 * template_name: the template it was sent from, NULL for none (SPEC 9's
 * report per template), kept as written, and template_id that template's
 * id (im_store_template.id; 0 for none or unknown): a template removed
 * and added again under its name is another template. */
enum im_status im_store_thread_insert(struct im_store *s, int64_t recruiter,
				      int64_t candidate, const char *subject,
				      im_time created_at, im_time followup_at,
				      const char *followup_body,
				      const char *template_name,
				      int64_t template_id, int64_t *id);
/* One thread; IM_ERR_NOT_FOUND when there is none, IM_ERR_NOT_PERMITTED
 * when there is one the login may not see (a server's row security),
 * IM_ERR_INVALID for a value inmail never writes (the line names the
 * thread and the column). */
enum im_status im_store_thread_get(struct im_store *s, int64_t id,
				   struct im_store_thread *out);

/* Appends a message and moves the thread's updated_at and the sender side's
 * newest-message mark.  sender 0 is a system line (no side). */
struct im_store_message {
	int64_t thread;
	int64_t sender;
	enum im_side side; /* ignored for system lines */
	enum im_kind kind;
	const char *body;
	im_time sent_at;
	bool classified;
	enum im_label label;
	double confidence;
	/* Counts toward the thread's recruiter's response rate (the model
	 * says which kinds do); waits for its outcome until
	 * im_store_rate_settle. */
	bool counted;
};
enum im_status im_store_message_insert(struct im_store *s,
				       const struct im_store_message *msg,
				       int64_t *id);
/* Appends a message and leaves the thread's marks alone: for bulk loads,
 * which then set them once with im_store_thread_set_summary. */
enum im_status im_store_message_append(struct im_store *s,
				       const struct im_store_message *msg,
				       int64_t *id);

/* The marks a thread keeps of its messages, set at once. */
struct im_store_summary {
	im_time updated_at;
	int64_t last_message;
	int64_t last_from_recruiter, last_from_candidate;
	int64_t seen_by_recruiter, seen_by_candidate;
};
enum im_status im_store_thread_set_summary(struct im_store *s, int64_t thread,
					   const struct im_store_summary *sum);

/* A thread's messages, oldest first, into a malloc'd array (free each
 * body, then the array); a kind, time or classification inmail never
 * writes is IM_ERR_INVALID naming the thread. */
enum im_status im_store_messages(struct im_store *s, int64_t thread,
				 struct im_message **out, size_t *n);

/* Records the candidate's response as the model judged it, and cancels
 * the automated follow-up. */
enum im_status im_store_thread_respond(struct im_store *s, int64_t thread,
				       enum im_state state,
				       enum im_response response,
				       im_time responded_at, bool blocked,
				       bool refunded);
/* Settles the thread's counted messages still waiting: each is marked
 * responded when sent at or after responded_from (the model's window
 * before the response), not responded otherwise. */
enum im_status im_store_rate_settle(struct im_store *s, int64_t thread,
				    im_time responded_from);
/* The flags the model decides, each written as given. */
enum im_status im_store_thread_set_blocked(struct im_store *s, int64_t thread,
					   bool blocked);
/* Drops the scheduled automated follow-up (sent, or cancelled). */
enum im_status im_store_thread_clear_followup(struct im_store *s,
					      int64_t thread);
/* Moves side's look mark up to message (never down). */
enum im_status im_store_thread_set_seen(struct im_store *s, int64_t thread,
					enum im_side side, int64_t message);
/* Sets side's look mark to message exactly, so a thread is unread again
 * until the next look. */
enum im_status im_store_thread_reset_seen(struct im_store *s, int64_t thread,
					  enum im_side side, int64_t message);
enum im_status im_store_thread_set_archived(struct im_store *s, int64_t thread,
					    enum im_side side, bool archived);

/* The automated follow-ups due at or before now in the threads where
 * account is on side, oldest first, at most limit. */
struct im_store_due {
	int64_t thread;
	int64_t recruiter;
	im_time due_at;
	char *body;
};
enum im_status im_store_due_followups(struct im_store *s, enum im_side side,
				      int64_t account, im_time now,
				      size_t limit, struct im_store_due **out,
				      size_t *n);
/* Frees a list and its bodies; NULL-safe, clears *list. */
void im_store_due_free(struct im_store_due **list, size_t n);

/* The newest thread from recruiter to candidate with no response, created
 * at or after since: *thread 0 when there is none. */
enum im_status im_store_pending_between(struct im_store *s, int64_t recruiter,
					int64_t candidate, im_time since,
					int64_t *thread, im_time *created_at);

/* ---- folders ---- */

/* The order of a thread list: by creation or by last update, newest
 * first; ties by id. */
enum im_store_order { IM_STORE_BY_UPDATED = 0, IM_STORE_BY_CREATED = 1 };

/* Which threads a list holds: the model builds it from a folder.  The
 * account's threads on side, narrowed by archived (on that side) and
 * responded, each -1 for either, 0 for no, 1 for yes. */
struct im_store_folder_query {
	int64_t account;
	enum im_side side;
	int archived;
	int responded;
	enum im_store_order order;
	const char *filter; /* NULL or "" for all */
};
/* A page of at most limit threads from at (see page.h), in the query's
 * order; *out is calloc'd (free with im_store_threads_free). */
enum im_status im_store_thread_page(struct im_store *s,
				    const struct im_store_folder_query *q,
				    enum im_page_dir dir,
				    const struct im_cursor *at, size_t limit,
				    struct im_store_thread **out, size_t *n);
/* Frees a page and its threads; NULL-safe, clears *list. */
void im_store_threads_free(struct im_store_thread **list, size_t n);
/* How many threads the query holds, and how many of them the account has
 * not seen the other side's newest message of. */
enum im_status im_store_folder_count(struct im_store *s,
				     const struct im_store_folder_query *q,
				     int64_t *total, int64_t *unread);

/* ---- search (SPEC 9) ----
 * The threads of account on side that meet every condition, newest
 * created first (by id), ids below after_id (0: from the newest).  A
 * word matches a thread when its subject, a party's name or one of its
 * messages holds it (any case, accents folded; prefix: a word starting
 * so; phrase: its words in a row).  from, after and before are
 * conditions on one message: its sender, sent_at at or after after (0:
 * any), at or before before (0: any). */
struct im_store_search_word {
	const char *text;
	bool prefix;
	bool phrase;
};
struct im_store_search {
	int64_t account;
	enum im_side side;
	const struct im_store_search_word *words;
	size_t n_words;
	int64_t from;  /* a sender's account id, 0: any */
	int64_t with;  /* the other party's account id, 0: any */
	int state;     /* enum im_state, -1: any */
	bool unread;   /* the account has not seen the other side's newest */
	bool blocked;
	bool archived; /* on side */
	im_time after, before;
	int64_t after_id;
};
enum im_status im_store_search(struct im_store *s,
			       const struct im_store_search *q, size_t limit,
			       struct im_store_thread **out, size_t *n);

/* ---- the 13 % guardrail (SPEC 9) ----
 * What the model recorded for a recruiter: since when warned and until
 * when restricted, each 0 for none; written as given. */
enum im_status im_store_guardrail_get(struct im_store *s, int64_t recruiter,
				      im_time *since, im_time *until);
enum im_status im_store_guardrail_set(struct im_store *s, int64_t recruiter,
				      im_time since, im_time until);
/* The measure as of a moment: a recruiter's threads created in [from,
 * to] (both inclusive), and how many of those had their response at or
 * before by.  Reads those threads' rows (an index range). */
enum im_status im_store_answered_by(struct im_store *s, int64_t recruiter,
				    im_time from, im_time to, im_time by,
				    int64_t *sent, int64_t *answered);

/* ---- reports (SPEC 9) ----
 * A recruiter's threads created in [from, to): how many, by state, with
 * a response, with one at most window after the creation, and without
 * one created before cutoff.  Reads those threads' rows (an index range),
 * not a tally. */
struct im_store_sent_counts {
	int64_t sent;
	int64_t by_state[IM_STATE_COUNT];
	int64_t responded;
	int64_t responded_within;
	int64_t unresponded_before;
};
enum im_status im_store_sent_counts(struct im_store *s, int64_t recruiter,
				    im_time from, im_time to, im_time window,
				    im_time cutoff,
				    struct im_store_sent_counts *out);
/* The same counts per template the threads were sent from (name NULL:
 * sent without one), by name and template id, the NULL one last; templates without a
 * thread in [from, to) are not listed.  Free with
 * im_store_template_counts_free. */
struct im_store_template_counts {
	char *name;
	int64_t template_id; /* the template's id; 0: unknown (before ids) */
	struct im_store_sent_counts c;
};
enum im_status im_store_template_counts(struct im_store *s, int64_t recruiter,
					im_time from, im_time to,
					im_time window, im_time cutoff,
					struct im_store_template_counts **out,
					size_t *n);
void im_store_template_counts_free(struct im_store_template_counts **list,
				   size_t n);

/* ---- notifications ---- */
/* One per thread; read is true only for data sets written as history. */
enum im_status im_store_notification_insert(struct im_store *s,
					    int64_t recruiter, int64_t thread,
					    const char *text, im_time at,
					    bool read);
/* Newest first, at most limit, with ids below before (0: from the newest). */
enum im_status im_store_notification_list(struct im_store *s,
					  int64_t recruiter, int64_t before,
					  size_t limit,
					  struct im_notification **out,
					  size_t *n);
/* How many of the recruiter's notifications are unread. */
enum im_status im_store_notification_unread(struct im_store *s,
					    int64_t recruiter, int64_t *count);
/* Marks read one thread's notification. */
enum im_status im_store_notification_mark_read(struct im_store *s,
					       int64_t recruiter,
					       int64_t thread);
/* Marks read the recruiter's notifications with ids from .. to. */
enum im_status im_store_notification_mark_range(struct im_store *s,
						int64_t recruiter,
						int64_t from, int64_t to);

/* ---- statistics ----
 * Each reads a few tally rows and at most one day's rows, whatever the
 * account's history (the counts over a window come from per-day buckets).
 * A negative tally, which only another program's writes make, is
 * IM_ERR_INVALID. */

/* A recruiter's threads by outcome, as written: by_state[st] is how many
 * are in state st; unresponded_since counts those with no response
 * created at or after the since the caller gave. */
struct im_store_thread_counts {
	int64_t threads;
	int64_t by_state[IM_STATE_COUNT];
	int64_t refunded;
	int64_t unresponded;
	int64_t unresponded_since;
	int64_t created_since; /* created at or after since (SPEC 9) */
};
enum im_status im_store_thread_counts(struct im_store *s, int64_t recruiter,
				      im_time since,
				      struct im_store_thread_counts *out);

/* A recruiter's counted messages: all, settled (a response came) and of
 * those marked responded; waiting (no response yet) and of those, sent at
 * or after since. */
struct im_store_rate_counts {
	int64_t counted, settled, responded;
	int64_t waiting, waiting_since;
};
enum im_status im_store_rate_counts(struct im_store *s, int64_t recruiter,
				    im_time since,
				    struct im_store_rate_counts *out);

/* ---- templates (SPEC 9) ---- */
/* A recruiter's template, stored as written: {variables} unrendered;
 * followup_body NULL and followup_days 0 for none. */
struct im_store_template {
	/* Its identity (read; set by insert): never another template's, also
	 * after it is removed; 0 for one written by another program. */
	int64_t id;
	char *name;
	char *subject;
	char *body;
	char *followup_body;
	int followup_days;
	im_time created_at;
};
/* Frees the strings; NULL-safe. */
void im_store_template_clear(struct im_store_template *t);
/* Frees a list and its templates; NULL-safe, clears *list. */
void im_store_templates_free(struct im_store_template **list, size_t n);
/* Adds t as the account's; IM_ERR_INVALID when the name is taken. */
enum im_status im_store_template_insert(struct im_store *s, int64_t account,
					const struct im_store_template *t);
/* The account's template by name into *out; IM_ERR_NOT_FOUND: none. */
enum im_status im_store_template_get(struct im_store *s, int64_t account,
				     const char *name,
				     struct im_store_template *out);
/* The account's templates, by name (free with im_store_templates_free). */
enum im_status im_store_template_list(struct im_store *s, int64_t account,
				      struct im_store_template **out,
				      size_t *n);
/* Deletes the account's template; IM_ERR_NOT_FOUND: none by that name. */
enum im_status im_store_template_delete(struct im_store *s, int64_t account,
					const char *name);

/* ---- drafts ---- */
/* The account's draft in a thread (0: the new-InMail form) into *out
 * (free its body); IM_ERR_NOT_FOUND when none is kept. */
enum im_status im_store_draft_load(struct im_store *s, int64_t account,
				   int64_t thread, struct im_draft *out);
/* Keeps d as the account's draft there, replacing any. */
enum im_status im_store_draft_save(struct im_store *s, int64_t account,
				   int64_t thread, const struct im_draft *d);
/* Drops it; none kept is not an error. */
enum im_status im_store_draft_discard(struct im_store *s, int64_t account,
				      int64_t thread);

/* ---- who is connected, and whose clock (SPEC 7) ---- */
struct im_store_session {
	bool bound;       /* the connection acts as its login's account only */
	int64_t account;  /* that account; 0: the login is no account's */
	bool admin;       /* may initialise, add accounts and grant credits */
	bool logins;      /* accounts log in as the database's roles */
	char login[64];   /* the login's name ("" on a file) */
	bool server_clock; /* the database keeps its server's clock... */
	im_time now;       /* ...which read this, at the call */
};
/* On a file: not bound, admin, no logins, the client's clock. */
enum im_status im_store_session(struct im_store *s,
				struct im_store_session *out);
/* From now on the database keeps its clients' clock (tests and demos);
 * a file always does. */
enum im_status im_store_clock_client(struct im_store *s);
/* Makes the account log in as the role login, creating the role (LOGIN,
 * with password when not NULL) when it is missing; IM_ERR_USAGE where
 * accounts have no logins (a file). */
enum im_status im_store_account_login(struct im_store *s, int64_t account,
				      const char *login, const char *password);

/* inmail copy (SPEC 7): every row of the inmail SQLite file at path (of
 * this version's schema: open it with im_store_open first) into s, a
 * server's database with no accounts, with their ids, in one
 * transaction; the counts of each table checked on both sides before the
 * commit.  progress (if not NULL) is called after each batch of rows.
 * IM_ERR_USAGE where s is no server's. */
enum im_status im_store_copy_in(struct im_store *s, const char *path,
				void (*progress)(void *arg, int64_t done,
						 int64_t total),
				void *arg);

/* The other way, for backups: every row of s, a server's database, into
 * file, a new SQLite file with no accounts (just made by im_store_open),
 * from one snapshot, all or nothing, the counts checked; its tallies are
 * rebuilt.  IM_ERR_USAGE where s is no server's. */
enum im_status im_store_copy_out(struct im_store *s, struct im_store *file,
				 void (*progress)(void *arg, int64_t done,
						  int64_t total),
				 void *arg);

/* ---- the credit ledger and the monthly allotment (SPEC 9) ----
 * A row for every change of a balance, written by the model in the
 * transaction that makes the change; kind is the model's (enum
 * im_ledger_kind), stored as given; a kind inmail never writes is
 * IM_ERR_INVALID when read. */
struct im_store_ledger_row {
	int64_t id;
	int kind;
	int64_t amount; /* signed */
	int64_t thread; /* 0: none */
	im_time at;
};
/* Appends a row for account: its balance changed by amount (which
 * im_store_credits_add already applied; 0 changes nothing) for kind, in
 * thread (0: none), at at.  A second row of one kind for one thread is
 * IM_ERR_INVALID. */
enum im_status im_store_ledger_add(struct im_store *s, int64_t account,
				   int kind, int64_t amount, int64_t thread,
				   im_time at);
/* The account's rows, oldest first (by at, then id), into a malloc'd
 * array (free it). */
enum im_status im_store_ledger_list(struct im_store *s, int64_t account,
				    struct im_store_ledger_row **out,
				    size_t *n);
/* The account's rows dated after after: the sum of their amounts and the
 * earliest one's time (0: no such row).  An index range. */
enum im_status im_store_ledger_after(struct im_store *s, int64_t account,
				     im_time after, int64_t *sum,
				     im_time *first);
/* A recruiter's allotment as the model recorded it: amount a month (0:
 * none), next_at the first it next arrives (0: none), and forfeits_from:
 * the threads created at or after it have yet to have their forfeits
 * recorded.  IM_ERR_NOT_FOUND when nothing was ever recorded. */
struct im_store_allotment {
	int64_t amount;
	im_time next_at;
	im_time forfeits_from;
};
enum im_status im_store_allotment_get(struct im_store *s, int64_t account,
				      struct im_store_allotment *out);
/* Records a as the account's (replacing any). */
enum im_status im_store_allotment_set(struct im_store *s, int64_t account,
				      const struct im_store_allotment *a);
/* One month's allotment, as one change: amount added to the balance, its
 * ledger row (kind, at, no thread), and next_at as the next arrival. */
enum im_status im_store_allotment_arrive(struct im_store *s, int64_t account,
					 int kind, im_time at, int64_t amount,
					 im_time next_at);
/* The recruiter's threads created in [from, to) whose credit was not
 * given back, oldest first, into malloc'd arrays of ids and creation
 * times (free both); at most limit (0: all). */
enum im_status im_store_unrefunded(struct im_store *s, int64_t recruiter,
				   im_time from, im_time to, size_t limit,
				   int64_t **ids, im_time **created, size_t *n);

/* ---- checks ---- */

/* Calls each with the SQL and the query plan (EXPLAIN QUERY PLAN, one step
 * a line) of every statement this handle has prepared so far, so a test
 * can hold the hot queries to using indexes. */
enum im_status im_store_plans(struct im_store *s,
			      void (*each)(void *arg, const char *sql,
					   const char *plan),
			      void *arg);

#endif
