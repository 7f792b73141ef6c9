/* The guided demo's step machine and what it reads: see tui_guide.h. */
#include "tui_guide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/page.h"
#include "tui_text.h"

#define GUIDE_LIST 100 /* the demo's folders are far smaller */

struct tui_guide {
	bool looked;           /* the first observation is in */
	struct tui_guide_obs base; /* it, for the statistics */
	struct tui_guide_obs last;
	enum tui_guide_step step;
	bool was_blocked;      /* the story's thread was seen blocked */
	/* answered another way than the bare No thanks: no block to show */
	bool other_way;
	int64_t story, followup_thread;
	int64_t candidate;     /* the story's candidate */
	im_time story_at;      /* when the story's InMail was sent */
	char followup_to[TUI_GUIDE_NAME];
};

struct tui_guide *tui_guide_new(void)
{
	return calloc(1, sizeof(struct tui_guide));
}

void tui_guide_free(struct tui_guide **g)
{
	if (!g)
		return;
	free(*g);
	*g = NULL;
}

enum tui_guide_step tui_guide_step(const struct tui_guide *g)
{
	return g ? g->step : TUI_GUIDE_OPEN;
}

static void guide_copy(char *dst, const char *src)
{
	snprintf(dst, TUI_GUIDE_NAME, "%s", src ? src : "");
}

/* The first look: the candidate's pending InMail from the recruiter is
 * the story's thread; the first automated follow-up is the one F9 will
 * bring. */
static void guide_pick(struct tui_guide *g, struct im_model *rec,
		       struct im_model *cand, int64_t rec_id)
{
	struct im_cursor at = {0};
	struct im_page p = {0};
	if (im_thread_list(cand, IM_FOLDER_MESSAGES, NULL, IM_PAGE_FIRST, &at,
			   GUIDE_LIST, &p) == IM_OK)
		for (size_t i = 0; i < p.n && !g->story; i++)
			if (p.items[i].state == IM_STATE_PENDING &&
			    p.items[i].recruiter.id == rec_id) {
				g->story = p.items[i].id;
				g->candidate = p.items[i].candidate.id;
				g->story_at = p.items[i].created_at;
			}
	im_page_clear(&p);
	im_time first = 0;
	if (im_thread_list(rec, IM_FOLDER_AWAITING, NULL, IM_PAGE_FIRST, &at,
			   GUIDE_LIST, &p) == IM_OK)
		for (size_t i = 0; i < p.n; i++) {
			const struct im_thread *t = &p.items[i];
			if (t->has_followup && (!first || t->followup_at < first)) {
				first = t->followup_at;
				g->followup_thread = t->id;
				guide_copy(g->followup_to, t->candidate.name);
			}
		}
	im_page_clear(&p);
}

/* The first credit window still open among the threads awaiting a reply. */
static im_time guide_window(struct im_model *rec)
{
	struct im_cursor at = {0};
	struct im_page p = {0};
	im_time first = 0;
	if (im_thread_list(rec, IM_FOLDER_AWAITING, NULL, IM_PAGE_FIRST, &at,
			   GUIDE_LIST, &p) == IM_OK)
		for (size_t i = 0; i < p.n; i++) {
			const struct im_thread *t = &p.items[i];
			if (t->state == IM_STATE_PENDING &&
			    t->credit == IM_CREDIT_HELD &&
			    (!first || t->credit_deadline < first))
				first = t->credit_deadline;
		}
	im_page_clear(&p);
	return first;
}

/* Whether the recruiter has sent the story's candidate a newer InMail. */
static bool guide_new_inmail(const struct tui_guide *g, struct im_model *rec)
{
	struct im_cursor at = {0};
	struct im_page p = {0};
	bool found = false;
	if (im_thread_list(rec, IM_FOLDER_SENT, NULL, IM_PAGE_FIRST, &at,
			   GUIDE_LIST, &p) == IM_OK)
		for (size_t i = 0; i < p.n && !found; i++)
			found = p.items[i].id != g->story &&
				p.items[i].candidate.id == g->candidate &&
				p.items[i].created_at >= g->story_at;
	im_page_clear(&p);
	return found;
}

