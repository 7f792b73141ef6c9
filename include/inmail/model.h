/* The InMail model: every rule of SPEC 1-3.  The command line and the
 * terminal interface call these functions and show what they return; they
 * decide nothing themselves.  The model never prints and never reads the
 * system clock.
 *
 * Call order: im_model_open, im_model_set_now, im_model_set_actor (for every
 * call that acts or reads as someone), then any operation, then
 * im_model_close.  A handle is one database connection; use one handle per
 * session (the demo opens two).
 *
 * Every function returning enum im_status leaves the database unchanged on
 * failure and keeps one line saying what and why in im_model_error(). */
#ifndef INMAIL_MODEL_H
#define INMAIL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inmail/clock.h"
#include "inmail/page.h"
#include "inmail/status.h"
#include "inmail/types.h"

struct im_model;

enum im_open_mode {
	IM_OPEN_EXISTING = 0, /* refuse a missing file */
	IM_OPEN_CREATE = 1,   /* create (0600, directory 0700) or migrate */
};

/* Opens the database at path.  On failure *out is NULL and, when err is not
 * NULL, *err holds a malloc'd line saying why (free it). */
enum im_status im_model_open(const char *path, enum im_open_mode mode,
			     struct im_model **out, char **err);

/* Closes and sets *m to NULL.  Accepts NULL and a NULL *m. */
void im_model_close(struct im_model **m);

/* The last failure's line ("no such thread: 42").  Never NULL. */
const char *im_model_error(const struct im_model *m);

/* A line worth showing the user that did not stop the open (the database
 * is readable by others), or NULL. */
const char *im_model_warning(const struct im_model *m);

/* The default database path per SPEC 5 ($XDG_DATA_HOME or
 * ~/.local/share, then inmail/inmail.db).  malloc'd; NULL without HOME. */
char *im_model_default_path(void);

/* Sets the clock.  Every later call sees this as "now". */
void im_model_set_now(struct im_model *m, im_time now);
im_time im_model_now(const struct im_model *m);
/* The command's clock (SPEC 7), the one place it comes from: on a
 * database that keeps its server's clock, the server's now as it was read
 * at the open, and a clock given (--now) is IM_ERR_USAGE; elsewhere now. */
enum im_status im_model_set_clock(struct im_model *m, im_time now, bool given);
/* Whether the database keeps its server's clock (false on a file). */
bool im_model_server_clock(const struct im_model *m);
/* Makes a database just initialised keep its clients' clock instead
 * (init --client-clock: tests and demos); a file always does. */
enum im_status im_model_keep_client_clock(struct im_model *m);

/* Brings the acting account's threads up to now: automated follow-ups
 * whose time has come are sent (at their due time), in a short transaction
 * made only when one is due.  Best effort, for reads: it never waits for a
 * writer, and when it cannot write (another session holds the lock, the
 * file is read-only, the disk full) the read shows what is stored and the
 * next call tries again; so it always returns IM_OK.  Changes catch up
 * inside their own transaction.  The TUI calls it when its clock moves. */
enum im_status im_model_catch_up(struct im_model *m);

/* Who acts.  IM_ERR_NOT_FOUND for an unknown handle.  On a server the
 * acting account is the login's (SPEC 7): handle NULL means it, another
 * account's handle is IM_ERR_NOT_PERMITTED, and so is a login that is no
 * account's.  Elsewhere handle NULL is IM_ERR_USAGE (who is acting?). */
enum im_status im_model_set_actor(struct im_model *m, const char *handle);

/* The acting account (refreshed from the database), or NULL if none. */
const struct im_account *im_model_actor(struct im_model *m);

/* True when another connection changed the database since the last call
 * (PRAGMA data_version); cheap, for a live view's idle loop. */
bool im_model_changed(struct im_model *m);

/* Live updates on a server (issue 14, SPEC 7), for a live view's loop: the
 * descriptor to wait on (poll, readable) beside the keyboard, after which
 * im_model_changed says whether something changed; -1 when there is none
 * (a file; a server while its connection is lost): check each tick.  Ask
 * again each turn: a reconnect changes it. */
