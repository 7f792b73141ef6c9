/* The key machinery (see tui_keys.h): keyspecs, lookup, rebinding and
 * iteration over the table tui_actions.c defines. */
#include "tui_keys.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "tui_curses.h"
#include "tui_text.h"

/* A named key and the codes it sends ("Enter": '\n', '\r', KEY_ENTER). */
struct key_name {
	const char *spec;  /* as written in a keyspec */
	const char *alias; /* also accepted, NULL none */
	const char *shown, *shown_ascii;
	struct tui_keycode codes[3];
};

#define K(c) {(c), false}
#define F(c) {(c), true}

static const struct key_name key_names[] = {
	{"Enter", "Return", "Enter", NULL, {K('\n'), K('\r'), F(KEY_ENTER)}},
	{"Esc", "Escape", "Esc", NULL, {K(27)}},
	{"Tab", NULL, "Tab", NULL, {K('\t')}},
	{"S-Tab", "BackTab", "Shift-Tab", NULL, {F(KEY_BTAB)}},
	{"Space", NULL, "Space", NULL, {K(' ')}},
	{"Backspace", "BS", "Backspace", NULL,
	 {K(127), K(8), F(KEY_BACKSPACE)}},
	{"Delete", "Del", "Del", NULL, {F(KEY_DC)}},
	{"Up", NULL, "↑", "Up", {F(KEY_UP)}},
	{"Down", NULL, "↓", "Down", {F(KEY_DOWN)}},
	{"Left", NULL, "←", "Left", {F(KEY_LEFT)}},
	{"Right", NULL, "→", "Right", {F(KEY_RIGHT)}},
	{"Home", NULL, "Home", NULL, {F(KEY_HOME)}},
	{"End", NULL, "End", NULL, {F(KEY_END)}},
	{"PgUp", "PageUp", "PgUp", NULL, {F(KEY_PPAGE)}},
	{"PgDn", "PageDown", "PgDn", NULL, {F(KEY_NPAGE)}},
};

static bool keys_ready;

static bool keys_same(struct tui_keycode a, struct tui_keycode b)
{
	return a.code == b.code && a.fn == b.fn;
}

static bool keys_has(const struct tui_key *k, struct tui_keycode c)
{
	for (size_t j = 0; j < TUI_KEYS_MAX && k->keys[j].code; j++)
		if (keys_same(k->keys[j], c))
			return true;
	return false;
}

/* Appends s to buf (size n), a blank before it unless buf is empty. */
static void keys_append(char *buf, size_t n, const char *s)
{
	size_t len = strlen(buf);
	snprintf(buf + len, n - len, "%s%s", len ? " " : "", s);
}

/* One parsed key: its codes and how it shows. */
struct key_parsed {
	struct tui_keycode codes[3];
	size_t n;
	char shown[40], shown_ascii[40];
};

/* Parses one keyspec token (len bytes of tok); false when it names no
 * key, and then why in *why. */
