/* The guided demo (`inmail demo --guide`, issue 12), without curses: one
 * line under the demo header that says what to press next to show the
 * seed's story.  It advances when the presenter has done a step, in any
 * way (keys or mouse), because it looks at what the models report (the
 * thread's state, blocked, the notification, drafts, the clock, the
 * statistics), never at the keys.  It decides no rule: each step's test
 * is a fact a model reported.
 *
 * Use: tui_guide_new, then after every key, click and tick
 * tui_guide_observe (the models), the view's part of the observation
 * (keys, at), and tui_guide_advance (the step machine, pure), then
 * tui_guide_line for the text.
 *
 * A step advances only on its outcome, never on a key: the candidate has
 * seen the InMail, the draft holds No thanks, then Yes; the thread is
 * answered; the recruiter has looked at it since; a newer InMail to the
 * candidate exists; the block is gone; the follow-up went; a window
 * closed.  When the story goes another way (the candidate accepts, or
 * declines with words of their own) the steps that need the block are
 * passed and the line says so: no play leaves the guide waiting for
 * something that can no longer happen. */
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

/* Where one side's keyboard is, as the view reports it (tui.c asks the
 * sessions): the guide names the keys that get there from here. */
enum tui_guide_at {
	TUI_GUIDE_AT_LIST = 0,  /* the folders or a list */
	TUI_GUIDE_AT_STORY,     /* the story's conversation, reading */
	TUI_GUIDE_AT_BUTTONS,   /* the story's smart-reply buttons */
	TUI_GUIDE_AT_STORY_BOX, /* the story's text box */
	TUI_GUIDE_AT_OTHER,     /* another thread's conversation, reading */
	TUI_GUIDE_AT_TYPING,    /* another text box: a reply, a form, search */
};

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
	/* the recruiter has looked at it since the candidate's last word
	 * (not unread for her) */
	bool rec_seen;
	/* a newer InMail from the recruiter to the story's candidate */
	bool new_inmail;
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
	/* The view, set by the caller after tui_guide_observe: the side
	 * with the keyboard (0 the recruiter, 1 the candidate) and where
	 * each side's keyboard is. */
	int keys;
	enum tui_guide_at at[2];
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

/* The line for the current step, whole: shown text (sanitised, for
 * tui_draw_shown), wrapped to cols columns at words into rows separated
 * by '\n', at most TUI_GUIDE_ROWS of them (a last row that cannot hold
 * the rest ends with an ellipsis), each cut between characters, never
 * through one.  It names F10 (which hides the line and brings it back)
 * when the last row has room.  Returns the rows written; NULL g or cols
 * < 1 gives "" and 0. */
#define TUI_GUIDE_ROWS 2
int tui_guide_line(const struct tui_guide *g, char *buf, size_t n, int cols);

#endif
