/* Drawing a session: header, folders, thread list, conversation, footer.
 * Draws only what the last reload read; never asks the model anything that
 * writes, and never decides a rule. */
#include "tui_session_priv.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/text.h"
#include "tui_curses.h"
#include "tui_draw.h"
#include "tui_keys.h"
#include "tui_picker.h"
#include "tui_text.h"

static const char *draw_folder_title(const struct tui_session *s, int i)
{
	if (s->folders[i] == TUI_FOLDER_NOTIFICATIONS)
		return "Notifications";
	return im_folder_title((enum im_folder)s->folders[i]);
}

static void draw_header(struct tui_session *s, struct tui_rect r, bool active)
{
	enum tui_style st = active ? TUI_ST_HEADER : TUI_ST_HEADER_OFF;
	char left[256], right[256], rate[32];
	tui_text_format(left, sizeof(left), " %s · %s", s->pane ? s->pane : "inmail",
		 s->me.name);
	if (s->recruiter) {
		if (s->stats.has_rate)
			snprintf(rate, sizeof(rate), "%.0f %% (30 d)",
				 s->stats.response_rate * 100.0);
		else
			snprintf(rate, sizeof(rate), "–");
		/* The guardrail when it is not ok (SPEC 9). */
		char guard[64] = "";
		if (s->guard.state == IM_GUARDRAIL_WARNED)
			snprintf(guard, sizeof(guard), "below 13 %% · ");
		else if (s->guard.state == IM_GUARDRAIL_RESTRICTED) {
			char until[32];
			im_clock_format_date(s->guard.until, until, sizeof(until));
			snprintf(guard, sizeof(guard), "bulk off till %s · ", until);
		}
		snprintf(right, sizeof(right),
			 "%scredits %lld · response rate %s · %lld new notification%s ",
			 guard, (long long)s->me.credits, rate,
			 (long long)s->notes_unread, s->notes_unread == 1 ? "" : "s");
		char *shown = tui_text_show(right, false);
		if (shown && (int)im_text_width(shown) + 20 > r.w)
			snprintf(right, sizeof(right), "%s%lld cr · %s · %lld new ",
				 guard, (long long)s->me.credits, rate,
				 (long long)s->notes_unread);
		free(shown);
	} else {
		snprintf(right, sizeof(right), "%lld unread ",
			 (long long)s->unread[0]);
	}
	/* The account's essentials keep their place; a long name is cut to
	 * leave it to them (SPEC 6). */
	char *shown = tui_text_show(right, false);
	int w = shown ? (int)im_text_width(shown) : 0;
	if (w > r.w - 8)
		w = 0;
	tui_draw_text(r.y, r.x, r.w - w, left, st, 0, true);
	if (w > 0)
		tui_draw_shown(r.y, r.x + r.w - w, w, shown, st, 0, false);
	free(shown);
}

static void draw_folders(struct tui_session *s, struct tui_rect r, bool focus)
{
	tui_draw_box(r, "Folders", focus);
	int w = r.w - 2;
	for (int i = 0; i < s->n_folders && i < r.h - 2; i++) {
		char name[64], count[32];
		snprintf(name, sizeof(name), "%d %s", i + 1,
			 draw_folder_title(s, i));
		snprintf(count, sizeof(count), "%lld", (long long)s->count[i]);
		int y = r.y + 1 + i, cw = (int)strlen(count);
		enum tui_style st = i == s->folder && focus ? TUI_ST_SELECTED
			: s->unread[i] > 0 ? TUI_ST_UNREAD : TUI_ST_NORMAL;
		int extra = i == s->folder && !focus ? A_BOLD | A_UNDERLINE : 0;
		/* The count stays whole; a long name is cut to leave it a
		 * blank column ("2 Awaiting Re… 42179"). */
		bool counted = cw < w - 4;
		tui_draw_text(y, r.x + 1, w, "", st, extra, true);
		tui_draw_text(y, r.x + 1, counted ? w - cw - 1 : w, name, st,
			      extra, false);
		if (counted)
			tui_draw_text(y, r.x + 1 + w - cw, cw, count, st, extra,
				      false);
		struct tui_rect hit = {y, r.x + 1, 1, w};
		tui_session_hit(s, hit, TUI_HIT_FOLDER, i);
	}
}

static enum tui_style draw_state_style(const struct im_thread *t)
{
	if (t->blocked)
		return TUI_ST_BLOCKED;
	return t->state == IM_STATE_ACCEPTED ? TUI_ST_ACCEPTED
		: t->state == IM_STATE_DECLINED ? TUI_ST_DECLINED
						: TUI_ST_PENDING;
}

