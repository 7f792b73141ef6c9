/* The report screen (see tui_report.h). */
#include "tui_report.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui_draw.h"
#include "tui_keys.h"
#include "tui_text.h"

/* The chart's height in rows; each row is eight eighths of a block. */
#define CHART_ROWS 3
/* SENT RESP ACC DEC RATE, right of the first column. */
#define NUMS_W 28

void tui_report_clear(struct tui_report *r)
{
	im_report_templates_free(&r->tpl, r->n_tpl);
	for (size_t i = 0; i < r->n_lines; i++)
		free(r->lines[i]);
	free(r->lines);
	free(r->styles);
	int scroll = r->scroll;
	memset(r, 0, sizeof(*r));
	r->scroll = scroll; /* a reload keeps the place */
}

enum im_status tui_report_load(struct tui_report *r, struct im_model *m)
{
	tui_report_clear(r);
	enum im_status st = im_report_weeks(m, TUI_REPORT_WEEKS, r->weeks);
	if (st == IM_OK)
		st = im_report_templates(m, TUI_REPORT_WEEKS, &r->tpl, &r->n_tpl);
	r->loaded = st == IM_OK;
	return st;
}

/* ---- layout ---- */

struct lines {
	struct tui_report *r;
	bool ok;
};

static void add(struct lines *l, enum tui_style st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add(struct lines *l, enum tui_style st, const char *fmt, ...)
{
	struct tui_report *r = l->r;
	if (!l->ok)
		return;
	char *line = NULL;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&line, fmt, ap);
	va_end(ap);
	char **lines = n < 0 ? NULL
		: realloc(r->lines, (r->n_lines + 1) * sizeof(*lines));
	if (lines)
		r->lines = lines;
	int *styles = lines ? realloc(r->styles, (r->n_lines + 1) *
				      sizeof(*styles)) : NULL;
	if (styles)
		r->styles = styles;
	if (!styles) {
		if (n >= 0)
			free(line);
		l->ok = false;
		return;
	}
	r->lines[r->n_lines] = line;
	r->styles[r->n_lines++] = st;
}

/* "W09" of the ISO week starting at monday; "2026-W09" with the year. */
static void week_name(im_time monday, bool year, char *buf, size_t n)
{
	time_t thursday = (time_t)(monday + 3 * IM_DAY);
	struct tm tm;
	gmtime_r(&thursday, &tm);
	if (year)
		snprintf(buf, n, "%04d-W%02d", tm.tm_year + 1900,
			 tm.tm_yday / 7 + 1);
	else
		snprintf(buf, n, "W%02d", tm.tm_yday / 7 + 1);
}

/* The rate right-aligned in 6 columns ("100 %", a dash for none):
 * padded by columns, not bytes. */
static void rate_text(bool has_rate, double rate, char *buf, size_t n)
{
	if (has_rate)
		snprintf(buf, n, "%4.0f %%", rate * 100.0);
	else
		snprintf(buf, n, "     %s", tui_text_glyph("–", "-"));
}

/* The weekly rate in blocks: CHART_ROWS rows, each week bw columns
 * wide and one apart; a decided week at 0 % shows its floor, a week
 * with nothing decided nothing. */
