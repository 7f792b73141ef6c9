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
	/* A blank between a cut name and the essentials. */
	tui_draw_text(r.y, r.x, r.w - w, "", st, 0, true);
	tui_draw_text(r.y, r.x, w > 0 ? r.w - w - 1 : r.w, left, st, 0, false);
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

/* What a row shows in its columns, as text. */
struct draw_row_text {
	const char *party, *state;
	char date[32], days[16];
};

static void draw_row_text(const struct tui_session *s, const struct im_thread *t,
			  struct draw_row_text *r)
{
	r->party = s->recruiter ? t->candidate.name : t->recruiter.name;
	r->state = t->blocked ? "blocked" : im_state_name(t->state);
	im_clock_format_short(t->updated_at, im_model_now(s->m), r->date,
			      sizeof(r->date));
	/* A window that closed without a response is "closed", never "0d"
	 * (SPEC 3): the model says so by the credit it no longer holds. */
	if (s->recruiter && t->state == IM_STATE_PENDING &&
	    t->credit == IM_CREDIT_HELD)
		snprintf(r->days, sizeof(r->days), "%dd", t->days_left);
	else if (s->recruiter && t->state == IM_STATE_PENDING)
		snprintf(r->days, sizeof(r->days), "closed");
	else
		r->days[0] = '\0';
}

static int draw_width(const char *raw)
{
	char *shown = tui_text_show(raw, false);
	int w = shown ? (int)im_text_width(shown) : 0;
	free(shown);
	return w;
}

/* The page's columns: what its rows need, fitted to w (SPEC 6). */
static void draw_row_columns(const struct tui_session *s, int w,
			     struct tui_row_cols *c)
{
	struct tui_row_need need = {0};
	for (size_t i = 0; i < s->list.page.n; i++) {
		struct draw_row_text r;
		draw_row_text(s, &s->list.page.items[i], &r);
		int nw = draw_width(r.party);
		if (nw > 20)
			nw = 20;
		int dw = draw_width(r.date), days = (int)strlen(r.days);
		int widths[] = {nw, (int)strlen(r.state), dw, days,
				days ? days : dw};
		int *into[] = {&need.name, &need.state, &need.date, &need.days,
			       &need.when};
		for (size_t k = 0; k < 5; k++)
			if (widths[k] > *into[k])
				*into[k] = widths[k];
	}
	tui_layout_row(w, &need, c);
}

static void draw_row(struct tui_session *s, const struct im_thread *t, int y,
		     int x, int w, bool selected, const struct tui_row_cols *c)
{
	int sel = selected ? (s->focus == TUI_FOCUS_LIST ? A_REVERSE
				       : A_UNDERLINE) : 0;
	enum tui_style base = t->unread ? TUI_ST_UNREAD : TUI_ST_NORMAL;
	struct draw_row_text r;
	draw_row_text(s, t, &r);
	tui_draw_text(y, x, w, "", base, sel, true); /* the row's background */
	int cx = x;
	cx += tui_draw_text(y, cx, 2, t->unread ? tui_text_glyph("● ", "* ")
				      : "  ", base, sel, true);
	/* In the row's own style: a dim label would cost two changes of
	 * attributes on every row a scroll repaints. */
	cx += tui_draw_text(y, cx, 7, "InMail ", base, sel, true);
	/* One blank column after each text column keeps them apart. */
	cx += tui_draw_text(y, cx, c->name, r.party, draw_state_style(t),
			    sel | (t->unread ? A_BOLD : 0), true) + 1;
	if (c->subject)
		cx += tui_draw_text(y, cx, c->subject, t->subject, base, sel,
				    true) + 1;
	cx += tui_draw_text(y, cx, c->state, r.state, draw_state_style(t), sel,
			    true) + 1;
	/* One column for both: the days where the row has them.  Days are
	 * right-aligned, so their digits line up. */
	char days[24];
	snprintf(days, sizeof(days), "%*s", c->when ? c->date : c->days,
		 r.days);
	bool when = c->when && r.days[0];
	if (c->date)
		cx += tui_draw_text(y, cx, c->date, when ? days : r.date,
				    when ? TUI_ST_PENDING : base, sel, true) + 1;
	if (c->days)
		tui_draw_text(y, cx, c->days, r.days[0] ? days : "",
			      TUI_ST_PENDING, sel, true);
}