static void draw_row(struct tui_session *s, const struct im_thread *t, int y,
		     int x, int w, bool selected)
{
	int sel = selected ? (s->focus == TUI_FOCUS_LIST ? A_REVERSE
				       : A_UNDERLINE) : 0;
	enum tui_style base = t->unread ? TUI_ST_UNREAD : TUI_ST_NORMAL;
	const char *party = s->recruiter ? t->candidate.name : t->recruiter.name;
	char date[32], right[64];
	im_clock_format_short(t->updated_at, im_model_now(s->m), date,
			      sizeof(date));
	const char *state = t->blocked ? "blocked" : im_state_name(t->state);
	/* A window that closed without a response is "closed", never "0d"
	 * (SPEC 3): the model says so by the credit it no longer holds. */
	if (s->recruiter && t->state == IM_STATE_PENDING &&
	    t->credit == IM_CREDIT_HELD)
		snprintf(right, sizeof(right), "%3dd", t->days_left);
	else if (s->recruiter && t->state == IM_STATE_PENDING)
		snprintf(right, sizeof(right), "closed");
	else
		right[0] = '\0';
	int state_w = w >= 60 ? 9 : 0, date_w = w >= 48 ? 7 : 0;
	int right_w = (int)strlen(right) + 1;
	int fixed = 2 + 7 + state_w + date_w + right_w;
	int rest = w - fixed;
	if (rest < 4)
		return;
	int party_w = rest / 2 > 20 ? 20 : rest / 2;
	int subj_w = rest - party_w;
	int cx = x;
	tui_draw_text(y, cx, w, "", base, sel, true); /* the row's background */
	cx += tui_draw_text(y, cx, 2, t->unread ? tui_text_glyph("● ", "* ")
				      : "  ", base, sel, true);
	/* In the row's own style: a dim label would cost two changes of
	 * attributes on every row a scroll repaints. */
	cx += tui_draw_text(y, cx, 7, "InMail ", base, sel, true);
	/* One blank column after each text column keeps them apart. */
	cx += tui_draw_text(y, cx, party_w - 1, party, draw_state_style(t),
			    sel | (t->unread ? A_BOLD : 0), true) + 1;
	cx += tui_draw_text(y, cx, subj_w - 1, t->subject, base, sel, true) + 1;
	if (state_w)
		cx += tui_draw_text(y, cx, state_w, state, draw_state_style(t),
				    sel, true);
	if (date_w)
		cx += tui_draw_text(y, cx, date_w, date, base, sel, true);
	tui_draw_text(y, cx, right_w, right, TUI_ST_PENDING, sel, true);
}

static void draw_notifications(struct tui_session *s, struct tui_rect r)
{
	bool focus = s->focus == TUI_FOCUS_LIST;
	char title[64];
	snprintf(title, sizeof(title), "Notifications (%zu)", s->n_notes);
	tui_draw_box(r, title, focus);
	int h = r.h - 2, w = r.w - 2;
	if (s->n_notes == 0) {
		tui_draw_text(r.y + 1, r.x + 1, w, "No notifications yet.",
			      TUI_ST_HINT, 0, false);
		return;
	}
	size_t top = s->note_sel >= (size_t)h ? s->note_sel - (size_t)h + 1 : 0;
	for (int i = 0; i < h && top + (size_t)i < s->n_notes; i++) {
		const struct im_notification *n = &s->notes[top + (size_t)i];
		char date[32], line[1024];
		im_clock_format_short(n->created_at, im_model_now(s->m), date,
				      sizeof(date));
		tui_text_format(line, sizeof(line), "%s%s · %s",
			 n->read ? "  " : tui_text_glyph("● ", "* "), date, n->text);
		int sel = top + (size_t)i == s->note_sel
			? (focus ? A_REVERSE : A_UNDERLINE) : 0;
		tui_draw_text(r.y + 1 + i, r.x + 1, w, line,
			      n->read ? TUI_ST_NORMAL : TUI_ST_UNREAD, sel, true);
		struct tui_rect hit = {r.y + 1 + i, r.x + 1, 1, w};
		tui_session_hit(s, hit, TUI_HIT_NOTIFICATION, (int)top + i);
	}
}

