/* The text box's editing model (see tui_edit.h). */
#include "tui_edit.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "tui_text.h"

bool tui_edit_init(struct tui_edit *e)
{
	memset(e, 0, sizeof(*e));
	e->cap = 64;
	e->buf = calloc(e->cap, 1);
	e->want_col = -1;
	return e->buf != NULL;
}

void tui_edit_free(struct tui_edit *e)
{
	free(e->buf);
	memset(e, 0, sizeof(*e));
}

static bool edit_reserve(struct tui_edit *e, size_t more)
{
	if (e->len + more + 1 <= e->cap)
		return true;
	size_t cap = e->cap * 2;
	while (cap < e->len + more + 1)
		cap *= 2;
	char *b = realloc(e->buf, cap);
	if (!b)
		return false;
	e->buf = b;
	e->cap = cap;
	return true;
}

static bool edit_put(struct tui_edit *e, const char *s, size_t n)
{
	if (!edit_reserve(e, n))
		return false;
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, s, n);
	e->len += n;
	e->cur += n;
	e->want_col = -1;
	return true;
}

bool tui_edit_insert(struct tui_edit *e, uint32_t uc)
{
	if (uc == '\t')
		uc = ' ';
	if ((uc < 0x20 && uc != '\n') || (uc >= 0x7f && uc <= 0x9f) ||
	    uc > 0x10ffff || (uc >= 0xd800 && uc <= 0xdfff))
		return true; /* filtered, not an error */
	uint8_t tmp[6];
	int n = u8_uctomb(tmp, uc, sizeof(tmp));
	if (n < 1)
		return true;
	return edit_put(e, (const char *)tmp, (size_t)n);
}

bool tui_edit_insert_str(struct tui_edit *e, const char *s)
{
	size_t len = strlen(s), pos = 0;
	while (pos < len) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, (const uint8_t *)s + pos, len - pos);
		if (n < 1)
			n = 1;
		if (!(s[pos] == '\r' && pos + 1 < len && s[pos + 1] == '\n') &&
		    uc != 0xfffd && !tui_edit_insert(e, uc))
			return false;
		pos += (size_t)n;
	}
	return true;
}

bool tui_edit_set(struct tui_edit *e, const char *text)
{
	e->len = 0;
	e->cur = 0;
	e->buf[0] = '\0';
	e->want_col = -1;
	return tui_edit_insert_str(e, text ? text : "");
}

bool tui_edit_empty(const struct tui_edit *e)
{
	return e->len == 0;
}

bool tui_edit_backspace(struct tui_edit *e)
{
	if (e->cur == 0)
		return false;
	size_t n = tui_text_cluster_before(e->buf, e->cur);
	memmove(e->buf + e->cur - n, e->buf + e->cur, e->len - e->cur + 1);
	e->cur -= n;
	e->len -= n;
	e->want_col = -1;
	return true;
}

bool tui_edit_delete(struct tui_edit *e)
{
	if (e->cur == e->len)
		return false;
	size_t n = tui_text_cluster(e->buf + e->cur, e->len - e->cur);
	memmove(e->buf + e->cur, e->buf + e->cur + n, e->len - e->cur - n + 1);
	e->len -= n;
	e->want_col = -1;
	return true;
}

bool tui_edit_left(struct tui_edit *e)
{
	if (e->cur == 0)
		return false;
	e->cur -= tui_text_cluster_before(e->buf, e->cur);
	e->want_col = -1;
	return true;
}

bool tui_edit_right(struct tui_edit *e)
{
	if (e->cur == e->len)
		return false;
	e->cur += tui_text_cluster(e->buf + e->cur, e->len - e->cur);
	e->want_col = -1;
	return true;
}

struct tui_edit_line *tui_edit_layout(const struct tui_edit *e, int width,
				      size_t *n, int *row, int *col)
{
	if (width < 1)
		width = 1;
	size_t cap = 8, count = 0, pos = 0;
	struct tui_edit_line *lines = malloc(cap * sizeof(*lines));
	if (!lines)
		return NULL;
	*row = 0;
	*col = 0;
	bool placed = false;
	for (;;) {
		/* Room for this row and the two the end may add: an empty row
		 * after a final '\n', and one for a cursor past a full row. */
		if (count + 3 > cap) {
			cap *= 2;
			struct tui_edit_line *l = realloc(lines, cap * sizeof(*l));
			if (!l) {
				free(lines);
				return NULL;
			}
			lines = l;
		}
		size_t line_len;
		size_t used = tui_text_wrap(e->buf + pos, e->len - pos, width,
					    &line_len);
		size_t next = pos + used;
		bool newline = used > line_len;
		lines[count].start = pos;
		lines[count].len = line_len;
		/* The cursor belongs to this row if it lies inside it, or at its
		 * end when the text ends there without a '\n'. */
		if (!placed && e->cur >= pos &&
		    (e->cur < next || (next == e->len && !newline))) {
			*row = (int)count;
			*col = tui_text_span_width(e->buf + pos, e->cur - pos);
			placed = true;
		}
		count++;
		pos = next;
		if (pos >= e->len) {
			if (newline) { /* an empty last row after a final '\n' */
				lines[count].start = pos;
				lines[count].len = 0;
				if (!placed) {
					*row = (int)count;
					*col = 0;
				}
				count++;
			}
			break;
		}
	}
	if (*col >= width) {
		lines[count].start = e->len;
		lines[count].len = 0;
		*row = (int)count;
		*col = 0;
		count++;
	}
	*n = count;
	return lines;
}

/* The byte offset in a row that is nearest to column col, not past it. */
static size_t edit_offset_at(const struct tui_edit *e,
			     const struct tui_edit_line *l, int col)
{
	size_t pos = l->start, end = l->start + l->len;
	int c = 0;
	while (pos < end) {
		size_t n = tui_text_cluster(e->buf + pos, end - pos);
		int w = tui_text_span_width(e->buf + pos, n);
		if (c + w > col)
			break;
		c += w;
		pos += n;
	}
	/* The end of a wrapped row is the start of the next one: stay on
	 * this row. */
	if (pos == end && pos > l->start && end < e->len && e->buf[end] != '\n')
		pos -= tui_text_cluster_before(e->buf, pos);
	return pos;
}

bool tui_edit_vertical(struct tui_edit *e, int width, int delta)
{
	size_t n;
	int row, col;
	struct tui_edit_line *lines = tui_edit_layout(e, width, &n, &row, &col);
	if (!lines)
		return false;
	int target = row + delta;
	bool moved = target >= 0 && (size_t)target < n;
	if (moved) {
		if (e->want_col < 0)
			e->want_col = col;
		int keep = e->want_col;
		e->cur = edit_offset_at(e, &lines[target], keep);
		e->want_col = keep;
	}
	free(lines);
	return moved;
}

void tui_edit_home(struct tui_edit *e, int width)
{
	size_t n;
	int row, col;
	struct tui_edit_line *lines = tui_edit_layout(e, width, &n, &row, &col);
	if (lines)
		e->cur = lines[row].start;
	e->want_col = -1;
	free(lines);
}

void tui_edit_end(struct tui_edit *e, int width)
{
	size_t n;
	int row, col;
	struct tui_edit_line *lines = tui_edit_layout(e, width, &n, &row, &col);
	if (lines)
		e->cur = edit_offset_at(e, &lines[row], width);
	e->want_col = -1;
	free(lines);
}