#define NOTE_WRAP 4
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
	/* Each notification whole, wrapped over up to NOTE_WRAP rows (a
	 * 40-column half cuts none of "Candidate NAME declined your
	 * message."); the selected one stays in view. */
	char *shown[TUI_NOTES_MAX];
	int rows[TUI_NOTES_MAX];
	for (size_t i = 0; i < s->n_notes; i++) {
		const struct im_notification *n = &s->notes[i];
		char date[32], line[1024];
		im_clock_format_short(n->created_at, im_model_now(s->m), date,
				      sizeof(date));
		tui_text_format(line, sizeof(line), "%s · %s", date, n->text);
		shown[i] = tui_text_show(line, false);
		rows[i] = 0;
		size_t len = shown[i] ? strlen(shown[i]) : 0, cut;
		for (size_t o = 0; o < len && rows[i] < NOTE_WRAP; rows[i]++)
			o += tui_text_wrap(shown[i] + o, len - o, w - 2, &cut);
		if (rows[i] == 0)
			rows[i] = 1;
	}
	size_t top = 0;
	for (;;) {
		int used = 0;
		for (size_t i = top; i <= s->note_sel && i < s->n_notes; i++)
			used += rows[i];
		if (used <= h || top >= s->note_sel)
			break;
		top++;
	}
	int y = r.y + 1;
	for (size_t i = top; i < s->n_notes && y < r.y + 1 + h; i++) {
		const struct im_notification *n = &s->notes[i];
		int sel = i == s->note_sel ? (focus ? A_REVERSE : A_UNDERLINE) : 0;
		enum tui_style st = n->read ? TUI_ST_NORMAL : TUI_ST_UNREAD;
		const char *text = shown[i] ? shown[i] : "";
		size_t len = strlen(text), o = 0;
		for (int k = 0; k < rows[i] && y < r.y + 1 + h; k++, y++) {
			size_t cut;
			size_t used = tui_text_wrap(text + o, len - o, w - 2, &cut);
			if (k == rows[i] - 1)
				cut = len - o; /* the last row: cut with its mark */
			char row[1100];
			snprintf(row, sizeof(row), "%s%.*s", k ? "  " : n->read
				 ? "  " : tui_text_glyph("● ", "* "), (int)cut,
				 text + o);
			tui_draw_shown(y, r.x + 1, w, row, st, sel, true);
			struct tui_rect hit = {y, r.x + 1, 1, w};
			tui_session_hit(s, hit, TUI_HIT_NOTIFICATION, (int)i);
			o += used;
		}
	}
	for (size_t i = 0; i < s->n_notes; i++)
		free(shown[i]);
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
	if (s->list.page.n == 0 && !tui_edit_empty(&s->search) &&
	    s->search_err[0]) {
		/* A query the model refuses: its line, wrapped, no rows. */
		char *shown = tui_text_show(s->search_err, false);
		size_t len = shown ? strlen(shown) : 0;
		for (size_t at = 0, row = 0; at < len && (int)row < r.h - 2;
		     row++) {
			size_t cut;
			size_t used = tui_text_wrap(shown + at, len - at, w, &cut);
			char line[sizeof s->search_err];
			snprintf(line, sizeof line, "%.*s", (int)cut, shown + at);
			tui_draw_shown(r.y + 1 + (int)row, r.x + 1, w, line,
				       TUI_ST_ERROR, 0, false);
			at += used;
			while (at < len && shown[at] == ' ')
				at++;
		}
		free(shown);
		return;
	}
	if (s->list.page.n == 0) {
		tui_draw_text(r.y + 1, r.x + 1, w, tui_edit_empty(&s->search)
			      ? "No threads here." : "Nothing matches.",
			      TUI_ST_HINT, 0, false);
		return;
	}
	struct tui_row_cols cols;
	draw_row_columns(s, w, &cols);
	for (size_t i = 0; i < s->list.page.n && (int)i < r.h - 2; i++) {
		const struct im_thread *t = &s->list.page.items[i];
		int y = r.y + 1 + (int)i;
		draw_row(s, t, y, r.x + 1, w, i == s->list.sel, &cols);
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

/* How long a hint stays in a narrow footer: send, help and quit always;
 * what acts on the thread or the answer, and the way out of a text, before
 * how to move about (a hurried user in a 40-column form must see Esc). */
static int draw_footer_rank(const struct tui_key *k, unsigned ctx)
{
	if (k->action == TUI_ACT_BACK)
		return ctx == TUI_CTX_TEXT ? 2 : 1;
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
			     int bare_below, unsigned ctx)
{
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		if (!hints[i])
			continue;
		if (draw_footer_rank(hints[i], ctx) < bare_below)
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
		int tw = tui_draw_text(r.y, r.x + lw, r.w - lw, s->search.buf,
				       TUI_ST_NORMAL, 0, false);
		/* While typing the last word is a prefix (results follow each
		 * key); Enter searches the query as typed, as `inmail search`
		 * does.  Said at the right when there is room. */
		static const char hint[] = "last word is a prefix until Enter ";
		int hw = (int)strlen(hint);
		if (!s->search_exact && r.w - lw - tw >= hw + 2)
			tui_draw_text(r.y, r.x + r.w - hw, hw, hint, TUI_ST_HINT,
				      0, false);
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
			if (!hints[i] || draw_footer_rank(hints[i], ctx) != rank)
				continue;
			width -= draw_footer_hint_width(hints[i]);
			hints[i] = NULL;
		}
	int bare_below = 0; /* hints of a lower rank show their key alone */
	while (bare_below < 4 &&
	       draw_footer_width(hints, shown, bare_below, ctx) > r.w)
		bare_below = bare_below ? bare_below + 1 : 3;
	char line[512];
	size_t o = 0;
	line[0] = '\0';
	for (size_t i = 0; i < shown && o < sizeof(line) - 64; i++) {
		if (!hints[i])
			continue;
		const char *name = tui_keys_name(hints[i]);
		bool bare = draw_footer_rank(hints[i], ctx) < bare_below;
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
	if (s->picker)
		s->cur_shown = tui_picker_draw(s->picker, s->area, &s->cur_y,
					       &s->cur_x);
	if (!active)
		s->cur_shown = false;
}
