/* Tokenizer and features, shared by the trainer and the runtime.
 *
 * Text is case-folded and NFKD-normalised with libunistring, combining
 * marks are dropped (so "não", "nao" and "NÃO" are one word), digits read
 * as '#'.  Each word gives a unigram and the character 4-grams of
 * "<word>" (typos keep most of them); a negation word ("not", "nicht",
 * "pas", "no", "não"...) marks the next FEATURIZE_NEG_SCOPE words as
 * negated until a clause ends or "but" turns it, a trailing "nicht" or
 * "pas" the words before it, and "no" inside a negation cancels it ("won't
 * say no", "nicht nein"); adjacent words give bigrams; "?", "!", emoji
 * and ":)"-style emoticons are tokens too.  Beyond those (issue 15, each
 * a FEATURIZE_OPT_*): shared features for a negated negative, a
 * circumstance that declines, a referral (whose clause is then read
 * apart), an unnamed later and a refusing question; a question's words;
 * and the clause after "but" or "donc" flagged to weigh more.  Which word
 * is in which list is one probe of a hashed table (featurize_lex_table). */
#include "featurize.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* Input is normalised a chunk at a time into a stack buffer.  No code
 * point grows more than 11 times in bytes under case folding and NFKD
 * (U+FDFA is the worst), so the buffer always holds a chunk's result. */
#define FEATURIZE_CHUNK 1024
#define FEATURIZE_CUT_WINDOW 128
#define FEATURIZE_NORM_BUF (FEATURIZE_CHUNK * 12)

#define FEATURIZE_LABEL_MAX 64
/* A question's words read as such: at most this many, in this many bytes. */
#define FEATURIZE_SENT_WORDS 10
#define FEATURIZE_SENT_BYTES 128
/* Words a trailing "nicht" or "pas" reaches back to. */
#define FEATURIZE_BACK 3

struct featurize_state {
	featurize_fn *fn;
	void *arg;
	char word[FEATURIZE_TOKEN_MAX + 1];
	size_t word_len;
	bool word_full;    /* the word outgrew FEATURIZE_TOKEN_MAX */
	char prev[FEATURIZE_TOKEN_MAX]; /* last token, for bigrams */
	size_t prev_len;                /* 0: none */
	/* The clause's last plain words, the latest first. */
	char back[FEATURIZE_BACK][FEATURIZE_TOKEN_MAX + 1];
	size_t back_len[FEATURIZE_BACK];
	unsigned back_bits[FEATURIZE_BACK];
	int neg_left;      /* words still in a negation's scope */
	unsigned opts;     /* FEATURIZE_OPT_* */
	bool after_turn;   /* in a sentence, after "but" */
	/* The sentence's first two words, for a question's opening. */
	char first[2][FEATURIZE_TOKEN_MAX + 1];
	size_t n_first;
	ucs4_t last_punct; /* collapses "???" into one "?" */
	/* The sentence's words so far, NUL-separated, for the words of a
	 * question ("honestly, why would I switch?"). */
	char sent[FEATURIZE_SENT_BYTES];
	size_t sent_len, n_sent;
	bool sent_rhetoric, sent_negated; /* the sentence has such a word */
	bool other; /* the clause now speaks of someone else */
};

/* Sorted: small words a negation's scope passes over without using one
 * of its words up ("not the slightest bit interested"). */
static const char *const featurize_fillers[] = {
	"a", "all", "an", "at", "be", "bit", "even", "me", "quite", "really",
	"so", "that", "the", "to", "too", "very",
};

/* Sorted (strcmp order): words that open a negation scope. */
static const char *const featurize_negators[] = {
	"aint", "arent", "aucun", "aucune", "cannot", "cant", "couldnt",
	"didnt", "doesnt", "dont", "hadnt", "hasnt", "havent", "isnt",
	"jamais", "jamas", "kein", "keine", "keinem", "keinen", "keiner",
	"keines", "n", "nada", "nao", "ne", "nein", "neither", "nem", "nenhum",
	"nenhuma", "never", "ni", "nicht", "nichts", "nie", "niemals",
	"ningun", "ninguna", "ninguno", "no", "non", "nor", "not", "nothing",
	"null", "nunca", "ohne", "pas", "rien", "sans", "sem",
	"shouldnt", "sin", "tampoco", "wasnt", "werent", "wont", "wouldnt",
	"zero",
};

