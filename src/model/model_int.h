/* Private to the model: the handle and the helpers its files share. */
#ifndef INMAIL_MODEL_INT_H
#define INMAIL_MODEL_INT_H

#include "inmail/classify.h"
#include "inmail/model.h"
#include "store.h"

struct im_model {
	struct im_store *store;
	im_time now;
	bool caught_up;       /* the actor's follow-ups are sent up to: */
	im_time caught_up_to;
	struct im_account actor;
	bool has_actor;
	struct im_store_session session; /* who is connected, whose clock */
	bool server_now; /* now is the server's, moved up at each change */
	char err[512];
};

/* Keeps a formatted line as the model's error and returns st. */
enum im_status model_fail(struct im_model *m, enum im_status st,
			  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Takes the store's error line as the model's; returns st. */
enum im_status model_store_fail(struct im_model *m, enum im_status st);

/* Requires a connection trusted with the directory and the balances (a
 * file's writer, an admin on a server); doing names the command. */
enum im_status model_need_admin(struct im_model *m, const char *doing);

/* Requires an acting account, of role when role >= 0. */
enum im_status model_need_actor(struct im_model *m, int role,
				const char *doing);

/* Checks a text field; what names it in the error ("the body"). */
enum im_status model_check_text(struct im_model *m, const char *what,
				const char *s, size_t max_chars,
				bool multiline);

/* Loads a thread the acting account takes part in, judged as that account
 * sees it (im_thread fields derived), and which side the account is on. */
enum im_status model_thread_load(struct im_model *m, int64_t id,
				 struct im_store_thread *row,
				 enum im_side *side);

/* Derives the fields of row->t that depend on now and on the side. */
void model_thread_judge(const struct im_model *m, struct im_store_thread *row,
			enum im_side side);

/* Sends the acting account's automated follow-ups that fell due, inside
 * the caller's write transaction, so a command that is then refused
 * rolls them back with the rest.  *sent counts them. */
enum im_status model_catch_up_within(struct im_model *m, size_t *sent);

/* Fails with 65 when now is before the thread's last message: time in a
 * thread never runs backwards (the same second is fine). */
enum im_status model_check_clock(struct im_model *m, const struct im_thread *t);

/* Whether a change that ended with st is to be run again whole: its
 * transaction lost a race with another session's (the store says so)
 * and fewer than MODEL_ATTEMPTS were made.  It waits a short random
 * while first (growing with *attempt, which it counts), so racing
 * sessions do not meet again in step.  Every public change runs as
 *     do st = change_once(...); while (model_retry(m, st, &attempt));
 * with change_once beginning and ending its own transaction. */
#define MODEL_ATTEMPTS 40
bool model_retry(struct im_model *m, enum im_status st, int *attempt);
#define MODEL_RETRIED(m, call)                                           \
	do {                                                             \
		int attempt_ = 0;                                        \
		enum im_status st_;                                      \
		do                                                       \
			st_ = (call);                                    \
		while (model_retry((m), st_, &attempt_));                \
		return st_;                                              \
	} while (0)

/* im_store_begin and im_store_begin_within for a change: on a database
 * that keeps its server's clock, the change's time is then the server's
 * now as the transaction read it, so that a change that waited for
 * another's (or was run again) is never dated before it. */
enum im_status model_begin(struct im_model *m);
enum im_status model_begin_within(struct im_model *m, int wait_ms, bool *busy);

/* Commits, or rolls back and keeps the store's error when st failed. */
enum im_status model_finish(struct im_model *m, enum im_status st);

/* What a candidate's first message means (SPEC 2): a smart reply by its
 * choice and whether its template was edited, a custom one by the
 * classifier. */
struct model_response {
	enum im_state state;
	enum im_response how;
	bool blocked; /* "No thanks" as the bare template */
	bool classified;
	struct im_classification cls;
};
enum im_status model_judge_response(struct im_model *m, enum im_smart smart,
				    const char *text, struct model_response *r);

/* The recruiter's notification of SPEC 3, with the candidate's display
 * name; the caller frees it.  NULL when out of memory. */
char *model_notification_text(enum im_state state, const char *name);

/* Whether a response at responded gives back the credit of an InMail sent
 * at created: within the 90 days, the last second included. */
bool model_credit_back(im_time created, im_time responded);

/* Whether a message of this kind counts toward the response rate: each
 * InMail and each follow-up, automated or by hand (SPEC 3). */
bool model_counts_for_rate(enum im_kind kind);
/* The same decisions, for the store's upgrade of older files. */
extern const struct im_store_rules model_store_rules;

/* A counted message is responded when the response came at most the rate
 * window after it: it was sent at or after this time. */
im_time model_rate_responded_from(im_time responded_at);

/* The guardrail of a recruiter at now (guardrail.c); with record, a
 * change is written in the caller's write transaction; *changed (may be
 * NULL) tells whether the record differs from what is stored. */
enum im_status model_guardrail(struct im_model *m, int64_t recruiter,
			       bool record, struct im_guardrail *g,
			       bool *changed);
/* Inside a send's transaction: records what it observes, and refuses
 * (77, with the date it lifts) a send to n_to > 1 while restricted. */
enum im_status model_guardrail_gate(struct im_model *m, size_t n_to);

/* ---- credits over time (credits.c, SPEC 9) ---- */
/* Appends a ledger row for a change of account's balance the caller
 * made (or, amount 0, a forfeit), in its write transaction. */
enum im_status model_ledger_note(struct im_model *m, int64_t account,
				 enum im_ledger_kind kind, int64_t amount,
				 int64_t thread, im_time at);
/* Whether a recruiter's credits have something due at now (an allotment,
 * a forfeit to record): reads only.  handle (may be NULL) names the
 * account in the failure for an allotment another program broke
 * (IM_ERR_INVALID). */
enum im_status model_credits_due(struct im_model *m, int64_t account,
				 const char *handle, bool *due);
/* Brings a recruiter's credits up to now inside the caller's write
 * transaction: the allotments due, each at its first of the month, and
 * the forfeits of the windows that closed.  IM_ERR_INVALID, naming
 * handle (may be NULL), for an allotment inmail never writes. */
enum im_status model_credits_catch_up(struct im_model *m, int64_t account,
				      const char *handle);
/* 00:00:00 UTC on the first of the month after the one t is in; 0 when
 * that is past 9999. */
im_time model_next_first(im_time t);

#endif