static void layout_chart(struct lines *l, int width)
{
	static const char *const blocks[] = {"▁", "▂", "▃", "▄",
					     "▅", "▆", "▇", "█"};
	const struct im_report_week *w = l->r->weeks;
	int n = TUI_REPORT_WEEKS;
	int bw = (width + 1) / n - 1;
	bw = bw < 1 ? 1 : bw > 4 ? 4 : bw;
	bool utf8 = tui_text_utf8();
	add(l, TUI_ST_TITLE, "Response rate by week, oldest first");
	for (int row = CHART_ROWS - 1; row >= 0; row--) {
		char line[512];
		size_t o = 0;
		for (int i = 0; i < n && o < sizeof(line) - 64; i++) {
			int eighths = w[i].has_rate
				? (int)(w[i].rate * CHART_ROWS * 8 + 0.5) : 0;
			int f = eighths - row * 8;
			const char *cell = " ";
			if (f >= 8)
				cell = utf8 ? blocks[7] : "#";
			else if (f > 0)
				cell = utf8 ? blocks[f - 1] : "#";
			else if (row == 0 && w[i].has_rate && eighths == 0)
				cell = utf8 ? blocks[0] : "_";
			for (int k = 0; k < bw; k++)
				o += (size_t)snprintf(line + o, sizeof(line) - o,
						      "%s", cell);
			if (i + 1 < n)
				line[o++] = ' ';
			line[o] = '\0';
		}
		add(l, TUI_ST_ACCEPTED, "%s", line);
	}
	/* The first and the last week under their bars. */
	char first[32], last[32];
	week_name(w[0].start, false, first, sizeof(first));
	week_name(w[n - 1].start, false, last, sizeof(last));
	int span = n * (bw + 1) - 1;
	int gap = span - (int)strlen(first) - (int)strlen(last);
	add(l, TUI_ST_DIM, "%s%*s%s", first, gap > 1 ? gap : 1, "", last);
}

static void layout_weeks(struct lines *l, int width)
{
	int lead = width - NUMS_W - 1;
	bool monday = lead >= 20;
	add(l, TUI_ST_TITLE, "%-*s %5s %5s %4s %4s %6s", lead,
	    monday ? "WEEK      MONDAY" : "WEEK", "SENT", "RESP", "ACC", "DEC",
	    "RATE");
	for (int i = 0; i < TUI_REPORT_WEEKS; i++) {
		const struct im_report_week *w = &l->r->weeks[i];
		char week[32], first[32] = "", rate[16];
		week_name(w->start, true, week, sizeof(week));
		if (monday)
			im_clock_format_date(w->start, first, sizeof(first));
		char head[80];
		snprintf(head, sizeof(head), "%s%s%s", week, monday ? "  " : "",
			 first);
		rate_text(w->has_rate, w->rate, rate, sizeof(rate));
		add(l, w->sent ? TUI_ST_NORMAL : TUI_ST_DIM,
		    "%-*s %5lld %5lld %4lld %4lld %s", lead, head,
		    (long long)w->sent, (long long)w->responded,
		    (long long)w->accepted, (long long)w->declined, rate);
	}
}

/* Text wrapped at width, one line per row. */
static void add_wrapped(struct lines *l, enum tui_style st, const char *text,
			int width)
{
	size_t len = strlen(text);
	for (size_t o = 0; o < len;) {
		size_t cut;
		size_t used = tui_text_wrap(text + o, len - o, width, &cut);
		add(l, st, "%.*s", (int)cut, text + o);
		o += used;
		while (o < len && text[o] == ' ')
			o++;
	}
}

static void layout_templates(struct lines *l, int width)
{
	const struct tui_report *r = l->r;
	int lead = width - NUMS_W - 1;
	add(l, TUI_ST_TITLE, "%-*s %5s %5s %4s %4s %6s", lead, "TEMPLATE",
	    "SENT", "RESP", "ACC", "DEC", "RATE");
	if (r->n_tpl == 0)
		add_wrapped(l, TUI_ST_DIM, "No templates, and no InMails in "
			    "these weeks.", width);
	for (size_t i = 0; i < r->n_tpl; i++) {
		const struct im_report_template *t = &r->tpl[i];
		char name[96], rate[16];
		if (!t->name)
			snprintf(name, sizeof(name), "(no template)");
		else
			snprintf(name, sizeof(name), "%s%s", t->name,
				 t->deleted ? " (deleted)" : "");
		rate_text(t->has_rate, t->rate, rate, sizeof(rate));
		enum tui_style st = t->sent ? TUI_ST_NORMAL : TUI_ST_DIM;
		/* A name longer than its column has a line of its own. */
		bool own = (int)strlen(name) > lead;
		if (own)
			add_wrapped(l, st, name, width);
		add(l, st, "%-*s %5lld %5lld %4lld %4lld %s", lead,
		    own ? "" : name, (long long)t->sent,
		    (long long)t->responded, (long long)t->accepted,
		    (long long)t->declined, rate);
	}
}

