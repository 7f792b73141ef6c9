/* Text checks, sanitising and display widths over libunistring. */
#include "inmail/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>
#include <uniwidth.h>

/* A growable byte buffer; on allocation failure it stays failed. */
struct sbuf {
	char *p;
	size_t len, cap;
	bool failed;
};

static void sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->failed = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Columns of one code point as a terminal draws it; controls count as 0
 * (sanitised text has none). */
static int cp_width(ucs4_t uc)
{
	int w = uc_width(uc, "UTF-8");
	return w < 0 ? 0 : w;
}

static bool is_control(ucs4_t uc)
{
	return uc < 0x20 || uc == 0x7F || (uc >= 0x80 && uc <= 0x9F);
}

/* Letters and symbols that draw as nothing: the Hangul fillers and the
 * blank braille pattern. */
static bool is_blank_looking(ucs4_t uc)
{
	return uc == 0x115F || uc == 0x1160 || uc == 0x3164 || uc == 0xFFA0 ||
	       uc == 0x2800;
}

/* Whether prev can start an emoji sequence that joiners and selectors
 * belong to. */
static bool is_emoji_base(ucs4_t prev)
{
	return prev != 0 && (uc_is_property_emoji(prev) ||
			     uc_is_property_emoji_modifier(prev) ||
			     uc_is_property_emoji_component(prev));
}

bool im_text_is_marked(uint32_t prev, uint32_t uc)
{
	if (uc >= 0x80 && uc <= 0x9F)
		return true;
	if (uc == 0x2028 || uc == 0x2029 || is_blank_looking(uc))
		return true;
	if (!uc_is_property_default_ignorable_code_point(uc) &&
	    !uc_is_general_category(uc, UC_CATEGORY_Cf))
		return false;
	/* Inside an emoji sequence, and only there, joiners and selectors are
	 * part of what is drawn (❤️, 👩‍💻).  Tags always show as marks: one
	 * character of context cannot tell a well-formed tag sequence from
	 * hidden text, and SPEC 1 keeps only joiners and selectors. */
	if (uc >= 0xFE00 && uc <= 0xFE0F)
		return !is_emoji_base(prev);
	/* A joiner joins pictures: after one drawn as an emoji (or made one
	 * by U+FE0F, or a skin tone), never after a digit or a letter. */
	if (uc == 0x200D)
		return !(prev == 0xFE0F || uc_is_property_emoji_modifier(prev) ||
			 uc_is_property_emoji_presentation(prev));
	return true;
}

static bool is_blank(ucs4_t prev, ucs4_t uc)
{
	return uc == ' ' || uc == '\t' || uc == '\n' || uc == '\r' ||
	       uc_is_property_white_space(uc) || im_text_is_marked(prev, uc) ||
	       uc_is_property_default_ignorable_code_point(uc);
}

enum im_text_problem im_text_check(const char *s, size_t len, size_t max_chars,
				   bool multiline)
{
	const uint8_t *p = (const uint8_t *)s;
	if (!s || len == 0)
		return IM_TEXT_EMPTY;
	if (u8_check(p, len) || memchr(s, '\0', len))
		return IM_TEXT_BAD_UTF8;
	size_t chars = 0;
	bool blank = true;
	ucs4_t prev = 0;
	for (size_t i = 0; i < len;) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, p + i, len - i);
		if (n <= 0)
			return IM_TEXT_BAD_UTF8;
		if (is_control(uc)) {
			bool crlf = uc == '\r' && i + 1 < len && p[i + 1] == '\n';
			bool ok = multiline && (uc == '\n' || uc == '\t' || crlf);
			if (!ok)
				return IM_TEXT_CONTROL;
			if (crlf)
				n = 2;
		}
		if (!is_blank(prev, uc))
			blank = false;
		prev = uc;
		chars++;
		i += (size_t)n;
	}
	if (blank)
		return IM_TEXT_EMPTY;
	if (chars > max_chars)
		return IM_TEXT_TOO_LONG;
	return IM_TEXT_OK;
}

const char *im_text_problem_string(enum im_text_problem p)
{
	switch (p) {
	case IM_TEXT_OK: return "is fine";
	case IM_TEXT_EMPTY: return "is empty";
	case IM_TEXT_TOO_LONG: return "is too long";
	case IM_TEXT_BAD_UTF8: return "is not valid UTF-8";
	case IM_TEXT_CONTROL: return "holds a control character";
	}
	return "is invalid";
}