static void draw_list(struct tui_session *s, struct tui_rect r, bool focus)
{
	if (tui_session_folder_of(s) == TUI_FOLDER_NOTIFICATIONS) {
		draw_notifications(s, r);
		return;
	}
	char title[256];
	if (tui_edit_empty(&s->search))
		snprintf(title, sizeof(title), "%s (%lld)",
			 draw_folder_title(s, s->folder),
			 (long long)s->count[s->folder]);
	else
		/* The whole account's results, a list of their own. */
		tui_text_format(title, sizeof(title), "Search \u201c%s\u201d",
			 s->search.buf);
	tui_draw_box(r, title, focus);
	int w = r.w - 2;
	if (s->list.page.n == 0) {
		tui_draw_text(r.y + 1, r.x + 1, w, tui_edit_empty(&s->search)
			      ? "No threads here." : "Nothing matches.",
			      TUI_ST_HINT, 0, false);
		return;
	}
	for (size_t i = 0; i < s->list.page.n && (int)i < r.h - 2; i++) {
		const struct im_thread *t = &s->list.page.items[i];
		int y = r.y + 1 + (int)i;
		draw_row(s, t, y, r.x + 1, w, i == s->list.sel);
		struct tui_rect hit = {y, r.x + 1, 1, w};
		tui_session_hit(s, hit, TUI_HIT_ROW, (int)i);
	}
}

/* Columns of " NAME HINT " in the footer. */
static int draw_footer_hint_width(const struct tui_key *k)
{
	char buf[128];
	snprintf(buf, sizeof(buf), " %s %s ", tui_keys_name(k), k->hint);
	return (int)im_text_width(buf);
}

/* Send, help and quit: the footer keeps them whatever the width. */
/* How long a hint stays in a narrow footer: send, help and quit always;
 * what acts on the thread or the answer before how to move about. */
static int draw_footer_rank(const struct tui_key *k)
{
	switch (k->action) {
	case TUI_ACT_SEND: case TUI_ACT_HELP: case TUI_ACT_QUIT:
		return 3;
	case TUI_ACT_REPLY: case TUI_ACT_FOLLOWUP: case TUI_ACT_NEW_INMAIL:
	case TUI_ACT_TEMPLATE:
	case TUI_ACT_SMART_YES: case TUI_ACT_SMART_NO: case TUI_ACT_SMART_CLEAR:
	case TUI_ACT_INTO_BOX:
		return 2;
	case TUI_ACT_UP: case TUI_ACT_DOWN: case TUI_ACT_OPEN:
		return 0;
	default:
		return 1;
	}
}

/* The footer's width with the hints below rank bare_below bare. */
static int draw_footer_width(const struct tui_key *const *hints, size_t n,
			     int bare_below)
{
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		if (!hints[i])
			continue;
		if (draw_footer_rank(hints[i]) < bare_below)
			w += 1 + (int)im_text_width(tui_keys_name(hints[i]));
		else
			w += draw_footer_hint_width(hints[i]);
	}
	return w;
}

/* The last outcome, whole (SPEC 6: a status line longer than its pane
 * wraps, never loses its end): wrapped at words, its first rows drawn
 * over the bottom of the panes above the footer, up to NOTE_ROWS rows;
 * the next key clears it and the panes are drawn again. */
#define NOTE_ROWS 4
static void draw_note(struct tui_session *s, struct tui_rect r)
{
	enum tui_style st = s->note_error ? TUI_ST_ERROR : TUI_ST_NOTE;
	char *shown = tui_text_show(s->note, false);
	int w = r.w - 1; /* a column of margin, as the hints have */
	if (!shown || w < 8) {
		tui_draw_text(r.y, r.x, r.w, s->note, st, 0, false);
		free(shown);
		return;
	}
	size_t len = strlen(shown), at[NOTE_ROWS], cut[NOTE_ROWS];
	int rows = 0;
	for (size_t o = 0; o < len && rows < NOTE_ROWS; rows++) {
		at[rows] = o;
		o += tui_text_wrap(shown + o, len - o, w, &cut[rows]);
		/* What a last row cannot hold is cut there, with its mark. */
		if (rows == NOTE_ROWS - 1 && o < len)
			cut[rows] = len - at[rows];
	}
	int top = r.y - (rows - 1);
	if (top < s->area.y)
		top = s->area.y;
	for (int i = 0; i < rows && top + i <= r.y; i++) {
		struct tui_rect line = {.y = top + i, .x = r.x, .h = 1, .w = r.w};
		tui_draw_clear(line);
		char buf[TUI_NOTE_LEN + 2];
		snprintf(buf, sizeof(buf), " %.*s", (int)cut[i], shown + at[i]);
		tui_draw_shown(line.y, line.x, line.w, buf, st, 0, true);
	}
	free(shown);
}

