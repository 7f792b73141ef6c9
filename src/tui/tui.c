/* The interface's loop: one or two sessions (the demo), the keyboard and
 * the mouse, resize, the clock, the live check and the help overlay.  Keys
 * go to the session with the keyboard, which returns flags; what is dirty
 * is drawn here, once per turn (werase, not clear, but after a resize). */
#include "tui.h"

#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui_curses.h"
#include "tui_terminfo.h"
#include "tui_draw.h"
#include "tui_editor.h"
#include "tui_guide.h"
#include "tui_help.h"
#include "tui_keys.h"
#include "tui_session.h"
#include "tui_signal.h"
#include "tui_text.h"

#define TUI_TICK_MS 250 /* the live check: well inside a second */

struct tui {
	const struct tui_options *o;
	struct tui_session *s[TUI_MAX_PANES];
	size_t active;
	bool help;
	bool too_small;
	bool dirty;
	im_time now;
	struct tui_guide *guide; /* demo --guide */
	bool guide_hidden;       /* F10: hidden until the next F10 */
	int guide_rows;          /* the rows its line takes now */
	bool lost[TUI_MAX_PANES]; /* a session's server connection is lost */
};

/* The rows the guide's line takes above the panes (0: none, hidden). */
static int tui_guide_height(const struct tui *t)
{
	return t->guide && !t->guide_hidden ? t->guide_rows : 0;
}

static struct tui_rect tui_area(const struct tui *t, size_t i)
{
	struct tui_rect r = {0, 0, LINES, COLS};
	if (!t->o->demo)
		return r;
	int half = COLS / 2;
	r.y = 1 + tui_guide_height(t); /* the guide's line under the demo's */
	r.h = LINES - r.y;
	r.x = i == 0 ? 0 : half;
	r.w = i == 0 ? half : COLS - half;
	return r;
}

/* The rows the guide's line needs at this width. */
static int tui_guide_rows_now(const struct tui *t)
{
	char line[1024];
	return tui_guide_line(t->guide, line, sizeof(line), COLS);
}

static void tui_resize(struct tui *t)
{
	t->guide_rows = tui_guide_rows_now(t);
	t->too_small = COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS;
	if (t->too_small)
		return;
	for (size_t i = 0; i < t->o->n; i++)
		tui_session_resize(t->s[i], tui_area(t, i));
}

static void tui_reload_all(struct tui *t)
{
	for (size_t i = 0; i < t->o->n; i++)
		tui_session_reload(t->s[i]);
}

static void tui_draw_demo_line(const struct tui *t)
{
	char date[32], line[256];
	im_clock_format_date(t->now, date, sizeof(date));
	const char *who = t->active == 0 ? "recruiter" : "candidate";
	snprintf(line, sizeof(line),
		 " DEMO · %s · F9 +1 day · Ctrl-W switch · keyboard: %s", date,
		 who);
	if (t->guide && t->guide_hidden) {
		/* How to bring the hidden guide back, in 80 columns too. */
		snprintf(line, sizeof(line), " DEMO · %s · F9 +1 day · Ctrl-W "
			 "switch · F10 guide · keyboard: %s", date, who);
		if (tui_text_span_width(line, strlen(line)) > COLS)
			snprintf(line, sizeof(line), " DEMO · %s · F9 +1 day · "
				 "Ctrl-W · F10 guide · keyboard: %s", date, who);
	}
	tui_draw_text(0, 0, COLS, line, TUI_ST_HEADER, 0, true);
}

/* ---- demo --guide: what the models report moves the guide on ---- */

static enum tui_guide_at tui_guide_where(const struct tui *t, size_t i,
					 int64_t story)
{
	int64_t id;
	enum tui_session_at at = tui_session_at(t->s[i], &id);
	switch (at) {
	case TUI_AT_LIST:
		return TUI_GUIDE_AT_LIST;
	case TUI_AT_TYPING:
		return TUI_GUIDE_AT_TYPING;
	case TUI_AT_THREAD:
		return id == story ? TUI_GUIDE_AT_STORY : TUI_GUIDE_AT_OTHER;
	case TUI_AT_BUTTONS:
		return id == story ? TUI_GUIDE_AT_BUTTONS : TUI_GUIDE_AT_OTHER;
	case TUI_AT_BOX:
		break;
	}
	return id == story ? TUI_GUIDE_AT_STORY_BOX : TUI_GUIDE_AT_TYPING;
}

