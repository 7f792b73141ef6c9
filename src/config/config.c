/* The configuration file and the settings in force (see config.h). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistr.h>

struct entry {
	struct im_config_entry pub;
	char *section, *name, *value, *where, *file;
};

struct im_config {
	struct entry *v;
	size_t n, cap;
};

static const char *const sections[] = {"general", "keys", "colors"};
static const char *const general_names[] = {"db", "account"};

struct im_config *im_config_new(void)
{
	return calloc(1, sizeof(struct im_config));
}

static void entry_clear(struct entry *e)
{
	free(e->section);
	free(e->name);
	free(e->value);
	free(e->where);
	free(e->file);
	memset(e, 0, sizeof *e);
}

void im_config_free(struct im_config **c)
{
	if (!c || !*c)
		return;
	for (size_t i = 0; i < (*c)->n; i++)
		entry_clear(&(*c)->v[i]);
	free((*c)->v);
	free(*c);
	*c = NULL;
}

static char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static char *xprintf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

char *im_config_default_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	if (x && x[0] == '/')
		return xprintf("%s/inmail/config", x);
	const char *h = getenv("HOME");
	if (h && *h)
		return xprintf("%s/.config/inmail/config", h);
	return NULL;
}

static struct entry *find(const struct im_config *c, const char *section,
			  const char *name)
{
	if (!c || !section || !name)
		return NULL;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].section, section) == 0 &&
		    strcmp(c->v[i].name, name) == 0)
			return &c->v[i];
	return NULL;
}

/* Sets an entry; file/line only for IM_CONFIG_FILE. */
static int put(struct im_config *c, const char *section, const char *name,
	       const char *value, enum im_config_origin origin,
	       const char *where, const char *file, int line)
{
	struct entry *e = find(c, section, name);
	if (e && e->pub.origin > origin)
		return 0;
	struct entry ne = {0};
	ne.section = xstrdup(section);
	ne.name = xstrdup(name);
	ne.value = xstrdup(value);
	ne.file = xstrdup(file);
	ne.where = file ? xprintf("%s:%d", file, line) : xstrdup(where);
	if (!ne.section || !ne.name || !ne.value || !ne.where ||
	    (file && !ne.file)) {
		entry_clear(&ne);
		return 1;
	}
	ne.pub.section = ne.section;
	ne.pub.name = ne.name;
	ne.pub.value = ne.value;
	ne.pub.origin = origin;
	ne.pub.where = ne.where;
	ne.pub.file = ne.file;
	ne.pub.line = file ? line : 0;
	if (e) {
		entry_clear(e);
		*e = ne;
		return 0;
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct entry *v = realloc(c->v, cap * sizeof *v);
		if (!v) {
			entry_clear(&ne);
			return 1;
		}
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = ne;
	return 0;
}

int im_config_set(struct im_config *c, const char *section, const char *name,
		  const char *value, enum im_config_origin origin,
		  const char *where)
{
	if (!c || !section || !name || !value || !*value)
		return 0;
	return put(c, section, name, value, origin,
		   where ? where : im_config_origin_name(origin), NULL, 0);
}

const struct im_config_entry *im_config_get(const struct im_config *c,
					    const char *section,
					    const char *name)
{
	struct entry *e = find(c, section, name);
	return e ? &e->pub : NULL;
}

const char *im_config_value(const struct im_config *c, const char *section,
			    const char *name)
{
	const struct im_config_entry *e = im_config_get(c, section, name);
	return e ? e->value : NULL;
}

size_t im_config_count(const struct im_config *c)
{
	return c ? c->n : 0;
}

const struct im_config_entry *im_config_at(const struct im_config *c, size_t i)
{
	return c && i < c->n ? &c->v[i].pub : NULL;
}

const char *im_config_origin_name(enum im_config_origin o)
{
	switch (o) {
	case IM_CONFIG_DEFAULT: return "default";
	case IM_CONFIG_FILE: return "file";
	case IM_CONFIG_ENV: return "variable";
	case IM_CONFIG_OPTION: return "option";
	}
	return "?";
}

/* ---- the parser ---- */

struct parser {
	const char *file;
	int line;
	char *err;
};

static int bad(struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int bad(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *why = NULL;
	if (vasprintf(&why, fmt, ap) < 0)
		why = NULL;
	va_end(ap);
	p->err = why ? xprintf("%s:%d: %s", p->file, p->line, why) : NULL;
	free(why);
	return p->err ? 64 : 1;
}

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Trims [*s, *e) of blanks. */
static void trim(const char **s, const char **e)
{
	while (*s < *e && is_blank(**s))
		(*s)++;
	while (*e > *s && is_blank((*e)[-1]))
		(*e)--;
}

static bool known(const char *const *list, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return true;
	return false;
}

static bool name_ok(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		      ch == '-' || ch == '_'))
			return false;
	}
	return true;
}