/* Sorted: words that say something is bad, so that negated they say it
 * is not ("no harm in a call", "nicht schlecht", "pas mauvais"); a "no"
 * that cancels a negation is one too ("je ne dis pas non"). */
static const char *const featurize_negatives[] = {
	"abgeneigt", "against", "bad", "cierro", "closed", "contra", "contre",
	"costs", "coute", "cuesta", "custa", "dagegen", "derange", "dumb",
	"falsch", "fechada", "fechado", "ferme", "fermee", "gegen",
	"geschlossen", "harm", "horrible", "hurt", "hurts", "importa",
	"importaria", "importe", "importo", "imposible", "imposivel",
	"impossible", "inconvenient", "inconveniente", "issue", "issues",
	"kostet", "lose", "loss", "mal", "mala", "malo", "mauvais", "mauvaise",
	"mind", "molesta", "nao", "nein", "no", "non", "not", "nuisance",
	"objection", "objections", "opposed", "perco", "perde", "perder",
	"perds", "pierdes", "pierdo", "pire", "problem", "problema",
	"problemas", "probleme", "problems", "riesgo", "risco", "risk",
	"risque", "ruim", "schaden", "schadet", "schlecht", "shame", "stort",
	"terrible", "unmoglich", "verlieren", "wrong",
};

/* Sorted: words of circumstances that decline: a new job, another offer,
 * a contract or visa that binds, a life event. */
static const char *const featurize_circumstances[] = {
	"accepted", "angebot", "angebote", "angefangen", "aposentado",
	"aposentadoria", "baby", "bebe", "begonnen", "binding", "boda",
	"bound", "casamento", "comecei", "comence", "commence", "conge",
	"contract", "contracts", "contrat", "contrato", "demenage",
	"demenagement", "elternzeit", "embarazada", "empece", "empezado",
	"empezar", "enceinte", "entrei", "forbidden", "forbids", "gewechselt",
	"gravida", "hochzeit", "incorporado", "incorpore", "interdisent",
	"interdit", "joined", "jubilacion", "jubilo", "kundigungsfrist",
	"licenca", "locked", "mariage", "married", "maternidad", "maternidade",
	"maternite", "maternity", "moving", "mudanca", "mudando", "mudanza",
	"mudei", "mutterschutz", "newborn", "noncompete", "notice", "oferta",
	"ofertas", "offer", "offers", "offre", "offres", "onboarding",
	"parental", "paternidad", "paternidade", "paternite", "paternity",
	"pregnant", "probezeit", "prohibe", "prohibido", "prohibited",
	"prohibits", "proibe", "proibido", "promoted", "promotion", "proposta",
	"propostas", "rejoint", "relocated", "relocating", "rente", "retired",
	"retirement", "retiring", "retraite", "ruhestand", "sabbatical",
	"schwanger", "signed", "signing", "sponsor", "sponsorship", "started",
	"starting", "studying", "tied", "umzug", "verbietet", "verboten",
	"vertrag", "visa", "visado", "visto", "visum", "wedding",
};

/* Sorted: words that turn a clause and so close a negation scope. */
static const char *const featurize_turns[] = {
	"aber", "alors", "also", "although", "but", "cependant", "daher",
	"deshalb", "doch", "donc", "entao", "entonces", "however", "jedoch",
	"mais", "mas", "pero", "porem", "portanto", "sino", "sondern",
	"therefore", "though", "todavia",
};

/* Sorted: someone else the candidate hands the InMail to ("not for me,
 * but my colleague might be interested"): a refusal for themself.  The
 * rest of the clause is about them, so its words are read apart
 * ("OTHER_interested"). */
