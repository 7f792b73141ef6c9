/* Shown text: sanitising, ASCII fallback, widths and wrapping. */
#include "tui_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "inmail/text.h"

static bool text_utf8 = true;

void tui_text_set_utf8(bool utf8)
{
	text_utf8 = utf8;
}

bool tui_text_utf8(void)
{
	return text_utf8;
}

const char *tui_text_glyph(const char *utf8, const char *ascii)
{
	return text_utf8 ? utf8 : ascii;
}

/* How the composer's raw text is drawn: through tui_text_show, newlines
 * kept and tabs as one space.  Every width below is the sanitiser's own
 * (im_text_char_width), so the cursor stands where the text is drawn. */
#define TEXT_SHOWN_FLAGS (IM_SAN_KEEP_NEWLINE | IM_SAN_TAB_AS_SPACE)

/* One character at s: its length, its code point in *uc, and its width
 * after prev as drawn. */
static size_t text_char(const char *s, size_t len, uint32_t prev, uint32_t *uc,
			int *width)
{
	ucs4_t c;
	int n = u8_mbtoucr(&c, (const uint8_t *)s, len);
	if (n < 1) {
		*uc = 0;
		*width = IM_TEXT_BAD_BYTE_WIDTH;
		return 1;
	}
	*uc = c;
	*width = im_text_char_width(prev, c, TEXT_SHOWN_FLAGS);
	return (size_t)n;
}

size_t tui_text_cluster(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	uint32_t uc, prev;
	int w;
	size_t n = text_char(s, len, 0, &prev, &w);
	if (prev == '\n')
		return n;
	while (n < len) {
		size_t m = text_char(s + n, len - n, prev, &uc, &w);
		if (uc == '\n' || w != 0)
			break;
		prev = uc;
		n += m;
	}
	return n;
}

size_t tui_text_cluster_before(const char *s, size_t len)
{
	size_t pos = 0, last = 0;
	/* Walk forward from the start: clusters are only defined that way. */
	while (pos < len) {
		last = tui_text_cluster(s + pos, len - pos);
		pos += last;
	}
	return last;
}

int tui_text_span_width(const char *s, size_t len)
{
	return (int)im_text_shown_width(s, len, TEXT_SHOWN_FLAGS);
}

size_t tui_text_wrap(const char *s, size_t len, int width, size_t *line_len)
{
	size_t pos = 0, after_space = 0;
	int col = 0;
	while (pos < len) {
		if (s[pos] == '\n') {
			*line_len = pos;
			return pos + 1;
		}
		size_t n = tui_text_cluster(s + pos, len - pos);
		int w = tui_text_span_width(s + pos, n);
		if (col + w > width && pos > 0) {
			size_t cut = after_space ? after_space : pos;
			*line_len = cut;
			return cut;
		}
		col += w;
		if (s[pos] == ' ')
			after_space = pos + 1;
		pos += n;
	}
	*line_len = len;
	return len;
}

/* Stand-ins for the punctuation the interface itself uses. */
static const char *text_ascii_for(uint32_t uc)
{
	switch (uc) {
	case 0x2026: return "...";
	case 0x00b7: return ".";
	case 0x25cf: return "*";
	case 0x25b8: return ">";
	case 0x25c2: return "<";
	case 0x2191: return "^";
	case 0x2193: return "v";
	case 0x2190: return "<";
	case 0x2192: return ">";
	case 0x2013: case 0x2014: case 0x2500: return "-";
	case 0x2018: case 0x2019: return "'";
	case 0x201c: case 0x201d: return "\"";
	default: return NULL;
	}
}

/* Each other non-ASCII character becomes as many '?' as its columns. */
static char *text_to_ascii(char *s)
{
	size_t len = strlen(s), o = 0, pos = 0;
	char *out = malloc(len * 3 + 1);
	if (!out) {
		free(s);
		return NULL;
	}
	uint32_t prev = 0;
	while (pos < len) {
		uint32_t uc;
		int cols;
		size_t n = text_char(s + pos, len - pos, prev, &uc, &cols);
		prev = uc;
		const char *alt = text_ascii_for(uc);
		if (uc < 0x80) {
			out[o++] = (char)uc;
		} else if (alt) {
			for (; *alt; alt++)
				out[o++] = *alt;
		} else {
			for (int w = cols; w > 0; w--)
				out[o++] = '?';
		}
		pos += n;
	}
	out[o] = '\0';
	free(s);
	return out;
}

char *tui_text_show(const char *raw, bool multiline)
{
	if (!raw)
		raw = "";
	/* A tab is legitimate in a body; one space shows it without guessing
	 * tab stops inside a box. */
	char *shown = im_text_sanitize(raw, strlen(raw),
				       multiline ? TEXT_SHOWN_FLAGS
						 : IM_SAN_TAB_AS_SPACE);
	if (!shown || text_utf8)
		return shown;
	return text_to_ascii(shown);
}

void tui_text_vformat(char *buf, size_t n, const char *fmt, va_list ap)
{
	if (n == 0)
		return;
	int len = vsnprintf(buf, n, fmt, ap);
	if (len < 0) {
		buf[0] = '\0';
		return;
	}
	if ((size_t)len < n)
		return;
	/* Cut: drop a character the limit split, so no "<0xCC>" shows. */
	size_t end = n - 1;
	size_t start = end;
	while (start > 0 && ((unsigned char)buf[start - 1] & 0xC0) == 0x80)
		start--;
	size_t lead = start - 1;
	if (start > 0 && (unsigned char)buf[lead] >= 0xC0 &&
	    u8_mblen((const uint8_t *)buf + lead, end - lead) < 0)
		end = lead;
	buf[end] = '\0';
}

void tui_text_format(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tui_text_vformat(buf, n, fmt, ap);
	va_end(ap);
}