/* The value of [s, e): unquoted as it is, or "quoted" with \" and \\.
 * Malloc'd into *out; 0 or the failure. */
static int unquote(struct parser *p, const char *s, const char *e, char **out)
{
	size_t len = (size_t)(e - s);
	if (len == 0 || *s != '"') {
		*out = strndup(s, len);
		return *out ? 0 : 1;
	}
	char *v = malloc(len);
	if (!v)
		return 1;
	size_t k = 0;
	const char *q = s + 1;
	for (; q < e && *q != '"'; q++) {
		if (*q == '\\') {
			if (q + 1 >= e || (q[1] != '"' && q[1] != '\\')) {
				free(v);
				return bad(p, "in a quoted value, a backslash "
					      "comes before \" or \\ only");
			}
			q++;
		}
		v[k++] = *q;
	}
	if (q >= e) {
		free(v);
		return bad(p, "the quoted value has no closing \"");
	}
	if (q + 1 != e) {
		free(v);
		return bad(p, "text after the closing \"");
	}
	v[k] = '\0';
	*out = v;
	return 0;
}

/* ~/ at the start of a path is $HOME/. */
static int expand_home(struct parser *p, char **v)
{
	if (strncmp(*v, "~/", 2) != 0)
		return 0;
	const char *h = getenv("HOME");
	if (!h || !*h)
		return bad(p, "'%s' starts with ~/ but HOME is not set", *v);
	char *x = xprintf("%s/%s", h, *v + 2);
	if (!x)
		return 1;
	free(*v);
	*v = x;
	return 0;
}

static int parse_line(struct parser *p, struct im_config *into, const char *s,
		      const char *e, const char **section)
{
	if ((size_t)(e - s) > IM_CONFIG_LINE_MAX)
		return bad(p, "the line is longer than %d bytes",
			   IM_CONFIG_LINE_MAX);
	for (const char *q = s; q < e; q++) {
		unsigned char ch = (unsigned char)*q;
		if (ch == 0)
			return bad(p, "a NUL byte");
		if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
			return bad(p, "a control character (byte 0x%02x)", ch);
	}
	if (u8_check((const uint8_t *)s, (size_t)(e - s)))
		return bad(p, "not UTF-8");
	trim(&s, &e);
	if (s == e || *s == '#' || *s == ';')
		return 0;
	if (*s == '[') {
		if (e[-1] != ']')
			return bad(p, "a section is [NAME] alone on its line");
		const char *ns = s + 1, *ne = e - 1;
		trim(&ns, &ne);
		for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
			if (known(&sections[i], 1, ns, (size_t)(ne - ns))) {
				*section = sections[i];
				return 0;
			}
		return bad(p,
			   "unknown section [%.*s] (the sections are "
			   "[general], [keys] and [colors])",
			   (int)(ne - ns), ns);
	}
	const char *eq = memchr(s, '=', (size_t)(e - s));
	if (!eq)
		return bad(p, "expected NAME = VALUE or [SECTION], not '%.*s'",
			   (int)(e - s), s);
	const char *ns = s, *ne = eq, *vs = eq + 1, *ve = e;
	trim(&ns, &ne);
	trim(&vs, &ve);
	int nl = (int)(ne - ns);
	if (!name_ok(ns, (size_t)nl))
		return bad(p,
			   nl ? "'%.*s' is not a name (a-z, 0-9, - and _)"
			      : "a setting with no name%.*s",
			   nl, ns);
	if (!*section)
		return bad(p, "'%.*s' comes before any [section]", nl, ns);
	if (strcmp(*section, "general") == 0 &&
	    !known(general_names, sizeof general_names / sizeof *general_names,
		   ns, (size_t)nl))
		return bad(p,
			   "unknown setting '%.*s' in [general] (the "
			   "settings are db and account)",
			   nl, ns);
	char *name = strndup(ns, (size_t)nl);
	if (!name)
		return 1;
	const struct im_config_entry *dup = im_config_get(into, *section, name);
	if (dup) {
		int rc = bad(p, "'%s' is set twice in [%s] (first on line %d)",
			     name, *section, dup->line);
		free(name);
		return rc;
	}
	char *value = NULL;
	int rc = unquote(p, vs, ve, &value);
	if (rc == 0 && strcmp(*section, "general") == 0 && !*value)
		rc = bad(p, "'%s' has no value", name);
	if (rc == 0 && strcmp(*section, "general") == 0 &&
	    strcmp(name, "db") == 0)
		rc = expand_home(p, &value);
	if (rc == 0)
		rc = put(into, *section, name, value, IM_CONFIG_FILE, NULL,
			 p->file, p->line);
	free(name);
	free(value);
	return rc;
}