static const char *const featurize_referrals[] = {
	"ami", "amie", "amiga", "amigas", "amigo", "amigos", "amis", "brother",
	"colega", "colegas", "colleague", "colleagues", "collegue",
	"collegues", "companera", "companero", "cousin", "cousine", "coworker",
	"coworkers", "empfehlen", "encaminhar", "forward", "frere", "freund",
	"freundin", "friend", "friends", "hermana", "hermano", "irma", "irmao",
	"kollege", "kollegen", "kollegin", "prima", "primo", "recomendar",
	"recommander", "recommend", "reenviar", "refer", "sister", "soeur",
	"transmettre", "weiterleiten",
};

/* Sorted: an unnamed later ("maybe down the line", "irgendwann"). */
static const char *const featurize_laters[] = {
	"andermal", "eventually", "futur", "future", "futuro", "irgendwann",
	"kunftig", "later", "revisit", "someday", "sometime", "spater",
	"tard", "ulterieurement", "zukunft",
};

/* Sorted: words that make a question a refusal ("why would I ...?",
 * "how many times ...?", "seriously?"), unless it holds a negation
 * ("why not?"). */
static const char *const featurize_rhetoric[] = {
	"acaso", "blague", "broma", "conseguiu", "echt", "ernsthaft", "fois",
	"joke", "kidding", "mesmo", "oft", "piada", "porque", "pourquoi",
	"really", "realmente", "sacaste", "sequer", "serieusement", "serio",
	"serious", "seriously", "times", "uberhaupt", "veces", "vezes",
	"vraiment", "warum", "weshalb", "weswegen", "why", "wieso", "wirklich",
	"witz", "woher",
};

/* Sorted: French elisions, split off at the apostrophe ("n'ai" is "n"
 * "ai"); any other apostrophe inside a word is dropped ("don't" is
 * "dont"). */
static const char *const featurize_elisions[] = {
	"c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "puisqu", "qu", "s",
	"t",
};

#define FEATURIZE_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool featurize_in(const char *const *set, size_t n, const char *w)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		/* The first byte settles most steps without a call. */
		int c = (unsigned char)set[mid][0] - (unsigned char)w[0];

		if (c == 0)
			c = strcmp(set[mid], w);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static const struct {
	const char *const *words;
	size_t n;
	unsigned bit;
} featurize_lists[] = {
	{featurize_fillers, FEATURIZE_COUNT(featurize_fillers), FEATURIZE_LEX_FILLER},
	{featurize_negators, FEATURIZE_COUNT(featurize_negators),
	 FEATURIZE_LEX_NEGATOR},
	{featurize_negatives, FEATURIZE_COUNT(featurize_negatives),
	 FEATURIZE_LEX_NEGATIVE},
	{featurize_circumstances, FEATURIZE_COUNT(featurize_circumstances),
	 FEATURIZE_LEX_CIRC},
	{featurize_turns, FEATURIZE_COUNT(featurize_turns), FEATURIZE_LEX_TURN},
	{featurize_referrals, FEATURIZE_COUNT(featurize_referrals),
	 FEATURIZE_LEX_REFERRAL},
	{featurize_laters, FEATURIZE_COUNT(featurize_laters), FEATURIZE_LEX_LATER},
	{featurize_rhetoric, FEATURIZE_COUNT(featurize_rhetoric),
	 FEATURIZE_LEX_RHETORIC},
};

int featurize_lex_fill(struct featurize_lex_entry *table)
{
	memset(table, 0, FEATURIZE_LEX_SLOTS * sizeof(*table));
	for (size_t l = 0; l < FEATURIZE_COUNT(featurize_lists); l++)
		for (size_t i = 0; i < featurize_lists[l].n; i++) {
			const char *w = featurize_lists[l].words[i];
			uint64_t key = featurize_key('w', w, strlen(w));
			size_t s = key & (FEATURIZE_LEX_SLOTS - 1), probes = 0;

			while (table[s].key && table[s].key != key) {
				s = (s + 1) & (FEATURIZE_LEX_SLOTS - 1);
				if (++probes == FEATURIZE_LEX_SLOTS)
					return -1;
			}
			table[s].key = key;
			table[s].bits |= featurize_lists[l].bit;
		}
	return 0;
}