char *im_text_normalize_newlines(const char *s, size_t len)
{
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;
		out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

/* What one code point (after prev) becomes in sanitised text: kept (its
 * bytes, *mark empty) or a mark written into mark. */
static void shown_as(ucs4_t prev, ucs4_t uc, int flags, char *mark, size_t n)
{
	mark[0] = '\0';
	if ((uc == '\n' && (flags & IM_SAN_KEEP_NEWLINE)) ||
	    (uc == '\t' && (flags & IM_SAN_KEEP_TAB)))
		return;
	if (uc == '\t' && (flags & IM_SAN_TAB_AS_SPACE)) {
		snprintf(mark, n, " ");
	} else if (uc < 0x20 || uc == 0x7F) {
		mark[0] = '^';
		mark[1] = uc == 0x7F ? '?' : (char)(uc + 0x40);
		mark[2] = '\0';
	} else if (im_text_is_marked(prev, uc)) {
		snprintf(mark, n, "<U+%04X>", (unsigned)uc);
	}
}

char *im_text_sanitize(const char *s, size_t len, int flags)
{
	struct sbuf b = {0};
	const uint8_t *p = (const uint8_t *)(s ? s : "");
	char mark[16];
	ucs4_t prev = 0;
	sbuf_add(&b, "", 0);
	for (size_t i = 0; s && i < len;) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, p + i, len - i);
		if (n <= 0) {
			snprintf(mark, sizeof mark, "<0x%02X>", p[i]);
			sbuf_add(&b, mark, strlen(mark));
			prev = 0;
			i++;
			continue;
		}
		shown_as(prev, uc, flags, mark, sizeof mark);
		if (mark[0])
			sbuf_add(&b, mark, strlen(mark));
		else
			sbuf_add(&b, (const char *)p + i, (size_t)n);
		prev = uc;
		i += (size_t)n;
	}
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

int im_text_char_width(uint32_t prev, uint32_t uc, int flags)
{
	char mark[16];
	shown_as(prev, uc, flags, mark, sizeof mark);
	if (mark[0])
		return (int)strlen(mark);
	return uc == '\n' || uc == '\t' ? 0 : cp_width(uc);
}

size_t im_text_shown_width(const char *s, size_t len, int flags)
{
	const uint8_t *p = (const uint8_t *)s;
	char mark[16];
	ucs4_t prev = 0;
	size_t w = 0;
	for (size_t i = 0; s && i < len;) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, p + i, len - i);
		if (n <= 0) {
			w += 6; /* "<0xNN>" */
			prev = 0;
			i++;
			continue;
		}
		shown_as(prev, uc, flags, mark, sizeof mark);
		if (mark[0])
			w += strlen(mark);
		else if (uc != '\n' && uc != '\t')
			w += (size_t)cp_width(uc);
		prev = uc;
		i += (size_t)n;
	}
	return w;
}

size_t im_text_width(const char *s)
{
	size_t w = 0;
	const uint8_t *p = (const uint8_t *)s;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, p + i, len - i);
		if (n <= 0) {
			i++;
			continue;
		}
		w += (size_t)cp_width(uc);
		i += (size_t)n;
	}
	return w;
}

size_t im_text_fit(const char *s, size_t cols, bool pad, bool ellipsis,
		   char *buf, size_t n)
{
	static const char ell[] = "\xE2\x80\xA6"; /* … */
	const uint8_t *p = (const uint8_t *)s;
	size_t len = strlen(s), o = 0, w = 0;
	bool cut = false;
	if (n == 0)
		return 0;
	bool fits = im_text_width(s) <= cols;
	size_t limit = (!fits && ellipsis && cols > 0) ? cols - 1 : cols;
	for (size_t i = 0; i < len;) {
		ucs4_t uc;
		int k = u8_mbtoucr(&uc, p + i, len - i);
		if (k <= 0) {
			i++;
			continue;
		}
		size_t cw = (size_t)cp_width(uc);
		if (w + cw > limit || o + (size_t)k + 1 > n) {
			cut = true;
			break;
		}
		memcpy(buf + o, p + i, (size_t)k);
		o += (size_t)k;
		w += cw;
		i += (size_t)k;
	}
	if (cut && ellipsis && w < cols && o + sizeof ell <= n) {
		memcpy(buf + o, ell, sizeof ell - 1);
		o += sizeof ell - 1;
		w++;
	}
	while (pad && w < cols && o + 2 <= n) {
		buf[o++] = ' ';
		w++;
	}
	buf[o] = '\0';
	return w;
}

bool im_text_contains_folded(const char *haystack, const char *needle)
{
	if (!needle || !*needle)
		return true;
	if (!haystack)
		return false;
	size_t hn = 0, nn = 0;
	uint8_t *h = u8_casefold((const uint8_t *)haystack, strlen(haystack),
				 NULL, NULL, NULL, &hn);
	uint8_t *k = u8_casefold((const uint8_t *)needle, strlen(needle), NULL,
				 NULL, NULL, &nn);
	bool found = h && k && memmem(h, hn, k, nn) != NULL;
	free(h);
	free(k);
	return found;
}