int im_model_wait_fd(struct im_model *m);

enum im_model_link {
	IM_MODEL_LINK_UP,   /* connected; a file always is */
	IM_MODEL_LINK_DOWN, /* the server's connection is lost, reconnecting */
	IM_MODEL_LINK_BACK, /* reconnected since the last call: read again */
};
/* Keeps the connection to a server: notices it lost and reconnects with
 * back-off, never blocking.  Each tick of a live view's idle loop. */
enum im_model_link im_model_link(struct im_model *m);

/* ---- accounts ---------------------------------------------------------- */

/* Adds an account.  credits only for recruiters (a candidate with credits
 * is IM_ERR_USAGE).  IM_ERR_INVALID for a bad handle or name, or a handle
 * taken. */
enum im_status im_account_add(struct im_model *m, const char *handle,
			      const char *name, enum im_role role,
			      int64_t credits);

/* Looks an account up by handle; *out is filled (clear it). */
enum im_status im_account_get(struct im_model *m, const char *handle,
			      struct im_account *out);

/* The same, the account logging in as the role login (NULL: the
 * handle), created with password (NULL: none) when it is missing; login
 * or password on a file is IM_ERR_USAGE.  On a server, every account added
 * gets its login this way. */
enum im_status im_account_add_login(struct im_model *m, const char *handle,
				    const char *name, enum im_role role,
				    int64_t credits, const char *login,
				    const char *password);

/* inmail copy (SPEC 7): the inmail SQLite file from into the PostgreSQL
 * database to, initialised first as init would (client_clock: init
 * --client-clock), which must have no accounts: every row with its id,
 * each account's login role created when missing, in one transaction,
 * the counts checked on both sides.  With from a server's database, the
 * other way: into to, a new SQLite file.  progress (if not NULL) hears
 * of each batch.  On failure *err gets a malloc'd line. */
enum im_status im_model_copy(const char *from, const char *to,
			     bool client_clock,
			     void (*progress)(void *arg, int64_t done,
					      int64_t total),
			     void *arg, char **err);

/* All accounts, or of one role when role_filter is >= 0, by handle. */
enum im_status im_account_list(struct im_model *m, int role_filter,
			       struct im_account **out, size_t *n);

/* Adds n (1 .. IM_CREDITS_MAX) credits to a recruiter. */
enum im_status im_credits_grant(struct im_model *m, const char *handle,
				int64_t n);

/* ---- credits over time (SPEC 9) ----
 * Every change of a balance is a row of its ledger, written in the
 * change's transaction; a balance always equals the sum of its ledger. */

/* Gives a recruiter n (0 .. IM_ALLOT_MAX) credits on the first of each
 * month at 00:00:00 UTC, the first on the next first after now (or after
 * the last month given, for a clock behind it); a later
 * allot replaces n from the next month (the months already due arrive
 * first, with the old n); 0 stops it.  A month adds at most n, and never
 * takes the balance past IM_ALLOT_CAP x n.  The allotments arrive by the
 * catch-up (im_model_catch_up), exactly once a month however many
 * sessions race.  For admins (as im_credits_grant).  *next (next may be
 * NULL) gets when the new n first arrives: 0 when n is 0 (stopped) or no
 * first comes before 10000.  IM_ERR_INVALID also for an allotment row
 * another program broke (not a first of a month, out of range). */
enum im_status im_credits_allot(struct im_model *m, const char *handle,
				int64_t n, im_time *next);

/* A recruiter's ledger, oldest first, with the allotment in force, into
 * *out (free with im_credit_history_clear).  handle NULL: the acting
 * account.  Another's needs an admin (a file's writer is one); a
 * candidate has no credits (77).  What is due (an allotment, a forfeit)
 * is brought up to now first.  A ledger that does not add up to its
 * balance (SPEC 9: it always does, unless another program changed the
 * database), or whose running sum passes an int64_t, is IM_ERR_INVALID
 * with one line saying so, and no history: a history that looked
 * consistent would be a lie. */
