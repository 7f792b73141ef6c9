/* Template variables (SPEC 9): {word} replaced from a list of values,
 * {{ a literal brace.  The renderer refuses rather than guesses: a word
 * nobody gave, a given word without a value, a brace that starts no
 * variable.  Lengths are the caller's to check on the result, with the
 * limits of what it renders (a subject, a body). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/model.h"

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static const struct im_render_var *find(const struct im_render_var *vars,
					size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(vars[i].name) == len &&
		    memcmp(vars[i].name, name, len) == 0)
			return &vars[i];
	return NULL;
}

enum im_render_problem im_render(const char *text,
				 const struct im_render_var *vars, size_t n,
				 char **out, char *word, size_t word_size)
{
	*out = NULL;
	if (word_size)
		word[0] = '\0';
	if (!text)
		return IM_RENDER_OK;
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	if (!f)
		return IM_RENDER_NOMEM;
	enum im_render_problem p = IM_RENDER_OK;
	for (const char *s = text; *s && p == IM_RENDER_OK; s++) {
		if (*s != '{') {
			fputc(*s, f);
			continue;
		}
		if (s[1] == '{') {
			fputc('{', f);
			s++;
			continue;
		}
		size_t len = 0;
		while (word_char(s[1 + len]))
			len++;
		if (len == 0 || s[1 + len] != '}') {
			p = IM_RENDER_BAD_BRACE;
			break;
		}
		if (word_size)
			snprintf(word, word_size, "%.*s", (int)len, s + 1);
		const struct im_render_var *v = find(vars, n, s + 1, len);
		if (!v)
			p = IM_RENDER_UNKNOWN;
		else if (!v->value || !*v->value)
			p = IM_RENDER_NO_VALUE;
		else
			fputs(v->value, f);
		s += len + 1;
	}
	if (fclose(f) != 0 && p == IM_RENDER_OK)
		p = IM_RENDER_NOMEM;
	if (p != IM_RENDER_OK) {
		free(buf);
		return p;
	}
	if (word_size)
		word[0] = '\0';
	*out = buf;
	return IM_RENDER_OK;
}

const char *im_render_problem_string(enum im_render_problem p)
{
	switch (p) {
	case IM_RENDER_OK:
		return "ok";
	case IM_RENDER_UNKNOWN:
		return "is not a variable of this send";
	case IM_RENDER_NO_VALUE:
		return "has no value";
	case IM_RENDER_BAD_BRACE:
		return "a '{' that starts no {variable} (write {{ for a brace)";
	case IM_RENDER_NOMEM:
		return "out of memory";
	}
	return "?";
}

char *im_first_name(const char *name)
{
	if (!name)
		return strdup("");
	while (*name == ' ' || *name == '\t')
		name++;
	size_t len = strcspn(name, " \t");
	return strndup(name, len);
}
