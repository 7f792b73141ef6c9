/* The conversation pane: the thread's messages, where it stands, and at
 * the bottom the composer, the smart-reply buttons or the reason the
 * account cannot write. */
#include "tui_session_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_convlayout.h"
#include "tui_curses.h"
#include "tui_draw.h"
#include "tui_keys.h"
#include "tui_text.h"


struct conv_line {
	char *text; /* shown */
	enum tui_style st;
};

struct conv_lines {
	struct conv_line *v;
	size_t n, cap;
};

static void conv_push(struct conv_lines *l, const char *shown, size_t len,
		      enum tui_style st)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct conv_line *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return;
		l->v = v;
		l->cap = cap;
	}
	char *text = strndup(shown, len);
	if (text)
		l->v[l->n++] = (struct conv_line){text, st};
}

/* Wraps raw (shown first) into width columns, each row in style st. */
static void conv_wrap(struct conv_lines *l, const char *raw, int width,
		      enum tui_style st)
{
	char *shown = tui_text_show(raw, true);
	if (!shown)
		return;
	size_t len = strlen(shown), pos = 0;
	do {
		size_t line_len;
		size_t used = tui_text_wrap(shown + pos, len - pos, width,
					    &line_len);
		conv_push(l, shown + pos, line_len, st);
		pos += used;
	} while (pos < len);
	free(shown);
}

static void conv_lines_free(struct conv_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
}

static enum tui_style conv_state_style(const struct im_thread *t)
{
	if (t->blocked)
		return TUI_ST_BLOCKED;
	switch (t->state) {
	case IM_STATE_ACCEPTED: return TUI_ST_ACCEPTED;
	case IM_STATE_DECLINED: return TUI_ST_DECLINED;
	default: return TUI_ST_PENDING;
	}
}

/* How the response was made, after its state ("declined with the
 * template").  A switch, not a table: the value is an enum, and a table
 * indexed by it is one bad row away from reading past its end. */
static const char *conv_response_words(enum im_response r)
{
	switch (r) {
	case IM_RESPONSE_SMART_TEMPLATE: return " with the template";
	case IM_RESPONSE_SMART_EDITED: return " with an edited smart reply";
	case IM_RESPONSE_CUSTOM: return " with a message";
	case IM_RESPONSE_NONE: break;
	}
	return "";
}

/* Where the thread stands: its state, and for the recruiter both windows
 * (SPEC 3: 90 days for the credit, 30 for the response rate). */
static void conv_standing(const struct tui_session *s, char *buf, size_t n)
{
	const struct im_thread *t = s->open;
	char date[32];
	int o = snprintf(buf, n, "%s%s", im_state_name(t->state),
			 conv_response_words(t->response));
	if (!s->recruiter || o < 0 || (size_t)o >= n)
		return;
	switch (t->credit) {
	case IM_CREDIT_HELD:
		o += snprintf(buf + o, n - (size_t)o, " · credit held, %d d left",
			      t->days_left);
		break;
	case IM_CREDIT_REFUNDED:
		o += snprintf(buf + o, n - (size_t)o, " · credit refunded");
		break;
	case IM_CREDIT_FORFEITED:
		o += snprintf(buf + o, n - (size_t)o, " · credit forfeited");
		break;
	}
	if ((size_t)o >= n)
		return;
	if (t->rate == IM_RATE_PENDING) {
		im_clock_format_short(t->rate_deadline, im_model_now(s->m), date,
				      sizeof(date));
		o += snprintf(buf + o, n - (size_t)o, " · 30-d rate: open until %s",
			      date);
	} else {
		o += snprintf(buf + o, n - (size_t)o, " · 30-d rate: %s",
			      t->rate == IM_RATE_RESPONDED ? "responded"
							   : "unanswered");
	}
	if (t->has_followup && (size_t)o < n) {
		im_clock_format_short(t->followup_at, im_model_now(s->m), date,
				      sizeof(date));
		snprintf(buf + o, n - (size_t)o, " · auto follow-up %s", date);
	}
}

static const char *conv_sender(const struct im_thread *t,
			       const struct im_message *msg)
{
	if (msg->sender_id == t->recruiter.id)
		return t->recruiter.name;
	return t->candidate.name;
}

/* Message i of the open thread, as the layout asks for it: its heading
 * and body, or a system line, then an empty row. */
