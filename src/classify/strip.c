/* Stripping a reply down to the candidate's own words (issue 15).
 *
 * Decided the way talon and email-reply-parser decide, a line at a time
 * from the top: a line can be dropped on its own (a "> " quote, a line of
 * the recruiter's InMail pasted back), or it can be a cut, after which
 * nothing is the candidate's (a quote's attribution line, an "Original
 * Message" or forward marker, a header block, "-- ", "Sent from my ...",
 * a sign-off followed only by a short name block).  A quote's attribution
 * is also found inside a line ("No thanks On Mon, 5 Jan 2026 Jane wrote:
 * ..."), as a one-line paste gives it.  Patterns cover English, Spanish,
 * French, German and Portuguese mail clients. */
#include "strip.h"

#include <stdbool.h>
#include <string.h>

/* A sign-off's name block: at most this many short lines after it. */
#define STRIP_NAME_LINES 6
#define STRIP_NAME_LINE_MAX 100
/* An attribution line is no longer than this. */
#define STRIP_ATTRIBUTION_MAX 320
/* A line shorter than this is never matched against the InMail. */
#define STRIP_INMAIL_MIN 16
/* Nor one longer than this (bounds the search). */
#define STRIP_INMAIL_MAX 1024
/* Bytes compared against the InMail in one call at most, so that hostile
 * text (runs of one letter in both) costs milliseconds, not minutes. */
#define STRIP_INMAIL_BUDGET ((size_t)1 << 22)

struct strip_line {
	const char *s; /* trimmed of blanks at both ends and a '\r' */
	size_t n;
	size_t off, len; /* the whole line in the text, its '\n' included */
};

static char strip_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static bool strip_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Whether s (n bytes) starts with pat, ASCII case-insensitively. */
static bool strip_starts(const char *s, size_t n, const char *pat)
{
	size_t k = strlen(pat);

	if (k > n)
		return false;
	for (size_t i = 0; i < k; i++)
		if (strip_lower(s[i]) != pat[i])
			return false;
	return true;
}

/* Where pat first occurs in s (n bytes) from byte from on, or n. */
static size_t strip_find(const char *s, size_t n, size_t from, const char *pat)
{
	size_t k = strlen(pat);

	for (size_t i = from; i + k <= n; i++)
		if (strip_starts(s + i, n - i, pat))
			return i;
	return n;
}

/* s without trailing blanks, no-break spaces and the given punctuation. */
static size_t strip_rtrim(const char *s, size_t n, const char *punct)
{
	for (;;) {
		if (n > 0 && (strip_blank(s[n - 1]) || strchr(punct, s[n - 1])) &&
		    s[n - 1] != '\0')
			n--;
		else if (n >= 2 && !memcmp(s + n - 2, "\xc2\xa0", 2))
			n -= 2;
		else if (n >= 3 && !memcmp(s + n - 3, "\xe2\x80\xaf", 3))
			n -= 3;
		else
			return n;
	}
}

static bool strip_in(const char *s, size_t n, const char *const *set)
{
	for (size_t i = 0; set[i]; i++)
		if (strlen(set[i]) == n && strip_starts(s, n, set[i]))
			return true;
	return false;
}

/* The verbs of an attribution: "wrote", "escribió", "a écrit", "schrieb",
 * "hat ... geschrieben", "escreveu". */
static const char *const strip_wrote[] = {
	"wrote", "writes", "escribió", "escribio", "écrit", "ecrit", "schrieb",
	"geschrieben", "escreveu", NULL,
};

/* What opens an attribution: "On", "El", "Le", "Am", "Em". */
static const char *const strip_on[] = {"on ", "el ", "le ", "am ", "em ", NULL};

static bool strip_has_wrote(const char *s, size_t n)
{
	for (size_t i = 0; strip_wrote[i]; i++)
		if (strip_find(s, n, 0, strip_wrote[i]) < n)
			return true;
	return false;
}

static bool strip_has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return true;
	return false;
}

/* "On Mon, 5 Jan 2026 at 09:00, Jane <jane@x.com> wrote:" and its
 * translations, or "Jane Doe <jane@x.com> wrote:". */
static bool strip_is_attribution(const char *s, size_t n)
{
	size_t m = strip_rtrim(s, n, "");
	bool opens = false;

	if (m == 0 || s[m - 1] != ':' || m > STRIP_ATTRIBUTION_MAX)
		return false;
	for (size_t i = 0; strip_on[i]; i++)
		opens = opens || strip_starts(s, m, strip_on[i]);
	if (!strip_has_wrote(s, m))
		return false;
	return (opens && strip_has_digit(s, m)) || memchr(s, '@', m) ||
	       memchr(s, '<', m);
}

/* The first line of an attribution a mail client wrapped in two: "On Mon,
 * 5 Jan 2026 at 09:00, Jane Doe" then "<jane@x.com> wrote:". */
