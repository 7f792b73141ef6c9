/* Plain data that crosses the layers: accounts, threads, messages,
 * notifications, statistics.  No functions beyond the free/clear helpers,
 * which accept NULL. */
#ifndef INMAIL_TYPES_H
#define INMAIL_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inmail/classify.h"
#include "inmail/clock.h"

#define IM_HANDLE_MAX 32
#define IM_NAME_MAX 100     /* characters */
#define IM_SUBJECT_MAX 200  /* characters */
#define IM_BODY_MAX 1900    /* characters */
#define IM_FOLLOWUP_MIN_DAYS 3
#define IM_FOLLOWUP_MAX_DAYS 28
#define IM_FOLLOWUP_DEFAULT_DAYS 7
#define IM_CREDITS_MAX 1000000000LL
#define IM_INMAIL_COST 1 /* credits one InMail costs (SPEC 3) */

enum im_role { IM_ROLE_RECRUITER = 0, IM_ROLE_CANDIDATE = 1 };

enum im_state {
	IM_STATE_PENDING = 0,
	IM_STATE_ACCEPTED = 1,
	IM_STATE_DECLINED = 2,
};
#define IM_STATE_COUNT 3

/* How the candidate's first message was made (SPEC 2). */
enum im_response {
	IM_RESPONSE_NONE = 0,
	IM_RESPONSE_SMART_TEMPLATE = 1,
	IM_RESPONSE_SMART_EDITED = 2,
	IM_RESPONSE_CUSTOM = 3,
};

enum im_credit {
	IM_CREDIT_HELD = 0,
	IM_CREDIT_REFUNDED = 1,
	IM_CREDIT_FORFEITED = 2,
};

/* Where a counted message stands for the 30-day response rate. */
enum im_rate_standing {
	IM_RATE_PENDING = 0,
	IM_RATE_RESPONDED = 1,
	IM_RATE_UNANSWERED = 2,
};

enum im_kind {
	IM_KIND_INMAIL = 0,
	IM_KIND_FOLLOWUP = 1,
	IM_KIND_MESSAGE = 2,
	IM_KIND_SYSTEM = 3,
};

enum im_smart { IM_SMART_NONE = 0, IM_SMART_YES = 1, IM_SMART_NO = 2 };

/* Thread folders.  Recruiters have Inbox, Awaiting, Sent, Archived;
 * candidates Messages and Archived.  Notifications are not threads. */
enum im_folder {
	IM_FOLDER_INBOX = 0,
	IM_FOLDER_AWAITING = 1,
	IM_FOLDER_SENT = 2,
	IM_FOLDER_ARCHIVED = 3,
	IM_FOLDER_MESSAGES = 4,
};
#define IM_FOLDER_COUNT 5

struct im_account {
	int64_t id;
	char *handle;
	char *name;
	enum im_role role;
	int64_t credits; /* 0 for candidates */
};

struct im_party {
	int64_t id;
	char *handle;
	char *name;
};

struct im_message {
	int64_t id;
	int64_t sender_id;   /* 0 for a system line */
	enum im_kind kind;
	char *body;          /* as stored: may hold anything; sanitise to show */
	im_time sent_at;
	bool classified;     /* label and confidence are set */
	enum im_label label;
	double confidence;
};

/* One thread as seen by the acting account.  From a list, messages is NULL;
 * from im_thread_get it holds them all, oldest first. */
struct im_thread {
	int64_t id;
	char *subject;
	struct im_party recruiter;
	struct im_party candidate;
	enum im_state state;
	enum im_response response;
	enum im_credit credit;
	im_time created_at;      /* when the InMail was sent */
	im_time updated_at;      /* newest message */
	bool responded;          /* the candidate's response is in */
	im_time responded_at;    /* when, valid only when responded */
	im_time credit_deadline; /* created_at + 90 days */
	int days_left;           /* whole days left in the 90-day window, >= 0 */
	enum im_rate_standing rate; /* of the InMail itself */
	im_time rate_deadline;   /* created_at + 30 days */
	bool has_followup;       /* an automated follow-up is scheduled */
	im_time followup_at;     /* for then, valid only when has_followup */
	bool blocked;            /* templated-only decline, no candidate word since */
	bool unread;             /* for the acting account */
	bool archived;           /* by the acting account */
	bool can_reply;          /* for the acting account */
	char *reason;            /* why not, NULL when can_reply */
	struct im_message *messages;
	size_t n_messages;
};