static bool keys_parse_one(const char *tok, size_t len, struct key_parsed *p,
			   const char **why)
{
	memset(p, 0, sizeof(*p));
	char word[32];
	if (len >= sizeof(word)) {
		*why = "no such key";
		return false;
	}
	memcpy(word, tok, len);
	word[len] = '\0';
	for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++) {
		const struct key_name *kn = &key_names[i];
		if (strcasecmp(word, kn->spec) != 0 &&
		    !(kn->alias && strcasecmp(word, kn->alias) == 0))
			continue;
		for (p->n = 0; p->n < 3 && kn->codes[p->n].code; p->n++)
			p->codes[p->n] = kn->codes[p->n];
		snprintf(p->shown, sizeof(p->shown), "%s", kn->shown);
		snprintf(p->shown_ascii, sizeof(p->shown_ascii), "%s",
			 kn->shown_ascii ? kn->shown_ascii : kn->shown);
		return true;
	}
	if ((word[0] == 'F' || word[0] == 'f') && len >= 2 && len <= 3) {
		char *end;
		long n = strtol(word + 1, &end, 10);
		if (*end || n < 1 || n > 12) {
			*why = "function keys are F1 to F12";
			return false;
		}
		p->codes[0] = (struct tui_keycode){KEY_F((int)n), true};
		p->n = 1;
		snprintf(p->shown, sizeof(p->shown), "F%ld", n);
		snprintf(p->shown_ascii, sizeof(p->shown_ascii), "F%ld", n);
		return true;
	}
	if (len == 3 && (word[0] == 'C' || word[0] == 'c') && word[1] == '-') {
		char c = word[2];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c < 'a' || c > 'z') {
			*why = "Ctrl goes with a letter (C-a to C-z)";
			return false;
		}
		p->codes[0] = (struct tui_keycode){TUI_CTRL(c), false};
		p->n = 1;
		snprintf(p->shown, sizeof(p->shown), "Ctrl-%c", c - 'a' + 'A');
		snprintf(p->shown_ascii, sizeof(p->shown_ascii), "%s", p->shown);
		return true;
	}
	/* One character, as typed. */
	ucs4_t uc;
	int n = u8_mbtouc(&uc, (const uint8_t *)word, len);
	if (n < 1 || (size_t)n != len || uc == 0xfffd || uc <= 0x20 ||
	    (uc >= 0x7f && uc <= 0x9f)) {
		*why = "no such key";
		return false;
	}
	p->codes[0] = (struct tui_keycode){(int)uc, false};
	p->n = 1;
	snprintf(p->shown, sizeof(p->shown), "%s", word);
	snprintf(p->shown_ascii, sizeof(p->shown_ascii), "%s",
		 uc < 0x80 ? word : "?");
	return true;
}

/* A parsed keyspec: the codes, its canonical form and how it shows. */
struct key_set {
	struct tui_keycode codes[TUI_KEYS_MAX];
	size_t n;
	char spec[96], shown[96], shown_ascii[96];
};

/* Parses spec into out.  NULL on success, else why (*bad points at the
 * token at fault, of *bad_len bytes).  Commas and blanks separate keys. */
static const char *keys_parse(const char *spec, struct key_set *out,
			      const char **bad, size_t *bad_len)
{
	memset(out, 0, sizeof(*out));
	const char *p = spec ? spec : "";
	*bad = p;
	*bad_len = 0;
	for (;;) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		const char *tok = p;
		size_t len = 1;
		while (tok[len] && tok[len] != ',' && tok[len] != ' ' &&
		       tok[len] != '\t')
			len++;
		p = tok + len;
		*bad = tok;
		*bad_len = len;
		struct key_parsed k;
		const char *why = NULL;
		if (!keys_parse_one(tok, len, &k, &why))
			return why;
		for (size_t i = 0; i < k.n; i++) {
			bool dup = false;
			for (size_t j = 0; j < out->n; j++)
				dup = dup || keys_same(out->codes[j], k.codes[i]);
			if (dup)
				continue;
			if (out->n + 1 >= TUI_KEYS_MAX)
				return "too many keys for one action";
			out->codes[out->n++] = k.codes[i];
		}
		char canon[40];
		snprintf(canon, sizeof(canon), "%.*s", (int)len, tok);
		if (out->spec[0])
			strncat(out->spec, ",", sizeof(out->spec) - strlen(out->spec) - 1);
		strncat(out->spec, canon, sizeof(out->spec) - strlen(out->spec) - 1);
		keys_append(out->shown, sizeof(out->shown), k.shown);
		keys_append(out->shown_ascii, sizeof(out->shown_ascii),
			    k.shown_ascii);
	}
	if (out->n == 0) {
		*bad_len = 0;
		return "no key given";
	}
	return NULL;
}

static void keys_set(struct tui_key *k, const struct key_set *set)
{
	memset(k->keys, 0, sizeof(k->keys));
	memcpy(k->keys, set->codes, set->n * sizeof(set->codes[0]));
	snprintf(k->spec, sizeof(k->spec), "%s", set->spec);
	snprintf(k->shown, sizeof(k->shown), "%s", set->shown);
	snprintf(k->shown_ascii, sizeof(k->shown_ascii), "%s", set->shown_ascii);
}