static bool guide_story(const struct tui_guide *g, struct im_model *rec,
			struct im_model *cand, struct tui_guide_obs *o)
{
	struct im_thread *t = NULL;
	if (im_thread_get(cand, o->story, false, &t) != IM_OK)
		return false;
	o->story_seen = !t->unread;
	o->state = t->state;
	o->response = t->response;
	o->blocked = t->blocked;
	im_thread_free(&t);
	struct im_draft d = {0};
	if (im_draft_load(cand, o->story, &d) == IM_OK)
		o->draft_smart = d.smart;
	im_draft_clear(&d);
	/* Read-only: the recruiter's look is hers to take. */
	if (im_thread_get(rec, o->story, false, &t) != IM_OK)
		return false;
	o->rec_seen = !t->unread;
	im_thread_free(&t);
	o->new_inmail = guide_new_inmail(g, rec);
	return true;
}

void tui_guide_observe(struct tui_guide *g, struct im_model *rec,
		       struct im_model *cand, struct tui_guide_obs *o)
{
	if (!o)
		return;
	memset(o, 0, sizeof(*o));
	if (!g || !rec || !cand)
		return;
	o->now = im_model_now(rec);
	const struct im_account *a = im_model_actor(rec);
	if (!a)
		return;
	int64_t rec_id = a->id;
	guide_copy(o->recruiter, a->name);
	a = im_model_actor(cand);
	if (!a)
		return;
	guide_copy(o->candidate, a->name);
	if (!g->looked)
		guide_pick(g, rec, cand, rec_id);
	o->story = g->story;
	if (o->story && !guide_story(g, rec, cand, o))
		return;
	struct im_stats st;
	if (im_stats_get(rec, &st) != IM_OK)
		return;
	o->sent = st.sent;
	o->unanswered = st.unanswered;
	o->credits = st.credits;
	o->credited_back = st.credited_back;
	o->has_rate = st.has_rate;
	o->rate = st.response_rate;
	o->followup_thread = g->followup_thread;
	guide_copy(o->followup_to, g->followup_to);
	if (g->followup_thread) {
		struct im_thread *t = NULL;
		if (im_thread_get(rec, g->followup_thread, false, &t) != IM_OK)
			return;
		o->followup_pending = t->has_followup;
		o->followup_at = t->followup_at;
		im_thread_free(&t);
	}
	o->window_at = guide_window(rec);
	o->ok = true;
}

/* Whether the story's thread has its response. */
static bool guide_answered(const struct tui_guide_obs *o)
{
	return o->story && o->state != IM_STATE_PENDING;
}

/* Whether o shows the outcome of step s. */
static bool guide_done(const struct tui_guide *g, enum tui_guide_step s,
		       const struct tui_guide_obs *o)
{
	switch (s) {
	case TUI_GUIDE_OPEN:
		return o->story_seen || o->draft_smart != IM_SMART_NONE;
	case TUI_GUIDE_PICK_NO:
		return o->draft_smart == IM_SMART_NO;
	case TUI_GUIDE_SWITCH:
		return o->draft_smart == IM_SMART_YES;
	case TUI_GUIDE_SEND_NO:
		return guide_answered(o);
	case TUI_GUIDE_SEE_BLOCK:
		/* The recruiter looked at the thread since the answer: the
		 * notification alone is not the block seen. */
		return guide_answered(o) && o->rec_seen;
	case TUI_GUIDE_NEW_INMAIL:
		return g->other_way || o->new_inmail;
	case TUI_GUIDE_UNBLOCK:
		return g->other_way || (g->was_blocked && !o->blocked);
	case TUI_GUIDE_FOLLOWUP:
		return !o->followup_thread || !o->followup_pending;
	case TUI_GUIDE_WINDOW:
		return o->unanswered > g->base.unanswered;
	case TUI_GUIDE_STATS:
	case TUI_GUIDE_STEPS:
		break;
	}
	return false;
}