/* The FEATURIZE_LEX_* bits of the word whose unigram key is key. */
static unsigned featurize_lex_bits(uint64_t key)
{
	for (size_t s = key & (FEATURIZE_LEX_SLOTS - 1);;
	     s = (s + 1) & (FEATURIZE_LEX_SLOTS - 1)) {
		const struct featurize_lex_entry *e = &featurize_lex_table[s];

		if (e->key == key)
			return e->bits;
		if (e->key == 0)
			return 0;
	}
}

uint64_t featurize_key(char kind, const char *text, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = (h ^ (uint8_t)kind) * 0x100000001b3ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)text[i]) * 0x100000001b3ULL;
	return h ? h : 1;
}

/* The key of a character 4-gram (kind 'g' or 'h'): one multiply and a
 * mix instead of FNV's five, as words give many grams.  Bytes are read
 * one by one, so trainer and library agree whatever their byte order. */
static uint64_t featurize_gram_key(char kind, const char *p)
{
	const uint8_t *u = (const uint8_t *)p;
	uint64_t h = (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 |
		     (uint64_t)u[3] << 24 | (uint64_t)(uint8_t)kind << 32;

	h *= 0x9e3779b97f4a7c15ULL;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return h ? h : 1;
}

static bool featurize_is_emoji(ucs4_t c)
{
	return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
	       (c >= 0x2300 && c <= 0x23FF) || c == 0x2B50 || c == 0x2B55;
}

/* Joiners, variation selectors and skin tones: part of what they follow. */
static bool featurize_is_silent(ucs4_t c)
{
	return c == 0x200C || c == 0x200D || c == 0xFE0E || c == 0xFE0F ||
	       (c >= 0x1F3FB && c <= 0x1F3FF);
}

static bool featurize_is_apostrophe(ucs4_t c)
{
	return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 ||
	       c == 0x02BC;
}

static bool featurize_is_letter(ucs4_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	return uc_is_general_category(c, UC_CATEGORY_L) ||
	       uc_is_general_category(c, UC_CATEGORY_N);
}

static unsigned featurize_flags(const struct featurize_state *st)
{
	return st->after_turn ? FEATURIZE_AFTER_TURN : 0;
}

static void featurize_bigram(struct featurize_state *st, const char *tok,
			     size_t len)
{
	char label[FEATURIZE_LABEL_MAX];
	size_t n = st->prev_len;
	uint64_t key;

	if (n) {
		memcpy(label, st->prev, n);
		label[n++] = ' ';
		memcpy(label + n, tok, len);
		n += len;
		label[n] = '\0';
		key = featurize_key('b', label, n);
		st->fn(st->arg, label, &key, 1, featurize_flags(st));
	}
	memcpy(st->prev, tok, len);
	st->prev_len = len;
}

/* One token's unigram (negated or not) and grams; tok[len] is a NUL, wkey
 * is its plain unigram key, bits its FEATURIZE_LEX_*. */
static void featurize_group(struct featurize_state *st, const char *tok,
			    size_t len, bool neg, bool grams, uint64_t wkey,
			    unsigned bits)
{
	uint64_t keys[FEATURIZE_GROUP_KEYS];
	char label[FEATURIZE_LABEL_MAX];
	char padded[FEATURIZE_TOKEN_MAX + 3];
	size_t n = 0;

	if (!neg && st->other) {
		/* "... but my colleague might be interested": not the
		 * candidate's own interest. */
		keys[0] = featurize_key('o', tok, len);
		memcpy(label, "OTHER_", 6);
		memcpy(label + 6, tok, len + 1);
		st->fn(st->arg, label, keys, 1, featurize_flags(st));
		return;
	}
	keys[n++] = neg ? featurize_key('n', tok, len) : wkey;
	if (grams && len >= 4) {
		padded[0] = '<';
		memcpy(padded + 1, tok, len);
		padded[len + 1] = '>';
		for (size_t i = 0; i + 4 <= len + 2; i++)
			keys[n++] = featurize_gram_key(neg ? 'h' : 'g', padded + i);
	}
	/* Shared keys, so what one word of a kind taught carries to the
	 * others: a negated negative, a circumstance. */
	if (neg && (st->opts & FEATURIZE_OPT_NEGNEG) &&
	    (bits & FEATURIZE_LEX_NEGATIVE))
		keys[n++] = featurize_key('x', "negneg", 6);
	if (!neg && (st->opts & FEATURIZE_OPT_CIRC) && (bits & FEATURIZE_LEX_CIRC))
		keys[n++] = featurize_key('c', "circ", 4);
	if (!neg && (st->opts & FEATURIZE_OPT_REFERRAL) &&
	    (bits & FEATURIZE_LEX_REFERRAL)) {
		keys[n++] = featurize_key('r', "referral", 8);
		st->other = true;
	}
	if (!neg && (st->opts & FEATURIZE_OPT_LATER) && (bits & FEATURIZE_LEX_LATER))
		keys[n++] = featurize_key('l', "later", 5);
	/* tok ends at tok[len] with a NUL: it is its own label. */
	if (!neg) {
		st->fn(st->arg, tok, keys, n, featurize_flags(st));
		return;
	}
	memcpy(label, "NEG_", 4);
	memcpy(label + 4, tok, len + 1);
	st->fn(st->arg, label, keys, n, featurize_flags(st));
}

/* One token: its group and its bigram. */
static void featurize_token(struct featurize_state *st, const char *tok,
			    size_t len, bool neg, bool grams, uint64_t wkey,
			    unsigned bits)
{
	featurize_group(st, tok, len, neg, grams, wkey, bits);
	featurize_bigram(st, tok, len);
}

/* A token that is not a word of the lists (a symbol). */
static void featurize_plain_token(struct featurize_state *st, const char *tok,
				  size_t len)
{
	featurize_token(st, tok, len, false, false, featurize_key('w', tok, len), 0);
}

/* "Das interessiert mich nicht", "ça m'intéresse pas": German "nicht"
 * and French "pas" also negate the words they follow in their clause. */
static void featurize_negate_back(struct featurize_state *st, const char *w)
{
	if (strcmp(w, "nicht") && strcmp(w, "pas"))
		return;
	for (size_t i = 0; i < FEATURIZE_BACK; i++)
		if (st->back_len[i])
			featurize_group(st, st->back[i], st->back_len[i], true, true,
					0, st->back_bits[i]);
}

/* Remembers a plain word for featurize_negate_back. */
static void featurize_remember(struct featurize_state *st, const char *w,
			       size_t len, unsigned bits)
{
	for (size_t i = FEATURIZE_BACK - 1; i > 0; i--) {
		memcpy(st->back[i], st->back[i - 1], st->back_len[i - 1] + 1);
		st->back_len[i] = st->back_len[i - 1];
		st->back_bits[i] = st->back_bits[i - 1];
	}
	memcpy(st->back[0], w, len + 1);
	st->back_len[0] = len;
	st->back_bits[0] = bits;
}

/* A sentence ends: "but" no longer weighs what follows, a question's
 * opening is read anew. */
static void featurize_sentence_end(struct featurize_state *st)
{
	st->after_turn = false;
	st->n_first = 0;
	st->sent_len = st->n_sent = 0;
	st->sent_rhetoric = st->sent_negated = false;
	st->other = false;
}

/* Emits a question-opening feature: its key over all of text (n bytes),
 * its label "Q_" and text cut to fit FEATURIZE_LABEL_MAX at a character. */
static void featurize_question_emit(struct featurize_state *st, const char *text,
				    size_t n)
{
	char label[FEATURIZE_LABEL_MAX];
	uint64_t key = featurize_key('q', text, n);
	size_t k = n < FEATURIZE_LABEL_MAX - 3 ? n : FEATURIZE_LABEL_MAX - 3;

	while (k > 0 && k < n && ((unsigned char)text[k] & 0xC0) == 0x80)
		k--;
	memcpy(label, "Q_", 2);
	memcpy(label + 2, text, k);
	label[k + 2] = '\0';
	st->fn(st->arg, label, &key, 1, featurize_flags(st));
}

/* "Why would I leave?": a question's first one and two words. */
static void featurize_question(struct featurize_state *st)
{
	char both[2 * FEATURIZE_TOKEN_MAX + 2];
	size_t a, b;

	if ((st->opts & FEATURIZE_OPT_RHETORIC) && st->sent_rhetoric &&
	    !st->sent_negated) {
		uint64_t key = featurize_key('R', "rhetoric", 8);

		st->fn(st->arg, "Q:rhetorical", &key, 1, featurize_flags(st));
	}
	if (!(st->opts & FEATURIZE_OPT_QUESTION) || st->n_first == 0)
		return;
	/* Each word of the question, once. */
	for (size_t i = 0, k = 0; i < st->n_sent; i++) {
		const char *w = st->sent + k;
		size_t n = strlen(w);
		char label[FEATURIZE_LABEL_MAX];
		uint64_t key = featurize_key('Q', w, n);

		memcpy(label, "Q:", 2);
		memcpy(label + 2, w, n + 1);
		st->fn(st->arg, label, &key, 1, featurize_flags(st));
		k += n + 1;
	}
	a = strlen(st->first[0]);
	featurize_question_emit(st, st->first[0], a);
	if (st->n_first < 2)
		return;
	b = strlen(st->first[1]);
	memcpy(both, st->first[0], a);
	both[a] = ' ';
	memcpy(both + a + 1, st->first[1], b);
	featurize_question_emit(st, both, a + 1 + b);
}

static void featurize_word_end(struct featurize_state *st)
{
	const char *w = st->word;
	uint64_t wkey;
	unsigned bits;

	if (st->word_len == 0)
		return;
	st->word[st->word_len] = '\0';
	wkey = featurize_key('w', w, st->word_len);
	bits = featurize_lex_bits(wkey);
	if (st->n_first < 2)
		memcpy(st->first[st->n_first++], w, st->word_len + 1);
	if (st->n_sent < FEATURIZE_SENT_WORDS &&
	    st->sent_len + st->word_len + 1 <= FEATURIZE_SENT_BYTES) {
		memcpy(st->sent + st->sent_len, w, st->word_len + 1);
		st->sent_len += st->word_len + 1;
		st->n_sent++;
	}
	st->sent_rhetoric |= (bits & FEATURIZE_LEX_RHETORIC) != 0;
	st->sent_negated |= (bits & FEATURIZE_LEX_NEGATOR) != 0;
	if (bits & FEATURIZE_LEX_NEGATOR) {
		/* "won't say no", "not saying no": a "no" inside a negation's
		 * scope cancels it rather than opening another. */
		bool no = !strcmp(w, "no") || !strcmp(w, "not") ||
			  !strcmp(w, "nein") || !strcmp(w, "non") || !strcmp(w, "nao");
		/* ... and so does "nein" or "non" right after another negator
		 * ("sage nicht nein", "je ne dis pas non"). */
		bool twice = no && st->neg_left > 0 &&
			     (st->neg_left < FEATURIZE_NEG_SCOPE ||
			      ((!strcmp(w, "nein") || !strcmp(w, "non")) &&
			       (st->prev_len != st->word_len ||
				memcmp(st->prev, w, st->word_len))));

		featurize_token(st, w, st->word_len, twice, false, wkey, bits);
		if (!st->neg_left)
			featurize_negate_back(st, w);
		st->neg_left = twice ? 0 : FEATURIZE_NEG_SCOPE;
	} else if (bits & FEATURIZE_LEX_TURN) {
		st->neg_left = 0;
		featurize_token(st, w, st->word_len, false, false, wkey, bits);
		st->after_turn = true;
	} else {
		featurize_token(st, w, st->word_len, st->neg_left > 0, true, wkey, bits);
		if (!st->neg_left)
			featurize_remember(st, w, st->word_len, bits);
		if (st->neg_left > 0 && !(bits & FEATURIZE_LEX_FILLER))
			st->neg_left--;
	}
	st->word_len = 0;
	st->word_full = false;
	st->last_punct = 0;
}

static void featurize_word_add(struct featurize_state *st, const uint8_t *p,
			      size_t k)
{
	if (st->word_full || st->word_len + k > FEATURIZE_TOKEN_MAX) {
		st->word_full = true;
		return;
	}
	for (size_t i = 0; i < k; i++)
		st->word[st->word_len++] = p[i] >= '0' && p[i] <= '9' ? '#' : (char)p[i];
}

/* A clause ends: no bigram or negation reaches across it. */
static void featurize_clause_end(struct featurize_state *st)
{
	featurize_word_end(st);
	st->prev_len = 0;
	st->neg_left = 0;
	st->other = false;
	memset(st->back_len, 0, sizeof(st->back_len));
}

/* A token of its own that stands outside words: emoji, emoticon, "?". */
static void featurize_symbol(struct featurize_state *st, const char *sym)
{
	featurize_word_end(st);
	featurize_plain_token(st, sym, strlen(sym));
}

/* The emoticon at t[i] (":)", ":-(", ";)", "<3"...), or NULL; *len is its
 * length in bytes. */
static const char *featurize_emoticon(const uint8_t *t, size_t n, size_t i,
				     size_t *len)
{
	size_t j = i + 1;

	if (t[i] == '<') {
		*len = 2;
		return j < n && t[j] == '3' ? "<3" : NULL;
	}
	if (j < n && t[j] == '-')
		j++;
	if (j >= n || (j + 1 < n && featurize_is_letter(t[j + 1])))
		return NULL;
	*len = j + 1 - i;
	switch (t[j]) {
	case ')':
	case ']':
		return t[i] == ';' ? ";)" : ":)";
	case '(':
	case '[':
		return ":(";
	case 'd':
		return ":D";
	case 'p':
		return ":P";
	case '/':
		return ":/";
	default:
		return NULL;
	}
}

/* Reads the code point at t[i] and acts on it; returns the bytes used. */
static size_t featurize_step(struct featurize_state *st, const uint8_t *t,
			    size_t n, size_t i)
{
	ucs4_t c = t[i];
	size_t k = 1;

	/* Most of any reply: an ASCII letter or digit (the text is already
	 * lower case), taken without further tests. */
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
		if (st->word_full || st->word_len >= FEATURIZE_TOKEN_MAX)
			st->word_full = true;
		else
			st->word[st->word_len++] = c <= '9' ? '#' : (char)c;
		return 1;
	}
	if (c >= 0x80) {
		int r = u8_mbtouc(&c, t + i, n - i);

		k = r > 0 ? (size_t)r : 1;
	}
	if (featurize_is_letter(c)) {
		featurize_word_add(st, t + i, k);
		return k;
	}
	if (featurize_is_apostrophe(c)) {
		ucs4_t next = 0;

		if (i + k < n)
			u8_mbtouc(&next, t + i + k, n - i - k);
		if (st->word_len == 0 || !featurize_is_letter(next)) {
			featurize_word_end(st);
		} else if (!st->word_full) {
			st->word[st->word_len] = '\0';
			if (featurize_in(featurize_elisions,
					FEATURIZE_COUNT(featurize_elisions), st->word))
				featurize_word_end(st);
		}
		return k;
	}
	if (c == ':' || c == ';' || c == '=' || c == '<') {
		size_t len = 0;
		const char *emo = featurize_emoticon(t, n, i, &len);

		if (emo) {
			featurize_symbol(st, emo);
			return len;
		}
	}
	if (c == '?' || c == '!') {
		featurize_word_end(st);
		if (st->last_punct != c) {
			featurize_plain_token(st, c == '?' ? "?" : "!", 1);
			if (c == '?')
				featurize_question(st);
			st->last_punct = c;
		}
		st->prev_len = 0;
		st->neg_left = 0;
		featurize_sentence_end(st);
		return k;
	}
	if (c < 0x80) {
		if (c == '.' || c == ',' || c == ';' || c == ':' || c == '\n' ||
		    c == '\r' || c == '(' || c == ')' || c == '[' || c == ']')
			featurize_clause_end(st);
		else
			featurize_word_end(st);
		if (c == '.' || c == '\n')
			featurize_sentence_end(st);
		return k;
	}
	if (c == 0xBF || c == 0xA1) { /* "¿", "¡" open a sentence */
		featurize_clause_end(st);
		featurize_sentence_end(st);
		return k;
	}
	if (featurize_is_silent(c) || uc_is_general_category(c, UC_CATEGORY_M))
		return k;
	if (featurize_is_emoji(c)) {
		char sym[8];
		size_t len = k < sizeof(sym) ? k : sizeof(sym) - 1;

		memcpy(sym, t + i, len);
		sym[len] = '\0';
		featurize_symbol(st, sym);
		return k;
	}
	if (uc_is_general_category(c, UC_CATEGORY_Po) ||
	    uc_is_general_category(c, UC_CATEGORY_Pd) || c == 0x2028 ||
	    c == 0x2029)
		featurize_clause_end(st);
	else
		featurize_word_end(st);
	return k;
}