static bool strip_is_attribution_head(const struct strip_line *a,
				      const struct strip_line *b)
{
	bool opens = false;

	for (size_t i = 0; strip_on[i]; i++)
		opens = opens || strip_starts(a->s, a->n, strip_on[i]);
	return opens && strip_has_digit(a->s, a->n) && b->n > 0 &&
	       b->n < STRIP_ATTRIBUTION_MAX && b->s[strip_rtrim(b->s, b->n, "") - 1] == ':' &&
	       strip_has_wrote(b->s, b->n) && !strip_has_wrote(a->s, a->n);
}

/* Where an attribution starts inside a line, after some words of the
 * candidate's: " On <date...> ... wrote:"; n if none. */
static size_t strip_inline_attribution(const char *s, size_t n)
{
	for (size_t i = 1; i + 3 < n; i++) {
		size_t end;

		if (s[i - 1] != ' ')
			continue;
		for (size_t k = 0; strip_on[k]; k++) {
			if (!strip_starts(s + i, n - i, strip_on[k]))
				continue;
			end = i + STRIP_ATTRIBUTION_MAX < n ? i + STRIP_ATTRIBUTION_MAX : n;
			for (size_t c = i; c < end; c++) {
				if (s[c] != ':' || (c + 1 < n && s[c + 1] != ' '))
					continue;
				if (strip_has_wrote(s + i, c - i) &&
				    strip_has_digit(s + i, c - i))
					return i;
			}
		}
	}
	return n;
}

/* "-----Original Message-----", "---------- Forwarded message ---------",
 * "Begin forwarded message:" and their translations. */
static bool strip_is_original(const char *s, size_t n)
{
	static const char *const marks[] = {
		"original message", "mensaje original", "message d'origine",
		"message original", "ursprüngliche nachricht", "ursprungliche nachricht",
		"originalnachricht", "mensagem original", "forwarded message",
		"mensaje reenviado", "message transféré", "message transfere",
		"weitergeleitete nachricht", "mensagem encaminhada",
		"begin forwarded message", "inicio del mensaje reenviado",
		"début du message réexpédié", "anfang der weitergeleiteten",
		"início da mensagem encaminhada", NULL,
	};
	size_t a = 0, m = strip_rtrim(s, n, "-:");

	while (a < m && (s[a] == '-' || s[a] == ' '))
		a++;
	for (size_t i = 0; marks[i]; i++)
		if (m - a == strlen(marks[i]) && strip_starts(s + a, m - a, marks[i]))
			return true;
	/* Outlook's rule above its header block. */
	if (n >= 10) {
		size_t u = 0;

		while (u < n && s[u] == '_')
			u++;
		if (u == n)
			return true;
	}
	return false;
}

/* A mail header line of a quoted or forwarded message. */
static bool strip_is_header(const char *s, size_t n, bool first)
{
	static const char *const from[] = {"from:", "de:", "de :", "von:", NULL};
	static const char *const rest[] = {
		"sent:", "date:", "to:", "cc:", "subject:", "enviado:", "fecha:",
		"para:", "asunto:", "envoyé :", "envoyé:", "date :", "à :", "à:",
		"objet :", "objet:", "gesendet:", "datum:", "an:", "betreff:",
		"assunto:", "data:", "enviada em:", "from:", "de:", "von:", NULL,
	};
	const char *const *set = first ? from : rest;

	for (size_t i = 0; set[i]; i++)
		if (strip_starts(s, n, set[i]))
			return true;
	return false;
}

/* "Sent from my iPhone", "Enviado desde mi ...", "Envoyé de mon ...",
 * "Von meinem ... gesendet", "Enviado do meu ...", "Get Outlook for ...". */
static bool strip_is_device(const char *s, size_t n)
{
	static const char *const marks[] = {
		"sent from my ", "sent from outlook", "sent from mail for",
		"sent from yahoo", "sent via ", "sent with ", "get outlook for",
		"enviado desde mi ", "enviado desde outlook", "enviado desde ",
		"envoyé de mon ", "envoye de mon ", "envoyé depuis ",
		"envoye depuis ", "von meinem ", "gesendet von meinem ",
		"gesendet von ", "mit ", "enviado do meu ", "enviado de meu ",
		"enviado do ", "enviado pelo ", NULL,
	};

	if (n > 80)
		return false;
	for (size_t i = 0; marks[i]; i++) {
		if (!strip_starts(s, n, marks[i]))
			continue;
		/* "Mit ..." only as "Mit ... gesendet", "Von meinem" likewise. */
		if (!strcmp(marks[i], "mit ") || !strcmp(marks[i], "von meinem ") ||
		    !strcmp(marks[i], "gesendet von "))
			return strip_find(s, n, 0, "gesendet") < n ||
			       strip_find(s, n, 0, "iphone") < n ||
			       strip_find(s, n, 0, "android") < n;
		return true;
	}
	return false;
}