static void tui_guide_update(struct tui *t)
{
	if (!t->guide)
		return;
	struct tui_guide_obs o;
	tui_guide_observe(t->guide, t->o->models[0], t->o->models[1], &o);
	o.keys = (int)t->active;
	for (size_t i = 0; i < 2; i++)
		o.at[i] = tui_guide_where(t, i, o.story);
	if (!tui_guide_advance(t->guide, &o))
		return;
	t->dirty = true;
	/* A line that needs more or fewer rows moves the panes. */
	if (tui_guide_rows_now(t) != t->guide_rows) {
		t->guide_rows = tui_guide_rows_now(t);
		if (!t->guide_hidden && !t->too_small) {
			clear();
			tui_resize(t);
		}
	}
}

static void tui_draw_guide_line(const struct tui *t)
{
	char line[1024];
	tui_guide_line(t->guide, line, sizeof(line), COLS);
	const char *row = line;
	for (int y = 1; y <= t->guide_rows; y++) {
		size_t len = strcspn(row, "\n");
		char one[1024];
		snprintf(one, sizeof(one), "%.*s", (int)len, row);
		tui_draw_shown(y, 0, COLS, one, TUI_ST_NOTE, 0, true);
		row += len + (row[len] ? 1 : 0);
	}
}

/* ? lists what the session with the keyboard permits now (F10 only
 * with a guide). */
static bool help_offered(const void *arg, const struct tui_key *k)
{
	const struct tui *t = arg;
	if (k->action == TUI_ACT_DEMO_GUIDE && !t->guide)
		return false;
	return !tui_session_refusal(t->s[t->active], k);
}

/* The longest of the sayings that shows whole in the terminal, wrapped
 * at spaces and centred: the size it needs is never cut off. */
static void tui_draw_too_small(void)
{
	const char *quit = tui_keys_first_name(TUI_ACT_QUIT);
	char forms[4][128];
	snprintf(forms[0], sizeof forms[0], "terminal too small: %dx%d, needs "
		 "%dx%d (%s quits)", COLS, LINES, TUI_MIN_COLS, TUI_MIN_ROWS,
		 quit);
	snprintf(forms[1], sizeof forms[1], "too small: needs %dx%d (%s "
		 "quits)", TUI_MIN_COLS, TUI_MIN_ROWS, quit);
	snprintf(forms[2], sizeof forms[2], "needs %dx%d", TUI_MIN_COLS,
		 TUI_MIN_ROWS);
	snprintf(forms[3], sizeof forms[3], "%dx%d", TUI_MIN_COLS,
		 TUI_MIN_ROWS);
	int cols = COLS > 0 ? COLS : 1;
	for (int f = 0; f < 4; f++) {
		const char *s = forms[f];
		size_t len = strlen(s), at = 0;
		size_t starts[16], lens[16];
		int n = 0;
		bool whole = true;
		while (at < len && n < 16) {
			size_t cut, used = tui_text_wrap(s + at, len - at, cols,
							 &cut);
			if (tui_text_span_width(s + at, cut) > cols)
				whole = false;
			starts[n] = at;
			lens[n++] = cut;
			at += used;
			while (at < len && s[at] == ' ')
				at++;
		}
		if (at < len || !whole || (n > LINES && f < 3))
			continue;
		int y0 = LINES > n ? (LINES - n) / 2 : 0;
		for (int i = 0; i < n && y0 + i < LINES; i++) {
			char line[128];
			snprintf(line, sizeof line, "%.*s", (int)lens[i],
				 s + starts[i]);
			tui_draw_text(y0 + i, 0, COLS, line, TUI_ST_ERROR, 0,
				      false);
		}
		return;
	}
}

static void tui_draw_all(struct tui *t)
{
	erase();
	if (t->too_small) {
		tui_draw_too_small();
		curs_set(0);
		refresh();
		return;
	}
	if (t->o->demo)
		tui_draw_demo_line(t);
	if (tui_guide_height(t))
		tui_draw_guide_line(t);
	for (size_t i = 0; i < t->o->n; i++)
		tui_session_draw(t->s[i], tui_area(t, i), i == t->active);
	int y, x;
	bool cursor = !t->help && tui_session_cursor(t->s[t->active], &y, &x);
	if (t->help)
		tui_help_draw(LINES, COLS, t->o->demo, help_offered, t);
	curs_set(cursor ? 1 : 0);
	if (cursor)
		move(y, x);
	refresh();
}

