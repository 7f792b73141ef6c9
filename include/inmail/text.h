/* Text checks and the one sanitiser every byte of message data passes before
 * it reaches a terminal (SPEC 1 and 6).  A leaf library over libunistring. */
#ifndef INMAIL_TEXT_H
#define INMAIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What im_text_check found wrong, if anything. */
enum im_text_problem {
	IM_TEXT_OK = 0,
	IM_TEXT_EMPTY,    /* shows nothing: white space, invisible marks */
	IM_TEXT_TOO_LONG, /* more characters than allowed */
	IM_TEXT_BAD_UTF8, /* not valid UTF-8 (or holds a NUL) */
	IM_TEXT_CONTROL,  /* a control character that is refused */
};

/* Checks len bytes: valid UTF-8, not blank, at most max_chars characters
 * (code points), and free of control characters (C0, DEL, C1), except
 * newline and tab where multiline is true.  "\r\n" counts as one newline
 * when multiline is true; a lone "\r" is a control character. */
enum im_text_problem im_text_check(const char *s, size_t len, size_t max_chars,
				   bool multiline);

/* A sentence for the problem, e.g. "is empty". */
const char *im_text_problem_string(enum im_text_problem p);

/* A copy of s with "\r\n" turned into "\n".  NULL when out of memory. */
char *im_text_normalize_newlines(const char *s, size_t len);

/* Sanitising modes. */
enum {
	IM_SAN_KEEP_NEWLINE = 1 << 0, /* pass '\n' through (else "^J") */
	IM_SAN_KEEP_TAB = 1 << 1,     /* pass '\t' through (else "^I") */
	IM_SAN_TAB_AS_SPACE = 1 << 2, /* '\t' as one space, inside boxes */
};

/* Whether code point uc, coming after prev (0 at the start), is shown as a
 * "<U+XXXX>" mark: C1 controls, line and paragraph separators, blank-
 * looking letters (Hangul fillers, U+2800), and every default-ignorable
 * code point and format character (Unicode Cf: bidi controls, zero-width
 * characters, soft hyphen, invisible operators, tags...), except the
 * joiners and variation selectors inside an emoji sequence.  The
 * one table the sanitiser and every width computed on screen use. */
bool im_text_is_marked(uint32_t prev, uint32_t uc);

/* A copy of len bytes of s that is safe to write to a terminal: C0 controls
 * become caret marks ("^[" for ESC, "^H" for backspace, "^M" for CR), DEL
 * "^?", what im_text_is_marked says "<U+XXXX>", and each byte of invalid
 * UTF-8 "<0xNN>".  Never NULL except out of memory; free() the result. */
char *im_text_sanitize(const char *s, size_t len, int flags);

/* The columns code point uc (after prev) takes once sanitised with flags;
 * a byte that is not UTF-8 takes IM_TEXT_BAD_BYTE_WIDTH ("<0xNN>"). */
int im_text_char_width(uint32_t prev, uint32_t uc, int flags);
#define IM_TEXT_BAD_BYTE_WIDTH 6

/* The columns im_text_sanitize(s, len, flags) takes on screen, without
 * making it (a kept newline or tab counts 0): for cursors over raw text. */
size_t im_text_shown_width(const char *s, size_t len, int flags);

/* Display width in terminal columns of a sanitised UTF-8 string (wide CJK
 * counts 2, combining marks 0). */
size_t im_text_width(const char *s);

/* Writes into buf (size n) the longest prefix of sanitised s that fits in
 * cols columns, padded with spaces to exactly cols columns when pad is true.
 * An ellipsis marks a cut when ellipsis is true.  Returns the columns used. */
size_t im_text_fit(const char *s, size_t cols, bool pad, bool ellipsis,
		   char *buf, size_t n);

/* True when needle occurs in haystack, ignoring case (Unicode case
 * folding).  An empty needle matches. */
bool im_text_contains_folded(const char *haystack, const char *needle);

#endif