static void keys_init(void)
{
	if (keys_ready)
		return;
	keys_ready = true;
	for (size_t i = 0; i < tui_key_table_len; i++) {
		struct tui_key *k = &tui_key_table[i];
		struct key_set set;
		const char *bad;
		size_t bad_len;
		if (keys_parse(k->defaults, &set, &bad, &bad_len)) {
			/* The table's own keyspecs: a bug, found by every
			 * test that starts the interface. */
			fprintf(stderr, "tui: bad default keys for %s: %s\n",
				k->action_name, k->defaults);
			abort();
		}
		keys_set(k, &set);
		k->rebound = false;
	}
}

void tui_keys_clear(const char *action)
{
	keys_init();
	struct tui_key *k = (struct tui_key *)tui_keys_by_name(action);
	if (!k || (k->flags & TUI_KEY_FIXED))
		return;
	struct key_set none = {0};
	keys_set(k, &none);
	k->rebound = true;
}

void tui_keys_reset(void)
{
	keys_ready = false;
	keys_init();
}

const struct tui_key *tui_keys_find(unsigned ctx, int code, bool fn)
{
	keys_init();
	struct tui_keycode c = {code, fn};
	for (size_t i = 0; i < tui_key_table_len; i++)
		if ((tui_key_table[i].ctx & ctx) && keys_has(&tui_key_table[i], c))
			return &tui_key_table[i];
	return NULL;
}

const struct tui_key *tui_keys_table(size_t *n)
{
	keys_init();
	*n = tui_key_table_len;
	return tui_key_table;
}

const struct tui_key *tui_keys_by_name(const char *action)
{
	keys_init();
	for (size_t i = 0; action && i < tui_key_table_len; i++)
		if (strcmp(tui_key_table[i].action_name, action) == 0)
			return &tui_key_table[i];
	return NULL;
}

const char *tui_keys_name(const struct tui_key *k)
{
	keys_init();
	if (!k->rebound && k->name)
		return tui_text_glyph(k->name,
				      k->name_ascii ? k->name_ascii : k->name);
	return tui_text_glyph(k->shown, k->shown_ascii);
}

const char *tui_keys_group_name(const struct tui_key *head, char *buf,
				size_t n)
{
	keys_init();
	const struct tui_key *end = tui_key_table + tui_key_table_len;
	bool rebound = false;
	for (const struct tui_key *k = head; k < end; k++) {
		if (k != head && !(k->flags & TUI_KEY_JOINED))
			break;
		rebound = rebound || k->rebound;
	}
	buf[0] = '\0';
	/* A group's own name when it can show here ("← → ↑ ↓" is not
	 * ASCII: then each key by its name). */
	bool ascii = true;
	for (const char *p = head->group; p && *p; p++)
		ascii = ascii && (unsigned char)*p < 0x80;
	if (!rebound && head->group && (ascii || tui_text_utf8())) {
		snprintf(buf, n, "%s", head->group);
		return buf;
	}
	for (const struct tui_key *k = head; k < end; k++) {
		if (k != head && !(k->flags & TUI_KEY_JOINED))
			break;
		keys_append(buf, n, tui_keys_name(k));
	}
	return buf;
}

const char *tui_keys_first_name(enum tui_action a)
{
	keys_init();
	static char buf[24];
	for (size_t i = 0; i < tui_key_table_len; i++) {
		const struct tui_key *k = &tui_key_table[i];
		if (k->action != a)
			continue;
		const char *all = tui_text_glyph(k->shown, k->shown_ascii);
		size_t len = strcspn(all, " ");
		snprintf(buf, sizeof(buf), "%.*s", (int)len, all);
		return buf;
	}
	return "";
}

/* Whether two entries can both be asked for one key press: they share a
 * context, and the demo's keys are looked at before any other. */
static bool keys_overlap(const struct tui_key *a, const struct tui_key *b)
{
	unsigned ca = a->ctx, cb = b->ctx;
	unsigned any = TUI_CTX_BROWSE | TUI_CTX_BUTTONS | TUI_CTX_TEXT |
		       TUI_CTX_CONFIRM;
	if (ca & TUI_CTX_DEMO)
		ca |= any;
	if (cb & TUI_CTX_DEMO)
		cb |= any;
	return (ca & cb) != 0;
}