static void conv_render(void *arg, size_t i, struct tui_convlayout *l)
{
	const struct tui_session *s = arg;
	const struct im_thread *t = s->open;
	const struct im_message *msg = &t->messages[i];
	char buf[1024], date[32];
	im_clock_format_short(msg->sent_at, im_model_now(s->m), date,
			      sizeof(date));
	if (msg->kind == IM_KIND_SYSTEM) {
		tui_text_format(buf, sizeof(buf), "%s %s · %s %s",
				tui_text_glyph("──", "--"), msg->body, date,
				tui_text_glyph("──", "--"));
		tui_convlayout_add(l, buf, TUI_ST_SYSTEM);
		tui_convlayout_blank(l);
		return;
	}
	const char *kind = msg->kind == IM_KIND_INMAIL ? "InMail · "
		: msg->kind == IM_KIND_FOLLOWUP ? "follow-up · " : "";
	/* The recruiter sees how a custom response was read, as it was
	 * stored at the response (SPEC 4). */
	char how[48] = "";
	if (msg->classified && s->recruiter)
		snprintf(how, sizeof(how), " · read as %s (%.2f)",
			 im_label_name(msg->label), msg->confidence);
	tui_text_format(buf, sizeof(buf), "%s · %s%s%s", conv_sender(t, msg),
			kind, date, how);
	tui_convlayout_add(l, buf, TUI_ST_TITLE_FOCUS);
	tui_convlayout_add(l, msg->body, TUI_ST_NORMAL);
	/* Under the reply, with e: the words that weighed (issue 15). */
	char words[512];
	if (s->explain && s->recruiter && im_message_explain(msg, words,
							     sizeof(words))) {
		tui_text_format(buf, sizeof(buf), "why: %s", words);
		tui_convlayout_add(l, buf, TUI_ST_SYSTEM);
	}
	tui_convlayout_blank(l);
}

static int64_t conv_message_id(void *arg, size_t i)
{
	const struct tui_session *s = arg;
	return s->open->messages[i].id;
}

static uint64_t conv_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211u; /* FNV-1a */
	return h;
}

/* What every message's rows depend on besides the message: the thread
 * and its two names, who looks, the day (dates drop their year in the
 * current one) and the glyphs. */
static uint64_t conv_layout_key(const struct tui_session *s)
{
	const struct im_thread *t = s->open;
	int64_t v[4] = {t->id, s->me.id, im_model_now(s->m) / IM_DAY,
			(s->recruiter ? 1 : 0) | (tui_text_utf8() ? 2 : 0) |
			(s->explain ? 4 : 0)};
	uint64_t h = conv_hash(14695981039346656037u, v, sizeof(v));
	const char *names[2] = {t->recruiter.name, t->candidate.name};
	for (size_t i = 0; i < 2; i++)
		h = conv_hash(h, names[i] ? names[i] : "",
			      names[i] ? strlen(names[i]) + 1 : 1);
	return h;
}

/* Where the thread stands, pinned above the messages; returns its rows. */
static int conv_head(struct tui_session *s, struct tui_rect r)
{
	char buf[1024];
	struct conv_lines l = {0};
	conv_standing(s, buf, sizeof(buf));
	conv_wrap(&l, buf, r.w, conv_state_style(s->open));
	int rows = (int)l.n < r.h ? (int)l.n : r.h;
	for (int i = 0; i < rows; i++)
		tui_draw_shown(r.y + i, r.x, r.w, l.v[i].text, l.v[i].st, 0,
			       false);
	conv_lines_free(&l);
	return rows;
}

/* The messages, newest at the bottom, conv_scroll rows up: only what the
 * window reaches is laid out, and kept (tui_convlayout). */
static void conv_messages(struct tui_session *s, struct tui_rect r)
{
	if (!s->conv_layout)
		s->conv_layout = tui_convlayout_new();
	struct tui_convlayout *l = s->conv_layout, *once = NULL;
	if (!l) /* out of memory: laid out for this draw alone, if at all */
		l = once = tui_convlayout_new();
	struct tui_convlayout_row *rows = r.h > 0
		? malloc((size_t)r.h * sizeof(*rows)) : NULL;
	struct tui_convlayout_src src = {s->open->n_messages, conv_message_id,
					 conv_render, s};
	size_t n = tui_convlayout_window(l, &src, conv_layout_key(s), r.w, r.h,
					 &s->conv_scroll, rows);
	for (size_t i = 0; i < n; i++)
		tui_draw_shown(r.y + (int)i, r.x, r.w, rows[i].text,
			       (enum tui_style)rows[i].style, 0, false);
	free(rows);
	tui_convlayout_free(&once);
}