/* The clock: the demo's moves by F9, a --now clock never, the real one
 * by itself; follow-ups due by then are sent (im_model_catch_up). */
static void tui_set_clock(struct tui *t, im_time now)
{
	bool moved = now / 60 != t->now / 60;
	t->now = now;
	for (size_t i = 0; i < t->o->n; i++) {
		im_model_set_now(t->o->models[i], now);
		if (moved)
			im_model_catch_up(t->o->models[i]);
	}
	if (moved) {
		tui_reload_all(t);
		t->dirty = true;
	}
}

/* The link to a server (issue 14): lost, the session says so once and
 * does no idle work (its composer keeps what is typed; the draft is saved
 * once back); back, it reads everything again.  False while lost. */
static bool tui_link(struct tui *t, size_t i)
{
	enum im_model_link l = im_model_link(t->o->models[i]);
	if (l == IM_MODEL_LINK_UP)
		return true;
	bool back = l == IM_MODEL_LINK_BACK;
	if (back || !t->lost[i])
		t->dirty |= (tui_session_link(t->s[i], back) & TUI_F_REDRAW) != 0;
	t->lost[i] = !back;
	return back;
}

static void tui_tick(struct tui *t)
{
	bool up[TUI_MAX_PANES], all_up = true;
	for (size_t i = 0; i < t->o->n; i++)
		all_up &= up[i] = tui_link(t, i);
	/* A system clock outside the range is ignored, not believed; while
	 * a server is away the clock waits (its catch-up would only fail). */
	im_time now = im_clock_system();
	if (!t->o->clock_fixed && im_time_valid(now) && all_up)
		tui_set_clock(t, now);
	for (size_t i = 0; i < t->o->n; i++)
		if (up[i] && (tui_session_tick(t->s[i]) & TUI_F_REDRAW))
			t->dirty = true;
}

/* Waits for a key or a tick.  Beside the keyboard, each session's
 * connection to a server (im_model_wait_fd): readable when another
 * session's change is announced, so it is drawn at once, not at the next
 * tick (SPEC 7: within 250 ms).  A file has none: get_wch waits out the
 * tick itself, as it always has.  ERR: tick. */
static int tui_wait(struct tui *t, wint_t *ch)
{
	struct pollfd p[1 + TUI_MAX_PANES];
	nfds_t n = 1;
	p[0] = (struct pollfd){.fd = STDIN_FILENO, .events = POLLIN};
	for (size_t i = 0; i < t->o->n; i++) {
		int fd = im_model_wait_fd(t->o->models[i]);
		if (fd >= 0)
			p[n++] = (struct pollfd){.fd = fd, .events = POLLIN};
	}
	timeout(n == 1 ? TUI_TICK_MS : 0);
	int got = get_wch(ch);
	if (got != ERR || n == 1)
		return got;
	/* Nothing typed (curses held nothing back either): wait on all.  A
	 * signal (a resize, a quit) ends the wait early too. */
	if (poll(p, n, TUI_TICK_MS) > 0 && (p[0].revents & (POLLIN | POLLHUP)))
		return get_wch(ch);
	return ERR;
}

static void tui_editor(struct tui *t, struct tui_session *s)
{
	char *err = NULL;
	char *text = tui_editor_run(tui_session_draft_text(s), &err);
	tui_session_editor_done(s, text, err);
	free(text);
	free(err);
	clearok(curscr, TRUE); /* the editor drew over everything */
	t->dirty = true;
}

static bool tui_flags(struct tui *t, struct tui_session *s, unsigned f)
{
	if (f & TUI_F_REDRAW)
		t->dirty = true;
	if (f & TUI_F_HELP) {
		t->help = true;
		t->dirty = true;
	}
	if (f & TUI_F_EDITOR)
		tui_editor(t, s);
	return (f & TUI_F_QUIT) != 0;
}

