/* Shown text: sanitising, ASCII fallback, widths and wrapping. */
#include "tui_text.h"

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

/* The characters the sanitiser writes as "<U+XXXX>" (include/inmail/text.h). */
static bool text_is_marked(uint32_t uc)
{
	return (uc >= 0x80 && uc <= 0x9f) || (uc >= 0x202a && uc <= 0x202e) ||
	       (uc >= 0x2066 && uc <= 0x2069) || uc == 0x200e || uc == 0x200f ||
	       uc == 0x061c || (uc >= 0x200b && uc <= 0x200d) || uc == 0x2060 ||
	       uc == 0xfeff;
}

int tui_text_cell_width(uint32_t uc)
{
	if (uc < 0x20 || uc == 0x7f)
		return 2; /* "^X" */
	if (text_is_marked(uc))
		return 8; /* "<U+XXXX>" */
	int w = uc_width(uc, "UTF-8");
	return w < 0 ? 1 : w;
}

/* One character at s: its length, and its code point in *uc (U+FFFD and
 * length 1 for a byte that is not UTF-8). */
static size_t text_char(const char *s, size_t len, uint32_t *uc)
{
	ucs4_t c;
	int n = u8_mbtouc(&c, (const uint8_t *)s, len);
	*uc = c;
	return n < 1 ? 1 : (size_t)n;
}

size_t tui_text_cluster(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	uint32_t uc;
	size_t n = text_char(s, len, &uc);
	if (uc == '\n')
		return n;
	while (n < len) {
		size_t m = text_char(s + n, len - n, &uc);
		if (uc == '\n' || tui_text_cell_width(uc) != 0)
			break;
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
	int w = 0;
	size_t pos = 0;
	while (pos < len) {
		uint32_t uc;
		size_t n = text_char(s + pos, len - pos, &uc);
		w += uc == '\n' ? 0 : tui_text_cell_width(uc);
		pos += n;
	}
	return w;
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
	while (pos < len) {
		uint32_t uc;
		size_t n = text_char(s + pos, len - pos, &uc);
		const char *alt = text_ascii_for(uc);
		if (uc < 0x80) {
			out[o++] = (char)uc;
		} else if (alt) {
			for (; *alt; alt++)
				out[o++] = *alt;
		} else {
			for (int w = tui_text_cell_width(uc); w > 0; w--)
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
	char *copy = strdup(raw);
	if (!copy)
		return NULL;
	for (char *p = copy; *p; p++)
		if (*p == '\t')
			*p = ' ';
	char *shown = im_text_sanitize(copy, strlen(copy),
				       multiline ? IM_SAN_KEEP_NEWLINE : 0);
	free(copy);
	if (!shown || text_utf8)
		return shown;
	return text_to_ascii(shown);
}
