/* The conversation laid out incrementally: see tui_convlayout.h. */
#include "tui_convlayout.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tui_text.h"

struct cl_row {
	size_t off; /* into the item's text */
	int style;
};

/* One item's rows: their texts one after another, each NUL-terminated. */
struct cl_item {
	int rows; /* -1: not laid out yet */
	char *text;
	struct cl_row *row;
};

struct tui_convlayout {
	bool valid; /* key and width hold what the items were laid out for */
	uint64_t key;
	int width;
	struct cl_item *items;
	size_t n, cap;
	int64_t last_id; /* of items[n - 1] */
	size_t rendered;

	/* the item being laid out */
	char *text;
	size_t len, text_cap;
	struct cl_row *row;
	size_t rows, row_cap;
};

struct tui_convlayout *tui_convlayout_new(void)
{
	return calloc(1, sizeof(struct tui_convlayout));
}

static void cl_item_clear(struct cl_item *it)
{
	free(it->text);
	free(it->row);
	*it = (struct cl_item){.rows = -1};
}

static void cl_reset(struct tui_convlayout *l)
{
	for (size_t i = 0; i < l->n; i++)
		cl_item_clear(&l->items[i]);
	l->n = 0;
	l->last_id = 0;
}

void tui_convlayout_free(struct tui_convlayout **l)
{
	if (!l || !*l)
		return;
	cl_reset(*l);
	free((*l)->items);
	free((*l)->text);
	free((*l)->row);
	free(*l);
	*l = NULL;
}

/* Appends one row of shown text s[0..len) to the item being laid out;
 * out of memory, the row is left out. */
static void cl_push(struct tui_convlayout *l, const char *s, size_t len,
		    int style)
{
	if (l->rows == l->row_cap) {
		size_t cap = l->row_cap ? l->row_cap * 2 : 8;
		struct cl_row *v = realloc(l->row, cap * sizeof(*v));
		if (!v)
			return;
		l->row = v;
		l->row_cap = cap;
	}
	if (l->len + len + 1 > l->text_cap) {
		size_t cap = l->text_cap ? l->text_cap : 256;
		while (cap < l->len + len + 1)
			cap *= 2;
		char *t = realloc(l->text, cap);
		if (!t)
			return;
		l->text = t;
		l->text_cap = cap;
	}
	memcpy(l->text + l->len, s, len);
	l->text[l->len + len] = '\0';
	l->row[l->rows++] = (struct cl_row){l->len, style};
	l->len += len + 1;
}

void tui_convlayout_add(struct tui_convlayout *l, const char *raw, int style)
{
	if (!l)
		return;
	char *shown = tui_text_show(raw, true);
	if (!shown)
		return;
	size_t len = strlen(shown), pos = 0;
	do {
		size_t line_len;
		size_t used = tui_text_wrap(shown + pos, len - pos, l->width,
					    &line_len);
		cl_push(l, shown + pos, line_len, style);
		pos += used;
	} while (pos < len);
	free(shown);
}

void tui_convlayout_blank(struct tui_convlayout *l)
{
	if (l)
		cl_push(l, "", 0, 0);
}

/* Lays out item i once; its rows are then kept. */
static void cl_layout(struct tui_convlayout *l,
		      const struct tui_convlayout_src *src, size_t i)
{
	struct cl_item *it = &l->items[i];
	if (it->rows >= 0)
		return;
	l->len = 0;
	l->rows = 0;
	src->render(src->arg, i, l);
	l->rendered++;
	it->rows = 0;
	if (l->rows == 0)
		return;
	it->text = malloc(l->len);
	it->row = malloc(l->rows * sizeof(*it->row));
	if (!it->text || !it->row) {
		cl_item_clear(it);
		it->rows = 0;
		return;
	}
	memcpy(it->text, l->text, l->len);
	memcpy(it->row, l->row, l->rows * sizeof(*it->row));
	it->rows = (int)l->rows;
}

/* Keeps what still holds: everything when only new items came after the
 * ones laid out, nothing when the key, the width or the items changed. */
static bool cl_sync(struct tui_convlayout *l,
		    const struct tui_convlayout_src *src, uint64_t key,
		    int width)
{
	bool same = l->valid && l->key == key && l->width == width &&
		    src->n >= l->n &&
		    (l->n == 0 || src->id(src->arg, l->n - 1) == l->last_id);
	if (!same)
		cl_reset(l);
	l->valid = true;
	l->key = key;
	l->width = width;
	if (src->n > l->cap) {
		size_t cap = l->cap ? l->cap : 16;
		while (cap < src->n)
			cap *= 2;
		struct cl_item *v = realloc(l->items, cap * sizeof(*v));
		if (!v) {
			cl_reset(l);
			return false;
		}
		l->items = v;
		l->cap = cap;
	}
	for (size_t i = l->n; i < src->n; i++)
		l->items[i] = (struct cl_item){.rows = -1};
	l->n = src->n;
	l->last_id = l->n ? src->id(src->arg, l->n - 1) : 0;
	return true;
}

size_t tui_convlayout_window(struct tui_convlayout *l,
			     const struct tui_convlayout_src *src, uint64_t key,
			     int width, int h, int *scroll,
			     struct tui_convlayout_row *rows)
{
	if (!l || !src || !rows || h < 1 || width < 1 ||
	    !cl_sync(l, src, key, width))
		return 0;
	int want = scroll && *scroll > 0 ? *scroll : 0;
	/* From the newest back, until the window and what is scrolled past
	 * are covered, or the oldest is reached. */
	long need = (long)h + want, have = 0;
	size_t k = l->n;
	while (k > 0 && have < need) {
		k--;
		cl_layout(l, src, k);
		have += l->items[k].rows;
	}
	if (have < need)
		want = have > h ? (int)(have - h) : 0;
	if (scroll)
		*scroll = want;
	long end = have - want, begin = end > h ? end - h : 0;
	/* Rows begin..end of items k.. */
	size_t out = 0;
	long at = 0;
	for (size_t i = k; i < l->n && at < end; i++) {
		const struct cl_item *it = &l->items[i];
		for (int r = 0; r < it->rows && at < end; r++, at++)
			if (at >= begin)
				rows[out++] = (struct tui_convlayout_row){
					it->text + it->row[r].off,
					it->row[r].style};
	}
	return out;
}

size_t tui_convlayout_rendered(const struct tui_convlayout *l)
{
	return l ? l->rendered : 0;
}