/* The footer: the last outcome, or the keys that work here. */
static void draw_footer(struct tui_session *s, struct tui_rect r)
{
	tui_draw_clear(r);
	if (s->focus == TUI_FOCUS_SEARCH) {
		int lw = tui_draw_text(r.y, r.x, r.w, " Search: ", TUI_ST_NOTE, 0,
				       false);
		tui_draw_text(r.y, r.x + lw, r.w - lw, s->search.buf,
			      TUI_ST_NORMAL, 0, false);
		s->cur_y = r.y;
		s->cur_x = r.x + lw + tui_text_span_width(s->search.buf,
							   s->search.cur);
		s->cur_shown = true;
		return;
	}
	if (s->note[0]) {
		draw_note(s, r);
		return;
	}
	unsigned ctx = tui_session_pane(s)->ctx;
	size_t n, shown = 0;
	const struct tui_key *keys = tui_keys_table(&n);
	const struct tui_key *hints[32];
	int width = 0;
	for (size_t i = 0; i < n && shown < 32; i++) {
		const struct tui_key *k = &keys[i];
		if (!(k->ctx & ctx) || !k->hint || tui_session_refusal(s, k))
			continue;
		hints[shown++] = k;
		width += draw_footer_hint_width(k);
	}
	/* Too narrow: hints go from the end, lowest rank first (moving about
	 * before acting); then the acting keys lose their words, then every
	 * key does ("y n x Tab Enter ^S ? q"): none that acts is hidden. */
	for (int rank = 0; rank < 2 && width > r.w; rank++)
		for (size_t i = shown; width > r.w && i-- > 0;) {
			if (!hints[i] || draw_footer_rank(hints[i]) != rank)
				continue;
			width -= draw_footer_hint_width(hints[i]);
			hints[i] = NULL;
		}
	int bare_below = 0; /* hints of a lower rank show their key alone */
	while (bare_below < 4 &&
	       draw_footer_width(hints, shown, bare_below) > r.w)
		bare_below = bare_below ? bare_below + 1 : 3;
	char line[512];
	size_t o = 0;
	line[0] = '\0';
	for (size_t i = 0; i < shown && o < sizeof(line) - 64; i++) {
		if (!hints[i])
			continue;
		const char *name = tui_keys_name(hints[i]);
		bool bare = draw_footer_rank(hints[i]) < bare_below;
		if (bare && strncmp(name, "Ctrl-", 5) == 0)
			o += (size_t)snprintf(line + o, sizeof(line) - o, " ^%s",
					      name + 5);
		else if (bare)
			o += (size_t)snprintf(line + o, sizeof(line) - o, " %s",
					      name);
		else
			o += (size_t)snprintf(line + o, sizeof(line) - o,
					      " %s %s ", name, hints[i]->hint);
	}
	tui_draw_text(r.y, r.x, r.w, line, TUI_ST_HINT, 0, false);
}

/* The regions panes are drawn in, in drawing order; the pane with the
 * keyboard names the one drawn in focus. */
static const struct {
	enum tui_region region;
	size_t shown, rect; /* offsets of the bool and the rectangle */
	void (*draw)(struct tui_session *s, struct tui_rect r, bool focus);
} draw_regions[] = {
	{TUI_REGION_FOLDERS, offsetof(struct tui_layout, show_folders),
	 offsetof(struct tui_layout, folders), draw_folders},
	{TUI_REGION_LIST, offsetof(struct tui_layout, show_list),
	 offsetof(struct tui_layout, list), draw_list},
	{TUI_REGION_CONV, offsetof(struct tui_layout, show_conv),
	 offsetof(struct tui_layout, conv), tui_conv_draw},
};

void tui_session_draw(struct tui_session *s, struct tui_rect area, bool active)
{
	s->area = area;
	s->n_hits = 0;
	s->cur_shown = false;
	tui_session_layout(s);
	const struct tui_layout *l = &s->lay;
	draw_header(s, l->header, active);
	if (s->focus == TUI_FOCUS_REPORT) {
		/* The report has the session's body to itself (SPEC 9). */
		struct tui_rect body = {area.y + 1, area.x, area.h - 2, area.w};
		tui_report_draw(&s->report, body, true);
		draw_footer(s, l->footer);
		return;
	}
	enum tui_region focus = tui_session_pane(s)->region;
	for (size_t i = 0; i < sizeof(draw_regions) / sizeof(draw_regions[0]);
	     i++) {
		const char *base = (const char *)l;
		bool shown;
		struct tui_rect r;
		memcpy(&shown, base + draw_regions[i].shown, sizeof(shown));
		memcpy(&r, base + draw_regions[i].rect, sizeof(r));
		if (shown)
			draw_regions[i].draw(s, r, draw_regions[i].region == focus);
	}
	draw_footer(s, l->footer);
	if (s->picker) {
		tui_picker_draw(s->picker, s->area);
		s->cur_shown = false;
	}
	if (!active)
		s->cur_shown = false;
}