enum im_status im_credits_history(struct im_model *m, const char *handle,
				  struct im_credit_history *out);
void im_credit_history_clear(struct im_credit_history *h);

/* "grant", "allotment", "spend", "credit_back", "forfeit", "opening". */
const char *im_ledger_kind_name(enum im_ledger_kind k);

/* ---- acting ------------------------------------------------------------ */

struct im_send_request {
	const char *const *to; /* candidate handles */
	size_t n_to;
	const char *subject;
	const char *body;
	/* An automated follow-up: its text, NULL for none, and the days
	 * after which it is sent (judged by im_send: 3 to 28). */
	const char *followup_body;
	int followup_days;
	/* Per candidate (a template's rendering, SPEC 9): when subjects is
	 * not NULL, n_to subjects and bodies (and followup_bodies, or NULL
	 * for none) stand for subject, body and followup_body. */
	const char *const *subjects;
	const char *const *bodies;
	const char *const *followup_bodies;
	/* Called (when not NULL) after each candidate's InMail is written,
	 * inside the transaction: for a progress bar (SPEC 9). */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
	/* The acting recruiter's template the texts were rendered from
	 * (SPEC 9's report per template), NULL for none: it must exist at
	 * the send (IM_ERR_NOT_FOUND), and is recorded on each thread. */
	const char *template_name;
	/* A dry run (SPEC 9's --dry-run): every check of the send is made
	 * in its transaction, as for the real send, and the transaction is
	 * then rolled back, so nothing is written; *dry_run_credits (when
	 * not NULL) gets the balance the send would have spent from. */
	bool dry_run;
	int64_t *dry_run_credits;
};

/* The acting recruiter sends one InMail per candidate: one thread and one
 * credit each, all or nothing.  thread_ids (n_to of them, may be NULL)
 * receives the new ids in order.  IM_ERR_NO_CREDITS when the balance is
 * below n_to. */
enum im_status im_send(struct im_model *m, const struct im_send_request *req,
		       int64_t *thread_ids);

/* What im_reply wrote. */
struct im_reply_result {
	int64_t message_id;
	/* IM_KIND_FOLLOWUP for a recruiter's while pending, else
	 * IM_KIND_MESSAGE. */
	enum im_kind kind;
	/* The candidate's first message, the response (SPEC 2); the rest
	 * is set for a response only. */
	bool response;
	enum im_state state;       /* accepted or declined */
	enum im_response how;      /* smart as the template, edited, custom */
	bool classified;           /* a custom response: label, confidence */
	enum im_label label;
	double confidence;
	bool blocked;              /* templated-only decline: no reply now */
};

/* The acting account writes in a thread.  For the candidate's first
 * response, smart chooses a smart reply and body is its (possibly edited)
 * text, or NULL for the template as it is; a custom response (smart NONE)
 * is classified.  A recruiter writing while the thread is pending sends a
 * follow-up.  On IM_OK, *out (may be NULL) says what was written. */
enum im_status im_reply(struct im_model *m, int64_t thread, enum im_smart smart,
			const char *body, struct im_reply_result *out);

/* The acting recruiter's follow-up while the thread is pending. */
enum im_status im_followup(struct im_model *m, int64_t thread,
			   const char *body, int64_t *message_id);

/* Archives or unarchives the thread for the acting side only. */
/* Makes a thread unread again for the acting account until its next look
 * (SPEC 9): IM_ERR_INVALID when the other side has written nothing in
 * it. */
enum im_status im_thread_mark_unread(struct im_model *m, int64_t thread);
enum im_status im_archive(struct im_model *m, int64_t thread, bool archived);

/* ---- reading ----------------------------------------------------------- */

/* One thread with its messages, as the acting account sees it, read in
 * one snapshot that never waits for a writer.  With mark_seen it also
 * records the look (im_thread_look) once read; unread in *out tells how it
 * was before.  Free with im_thread_free. */