/* The multi-line box of the composer, in a frame. */
static void conv_box(struct tui_session *s, struct tui_rect r, bool focus)
{
	char title[64];
	tui_text_format(title, sizeof(title), "%s",
			tui_composer_title(&s->c, s->open));
	tui_draw_box(r, title, focus);
	struct tui_rect in = {r.y + 1, r.x + 1, r.h - 2, r.w - 2};
	if (in.h < 1 || in.w < 1)
		return;
	tui_session_hit(s, r, TUI_HIT_BOX, 0);
	s->c.box_width = in.w;
	size_t n;
	int row, col;
	struct tui_edit_line *lines = tui_edit_layout(&s->c.box, in.w, &n, &row,
						      &col);
	if (!lines)
		return;
	int top = row >= in.h ? row - in.h + 1 : 0;
	for (int i = 0; i < in.h && (size_t)(top + i) < n; i++) {
		const struct tui_edit_line *ln = &lines[top + i];
		char *raw = strndup(s->c.box.buf + ln->start, ln->len);
		if (raw)
			tui_draw_text(in.y + i, in.x, in.w, raw, TUI_ST_NORMAL, 0,
				      false);
		free(raw);
	}
	if (focus) {
		s->cur_y = in.y + row - top;
		s->cur_x = in.x + col;
		s->cur_shown = true;
	}
	free(lines);
}

/* A one-line field with a label; scrolls so the cursor stays visible. */
static void conv_field(struct tui_session *s, int y, int x, int w,
		       const char *label, struct tui_edit *e, bool focus,
		       enum tui_field field)
{
	int lw = tui_draw_text(y, x, w, label, focus ? TUI_ST_TITLE_FOCUS
					      : TUI_ST_TITLE, 0, false);
	x += lw;
	w -= lw;
	if (w < 2)
		return;
	struct tui_rect r = {y, x - lw, 1, w + lw};
	tui_session_hit(s, r, TUI_HIT_FIELD, (int)field);
	size_t start = 0;
	while (tui_text_span_width(e->buf + start, e->cur - start) > w - 1)
		start += tui_text_cluster(e->buf + start, e->len - start);
	tui_draw_text(y, x, w, e->buf + start, TUI_ST_NORMAL, A_UNDERLINE, true);
	if (focus) {
		s->cur_y = y;
		s->cur_x = x + tui_text_span_width(e->buf + start, e->cur - start);
		s->cur_shown = true;
	}
}

static void conv_form(struct tui_session *s, struct tui_rect in)
{
	struct tui_composer *c = &s->c;
	char line[128];
	snprintf(line, sizeof(line), "An InMail costs %d credit; you have %lld.",
		 IM_INMAIL_COST, (long long)s->me.credits);
	tui_draw_text(in.y, in.x, in.w, line, TUI_ST_HINT, 0, false);
	conv_field(s, in.y + 1, in.x, in.w, "To (handle): ", &c->to,
		   c->field == TUI_FIELD_TO, TUI_FIELD_TO);
	conv_field(s, in.y + 2, in.x, in.w, "Subject: ", &c->subject,
		   c->field == TUI_FIELD_SUBJECT, TUI_FIELD_SUBJECT);
	/* Short, so what is typed shows beside it even in a 40-column
	 * half (empty: no automated follow-up). */
	snprintf(line, sizeof(line), "Follow-up days (%d-%d): ",
		 IM_FOLLOWUP_MIN_DAYS, IM_FOLLOWUP_MAX_DAYS);
	conv_field(s, in.y + 3, in.x, in.w, line, &c->followup_days,
		   c->field == TUI_FIELD_FOLLOWUP_DAYS, TUI_FIELD_FOLLOWUP_DAYS);
	conv_field(s, in.y + 4, in.x, in.w, "Follow-up text: ",
		   &c->followup_text, c->field == TUI_FIELD_FOLLOWUP_TEXT,
		   TUI_FIELD_FOLLOWUP_TEXT);
	struct tui_rect box = {in.y + 5, in.x, in.h - 5, in.w};
	conv_box(s, box, c->field == TUI_FIELD_BODY);
}

