/* The guided demo (`inmail demo --guide`, issue 12), without curses: one
 * line under the demo header that says what to press next to show the
 * seed's story.  It advances when the presenter has done a step, in any
 * way (keys or mouse), because it looks at what the models report (the
 * thread's state, blocked, the notification, drafts, the clock, the
 * statistics), never at the keys.  It decides no rule: each step's test
 * is a fact a model reported.
 *
 * Use: tui_guide_new, then after every key, click and tick
 * tui_guide_observe (the models) and tui_guide_advance (the step machine,
 * pure), then tui_guide_line for the text. */
#ifndef TUI_GUIDE_H
#define TUI_GUIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inmail/model.h"

enum tui_guide_step {
	TUI_GUIDE_OPEN = 0,   /* the candidate opens the InMail */
	TUI_GUIDE_PICK_NO,    /* picks No thanks */
	TUI_GUIDE_SWITCH,     /* switches to Yes, interested… */
	TUI_GUIDE_SEND_NO,    /* back to No thanks, sends the bare template */
	TUI_GUIDE_SEE_BLOCK,  /* the recruiter: notification, block, reason */
	TUI_GUIDE_NEW_INMAIL, /* c: a new InMail instead */
	TUI_GUIDE_UNBLOCK,    /* the candidate writes again: the block lifts */
	TUI_GUIDE_FOLLOWUP,   /* F9 until the automated follow-up fires */
	TUI_GUIDE_WINDOW,     /* F9 until a 90-day window closes */
	TUI_GUIDE_STATS,      /* the statistics: the end */
	TUI_GUIDE_STEPS
};

#define TUI_GUIDE_NAME 64

/* What the models report, as the guide reads it.  Names are shown text's
 * sources (raw; the line is sanitised when drawn). */
struct tui_guide_obs {
	bool ok;           /* the models answered */
	im_time now;
	char recruiter[TUI_GUIDE_NAME], candidate[TUI_GUIDE_NAME];
	/* the story's thread: the candidate's pending InMail from the
	 * recruiter, found at the first look; 0 when there is none */
	int64_t story;
	bool story_seen;   /* the candidate has seen it (not unread) */
	enum im_smart draft_smart; /* the candidate's draft there */
	enum im_state state;
	enum im_response response;
	bool blocked;
	bool note_read;    /* the recruiter's notification of it, read */
	/* the recruiter's statistics */
	int64_t sent, unanswered, credits, credited_back;
	bool has_rate;
	double rate;
	/* the automated follow-up found at the first look (0: none) */
	int64_t followup_thread;
	bool followup_pending;
	im_time followup_at;
	char followup_to[TUI_GUIDE_NAME];
	/* the first credit window still open among the recruiter's
	 * threads awaiting a reply (0: none) */
	im_time window_at;
};

struct tui_guide;

/* NULL when out of memory.  Free with tui_guide_free (NULL is fine; it
 * clears the pointer). */
struct tui_guide *tui_guide_new(void);
void tui_guide_free(struct tui_guide **g);

/* Reads what the guide needs from the recruiter's and the candidate's
 * models (their actors set) into *o.  The first call also picks the
 * story's thread and the follow-up to wait for, and keeps them in g.
 * Read-only: it marks nothing seen.  o->ok is false when a model failed. */
void tui_guide_observe(struct tui_guide *g, struct im_model *rec,
		       struct im_model *cand, struct tui_guide_obs *o);

/* The step machine: moves past every step whose outcome o shows (a later
 * step's outcome counts for the ones before it); never goes back.  The
 * first observation is the baseline the statistics are compared with.
 * Returns true when the line may have changed. */
bool tui_guide_advance(struct tui_guide *g, const struct tui_guide_obs *o);

enum tui_guide_step tui_guide_step(const struct tui_guide *g);

/* The line for the current step into buf: shown text (sanitised, for
 * tui_draw_shown) of at most cols columns, cut before a character, never
 * through one, and naming F10 when there is room.  NULL g gives "". */
void tui_guide_line(const struct tui_guide *g, char *buf, size_t n, int cols);

#endif