enum im_status im_thread_get(struct im_model *m, int64_t id, bool mark_seen,
			     struct im_thread **out);

/* Records that the acting account has seen t up to its newest message
 * (and, for the recruiter, its notification): call it after showing t.
 * It waits at most a moment for another session's write; when it cannot
 * record, the thread stays unread and the status says why. */
enum im_status im_thread_look(struct im_model *m, const struct im_thread *t);

/* Keyset paging over a folder: struct im_cursor and enum im_page_dir are
 * in inmail/page.h. */
struct im_page {
	struct im_thread *items; /* without messages */
	size_t n;
};

/* Up to limit threads of the acting account's folder, in folder order
 * (newest first).  filter, when not NULL or empty, keeps threads whose
 * subject or other party's name contains it, ignoring case.  Clear with
 * im_page_clear. */
enum im_status im_thread_list(struct im_model *m, enum im_folder folder,
			      const char *filter, enum im_page_dir dir,
			      const struct im_cursor *at, size_t limit,
			      struct im_page *out);
void im_page_clear(struct im_page *p);

/* The position of a listed thread in that folder. */
struct im_cursor im_thread_cursor(enum im_folder folder,
				  const struct im_thread *t);

/* Whether the folder belongs to the acting account's role. */
bool im_folder_allowed(const struct im_model *m, enum im_folder folder);

/* Threads in the folder and how many are unread. */
enum im_status im_folder_count(struct im_model *m, enum im_folder folder,
			       int64_t *total, int64_t *unread);

/* ---- search (SPEC 9) --------------------------------------------------- */

/* Up to limit of the acting account's threads that meet query (words,
 * "phrases", prefix*, from: with: state: is: after: before:, all of
 * them), newest first, with ids below after_id (0: from the newest).  A
 * bad query is IM_ERR_USAGE with one line saying where; no match is
 * IM_OK and no items.  Clear with im_page_clear. */
enum im_status im_search(struct im_model *m, const char *query,
			 int64_t after_id, size_t limit, struct im_page *out);

/* ---- the 13 % guardrail (SPEC 9) ---------------------------------------- */

enum im_guardrail_state {
	IM_GUARDRAIL_OK = 0,
	IM_GUARDRAIL_WARNED,     /* since: below 13 % on 100+ in 14 days */
	IM_GUARDRAIL_RESTRICTED, /* until: multi-candidate sends refused */
};
struct im_guardrail {
	enum im_guardrail_state state;
	im_time since;     /* the warning's start, 0 when ok */
	im_time until;     /* when the restriction lifts, 0 when not */
	int64_t sent;      /* InMails of the last 14 days */
	int64_t responded; /* of those, with a response */
	bool below;        /* sent >= 100 and responded under 13 % of them */
	im_time judged_at; /* when warned: the seventh day, which decides */
};
/* The acting recruiter's guardrail at now, recorded when it changes. */
enum im_status im_guardrail_get(struct im_model *m, struct im_guardrail *out);
/* "ok", "warned", "restricted". */
const char *im_guardrail_name(enum im_guardrail_state s);

/* ---- the weekly report (SPEC 9) ---------------------------------------- */

#define IM_REPORT_MAX_WEEKS 520
struct im_report_week {
	im_time start;     /* Monday 00:00:00 UTC */
	int64_t sent;      /* InMails sent that week */
	int64_t responded; /* of those, responded within 30 days */
	int64_t accepted;
	int64_t declined;
	bool has_rate;     /* false until one of them is decided */
	double rate;       /* responded within 30 days / decided, 0..1 */
};
/* The acting recruiter's last weeks (1 .. IM_REPORT_MAX_WEEKS, the
 * current one last) into out[weeks], oldest first. */
enum im_status im_report_weeks(struct im_model *m, int weeks,
			       struct im_report_week *out);
/* The Monday 00:00:00 UTC of t's ISO week. */
im_time im_report_week_start(im_time t);