static void conv_buttons(struct tui_session *s, int y, int x, int w)
{
	static const enum im_smart order[] = {IM_SMART_YES, IM_SMART_NO};
	int col = x + 1;
	for (size_t i = 0; i < 2; i++) {
		enum im_smart b = order[i];
		bool on = s->c.smart == b;
		bool under = s->focus == TUI_FOCUS_BUTTONS && s->c.button == b;
		char label[96];
		tui_text_format(label, sizeof(label), "[%s%s%s]",
			 on ? tui_text_glyph("▸", ">") : " ", im_smart_label(b),
			 on ? tui_text_glyph("◂", "<") : " ");
		int used = tui_draw_text(y, col, x + w - col, label,
					 on ? TUI_ST_BUTTON_ON : TUI_ST_BUTTON,
					 under ? A_UNDERLINE | A_BOLD : 0, false);
		struct tui_rect r = {y, col, 1, used};
		tui_session_hit(s, r, TUI_HIT_BUTTON, (int)b);
		col += used + 3;
	}
}

/* The reason the account cannot write, and for a blocked recruiter the
 * new InMail it can send instead.  Returns the rows used. */
static int conv_reason(struct tui_session *s, struct tui_rect in)
{
	struct conv_lines l = {0};
	const struct im_thread *t = s->open;
	conv_wrap(&l, t->reason ? t->reason : "", in.w, TUI_ST_BLOCKED);
	if (s->recruiter && t->blocked) {
		char offer[256];
		tui_text_format(offer, sizeof(offer),
			 "%s: new InMail to %s (%d credit; you have %lld)",
			 tui_keys_first_name(TUI_ACT_NEW_INMAIL),
			 t->candidate.name, IM_INMAIL_COST,
			 (long long)s->me.credits);
		conv_wrap(&l, offer, in.w, TUI_ST_NOTE);
	}
	int rows = (int)l.n < in.h / 2 ? (int)l.n : in.h / 2;
	int y0 = in.y + in.h - rows;
	for (int i = 0; i < rows; i++) {
		tui_draw_shown(y0 + i, in.x, in.w, l.v[i].text, l.v[i].st, 0,
			       false);
		if (l.v[i].st == TUI_ST_NOTE) {
			struct tui_rect r = {y0 + i, in.x, 1, in.w};
			tui_session_hit(s, r, TUI_HIT_NEW_INMAIL, 0);
		}
	}
	conv_lines_free(&l);
	return rows;
}

/* The composer region at the bottom of in; returns the rows it took. */
static int conv_bottom(struct tui_session *s, struct tui_rect in)
{
	if (!tui_composer_available(s->open))
		return conv_reason(s, in);
	int text_rows = in.h >= 16 ? 4 : 2;
	int rows = text_rows + 2;
	if (tui_composer_buttons(&s->c, s->open)) {
		int y = in.y + in.h - rows - 1;
		conv_buttons(s, y, in.x, in.w);
		rows++;
	}
	struct tui_rect box = {in.y + in.h - text_rows - 2, in.x, text_rows + 2,
			       in.w};
	conv_box(s, box, s->focus == TUI_FOCUS_BOX);
	return rows;
}

void tui_conv_draw(struct tui_session *s, struct tui_rect r, bool focus)
{
	const char *title = s->c.form ? "New InMail"
		: s->open ? s->open->subject : "Conversation";
	tui_draw_box(r, title, focus);
	struct tui_rect in = {r.y + 1, r.x + 1, r.h - 2, r.w - 2};
	if (in.h < 4 || in.w < 4)
		return;
	tui_session_hit(s, in, TUI_HIT_THREAD, 0);
	if (s->c.form) {
		conv_form(s, in);
		return;
	}
	if (!s->open) {
		tui_draw_text(in.y, in.x, in.w, "Enter opens the selected thread.",
			      TUI_ST_HINT, 0, false);
		return;
	}
	int bottom = conv_bottom(s, in);
	int head = conv_head(s, in);
	struct tui_rect msgs = {in.y + head + 1, in.x, in.h - bottom - head - 1,
				in.w};
	conv_messages(s, msgs);
}