bool tui_guide_advance(struct tui_guide *g, const struct tui_guide_obs *o)
{
	if (!g || !o || !o->ok)
		return false;
	if (!g->looked) {
		g->looked = true;
		g->base = *o;
	}
	enum tui_guide_step was = g->step;
	if (o->blocked)
		g->was_blocked = true;
	/* Answered, and never blocked: the steps that show the block
	 * cannot happen; the line says so and the story goes on. */
	if (guide_answered(o) && !g->was_blocked)
		g->other_way = true;
	/* The story's milestones, as the thread reports them, count for
	 * the steps before them, however the presenter got there. */
	if (guide_answered(o) && g->step < TUI_GUIDE_SEE_BLOCK)
		g->step = TUI_GUIDE_SEE_BLOCK;
	if (g->was_blocked && !o->blocked && g->step < TUI_GUIDE_FOLLOWUP)
		g->step = TUI_GUIDE_FOLLOWUP;
	while (g->step < TUI_GUIDE_STATS && guide_done(g, g->step, o))
		g->step++;
	bool changed = g->step != was ||
		       memcmp(&g->last, o, sizeof(*o)) != 0;
	g->last = *o;
	return changed;
}

static int guide_days(im_time at, im_time now)
{
	if (at <= now)
		return 1;
	return (int)((at - now + IM_DAY - 1) / IM_DAY);
}

/* What a step needs of the side it is played on. */
enum guide_need {
	GUIDE_BROWSE,  /* keys of a list or a conversation: Enter, r, c, 5 */
	GUIDE_BUTTONS, /* the story's smart-reply buttons: y, n */
	GUIDE_STORY,   /* the story's conversation, reading (r) */
};

/* The keys that take side's keyboard to where the step is played, from
 * where the view says it is: Ctrl-W when the other side has it, Esc out
 * of a text box, Enter on the story's thread, Shift-Tab back to the
 * buttons.  Into buf (empty when it is there already). */
static void guide_route(const struct tui_guide_obs *o, int side,
			enum guide_need need, char *buf, size_t n)
{
	const char *sw = o->keys != side ? "Ctrl-W, " : "";
	enum tui_guide_at at = o->at[side & 1];
	const char *esc = at == TUI_GUIDE_AT_TYPING ||
			  (at == TUI_GUIDE_AT_STORY_BOX && need == GUIDE_BROWSE)
		? "Esc, " : "";
	const char *go = "";
	char open[160] = "";
	if (need == GUIDE_BUTTONS && at == TUI_GUIDE_AT_STORY_BOX) {
		go = "Shift-Tab, ";
	} else if ((need == GUIDE_BUTTONS && at != TUI_GUIDE_AT_BUTTONS) ||
		   (need == GUIDE_STORY && at != TUI_GUIDE_AT_STORY &&
		    at != TUI_GUIDE_AT_BUTTONS && at != TUI_GUIDE_AT_STORY_BOX)) {
		/* A second InMail from the same recruiter may be in the list
		 * by then: the state tells the story's apart. */
		if (guide_answered(o))
			tui_text_format(open, sizeof open, "Enter on the %s "
					"InMail, ", im_state_name(o->state));
		else
			tui_text_format(open, sizeof open, "Enter on %s's "
					"InMail, ", o->recruiter);
		go = open;
	}
	/* Reading another thread: Enter there is not the list's (the
	 * line is read again after each key, so Esc repeats until the
	 * list has the keyboard). */
	if (at == TUI_GUIDE_AT_OTHER && go == open)
		esc = "Esc, ";
	tui_text_format(buf, n, "%s%s%s", sw, esc, go);
}