/* Normalises a chunk into buf (FEATURIZE_NORM_BUF bytes) and returns the
 * length.  Runs of ASCII between spaces, most of any reply, are only
 * lower-cased, which is what case folding and NFKD make of ASCII; runs
 * with other characters go through libunistring, a space being a starter
 * that no normalisation reaches across.  Returns -1 if libunistring
 * failed. */
static ptrdiff_t featurize_normalise(const uint8_t *s, size_t len, uint8_t *buf)
{
	size_t out = 0;

	for (size_t i = 0; i < len;) {
		size_t j = i;
		bool ascii = true;

		while (j < len && s[j] != ' ') {
			ascii = ascii && s[j] < 0x80;
			j++;
		}
		if (j < len)
			j++;
		if (ascii) {
			for (; i < j; i++)
				buf[out++] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i];
		} else {
			size_t n = FEATURIZE_NORM_BUF - out;
			uint8_t *t = u8_casefold(s + i, j - i, NULL, UNINORM_NFKD,
						 buf + out, &n);

			if (t != buf + out) {
				free(t);
				return -1;
			}
			out += n;
			i = j;
		}
	}
	return (ptrdiff_t)out;
}

static int featurize_chunk(struct featurize_state *st, const uint8_t *s,
			   size_t len)
{
	uint8_t buf[FEATURIZE_NORM_BUF];
	ptrdiff_t n = featurize_normalise(s, len, buf);

	if (n < 0)
		return -1;
	for (size_t i = 0; i < (size_t)n;)
		i += featurize_step(st, buf, (size_t)n, i);
	return 0;
}