/* A sign-off on a line of its own ("Best,", "Viele Grüße", "Atenciosamente,"). */
static bool strip_is_signoff(const char *s, size_t n)
{
	static const char *const offs[] = {
		"best", "best regards", "best wishes", "all the best", "regards",
		"kind regards", "warm regards", "warmest regards", "many thanks",
		"thanks", "thank you", "thanks again", "cheers", "sincerely",
		"yours", "yours sincerely", "yours truly", "respectfully", "br",
		"saludos", "un saludo", "saludos cordiales", "un cordial saludo",
		"atentamente", "cordialmente", "muchas gracias", "gracias",
		"abrazos", "un abrazo", "cordialement", "bien cordialement",
		"bien à vous", "bien a vous", "salutations", "merci", "bonne journée",
		"bonne journee", "à bientôt", "a bientot", "amicalement",
		"viele grüße", "viele grusse", "beste grüße", "beste grusse",
		"liebe grüße", "liebe grusse", "grüße", "gruss", "gruß",
		"mit freundlichen grüßen", "mit freundlichen grussen", "mfg", "lg",
		"vg", "danke", "vielen dank", "schöne grüße", "herzliche grüße",
		"atenciosamente", "abraços", "abracos", "abs", "att",
		"cumprimentos", "obrigado", "obrigada", "um abraço", "um abraco",
		"saudações", "saudacoes", NULL,
	};
	size_t m = strip_rtrim(s, n, ",.!-");

	return m > 0 && strip_in(s, m, offs);
}

/* The line at off, trimmed. */
static size_t strip_next_line(const char *text, size_t len, size_t off,
			      struct strip_line *l)
{
	const char *nl = memchr(text + off, '\n', len - off);
	size_t end = nl ? (size_t)(nl - text) + 1 : len;
	size_t a = off, b = nl ? (size_t)(nl - text) : len;

	while (a < b && strip_blank(text[a]))
		a++;
	while (b > a && strip_blank(text[b - 1]))
		b--;
	l->s = text + a;
	l->n = b - a;
	l->off = off;
	l->len = end - off;
	return end;
}

/* Whether the trimmed line (without leading '>' marks) is in the InMail,
 * comparing ASCII case-insensitively with runs of white space as one. */
static bool strip_in_inmail(const char *s, size_t n, const char *inmail,
			    size_t inmail_len, size_t *budget)
{
	while (n > 0 && (*s == '>' || strip_blank(*s))) {
		s++;
		n--;
	}
	if (n < STRIP_INMAIL_MIN || n > STRIP_INMAIL_MAX || !inmail)
		return false;
	for (size_t start = 0; start < inmail_len; start++) {
		size_t i = 0, j = start;

		if (strip_lower(inmail[start]) != strip_lower(s[0]))
			continue;
		if (*budget < n)
			return false;
		*budget -= n;
		while (i < n && j < inmail_len) {
			bool ws_a = strip_blank(s[i]), ws_b = strip_blank(inmail[j]) ||
							     inmail[j] == '\n';

			if (ws_a && ws_b) {
				while (i < n && strip_blank(s[i]))
					i++;
				while (j < inmail_len && (strip_blank(inmail[j]) || inmail[j] == '\n'))
					j++;
			} else if (strip_lower(s[i]) == strip_lower(inmail[j])) {
				i++;
				j++;
			} else {
				break;
			}
		}
		if (i == n)
			return true;
	}
	return false;
}

static void strip_add_cut(struct im_strip *out, size_t off, size_t len,
			  enum im_strip_kind kind)
{
	if (len == 0)
		return;
	out->cut_bytes += len;
	if (out->n_cut > 0 && out->n_cut <= IM_STRIP_MAX_SPANS &&
	    out->cut_kind[out->n_cut - 1] == kind &&
	    out->cut[out->n_cut - 1].off + out->cut[out->n_cut - 1].len == off) {
		out->cut[out->n_cut - 1].len += len;
		return;
	}
	if (out->n_cut < IM_STRIP_MAX_SPANS) {
		out->cut[out->n_cut] = (struct im_span){off, len};
		out->cut_kind[out->n_cut] = kind;
	}
	out->n_cut++;
}

static void strip_add_kept(struct im_strip *out, size_t off, size_t len)
{
	struct im_span *last = out->n_kept ? &out->kept[out->n_kept - 1] : NULL;

	if (len == 0)
		return;
	if (last && last->off + last->len == off) {
		last->len += len;
	} else if (out->n_kept < IM_STRIP_MAX_SPANS) {
		out->kept[out->n_kept++] = (struct im_span){off, len};
	}
}