/* The words of the current step, without the step count. */
static void guide_words(const struct tui_guide *g, char *buf, size_t n)
{
	const struct tui_guide_obs *o = &g->last;
	char to[256];
	switch (g->step) {
	case TUI_GUIDE_OPEN:
		guide_route(o, 1, GUIDE_BROWSE, to, sizeof to);
		if (o->at[1] == TUI_GUIDE_AT_OTHER)
			tui_text_format(to, sizeof to, "%sEsc, ", o->keys != 1
					? "Ctrl-W, " : "");
		tui_text_format(buf, n, "%sEnter on %s's InMail: %s opens it",
				to, o->recruiter, o->candidate);
		return;
	case TUI_GUIDE_PICK_NO:
		guide_route(o, 1, GUIDE_BUTTONS, to, sizeof to);
		tui_text_format(buf, n, "%sn picks No thanks: its template fills "
				"the box", to);
		return;
	case TUI_GUIDE_SWITCH:
		guide_route(o, 1, GUIDE_BUTTONS, to, sizeof to);
		tui_text_format(buf, n, "%sy switches to Yes, interested%s: the "
				"box follows", to, tui_text_glyph("…", "..."));
		return;
	case TUI_GUIDE_SEND_NO:
		guide_route(o, 1, GUIDE_BUTTONS, to, sizeof to);
		tui_text_format(buf, n, "%sn again, then Ctrl-S sends the bare "
				"No thanks template", to);
		return;
	case TUI_GUIDE_SEE_BLOCK:
		guide_route(o, 0, GUIDE_BROWSE, to, sizeof to);
		if (g->other_way) {
			/* Not the bare No thanks: no block, and the story
			 * says what it would have needed. */
			tui_text_format(buf, n, "%s %s: no block (that needs "
					"the bare No thanks). %s5, Enter: %s "
					"sees it", o->candidate,
					im_state_name(o->state), to,
					o->recruiter);
			return;
		}
		tui_text_format(buf, n, "%s5, Enter: the notification, the block "
				"and its reason", to);
		return;
	case TUI_GUIDE_NEW_INMAIL:
		guide_route(o, 0, GUIDE_BROWSE, to, sizeof to);
		if (o->at[0] == TUI_GUIDE_AT_TYPING && o->keys == 0) {
			tui_text_format(buf, n, "a line to %s, then Ctrl-S sends "
					"the new InMail (1 credit)", o->candidate);
			return;
		}
		tui_text_format(buf, n, "%sc%s: a new InMail to %s (1 credit); "
				"type a line, Ctrl-S", to, o->at[0] ==
				TUI_GUIDE_AT_STORY ? "" : " on the blocked thread",
				o->candidate);
		return;
	case TUI_GUIDE_UNBLOCK:
		if (o->at[1] == TUI_GUIDE_AT_STORY_BOX) {
			tui_text_format(buf, n, "%s%s types a line; Ctrl-S lifts "
					"the block", o->keys != 1 ? "Ctrl-W, "
					: "", o->candidate);
			return;
		}
		guide_route(o, 1, GUIDE_STORY, to, sizeof to);
		tui_text_format(buf, n, "%sr: %s writes again; Ctrl-S lifts the "
				"block", to, o->candidate);
		return;
	case TUI_GUIDE_FOLLOWUP:
		tui_text_format(buf, n, "F9 %s%d: the automated follow-up to %s "
				"is sent", tui_text_glyph("×", "x"),
				guide_days(o->followup_at, o->now),
				o->followup_to);
		return;
	case TUI_GUIDE_WINDOW: {
		int days = guide_days(o->window_at, o->now);
		tui_text_format(buf, n, "F9 %s%d%s: a 90-day window closes, its "
				"credit is lost", tui_text_glyph("×", "x"), days,
				days > 5 ? " (hold it)" : "");
		return;
	}
	case TUI_GUIDE_STATS:
	case TUI_GUIDE_STEPS:
		break;
	}
	char rate[32] = "no rate yet";
	if (o->has_rate)
		snprintf(rate, sizeof rate, "rate %.0f%%", o->rate * 100.0);
	tui_text_format(buf, n, "The stats: %lld cr %s %s %s %lld credited "
			"back; q ends the demo", (long long)o->credits,
			tui_text_glyph("·", "-"), rate, tui_text_glyph("·", "-"),
			(long long)o->credited_back);
}

