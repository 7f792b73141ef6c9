/* The search query's parser (SPEC 9): words, "quoted phrases", a trailing
 * '*' for a prefix, and the terms from:, with:, state:, is:, after:,
 * before:.  A bad query is one line naming the column (in characters,
 * from 1) where it goes wrong. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"

struct parser {
	const char *text;
	size_t pos;
	struct query *q;
	char *err;
	size_t err_size;
};

/* The column of byte offset at: characters before it, plus one. */
static size_t column(const char *text, size_t at)
{
	size_t col = 1;
	for (size_t i = 0; i < at; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			col++;
	return col;
}

__attribute__((format(printf, 3, 4)))
static bool fail(struct parser *p, size_t at, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(p->err, p->err_size, "search: %s at column %zu", what,
		 column(p->text, at));
	return false;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether s (n bytes) holds a letter or a digit: any non-ASCII character
 * counts, the tokenizer decides. */
static bool has_wordchar(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || (c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return true;
	}
	return false;
}

static char *copy(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static bool add_word(struct parser *p, size_t at, const char *s, size_t n,
		     bool prefix, bool phrase)
{
	if (p->q->n_words == QUERY_MAX_WORDS)
		return fail(p, at, "more than %d words", QUERY_MAX_WORDS);
	char *text = copy(s, n);
	if (!text)
		return fail(p, at, "out of memory");
	/* A phrase's white space is one space apart. */
	for (char *c = text; *c; c++)
		if (is_space(*c))
			*c = ' ';
	struct query_word *w = &p->q->words[p->q->n_words++];
	w->text = text;
	w->prefix = prefix;
	w->phrase = phrase;
	return true;
}

/* "…" from the opening quote at p->pos, and a '*' right after it. */
static bool parse_phrase(struct parser *p)
{
	size_t at = p->pos;
	const char *start = p->text + at + 1;
	const char *end = strchr(start, '"');
	if (!end)
		return fail(p, at, "the quote is not closed");
	size_t n = (size_t)(end - start);
	if (!has_wordchar(start, n))
		return fail(p, at, "the quoted phrase has no words");
	p->pos = (size_t)(end - p->text) + 1;
	bool prefix = p->text[p->pos] == '*';
	if (prefix)
		p->pos++;
	char c = p->text[p->pos];
	if (c && !is_space(c))
		return fail(p, p->pos, "'%c' right after a quoted phrase", c);
	return add_word(p, at, start, n, prefix, true);
}

static bool same_or_never(struct parser *p, char **slot, const char *v,
			  size_t n, size_t at)
{
	if (*slot) {
		if (strlen(*slot) != n || strncmp(*slot, v, n) != 0)
			p->q->never = true;
		return true;
	}
	if (!(*slot = copy(v, n)))
		return fail(p, at, "out of memory");
	return true;
}

static bool value_is(const char *v, size_t n, const char *word)
{
	return strlen(word) == n && strncmp(v, word, n) == 0;
}

/* A date term's value: 2026-03-02 (the whole day, UTC) or
 * 2026-03-02T09:00:00Z (that second). */
static bool parse_date(const char *v, size_t n, bool end_of_day, im_time *out)
{
	char buf[32];
	if (n >= sizeof buf)
		return false;
	memcpy(buf, v, n);
	buf[n] = '\0';
	im_time t;
	/* A day is read at its noon, then taken from its start: the first
	 * day, 1970-01-01, is a date though its first instant is outside
	 * inmail's range. */
	if (n == 10) {
		snprintf(buf + n, sizeof buf - n, "T12:00:00Z");
		if (!im_clock_parse(buf, &t))
			return false;
		t -= t % IM_DAY;
		if (end_of_day)
			t += IM_DAY - 1;
	} else if (!im_clock_parse(buf, &t)) {
		return false;
	}
	*out = t;
	return true;
}

static bool parse_term(struct parser *p, const char *name, size_t name_n,
		       const char *v, size_t n, size_t at)
{
	struct query *q = p->q;
	if (n == 0)
		return fail(p, at, "'%.*s:' needs a value", (int)name_n, name);
	if (value_is(name, name_n, "from"))
		return same_or_never(p, &q->from, v, n, at);
	if (value_is(name, name_n, "with"))
		return same_or_never(p, &q->with, v, n, at);
	if (value_is(name, name_n, "state")) {
		static const char *const states[] = {"pending", "accepted",
						     "declined"};
		for (int s = 0; s < 3; s++) {
			if (!value_is(v, n, states[s]))
				continue;
			if (q->state >= 0 && q->state != s)
				q->never = true;
			q->state = s;
			return true;
		}
		return fail(p, at, "'state:%.*s' is not pending, accepted or "
			    "declined", (int)n, v);
	}
	if (value_is(name, name_n, "is")) {
		if (value_is(v, n, "unread"))
			q->unread = true;
		else if (value_is(v, n, "blocked"))
			q->blocked = true;
		else if (value_is(v, n, "archived"))
			q->archived = true;
		else
			return fail(p, at, "'is:%.*s' is not unread, blocked or "
				    "archived", (int)n, v);
		return true;
	}
	bool after = value_is(name, name_n, "after");
	if (after || value_is(name, name_n, "before")) {
		im_time t;
		if (!parse_date(v, n, !after, &t))
			return fail(p, at, "'%.*s:%.*s' is not a date (YYYY-MM-DD)",
				    (int)name_n, name, (int)n, v);
		if (after && t > q->after)
			q->after = t;
		if (!after && (q->before == 0 || t < q->before))
			q->before = t;
		return true;
	}
	return fail(p, at, "unknown term '%.*s:' (from:, with:, state:, is:, "
		    "after:, before:)", (int)name_n, name);
}

/* A bare token from p->pos to the next white space: a term or a word. */
static bool parse_token(struct parser *p)
{
	size_t at = p->pos;
	const char *s = p->text + at;
	size_t n = 0;
	while (s[n] && !is_space(s[n]))
		n++;
	p->pos += n;
	const char *quote = memchr(s, '"', n);
	if (quote)
		return fail(p, (size_t)(quote - p->text),
			    "a quote inside a word");
	size_t name_n = 0;
	while (name_n < n && s[name_n] >= 'a' && s[name_n] <= 'z')
		name_n++;
	if (name_n > 0 && name_n < n && s[name_n] == ':')
		return parse_term(p, s, name_n, s + name_n + 1, n - name_n - 1,
				  at);
	const char *star = memchr(s, '*', n);
	if (star && star != s + n - 1)
		return fail(p, (size_t)(star - p->text),
			    "'*' is only for the end of a word");
	bool prefix = star != NULL;
	if (!has_wordchar(s, n - prefix))
		return fail(p, at, "'%.*s' has no letters or digits", (int)n, s);
	return add_word(p, at, s, n - prefix, prefix, false);
}

/* The byte offset of the first byte that is not valid UTF-8 or starts a
 * control character (C0 but the white space of is_space, DEL, C1), or
 * -1; *control says which. */
static long bad_char(const unsigned char *s, bool *control)
{
	for (size_t i = 0; s[i];) {
		unsigned c = s[i];
		size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2
			 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		uint32_t u = n == 1 ? c : n == 2 ? (c & 0x1F)
			   : n == 3 ? (c & 0x0F) : (c & 0x07);
		for (size_t k = 1; n && k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				n = 0;
			else
				u = (u << 6) | (s[i + k] & 0x3F);
		}
		static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
		if (!n || u < least[n] || u > 0x10FFFF ||
		    (u >= 0xD800 && u <= 0xDFFF)) {
			*control = false;
			return (long)i;
		}
		if ((u < 0x20 && !is_space((char)u)) || (u >= 0x7F && u < 0xA0)) {
			*control = true;
			return (long)i;
		}
		i += n;
	}
	return -1;
}

bool query_parse(const char *text, struct query *q, char *err,
		 size_t err_size)
{
	memset(q, 0, sizeof *q);
	q->state = -1;
	struct parser p = {text ? text : "", 0, q, err, err_size};
	if (strlen(p.text) > QUERY_MAX_BYTES)
		return fail(&p, QUERY_MAX_BYTES, "the query is longer than %d "
			    "bytes", QUERY_MAX_BYTES);
	bool control;
	long bad = bad_char((const unsigned char *)p.text, &control);
	if (bad >= 0)
		return fail(&p, (size_t)bad, control
			    ? "a control character (U+%04X)"
			    : "a byte that is not UTF-8 (0x%02X)",
			    (unsigned char)p.text[bad] >= 0x80 && control
			    ? 0x80u + ((unsigned char)p.text[bad + 1] & 0x3F)
			    : (unsigned char)p.text[bad]);
	bool any = false;
	for (;;) {
		while (is_space(p.text[p.pos]))
			p.pos++;
		if (!p.text[p.pos])
			break;
		bool ok = p.text[p.pos] == '"' ? parse_phrase(&p)
					       : parse_token(&p);
		if (!ok) {
			query_free(q);
			return false;
		}
		any = true;
	}
	if (!any) {
		snprintf(err, err_size, "search: the query is empty");
		return false;
	}
	return true;
}

void query_free(struct query *q)
{
	for (size_t i = 0; i < q->n_words; i++)
		free(q->words[i].text);
	free(q->from);
	free(q->with);
	memset(q, 0, sizeof *q);
	q->state = -1;
}