/* Whether only a short name block follows the line ending at off: at most
 * STRIP_NAME_LINES non-blank lines, each short, before the end or a cut. */
static bool strip_name_block(const char *text, size_t len, size_t off)
{
	size_t lines = 0;

	while (off < len) {
		struct strip_line l;

		off = strip_next_line(text, len, off, &l);
		if (l.n == 0)
			continue;
		if (l.s[0] == '>' || strip_is_attribution(l.s, l.n) ||
		    strip_is_original(l.s, l.n) || strip_is_device(l.s, l.n) ||
		    (l.n == 2 && !memcmp(l.s, "--", 2)))
			return true;
		if (++lines > STRIP_NAME_LINES || l.n > STRIP_NAME_LINE_MAX)
			return false;
	}
	return true;
}

/* Whether the text from off on has any word character: a kept part that
 * is only blank lines or punctuation is nothing kept. */
static bool strip_has_words(const char *text, const struct im_strip *out)
{
	for (size_t k = 0; k < out->n_kept; k++)
		for (size_t i = 0; i < out->kept[k].len; i++) {
			unsigned char c = (unsigned char)text[out->kept[k].off + i];

			if (c >= 0x80 || (c >= '0' && c <= '9') ||
			    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
				return true;
		}
	return false;
}

void im_strip(const char *text, size_t len, const char *inmail,
	      size_t inmail_len, struct im_strip *out)
{
	size_t off = 0, budget = STRIP_INMAIL_BUDGET;
	bool cut = false;

	memset(out, 0, sizeof(*out));
	if (!text)
		len = 0;
	/* One line without a colon: only an attribution inside a line could
	 * be cut from it, and that needs one; anything else cut from a single
	 * line would leave nothing, which reads the whole. */
	if (len > 0 && !memchr(text, '\n', len) && !memchr(text, ':', len) &&
	    !memchr(text, '>', len)) {
		out->n_kept = 1;
		out->kept[0] = (struct im_span){0, len};
		return;
	}
	while (off < len && !cut) {
		struct strip_line l, next = {0};
		size_t end = strip_next_line(text, len, off, &l), at;
		enum im_strip_kind kind = IM_STRIP_ATTRIBUTION;

		/* Kept parts all used: lines dropped one by one are read from
		 * here on (a cut still ends the reply). */
		bool full = out->n_kept == IM_STRIP_MAX_SPANS;

		if (end < len)
			strip_next_line(text, len, end, &next);
		if (!full && l.n > 0 && l.s[0] == '>') {
			strip_add_cut(out, off, end - off, IM_STRIP_QUOTE);
		} else if (!full && strip_in_inmail(l.s, l.n, inmail, inmail_len, &budget)) {
			strip_add_cut(out, off, end - off, IM_STRIP_INMAIL);
		} else if (strip_is_attribution(l.s, l.n) ||
			   strip_is_attribution_head(&l, &next)) {
			cut = true;
		} else if (strip_is_original(l.s, l.n) ||
			   (strip_is_header(l.s, l.n, true) &&
			    strip_is_header(next.s, next.n, false))) {
			kind = IM_STRIP_ORIGINAL;
			cut = true;
		} else if ((l.n == 2 && !memcmp(l.s, "--", 2)) ||
			   (l.n == 3 && !memcmp(l.s, "\xe2\x80\x94", 3))) {
			kind = IM_STRIP_SIGNATURE;
			cut = true;
		} else if (strip_is_device(l.s, l.n)) {
			kind = IM_STRIP_DEVICE;
			cut = true;
		} else if (strip_is_signoff(l.s, l.n) && strip_name_block(text, len, end)) {
			kind = IM_STRIP_SIGNATURE;
			cut = true;
		} else if ((at = strip_inline_attribution(l.s, l.n)) < l.n) {
			size_t split = (size_t)(l.s - text) + at;

			strip_add_kept(out, off, split - off);
			off = split;
			cut = true;
		} else {
			strip_add_kept(out, off, end - off);
		}
		if (cut)
			strip_add_cut(out, off, len - off, kind);
		else
			off = end;
	}
	if (len > 0 && !strip_has_words(text, out)) {
		memset(out, 0, sizeof(*out));
		out->n_kept = 1;
		out->kept[0] = (struct im_span){0, len};
		out->whole = 1;
	}
}

const char *im_strip_kind_name(enum im_strip_kind kind)
{
	switch (kind) {
	case IM_STRIP_QUOTE:
		return "quote";
	case IM_STRIP_ATTRIBUTION:
		return "attribution";
	case IM_STRIP_ORIGINAL:
		return "original";
	case IM_STRIP_SIGNATURE:
		return "signature";
	case IM_STRIP_DEVICE:
		return "device";
	case IM_STRIP_INMAIL:
		return "inmail";
	}
	return "?";
}