/* The bytes of shown text s[0..len) that fit in cols columns, cut
 * between clusters; *w receives their columns. */
static size_t guide_fit(const char *s, size_t len, int cols, int *w)
{
	size_t pos = 0;
	*w = 0;
	while (pos < len) {
		size_t c = tui_text_cluster(s + pos, len - pos);
		int cw = tui_text_span_width(s + pos, c);
		if (*w + cw > cols)
			break;
		*w += cw;
		pos += c;
	}
	return pos;
}

/* Appends len bytes of s to buf (size n), whole characters only. */
static void guide_put(char *buf, size_t n, const char *s, size_t len)
{
	size_t have = strlen(buf);
	if (have + 1 >= n)
		return;
	if (len > n - have - 1) {
		len = n - have - 1;
		/* Not through a character. */
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(buf + have, s, len);
	buf[have + len] = '\0';
}

int tui_guide_line(const struct tui_guide *g, char *buf, size_t n, int cols)
{
	if (!buf || n == 0)
		return 0;
	buf[0] = '\0';
	if (!g || cols < 1)
		return 0;
	char words[512], raw[700];
	guide_words(g, words, sizeof words);
	const char *dot = tui_text_glyph("·", "-");
	tui_text_format(raw, sizeof raw, " Guide %d/%d %s %s",
			(int)g->step + 1, (int)TUI_GUIDE_STEPS, dot, words);
	char *shown = tui_text_show(raw, false);
	if (!shown)
		return 0;
	size_t len = strlen(shown), at = 0;
	int rows = 0, w = 0;
	/* Wrapped at words; rows after the first start one column in. */
	while (at < len && rows < TUI_GUIDE_ROWS) {
		int indent = rows ? 1 : 0;
		size_t line;
		size_t used = tui_text_wrap(shown + at, len - at, cols - indent,
					    &line);
		if (rows == TUI_GUIDE_ROWS - 1 && at + used < len) {
			/* The last row cannot hold the rest: cut, marked. */
			const char *more = tui_text_glyph("…", "...");
			int mw = tui_text_span_width(more, strlen(more));
			line = guide_fit(shown + at, len - at,
					 cols - indent > mw ? cols - indent - mw
							    : 0, &w);
			while (line > 0 && shown[at + line - 1] == ' ')
				line--;
			if (rows)
				guide_put(buf, n, "\n ", 2);
			guide_put(buf, n, shown + at, line);
			if (cols - indent > mw)
				guide_put(buf, n, more, strlen(more));
			rows++;
			at = len;
			w = cols;
			break;
		}
		if (rows)
			guide_put(buf, n, "\n ", 2);
		while (line > 0 && shown[at + line - 1] == ' ')
			line--;
		guide_put(buf, n, shown + at, line);
		w = indent + tui_text_span_width(shown + at, line);
		at += used;
		while (at < len && shown[at] == ' ')
			at++;
		rows++;
	}
	free(shown);
	/* How to hide it, and get it back, where the last row has room. */
	char skip[64];
	snprintf(skip, sizeof skip, " %s F10 hides/shows", dot);
	int sw = tui_text_span_width(skip, strlen(skip));
	if (w + sw > cols) {
		snprintf(skip, sizeof skip, " %s F10 hides", dot);
		sw = tui_text_span_width(skip, strlen(skip));
	}
	if (w + sw <= cols)
		guide_put(buf, n, skip, strlen(skip));
	return rows;
}