/* Length of the next chunk of s: the rest if it is short, else cut after
 * white space near FEATURIZE_CHUNK, else at a character boundary. */
static size_t featurize_chunk_len(const uint8_t *s, size_t len)
{
	size_t cut = FEATURIZE_CHUNK;

	if (len <= FEATURIZE_CHUNK)
		return len;
	for (size_t i = cut; i > cut - FEATURIZE_CUT_WINDOW; i--)
		if (s[i - 1] == ' ' || s[i - 1] == '\n')
			return i;
	while (cut > 0 && (s[cut] & 0xC0) == 0x80)
		cut--;
	return cut;
}

int featurize_extract_parts(const char *s, const struct featurize_part *parts,
			    size_t n_parts, unsigned opts, featurize_fn *fn, void *arg)
{
	struct featurize_state st = {.fn = fn, .arg = arg, .prev = "<start>",
				       .prev_len = 7, .opts = opts};

	for (size_t k = 0; k < n_parts; k++) {
		const uint8_t *p = (const uint8_t *)s + parts[k].off;
		size_t len = parts[k].len;

		if (k > 0) {
			featurize_clause_end(&st);
			featurize_sentence_end(&st);
		}
		while (len > 0) {
			size_t n = featurize_chunk_len(p, len);

			if (featurize_chunk(&st, p, n) < 0)
				return -1;
			p += n;
			len -= n;
		}
	}
	featurize_word_end(&st);
	return 0;
}

int featurize_extract(const char *s, size_t len, featurize_fn *fn, void *arg)
{
	struct featurize_part all = {0, len};

	return featurize_extract_parts(s, &all, 1, FEATURIZE_OPT_ALL, fn, arg);
}
