/* Text on its way to the screen, without curses: every name, subject and
 * body passes tui_text_show (im_text_sanitize, then ASCII when the locale
 * cannot show UTF-8) before anything draws it; widths and wrapping agree
 * with what the sanitiser produces. */
#ifndef TUI_TEXT_H
#define TUI_TEXT_H

#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Chooses UTF-8 or ASCII output for the whole process (from the locale). */
void tui_text_set_utf8(bool utf8);
bool tui_text_utf8(void);

/* A malloc'd copy of raw that is safe to draw: sanitised, and in an ASCII
 * locale each non-ASCII character becomes as many '?' as it had columns.
 * multiline keeps '\n'.  raw may be NULL (gives "").  NULL only when out of
 * memory. */
char *tui_text_show(const char *raw, bool multiline);

/* A glyph that has an ASCII fallback: "●" or "*", "…" or "...". */
const char *tui_text_glyph(const char *utf8, const char *ascii);

/* Where the next line of a wrapped text begins.  s[0..len) is shown text;
 * the line starting at s is cut to at most width columns, after the last
 * space if there is one, at a '\n' always.  *line_len receives the bytes to
 * draw (without the '\n'); the return value is the bytes consumed.  Always
 * consumes at least one character when len > 0. */
size_t tui_text_wrap(const char *s, size_t len, int width, size_t *line_len);

/* Length in bytes of the character cluster (a character and the combining
 * marks after it) starting at s[0..len); 0 when len is 0. */
size_t tui_text_cluster(const char *s, size_t len);

/* Length of the cluster that ends at s[len] (the one before offset len). */
size_t tui_text_cluster_before(const char *s, size_t len);

/* snprintf for text that holds names, subjects and bodies: when it must
 * cut, it cuts before a character, never through one. */
void tui_text_format(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tui_text_vformat(char *buf, size_t n, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* Columns of s[0..len) in shown form. */
int tui_text_span_width(const char *s, size_t len);

#endif