struct im_notification {
	int64_t id;
	int64_t thread;
	char *text;
	im_time created_at;
	bool read;
};

struct im_stats {
	int64_t credits;
	int64_t sent;
	int64_t accepted;
	int64_t declined;
	int64_t pending;     /* no response, inside 90 days */
	int64_t unanswered;  /* no response, 90 days passed */
	int64_t counted_messages;
	int64_t responded_messages;
	int64_t unanswered_messages;
	bool has_rate;       /* false when nothing is counted yet */
	double response_rate; /* 0..1, valid when has_rate */
	int64_t credited_back;
};

/* A draft as the composer left it. */
struct im_draft {
	enum im_smart smart; /* the chosen smart reply, if any */
	bool edited;         /* the text differs from the chosen template */
	char *body;
	im_time saved_at;
	/* The new-InMail form's other fields as typed (thread 0 only; NULL
	 * or "" elsewhere), so a killed session loses none of them. */
	char *to;
	char *subject;
	char *followup_days;
	char *followup_text;
	/* The template the form's text was rendered from (SPEC 9's Ctrl-T),
	 * "" or NULL for none. */
	char *template_name;
};

/* ---- the credit ledger (SPEC 9) ---- */
/* What changed a balance.  OPENING is the balance a database held when
 * its ledger began (an upgrade from before the ledger). */
enum im_ledger_kind {
	IM_LEDGER_OPENING = 0,
	IM_LEDGER_GRANT = 1,
	IM_LEDGER_ALLOTMENT = 2,
	IM_LEDGER_SPEND = 3,
	IM_LEDGER_CREDIT_BACK = 4,
	IM_LEDGER_FORFEIT = 5,
};
#define IM_LEDGER_KIND_COUNT 6
/* A monthly allotment of N never takes a balance past IM_ALLOT_CAP x N;
 * so N is at most IM_ALLOT_MAX, and the cap fits the balance's limit. */
#define IM_ALLOT_CAP 4
#define IM_ALLOT_MAX (IM_CREDITS_MAX / IM_ALLOT_CAP)

/* The recruiter's notification of a response, also its system line
 * (SPEC 3); %s the candidate's name.  One definition for the model and
 * the PostgreSQL guard that checks a person wrote exactly this. */
#define IM_NOTIFY_ACCEPTED "Candidate %s is interested in starting a " \
	"conversation. Please follow up soon to continue the conversation."
#define IM_NOTIFY_DECLINED "Candidate %s declined your message."

/* One row of a balance's ledger. */
struct im_ledger_entry {
	int64_t id;
	enum im_ledger_kind kind;
	int64_t amount;  /* signed; a forfeit is 0 */
	int64_t thread;  /* 0 when the change has none */
	im_time at;
	int64_t balance; /* the sum of the ledger up to and with this row */
};

/* A recruiter's credits over time: the ledger oldest first, and the
 * allotment in force. */
struct im_credit_history {
	char *handle;
	int64_t credits;        /* the balance, as stored */
	int64_t allotment;      /* N a month, 0 for none */
	im_time next_allotment; /* when it next arrives, 0 for never */
	struct im_ledger_entry *entries;
	size_t n;
};

void im_account_clear(struct im_account *a);
void im_accounts_free(struct im_account **list, size_t n);
void im_thread_free(struct im_thread **t);
void im_thread_clear(struct im_thread *t);
void im_notifications_free(struct im_notification **list, size_t n);
void im_draft_clear(struct im_draft *d);

const char *im_role_name(enum im_role r);       /* "recruiter" */
const char *im_state_name(enum im_state s);     /* "pending" */
const char *im_response_name(enum im_response r); /* "smart_template" */
const char *im_credit_name(enum im_credit c);   /* "held" */
const char *im_kind_name(enum im_kind k);       /* "followup" */
const char *im_folder_name(enum im_folder f);   /* "awaiting" (CLI name) */
const char *im_folder_title(enum im_folder f);  /* "Awaiting Reply" */

#endif