/* The same measures per template over the same weeks (SPEC 9): one row
 * for each of the recruiter's templates (sent 0 and no rate when none
 * was sent from it then), one for each template removed since that has
 * InMails in those weeks (deleted), by name; then, when there are any,
 * the InMails sent without a template (name NULL).  An InMail counts
 * for the template it was sent from (send --template, or picked in the
 * TUI's form, edited or not).  Free with im_report_templates_free. */
struct im_report_template {
	char *name;        /* NULL: sent without a template */
	bool deleted;      /* the template was removed since */
	/* Removed ones of one name (each its own row): the order they were
	 * made in, oldest first. */
	int64_t order;
	int64_t sent;
	int64_t responded; /* within 30 days */
	int64_t accepted;
	int64_t declined;
	bool has_rate;
	double rate;
};
enum im_status im_report_templates(struct im_model *m, int weeks,
				   struct im_report_template **out, size_t *n);
void im_report_templates_free(struct im_report_template **list, size_t n);

/* ---- notifications, statistics ----------------------------------------- */

/* The acting recruiter's notifications, newest first: at most limit of
 * them with ids below before (0: from the newest), for keyset paging. */
enum im_status im_notification_list(struct im_model *m, int64_t before,
				    size_t limit,
				    struct im_notification **out, size_t *n);
enum im_status im_notification_unread(struct im_model *m, int64_t *count);
/* Marks read what was shown: the notifications with ids from .. to.  Like
 * im_thread_look it waits at most a moment for another session's write. */
enum im_status im_notification_mark_read(struct im_model *m, int64_t from,
					 int64_t to);

/* The acting recruiter's statistics at now. */
enum im_status im_stats_get(struct im_model *m, struct im_stats *out);

/* What weighed most when the classifier reads a custom response's body
 * now: up to 4 features, heaviest first, each marked + when it pushed to
 * accept and - to decline, e.g. "+interested +call -but": the
 * recruiter's why (issue 15; the weights are in show --json).  The label and confidence stored at the
 * response never change (SPEC 4).  False for a message that was not
 * classified. */
bool im_message_explain(const struct im_message *msg, char *words,
			size_t size);

/* ---- template variables (SPEC 9) -------------------------------------- */

/* A variable of a send: its name (without braces) and its value for one
 * candidate; NULL or "" is a variable with no value there. */
struct im_render_var {
	const char *name;
	const char *value;
};
enum im_render_problem {
	IM_RENDER_OK = 0,
	IM_RENDER_UNKNOWN,   /* {word} is none of vars */
	IM_RENDER_NO_VALUE,  /* {word} is one of vars, without a value */
	IM_RENDER_BAD_BRACE, /* a '{' not starting {word} or {{ */
	IM_RENDER_NOMEM,
};
/* Renders text, each {word} replaced by its value and {{ by '{', into a
 * malloc'd *out.  On a problem *out is NULL and word (if word_size) names
 * the variable at fault.  A NULL text renders as NULL. */
enum im_render_problem im_render(const char *text,
				 const struct im_render_var *vars, size_t n,
				 char **out, char *word, size_t word_size);
/* "is not a variable of this send", ... */
const char *im_render_problem_string(enum im_render_problem p);
/* The first word of a display name, malloc'd: a one-word name is its own
 * first name.  NULL when out of memory. */
char *im_first_name(const char *name);

/* ---- templates (SPEC 9) ------------------------------------------------ */

/* A recruiter's template as written ({variables} unrendered);
 * followup_body NULL (and followup_days 0) for none. */
struct im_template {
	char *name;
	char *subject;
	char *body;
	char *followup_body;
	int followup_days;
	im_time created_at;
};
void im_template_clear(struct im_template *t);
void im_templates_free(struct im_template **list, size_t n);

/* The acting recruiter's new template: its name by the handle rules,
 * its texts valid (a bad brace refused), a follow-up after 3 to 28 days.
 * IM_ERR_INVALID for a bad or taken name or text. */
enum im_status im_template_add(struct im_model *m, const struct im_template *t);
/* The acting recruiter's template by name; IM_ERR_NOT_FOUND: none. */
enum im_status im_template_get(struct im_model *m, const char *name,
			       struct im_template *out);