bool tui_report_layout(struct tui_report *r, int width)
{
	if (width < 20)
		width = 20;
	for (size_t i = 0; i < r->n_lines; i++)
		free(r->lines[i]);
	free(r->lines);
	free(r->styles);
	r->lines = NULL;
	r->styles = NULL;
	r->n_lines = 0;
	r->width = width;
	struct lines l = {r, true};
	if (!r->loaded) {
		add(&l, TUI_ST_HINT, "No report to show.");
		return l.ok;
	}
	layout_chart(&l, width);
	add(&l, TUI_ST_NORMAL, "%s", "");
	layout_weeks(&l, width);
	add(&l, TUI_ST_NORMAL, "%s", "");
	layout_templates(&l, width);
	add(&l, TUI_ST_NORMAL, "%s", "");
	add_wrapped(&l, TUI_ST_HINT, "RESP: responded within 30 days. RATE: "
		    "of those answered or past 30 days, the share answered "
		    "within 30. ACC accepted, DEC declined.", width);
	return l.ok;
}

void tui_report_scroll(struct tui_report *r, int delta, int rows)
{
	int max = (int)r->n_lines - rows;
	if (max < 0)
		max = 0;
	long s = delta == INT_MIN ? 0 : delta == INT_MAX ? max
		: (long)r->scroll + delta;
	r->scroll = s < 0 ? 0 : s > max ? max : (int)s;
}

void tui_report_draw(struct tui_report *r, struct tui_rect rect, bool focus)
{
	char title[64];
	snprintf(title, sizeof(title), "Report %s last %d weeks",
		 tui_text_glyph("·", "-"), TUI_REPORT_WEEKS);
	tui_draw_box(rect, title, focus);
	int w = rect.w - 2, h = rect.h - 2;
	if (w < 1 || h < 1)
		return;
	if (r->width != w || !r->lines)
		tui_report_layout(r, w);
	tui_report_scroll(r, 0, h);
	int shown = h;
	bool more = r->scroll + h < (int)r->n_lines;
	if (more)
		shown = h - 1; /* the last row says what is below */
	for (int i = 0; i < shown && r->scroll + i < (int)r->n_lines; i++)
		tui_draw_text(rect.y + 1 + i, rect.x + 1, w,
			      r->lines[r->scroll + i],
			      (enum tui_style)r->styles[r->scroll + i], 0, true);
	if (more) {
		char line[96];
		int below = (int)r->n_lines - (r->scroll + shown);
		const struct tui_key *down = tui_keys_by_name("move-down");
		snprintf(line, sizeof(line), "%d more line%s below (%s)",
			 below, below == 1 ? "" : "s",
			 down ? tui_keys_name(down) : "");
		tui_draw_text(rect.y + h, rect.x + 1, w, line, TUI_ST_HINT, 0,
			      true);
	}
}

const char *tui_report_refusal(int action)
{
	switch (action) {
	case TUI_ACT_OPEN: case TUI_ACT_NEXT_PANE: case TUI_ACT_PREV_PANE:
	case TUI_ACT_REPLY: case TUI_ACT_FOLLOWUP: case TUI_ACT_ARCHIVE:
	case TUI_ACT_MARK_UNREAD: case TUI_ACT_EXPLAIN: case TUI_ACT_SEARCH:
		return "The report shows numbers only; Esc goes back.";
	case TUI_ACT_REPORT: case TUI_ACT_NEW_INMAIL:
		return "Esc goes back from the report first.";
	default:
		return NULL;
	}
}
