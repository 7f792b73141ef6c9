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
	int64_t story, followup_thread;
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
			    p.items[i].recruiter.id == rec_id)
				g->story = p.items[i].id;
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

static bool guide_story(struct im_model *rec, struct im_model *cand,
			struct tui_guide_obs *o)
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
	struct im_notification *notes = NULL;
	size_t n = 0;
	if (im_notification_list(rec, 0, GUIDE_LIST, &notes, &n) != IM_OK)
		return false;
	for (size_t i = 0; i < n; i++)
		if (notes[i].thread == o->story)
			o->note_read = notes[i].read;
	im_notifications_free(&notes, n);
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
	if (o->story && !guide_story(rec, cand, o))
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
		return g->was_blocked;
	case TUI_GUIDE_SEE_BLOCK:
		return o->note_read;
	case TUI_GUIDE_NEW_INMAIL:
		return o->sent > g->base.sent;
	case TUI_GUIDE_UNBLOCK:
		return g->was_blocked && !o->blocked;
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
	/* The story's milestones, as the thread reports them, count for
	 * the steps before them, however the presenter got there. */
	if (g->was_blocked && g->step < TUI_GUIDE_SEE_BLOCK)
		g->step = TUI_GUIDE_SEE_BLOCK;
	if (guide_done(g, TUI_GUIDE_UNBLOCK, o) && g->step < TUI_GUIDE_FOLLOWUP)
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

/* The words of the current step, without the step count. */
static void guide_words(const struct tui_guide *g, char *buf, size_t n)
{
	const struct tui_guide_obs *o = &g->last;
	switch (g->step) {
	case TUI_GUIDE_OPEN:
		tui_text_format(buf, n, "Ctrl-W, then Enter: %s opens %s's "
				"InMail", o->candidate, o->recruiter);
		return;
	case TUI_GUIDE_PICK_NO:
		tui_text_format(buf, n, "n picks No thanks: its template fills "
				"the box");
		return;
	case TUI_GUIDE_SWITCH:
		tui_text_format(buf, n, "y switches to Yes, interested%s: the "
				"box follows", tui_text_glyph("…", "..."));
		return;
	case TUI_GUIDE_SEND_NO:
		if (o->state != IM_STATE_PENDING) {
			tui_text_format(buf, n, "%s answered otherwise: the story "
					"needs the bare No thanks", o->candidate);
			return;
		}
		tui_text_format(buf, n, "n again, then Ctrl-S sends the bare "
				"No thanks template");
		return;
	case TUI_GUIDE_SEE_BLOCK:
		tui_text_format(buf, n, "Ctrl-W, 5, Enter: the notification, "
				"the block and its reason");
		return;
	case TUI_GUIDE_NEW_INMAIL:
		tui_text_format(buf, n, "c: a new InMail to %s (1 credit); "
				"type a line, Ctrl-S", o->candidate);
		return;
	case TUI_GUIDE_UNBLOCK:
		tui_text_format(buf, n, "Ctrl-W, r: %s writes again; Ctrl-S "
				"lifts the block", o->candidate);
		return;
	case TUI_GUIDE_FOLLOWUP:
		tui_text_format(buf, n, "F9 %s%d: the automated follow-up to %s "
				"is sent", tui_text_glyph("×", "x"),
				guide_days(o->followup_at, o->now),
				o->followup_to);
		return;
	case TUI_GUIDE_WINDOW:
		tui_text_format(buf, n, "F9 %s%d (hold it): a 90-day window "
				"closes, its credit is lost",
				tui_text_glyph("×", "x"),
				guide_days(o->window_at, o->now));
		return;
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

void tui_guide_line(const struct tui_guide *g, char *buf, size_t n, int cols)
{
	if (!buf || n == 0)
		return;
	buf[0] = '\0';
	if (!g || cols < 1)
		return;
	char words[512], raw[700];
	guide_words(g, words, sizeof words);
	const char *dot = tui_text_glyph("·", "-");
	tui_text_format(raw, sizeof raw, " Guide %d/%d %s %s",
			(int)g->step + 1, (int)TUI_GUIDE_STEPS, dot, words);
	char *shown = tui_text_show(raw, false);
	if (!shown)
		return;
	size_t len = strlen(shown);
	int w;
	size_t fit = guide_fit(shown, len, cols, &w);
	if (fit < len) {
		/* Too long: cut after a word, and say so. */
		const char *more = tui_text_glyph("…", "...");
		int mw = tui_text_span_width(more, strlen(more));
		fit = guide_fit(shown, len, cols > mw ? cols - mw : 0, &w);
		size_t sp = fit;
		while (sp > 0 && shown[sp - 1] != ' ')
			sp--;
		if (sp > 0)
			fit = sp;
		while (fit > 0 && shown[fit - 1] == ' ')
			fit--;
		snprintf(buf, n, "%.*s%s", (int)fit, shown, cols > mw ? more : "");
	} else {
		/* How to skip, when there is room for all of it. */
		char skip[32];
		snprintf(skip, sizeof skip, " %s F10 hides", dot);
		bool room = w + tui_text_span_width(skip, strlen(skip)) <= cols;
		snprintf(buf, n, "%s%s", shown, room ? skip : "");
	}
	free(shown);
	/* A buffer too small for the line: snprintf cut it by bytes, so
	 * drop a character left incomplete at its end. */
	size_t bl = strlen(buf);
	if (bl + 1 < n)
		return;
	size_t i = bl;
	while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0 && ((unsigned char)buf[i - 1] & 0x80)) {
		unsigned char lead = (unsigned char)buf[i - 1];
		size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
		if (i - 1 + need > bl)
			buf[i - 1] = '\0';
	}
}