int im_config_parse(struct im_config *c, const char *name, const char *text,
		    size_t len, char **err)
{
	if (err)
		*err = NULL;
	if (!c || (!text && len))
		return 1;
	struct parser p = {name ? name : "-", 0, NULL};
	struct im_config *tmp = im_config_new();
	if (!tmp)
		return 1;
	const char *s = text, *end = text + len;
	const char *section = NULL;
	int rc = 0;
	/* A byte order mark at the start is not text. */
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (rc == 0 && s && s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		p.line++;
		const char *le = e;
		if (le > s && le[-1] == '\r')
			le--;
		rc = parse_line(&p, tmp, s, le, &section);
		s = nl ? nl + 1 : end;
	}
	/* Only a whole good file counts. */
	for (size_t i = 0; rc == 0 && i < tmp->n; i++) {
		const struct im_config_entry *e = &tmp->v[i].pub;
		rc = put(c, e->section, e->name, e->value, IM_CONFIG_FILE, NULL,
			 e->file, e->line);
	}
	im_config_free(&tmp);
	if (rc && err)
		*err = p.err;
	else
		free(p.err);
	return rc;
}

int im_config_read(struct im_config *c, const char *path, bool required,
		   char **err)
{
	if (err)
		*err = NULL;
	if (!c || !path)
		return 1;
	FILE *f = fopen(path, "rb");
	if (!f) {
		int e = errno;
		if (e == ENOENT && !required)
			return 0;
		if (err)
			*err = xprintf("%s: %s", path,
				       e == ENOENT ? "no such file"
						   : strerror(e));
		return 66;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		if (err)
			*err = xprintf("%s: is a directory, not a file", path);
		return 64;
	}
	char *buf = malloc(IM_CONFIG_FILE_MAX + 1);
	if (!buf) {
		fclose(f);
		return 1;
	}
	size_t n = fread(buf, 1, IM_CONFIG_FILE_MAX + 1, f);
	int rerr = ferror(f);
	fclose(f);
	int rc;
	if (rerr) {
		if (err)
			*err = xprintf("%s: could not be read", path);
		rc = 66;
	} else if (n > IM_CONFIG_FILE_MAX) {
		if (err)
			*err = xprintf("%s: larger than %d bytes", path,
				       IM_CONFIG_FILE_MAX);
		rc = 64;
	} else {
		rc = im_config_parse(c, path, buf, n, err);
	}
	free(buf);
	return rc;
}

int im_config_check(const struct im_config *c, im_config_check_fn check,
		    void *ud, char **err)
{
	if (err)
		*err = NULL;
	if (!c || !check)
		return 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct im_config_entry *e = &c->v[i].pub;
		if (e->origin != IM_CONFIG_FILE ||
		    strcmp(e->section, "general") == 0)
			continue;
		char *why = NULL;
		if (check(ud, e, &why))
			continue;
		if (err)
			*err = xprintf("%s: %s", e->where,
				       why ? why : "bad value");
		free(why);
		return 64;
	}
	return 0;
}

int im_config_load(struct im_config **out, const char *path,
		   const char *db_default, const char *db_option,
		   const char *as_option, char **err)
{
	if (err)
		*err = NULL;
	if (!out)
		return 1;
	*out = NULL;
	struct im_config *c = im_config_new();
	if (!c)
		return 1;
	char *own = path ? NULL : im_config_default_path();
	int rc = im_config_set(c, "general", "db", db_default,
			       IM_CONFIG_DEFAULT, "default");
	const char *p = path ? path : own;
	if (rc == 0 && p)
		rc = im_config_read(c, p, path != NULL, err);
	if (rc == 0)
		rc = im_config_set(c, "general", "db", getenv("INMAIL_DB"),
				   IM_CONFIG_ENV, "INMAIL_DB");
	if (rc == 0)
		rc = im_config_set(c, "general", "account",
				   getenv("INMAIL_USER"), IM_CONFIG_ENV,
				   "INMAIL_USER");
	if (rc == 0)
		rc = im_config_set(c, "general", "db", db_option,
				   IM_CONFIG_OPTION, "--db");
	if (rc == 0)
		rc = im_config_set(c, "general", "account", as_option,
				   IM_CONFIG_OPTION, "--as");
	free(own);
	if (rc) {
		im_config_free(&c);
		return rc;
	}
	*out = c;
	return 0;
}