static enum tui_keys_status keys_fail(char **err, enum tui_keys_status st,
				      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum tui_keys_status keys_fail(char **err, enum tui_keys_status st,
				      const char *fmt, ...)
{
	if (!err)
		return st;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(err, fmt, ap) < 0) {
		*err = NULL;
		st = TUI_KEYS_NOMEM;
	}
	va_end(ap);
	return st;
}

enum tui_keys_status tui_keys_bind(const char *action, const char *keyspec,
				   char **err)
{
	keys_init();
	if (err)
		*err = NULL;
	struct tui_key *k = (struct tui_key *)tui_keys_by_name(action);
	if (!k)
		return keys_fail(err, TUI_KEYS_NO_ACTION,
				 "no action '%s' (see the key list in inmail(1))",
				 action ? action : "");
	if (k->flags & TUI_KEY_FIXED)
		return keys_fail(err, TUI_KEYS_FIXED, "%s: %s always quits; it "
				 "cannot be rebound", k->action_name, k->spec);
	struct key_set set;
	const char *bad;
	size_t bad_len;
	const char *why = keys_parse(keyspec, &set, &bad, &bad_len);
	if (why)
		return keys_fail(err, TUI_KEYS_BAD_KEY, "%s: '%.*s': %s",
				 k->action_name, (int)bad_len, bad, why);
	for (size_t i = 0; i < set.n; i++) {
		struct tui_keycode c = set.codes[i];
		if (!c.fn && c.code == TUI_CTRL('c'))
			return keys_fail(err, TUI_KEYS_FIXED, "%s: C-c always "
					 "quits; it cannot be rebound",
					 k->action_name);
		/* The demo's keys are looked at first, in a text box too. */
		if ((k->ctx & (TUI_CTX_TEXT | TUI_CTX_DEMO)) && !c.fn &&
		    c.code >= 0x20 && c.code != 0x7f)
			return keys_fail(err, TUI_KEYS_CONFLICT, "%s: '%s' types "
					 "in a text box, where %s works; use a "
					 "C- or function key", k->action_name,
					 set.spec, k->action_name);
		for (size_t j = 0; j < tui_key_table_len; j++) {
			const struct tui_key *o = &tui_key_table[j];
			if (o == k || !keys_overlap(o, k) || !keys_has(o, c))
				continue;
			return keys_fail(err, TUI_KEYS_CONFLICT, "%s: a key of "
					 "'%s' is %s's already (%s); rebind %s "
					 "first", k->action_name, set.spec,
					 o->action_name, o->spec,
					 o->action_name);
		}
	}
	keys_set(k, &set);
	k->rebound = strcmp(set.spec, k->defaults) != 0;
	return TUI_KEYS_OK;
}

static const char *keys_context(unsigned ctx, char *buf, size_t n)
{
	static const struct {
		unsigned bit;
		const char *word;
	} words[] = {
		{TUI_CTX_BROWSE, "browse"}, {TUI_CTX_BUTTONS, "buttons"},
		{TUI_CTX_TEXT, "text"}, {TUI_CTX_DEMO, "demo"},
		{TUI_CTX_CONFIRM, "confirm"},
	};
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (ctx & words[i].bit)
			keys_append(buf, n, words[i].word);
	return buf;
}

void tui_keys_each(void (*fn)(void *arg, const struct tui_key_info *info),
		   void *arg)
{
	keys_init();
	for (size_t i = 0; i < tui_key_table_len; i++) {
		const struct tui_key *k = &tui_key_table[i];
		char ctx[64];
		struct tui_key_info info = {
			.action = k->action_name,
			.context = keys_context(k->ctx, ctx, sizeof(ctx)),
			.ctx = k->ctx,
			.defaults = k->defaults,
			.keys = k->spec,
			.help = k->help,
			.fixed = (k->flags & TUI_KEY_FIXED) != 0,
		};
		fn(arg, &info);
	}
}