static bool tui_mouse(struct tui *t)
{
	MEVENT ev;
	if (getmouse(&ev) != OK ||
	    !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return false;
	for (size_t i = 0; i < t->o->n; i++) {
		struct tui_rect r = tui_area(t, i);
		if (!tui_rect_has(r, ev.y, ev.x))
			continue;
		if (t->active != i)
			t->dirty = true;
		t->active = i;
		return tui_flags(t, t->s[i], tui_session_click(t->s[i], ev.y,
							       ev.x));
	}
	return false;
}

/* One key; returns true when the person quits. */
static bool tui_key(struct tui *t, int code, bool fn)
{
	if (fn && code == KEY_RESIZE) {
		clear();
		tui_resize(t);
		t->dirty = true;
		return false;
	}
	if (t->too_small) {
		/* Only quitting works: q (or what it is bound to), Ctrl-C. */
		const struct tui_key *k = tui_keys_find(TUI_CTX_BROWSE, code, fn);
		return k && k->action == TUI_ACT_QUIT;
	}
	if (t->help) {
		t->help = false;
		t->dirty = true;
		return false;
	}
	if (fn && code == KEY_MOUSE)
		return tui_mouse(t);
	struct tui_session *s = t->s[t->active];
	const struct tui_key *k = t->o->demo
		? tui_keys_find(TUI_CTX_DEMO, code, fn) : NULL;
	if (k && k->action == TUI_ACT_DEMO_SWITCH) {
		t->active = (t->active + 1) % t->o->n;
		t->dirty = true;
		return false;
	}
	if (k && k->action == TUI_ACT_DEMO_GUIDE && t->guide) {
		/* Hidden, the panes take its rows; shown again, it is where
		 * the story is now (it kept watching). */
		t->guide_hidden = !t->guide_hidden;
		clear();
		tui_resize(t);
		t->dirty = true;
		return false;
	}
	if (k && k->action == TUI_ACT_DEMO_DAY) {
		t->now -= t->now % 60; /* a minute boundary: catch_up runs */
		tui_set_clock(t, t->now + IM_DAY);
		return false;
	}
	return tui_flags(t, s, tui_session_key(s, code, fn));
}

static int tui_fail(char **err, const char *what)
{
	if (err && asprintf(err, "%s", what) < 0)
		*err = NULL;
	return 1;
}

static bool tui_start_curses(void)
{
	if (!newterm(NULL, stdout, stdin))
		return false;
	raw(); /* Ctrl-S, Ctrl-C and Ctrl-W are keys here, not signals */
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	mouseinterval(0);
	const char *no_color = getenv("NO_COLOR");
	tui_draw_init(has_colors() && !(no_color && *no_color));
	timeout(TUI_TICK_MS);
	tui_signal_ready();
	return true;
}

int tui_run(const struct tui_options *o, char **err)
{
	struct tui t = {.o = o, .dirty = true};
	char why[256];
	if (tui_terminfo_problem(why, sizeof why))
		return tui_fail(err, why);
	setlocale(LC_ALL, "");
	tui_text_set_utf8(strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
	for (size_t i = 0; i < o->n; i++) {
		t.s[i] = tui_session_new(o->models[i], o->demo
					 ? (i == 0 ? "recruiter" : "candidate")
					 : NULL, err);
		if (!t.s[i]) {
			for (size_t j = 0; j < i; j++)
				tui_session_free(&t.s[j]);
			return 1;
		}
	}
	t.now = im_model_now(o->models[0]);
	if (o->demo && o->guide && o->n == 2 && !(t.guide = tui_guide_new())) {
		for (size_t i = 0; i < o->n; i++)
			tui_session_free(&t.s[i]);
		return tui_fail(err, "out of memory");
	}
	tui_signal_install();
	int rc = 0;
	if (!tui_start_curses()) {
		rc = tui_fail(err, "curses cannot start on this terminal; try "
				   "TERM=xterm-256color");
	} else {
		tui_resize(&t);
		bool quit = false;
		while (!quit && !tui_signal_quit()) {
			tui_guide_update(&t);
			if (t.dirty) {
				tui_draw_all(&t);
				t.dirty = false;
			}
			wint_t ch;
			int got = tui_wait(&t, &ch);
			if (got == ERR)
				tui_tick(&t);
			else
				quit = tui_key(&t, (int)ch, got == KEY_CODE_YES);
		}
		endwin();
	}
	tui_signal_remove();
	for (size_t i = 0; i < o->n; i++)
		tui_session_free(&t.s[i]);
	tui_guide_free(&t.guide);
	return rc;
}