/* The acting recruiter's templates, by name. */
enum im_status im_template_list(struct im_model *m, struct im_template **out,
				size_t *n);
/* Removes one; IM_ERR_NOT_FOUND: none by that name. */
enum im_status im_template_remove(struct im_model *m, const char *name);

/* A send from a template: the candidates, the variables given for the
 * whole send, and per candidate (a CSV's columns; NULL for none). */
struct im_template_send {
	const char *name;
	const char *const *to;
	size_t n_to;
	const struct im_render_var *vars;
	size_t n_vars;
	const struct im_render_var *const *cand_vars; /* n_to lists, or NULL */
	const size_t *n_cand_vars;
	void (*progress)(void *ctx, size_t done, size_t total); /* as im_send's */
	void *progress_ctx;
};
/* What one candidate's InMail renders to. */
struct im_rendered {
	char *to;       /* the candidate's handle */
	char *subject;
	char *body;
	char *followup_body; /* NULL for none */
};
void im_rendered_free(struct im_rendered **list, size_t n);

/* Why name may not be a variable given per send (--var NAME or a CSV
 * column): "is not a {variable} (a-z A-Z 0-9 _)" or "is inmail's own
 * variable"; NULL when it may. */
const char *im_template_var_refusal(const char *name);

/* The acting recruiter's template's own {variables}, those a send must
 * give (--var, a CSV column, the TUI form's questions): every {word} of
 * its subject, body and follow-up but inmail's four, each once, in the
 * order they first appear.  *out (malloc'd names, *n of them; NULL and 0
 * for none) is freed with im_template_vars_free. */
enum im_status im_template_vars(struct im_model *m, const char *name,
				char ***out, size_t *n);
void im_template_vars_free(char ***vars, size_t n);

/* Renders the template for each candidate, with {first_name} {name} (the
 * candidate's), {my_name} {my_first_name} (the acting recruiter's) and
 * the given variables, and checks each result as a send would; nothing is
 * written.  A problem (an unknown variable, one without a value, a result
 * over its limit, a bad brace) is IM_ERR_INVALID naming the variable and
 * the candidate.  *out holds n_to renderings (followup_days in
 * *followup_days). */
enum im_status im_template_render(struct im_model *m,
				  const struct im_template_send *req,
				  struct im_rendered **out,
				  int *followup_days);
/* Renders as im_template_render, then sends them all or nothing (as
 * im_send); thread_ids as im_send's. */
enum im_status im_template_send(struct im_model *m,
				const struct im_template_send *req,
				int64_t *thread_ids);
/* A dry run of im_template_send: renders as im_template_render, then
 * makes every check the send makes (the same refusal, status and line)
 * and writes nothing.  On IM_OK *out holds the renderings and *credits
 * the balance the send would spend from. */
enum im_status im_template_dry_run(struct im_model *m,
				   const struct im_template_send *req,
				   struct im_rendered **out,
				   int *followup_days, int64_t *credits);

/* ---- smart replies and drafts ------------------------------------------ */

/* The template of a smart reply (SPEC 2), or "" for IM_SMART_NONE. */
const char *im_template(enum im_smart smart);

/* Whether text, white space at its ends ignored, is the template itself. */
bool im_is_template(enum im_smart smart, const char *text);

/* The button label: "Yes, interested…" / "No thanks". */
const char *im_smart_label(enum im_smart smart);

/* Drafts of the acting account, per thread (thread 0: a new InMail).
 * Saved in the database, so a killed session loses nothing.  Saving and
 * discarding wait only a moment for another session's write (then
 * IM_ERR_DATABASE): the caller keeps the draft and saves it again. */
enum im_status im_draft_load(struct im_model *m, int64_t thread,
			     struct im_draft *out); /* NOT_FOUND: none */
enum im_status im_draft_save(struct im_model *m, int64_t thread,
			     const struct im_draft *d);
enum im_status im_draft_discard(struct im_model *m, int64_t thread);

#endif
