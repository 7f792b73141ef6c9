/* The scrolling thread list over keyset paging (see tui_list.h). */
#include "tui_list.h"

#include <string.h>

void tui_list_init(struct tui_list *l, struct tui_list_source src)
{
	memset(l, 0, sizeof(*l));
	l->src = src;
	l->height = 1;
}

void tui_list_clear(struct tui_list *l)
{
	im_page_clear(&l->page);
	l->sel = 0;
	l->anchored = false;
}

static struct im_cursor list_pos(const struct tui_list *l, size_t i)
{
	return l->src.cursor(l->src.ctx, &l->page.items[i]);
}

/* Fetches the window after the anchor; selects keep_id if present, else
 * the row at index want (clamped). */
static enum im_status list_fill(struct tui_list *l, int64_t keep_id,
				size_t want)
{
	struct im_page p = {0};
	enum im_status st = l->src.fetch(l->src.ctx,
					 l->anchored ? IM_PAGE_AFTER : IM_PAGE_FIRST,
					 l->anchored ? &l->anchor : NULL,
					 l->height, &p);
	if (st != IM_OK)
		return st;
	im_page_clear(&l->page);
	l->page = p;
	l->sel = want;
	for (size_t i = 0; i < p.n; i++)
		if (keep_id && p.items[i].id == keep_id)
			l->sel = i;
	if (l->sel >= p.n)
		l->sel = p.n ? p.n - 1 : 0;
	return IM_OK;
}

static int64_t list_sel_id(const struct tui_list *l)
{
	const struct im_thread *t = tui_list_selected(l);
	return t ? t->id : 0;
}

enum im_status tui_list_reload(struct tui_list *l, size_t height)
{
	l->height = height ? height : 1;
	int64_t keep = list_sel_id(l);
	enum im_status st = list_fill(l, keep, l->sel);
	/* Every row below the anchor vanished: show the last rows instead. */
	if (st == IM_OK && l->page.n == 0 && l->anchored)
		return tui_list_end(l);
	return st;
}

enum im_status tui_list_reset(struct tui_list *l, size_t height)
{
	l->height = height ? height : 1;
	l->anchored = false;
	return list_fill(l, 0, 0);
}

enum im_status tui_list_home(struct tui_list *l)
{
	l->anchored = false;
	return list_fill(l, 0, 0);
}

enum im_status tui_list_end(struct tui_list *l)
{
	struct im_page p = {0};
	enum im_status st = l->src.fetch(l->src.ctx, IM_PAGE_LAST, NULL,
					 l->height + 1, &p);
	if (st != IM_OK)
		return st;
	l->anchored = p.n == l->height + 1;
	if (l->anchored)
		l->anchor = l->src.cursor(l->src.ctx, &p.items[0]);
	im_page_clear(&p);
	return list_fill(l, 0, l->height);
}

/* Scrolls so that the window starts limit rows earlier (at most). */
static enum im_status list_scroll_up(struct tui_list *l, size_t rows,
				     bool *moved)
{
	*moved = false;
	if (!l->anchored || l->page.n == 0)
		return IM_OK;
	struct im_cursor first = list_pos(l, 0);
	struct im_page p = {0};
	enum im_status st = l->src.fetch(l->src.ctx, IM_PAGE_BEFORE, &first,
					 rows + 1, &p);
	if (st != IM_OK)
		return st;
	if (p.n > 0) {
		*moved = true;
		l->anchored = p.n == rows + 1;
		if (l->anchored)
			l->anchor = l->src.cursor(l->src.ctx, &p.items[0]);
	}
	im_page_clear(&p);
	return IM_OK;
}

/* Scrolls so that the window starts rows later, if rows exist below. */
static enum im_status list_scroll_down(struct tui_list *l, size_t rows,
				       bool *moved)
{
	*moved = false;
	if (l->page.n < l->height)
		return IM_OK; /* the window already reaches the end */
	struct im_cursor last = list_pos(l, l->page.n - 1);
	struct im_page p = {0};
	enum im_status st = l->src.fetch(l->src.ctx, IM_PAGE_AFTER, &last, 1, &p);
	if (st != IM_OK)
		return st;
	bool more = p.n > 0;
	im_page_clear(&p);
	if (!more)
		return IM_OK;
	size_t step = rows < l->page.n ? rows : l->page.n;
	l->anchor = list_pos(l, step - 1);
	l->anchored = true;
	*moved = true;
	return IM_OK;
}

enum im_status tui_list_move(struct tui_list *l, long delta)
{
	enum im_status st = IM_OK;
	bool moved;
	if (l->page.n == 0)
		return IM_OK;
	if (delta > 0) {
		size_t d = (size_t)delta;
		if (l->sel + d < l->page.n) {
			l->sel += d;
			return IM_OK;
		}
		size_t want = l->sel + d - (l->page.n - 1);
		st = list_scroll_down(l, d > 1 ? l->height : want, &moved);
		if (st != IM_OK || !moved) {
			l->sel = l->page.n - 1;
			return st;
		}
		size_t keep = d > 1 ? l->sel : l->page.n - 1;
		return list_fill(l, 0, keep);
	}
	size_t d = (size_t)-delta;
	if (l->sel >= d) {
		l->sel -= d;
		return IM_OK;
	}
	st = list_scroll_up(l, d > 1 ? l->height : d - l->sel, &moved);
	if (st != IM_OK || !moved) {
		l->sel = 0;
		return st;
	}
	return list_fill(l, 0, d > 1 ? l->sel : 0);
}

bool tui_list_select_row(struct tui_list *l, size_t row)
{
	if (row >= l->page.n)
		return false;
	l->sel = row;
	return true;
}

const struct im_thread *tui_list_selected(const struct tui_list *l)
{
	return l->page.n ? &l->page.items[l->sel] : NULL;
}
