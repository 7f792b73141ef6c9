/* SPEC 9: search, every word form and term at its edges, keyset pages,
 * an account finding only its own threads, and the parser's one-line
 * errors saying where.  The same checks on both stores (INMAIL_TEST_PG:
 * PostgreSQL's full-text search finds what SQLite's FTS5 finds), but for
 * pages_across_stretches, which reads SQLite's index itself. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "inmail/gen.h"

static bool on_pg(void)
{
	const char *v = getenv("INMAIL_TEST_PG");
	return v && strcmp(v, "1") == 0;
}

static int64_t send_as_rita(struct fx *f, const char *cand,
			    const char *subject, const char *body)
{
	const char *to[] = {cand};
	struct im_send_request req = {.to = to, .n_to = 1, .subject = subject,
				      .body = body};
	int64_t id = 0;
	fx_as(f, "rita");
	assert_int_equal(im_send(f->m, &req, &id), IM_OK);
	return id;
}

/* How many threads query finds (up to 50), the first id in *first. */
static size_t found(struct fx *f, const char *query, int64_t *first)
{
	struct im_page p;
	enum im_status st = im_search(f->m, query, 0, 50, &p);
	if (st != IM_OK)
		fail_msg("'%s': %s", query, im_model_error(f->m));
	size_t n = p.n;
	if (first)
		*first = n ? p.items[0].id : 0;
	im_page_clear(&p);
	return n;
}

static void refused(struct fx *f, const char *query, const char *line)
{
	struct im_page p;
	assert_int_equal(im_search(f->m, query, 0, 50, &p), IM_ERR_USAGE);
	assert_string_equal(im_model_error(f->m), line);
	assert_int_equal(p.n, 0);
	im_page_clear(&p);
}

static void words(void **state)
{
	struct fx *f = *state;
	int64_t a = send_as_rita(f, "jose", "Platform engineering lead",
				 "We need a senior engineer; visa sponsored.");
	fx_at(f, T0 + 60);
	int64_t b = send_as_rita(f, "ana", "Hello", "Quick question about Rust");
	int64_t first = 0;
	assert_int_equal(found(f, "visa", &first), 1);
	assert_int_equal(first, a);
	assert_int_equal(found(f, "VISA", NULL), 1);      /* any case */
	assert_int_equal(found(f, "platform", NULL), 1);  /* the subject */
	assert_int_equal(found(f, "lima", &first), 1);    /* a name */
	assert_int_equal(first, b);
	assert_int_equal(found(f, "rita", NULL), 2);      /* my own name */
	assert_int_equal(found(f, "engin*", &first), 1);  /* a prefix */
	assert_int_equal(found(f, "\"senior engineer\"", NULL), 1);
	assert_int_equal(found(f, "visa rust", NULL), 0); /* all must match */
	assert_int_equal(found(f, "visa platform", NULL), 1); /* body + subject */
	assert_int_equal(found(f, "kotlin", NULL), 0);
	assert_int_equal(found(f, "muller", NULL), 1); /* accents folded */
	assert_int_equal(found(f, "VÍSA", NULL), 1);
	assert_int_equal(found(f, "engin", NULL), 0); /* a word, not a prefix */
	assert_int_equal(found(f, "\"engineer senior\"", NULL), 0);
	assert_int_equal(found(f, "\"sen*\"", NULL), 0);
	assert_int_equal(found(f, "\"senior engi\"*", NULL), 1);
	assert_int_equal(found(f, "Müller", NULL), 1);
	/* A reply's words are found, and the candidate finds them too. */
	fx_at(f, T0 + 120);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_NONE,
				  "Sounds great, I am interested in Zürich", NULL),
			 IM_OK);
	assert_int_equal(found(f, "Zürich", NULL), 1);
	assert_int_equal(found(f, "rust", NULL), 0); /* ana's thread, not his */
	fx_as(f, "rita");
	assert_int_equal(found(f, "zürich", &first), 1);
	assert_int_equal(first, a);
}

/* Where PostgreSQL's first search (words as case-folded substrings in
 * the client) differed from SQLite's FTS5: accents folded in a name, a
 * word never found inside a longer one, a prefix, phrases within and
 * across the names but not from the subject into them, and a word full of
 * tsquery operators searched as its text. */
static void words_as_fts5(void **state)
{
	struct fx *f = *state;
	int64_t a = send_as_rita(f, "jose", "Platform engineering lead",
				 "We need a senior engineer; visa sponsored.");
	fx_at(f, T0 + 60);
	send_as_rita(f, "ana", "Hello", "Quick question about Rust");
	int64_t first = 0;
	assert_int_equal(found(f, "jose", &first), 1);   /* José */
	assert_int_equal(first, a);
	assert_int_equal(found(f, "JOSÉ", NULL), 1);
	assert_int_equal(found(f, "latform", NULL), 0);  /* inside Platform */
	assert_int_equal(found(f, "engine", NULL), 0);   /* a word, whole */
	assert_int_equal(found(f, "plat*", &first), 1);
	assert_int_equal(first, a);
	assert_int_equal(found(f, "mul*", NULL), 1);     /* Müller, folded */
	assert_int_equal(found(f, "ques* rus*", NULL), 1);
	assert_int_equal(found(f, "\"jose muller\"", &first), 1);
	assert_int_equal(first, a);
	assert_int_equal(found(f, "\"muller jose\"", NULL), 0);
	assert_int_equal(found(f, "\"recruiter jose\"", NULL), 1); /* the names, one text */
	assert_int_equal(found(f, "\"recruiter ana\"", NULL), 1);
	assert_int_equal(found(f, "\"lead rita\"", NULL), 0); /* subject, then names */
	assert_int_equal(found(f, "\"sponsored rita\"", NULL), 0);
	/* tsquery's operators are text: the phrase of the words around them */
	assert_int_equal(found(f, "senior&engineer", &first), 1);
	assert_int_equal(first, a);
	assert_int_equal(found(f, "senior|kotlin", NULL), 0);
	assert_int_equal(found(f, "!kotlin", NULL), 0);
	assert_int_equal(found(f, "a&b|!c:*", NULL), 0);
	assert_int_equal(found(f, "visa'", NULL), 1);
	assert_int_equal(found(f, "'visa\\", NULL), 1);
	assert_int_equal(found(f, "(visa)<->:*", NULL), 1);
	/* as a message's word too, and the candidate's side */
	fx_at(f, T0 + 120);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_NONE,
				  "Mail me: jose.m@example.com (C++ & Rust)", NULL),
			 IM_OK);
	assert_int_equal(found(f, "example", NULL), 1);
	assert_int_equal(found(f, "\"example com\"", NULL), 1);
	assert_int_equal(found(f, "c", NULL), 1);
	assert_int_equal(found(f, "xample", NULL), 0);
	assert_int_equal(found(f, "rita", NULL), 1);    /* his own thread's names */
	assert_int_equal(found(f, "quick", NULL), 0);   /* ana's thread */
}

static void own_threads_only(void **state)
{
	struct fx *f = *state;
	send_as_rita(f, "jose", "Secret role", "confidential");
	fx_as(f, "carl");
	assert_int_equal(found(f, "confidential", NULL), 0);
	assert_int_equal(found(f, "with:jose", NULL), 0);
	fx_as(f, "ana");
	assert_int_equal(found(f, "confidential", NULL), 0);
	assert_int_equal(found(f, "secret", NULL), 0);
	fx_as(f, "jose");
	assert_int_equal(found(f, "confidential", NULL), 1);
}

static void terms(void **state)
{
	struct fx *f = *state;
	int64_t a = send_as_rita(f, "jose", "One", "first");
	int64_t b = send_as_rita(f, "ana", "Two", "second");
	int64_t c = send_as_rita(f, "li", "Three", "third");
	int64_t first = 0;
	fx_at(f, T0 + 10);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	fx_as(f, "ana");
	assert_int_equal(im_reply(f->m, b, IM_SMART_NO, NULL, NULL), IM_OK);
	fx_as(f, "rita");
	/* from: a message's sender; with: the other party. */
	assert_int_equal(found(f, "from:jose", &first), 1);
	assert_int_equal(first, a);
	assert_int_equal(found(f, "from:rita", NULL), 3);
	assert_int_equal(found(f, "from:JOSE", NULL), 1); /* handles: any case */
	assert_int_equal(found(f, "from:li", NULL), 0);
	assert_int_equal(found(f, "from:nobody", NULL), 0);
	assert_int_equal(found(f, "with:li", &first), 1);
	assert_int_equal(first, c);
	assert_int_equal(found(f, "with:rita", NULL), 0);
	assert_int_equal(found(f, "with:jose with:ana", NULL), 0);
	/* state: */
	assert_int_equal(found(f, "state:pending", &first), 1);
	assert_int_equal(first, c);
	assert_int_equal(found(f, "state:accepted", &first), 1);
	assert_int_equal(first, a);
	assert_int_equal(found(f, "state:declined", &first), 1);
	assert_int_equal(first, b);
	assert_int_equal(found(f, "state:declined state:accepted", NULL), 0);
	/* is:blocked: the bare "No thanks". */
	assert_int_equal(found(f, "is:blocked", &first), 1);
	assert_int_equal(first, b);
	/* is:unread, until the look. */
	assert_int_equal(found(f, "is:unread", NULL), 2);
	struct im_thread *t = NULL;
	assert_int_equal(im_thread_get(f->m, a, true, &t), IM_OK);
	im_thread_free(&t);
	assert_int_equal(found(f, "is:unread", &first), 1);
	assert_int_equal(first, b);
	/* is:archived on the acting side only. */
	assert_int_equal(found(f, "is:archived", NULL), 0);
	assert_int_equal(im_archive(f->m, c, true), IM_OK);
	assert_int_equal(found(f, "is:archived", &first), 1);
	assert_int_equal(first, c);
	assert_int_equal(found(f, "three", NULL), 1); /* archived is searched */
	fx_as(f, "li");
	assert_int_equal(found(f, "is:archived", NULL), 0);
	assert_int_equal(found(f, "is:unread", NULL), 1);
	assert_int_equal(found(f, "with:rita state:pending", NULL), 1);
	fx_as(f, "rita");
	assert_int_equal(found(f, "from:jose state:accepted one", NULL), 1);
	assert_int_equal(found(f, "from:jose state:accepted two", NULL), 0);
}

static void dates_inclusive(void **state)
{
	struct fx *f = *state;
	/* 2026-01-01T23:59:59Z and 2026-01-02T00:00:00Z */
	fx_at(f, T0 + IM_DAY - 1);
	int64_t a = send_as_rita(f, "jose", "Late", "late");
	fx_at(f, T0 + IM_DAY);
	int64_t b = send_as_rita(f, "ana", "Early", "early");
	int64_t first = 0;
	assert_int_equal(found(f, "before:2026-01-01", &first), 1);
	assert_int_equal(first, a);
	assert_int_equal(found(f, "after:2026-01-01", NULL), 2);
	assert_int_equal(found(f, "after:2026-01-02", &first), 1);
	assert_int_equal(first, b);
	assert_int_equal(found(f, "before:2026-01-02", NULL), 2);
	assert_int_equal(found(f, "after:2026-01-02 before:2026-01-02", &first), 1);
	assert_int_equal(first, b);
	assert_int_equal(found(f, "after:2026-01-01T23:59:59Z", NULL), 2);
	assert_int_equal(found(f, "after:2026-01-02T00:00:01Z", NULL), 0);
	assert_int_equal(found(f, "before:2026-01-01T23:59:58Z", NULL), 0);
	assert_int_equal(found(f, "after:2026-01-03", NULL), 0);
	assert_int_equal(found(f, "before:2025-12-31", NULL), 0);
	assert_int_equal(found(f, "after:2026-01-02 before:2026-01-01", NULL), 0);
	/* A later message brings an older thread into a later day. */
	fx_at(f, T0 + 3 * IM_DAY);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	fx_as(f, "rita");
	assert_int_equal(found(f, "after:2026-01-04", &first), 1);
	assert_int_equal(first, a);
	assert_int_equal(found(f, "from:rita after:2026-01-04", NULL), 0);
	assert_int_equal(found(f, "from:jose after:2026-01-04 late", NULL), 1);
}

/* The first day is a date (attack2 L3): only its first instant is
 * outside inmail's range. */
static void dates_at_the_epoch(void **state)
{
	struct fx *f = *state;
	int64_t a = send_as_rita(f, "jose", "Role", "hello");
	int64_t first = 0;
	assert_int_equal(found(f, "after:1970-01-01", &first), 1);
	assert_int_equal(first, a);
	assert_int_equal(found(f, "before:1970-01-01", NULL), 0);
	assert_int_equal(found(f, "after:1970-01-01 before:2026-01-01", NULL), 1);
	refused(f, "after:1970-01-01T00:00:00Z", "search: "
		"'after:1970-01-01T00:00:00Z' is not a date (YYYY-MM-DD) at "
		"column 1");
	refused(f, "after:1969-12-31", "search: 'after:1969-12-31' is not a "
		"date (YYYY-MM-DD) at column 1");
	refused(f, "after:1970-01-00", "search: 'after:1970-01-00' is not a "
		"date (YYYY-MM-DD) at column 1");
}

/* A query is UTF-8 without control characters (attack2 L4): one line
 * naming the column, as the parser's other refusals. */
static void bytes_refused(void **state)
{
	struct fx *f = *state;
	send_as_rita(f, "jose", "Role", "hello");
	fx_as(f, "rita");
	refused(f, "\xff", "search: a byte that is not UTF-8 (0xFF) at column 1");
	refused(f, "hello \xc3(", "search: a byte that is not UTF-8 (0xC3) at "
		"column 7");
	refused(f, "a\x01" "b", "search: a control character (U+0001) at "
		"column 2");
	refused(f, "é\x7f", "search: a control character (U+007F) at column 2");
	refused(f, "ab\xc2\x85", "search: a control character (U+0085) at "
		"column 3");
	refused(f, "\xed\xa0\x80", "search: a byte that is not UTF-8 (0xED) at "
		"column 1");
	refused(f, "\xc0\xaf", "search: a byte that is not UTF-8 (0xC0) at "
		"column 1");
	/* White space between words stays white space. */
	assert_int_equal(found(f, "hello\trole", NULL), 1);
	assert_int_equal(found(f, "hello\r\nrole", NULL), 1);
}

static void keyset_pages(void **state)
{
	struct fx *f = *state;
	int64_t ids[5];
	const char *cands[] = {"jose", "ana", "li", "jose", "ana"};
	for (int i = 0; i < 5; i++) {
		fx_at(f, T0 + 100 * i);
		/* The same candidate twice needs the first InMail answered
		 * once the pending rule is in: a different subject is enough
		 * here, the rule is not this test's. */
		ids[i] = send_as_rita(f, cands[i], "Role", "opening");
		if (i < 3) {
			fx_as(f, cands[i]);
			assert_int_equal(im_reply(f->m, ids[i], IM_SMART_YES,
						  NULL, NULL), IM_OK);
		}
	}
	fx_as(f, "rita");
	struct im_page p;
	assert_int_equal(im_search(f->m, "opening", 0, 2, &p), IM_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.items[0].id, ids[4]); /* newest first */
	assert_int_equal(p.items[1].id, ids[3]);
	int64_t last = p.items[1].id;
	im_page_clear(&p);
	assert_int_equal(im_search(f->m, "opening", last, 2, &p), IM_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.items[0].id, ids[2]);
	assert_int_equal(p.items[1].id, ids[1]);
	last = p.items[1].id;
	im_page_clear(&p);
	assert_int_equal(im_search(f->m, "opening", last, 2, &p), IM_OK);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.items[0].id, ids[0]);
	im_page_clear(&p);
	assert_int_equal(im_search(f->m, "opening", ids[0], 2, &p), IM_OK);
	assert_int_equal(p.n, 0);
	im_page_clear(&p);
}

static void parser_errors(void **state)
{
	struct fx *f = *state;
	fx_as(f, "rita");
	refused(f, "", "search: the query is empty");
	refused(f, "   ", "search: the query is empty");
	refused(f, "visa foo:bar", "search: unknown term 'foo:' (from:, with:, "
		"state:, is:, after:, before:) at column 6");
	refused(f, "visa \"open", "search: the quote is not closed at column 6");
	refused(f, "\"  \"", "search: the quoted phrase has no words at column 1");
	refused(f, "\"a b\"c", "search: 'c' right after a quoted phrase at column 6");
	refused(f, "ab\"c\"", "search: a quote inside a word at column 3");
	refused(f, "en*gin", "search: '*' is only for the end of a word at column 3");
	refused(f, "*", "search: '*' has no letters or digits at column 1");
	refused(f, "visa ++", "search: '++' has no letters or digits at column 6");
	refused(f, "from:", "search: 'from:' needs a value at column 1");
	refused(f, "state:open", "search: 'state:open' is not pending, accepted "
		"or declined at column 1");
	refused(f, "is:read", "search: 'is:read' is not unread, blocked or "
		"archived at column 1");
	refused(f, "after:2026-02-30", "search: 'after:2026-02-30' is not a date "
		"(YYYY-MM-DD) at column 1");
	refused(f, "before:yesterday", "search: 'before:yesterday' is not a "
		"date (YYYY-MM-DD) at column 1");
	/* Columns count characters, not bytes. */
	refused(f, "é ü is:x", "search: 'is:x' is not unread, blocked or "
		"archived at column 5");
	char many[200] = "";
	for (int i = 0; i < 17; i++)
		strcat(many, "w ");
	refused(f, many, "search: more than 16 words at column 33");
	char *big = malloc(1100);
	memset(big, 'a', 1099);
	big[1099] = '\0';
	refused(f, big, "search: the query is longer than 1000 bytes at column 1001");
	free(big);
	/* A term name is lowercase letters before ':'; the rest are words. */
	assert_int_equal(found(f, "From:x", NULL), 0);
	assert_int_equal(found(f, "10:30", NULL), 0);
}

/* The ids query finds, limit at a time, each page after the last one;
 * malloc'd, *n of them. */
static int64_t *all_pages(struct fx *f, const char *query, size_t limit,
			  size_t *n)
{
	size_t cap = 64;
	int64_t *ids = malloc(cap * sizeof *ids), after = 0;
	*n = 0;
	for (;;) {
		struct im_page p;
		if (im_search(f->m, query, after, limit, &p) != IM_OK)
			fail_msg("'%s': %s", query, im_model_error(f->m));
		size_t got = p.n;
		for (size_t i = 0; i < got; i++) {
			if (*n == cap)
				ids = realloc(ids, (cap *= 2) * sizeof *ids);
			ids[(*n)++] = p.items[i].id;
			after = p.items[i].id;
		}
		im_page_clear(&p);
		if (got < limit)
			return ids;
	}
}

/* Threads of account (a recruiter) holding the FTS5 query word in a
 * message, a subject or a name: the index asked directly. */
static int64_t index_count(sqlite3 *db, const char *handle, const char *word)
{
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM thread t WHERE t.recruiter = (SELECT id"
		 " FROM account WHERE handle = '%s') AND (t.id IN (SELECT"
		 " m.thread FROM message_fts f JOIN message m ON m.id = f.rowid"
		 " WHERE message_fts MATCH '%s') OR t.id IN (SELECT rowid FROM"
		 " thread_fts WHERE thread_fts MATCH '%s'))", handle, word, word);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A page is found a stretch of threads at a time, each stretch asking the
 * index once per word when its threads own most messages in their ids,
 * else per message: whatever the page size, the pages put together are
 * the one long page, newest first, and a word finds what the index
 * holds. */
static void pages_across_stretches(void **state)
{
	struct fx *f = *state;
	if (on_pg())
		skip(); /* gen's data set and the FTS5 index are SQLite's */
	/* Enough messages that common words are not looked up whole (over
	 * 2,000 rows of the index) and pages span stretches. */
	struct im_gen_params p = {.recruiters = 2, .candidates = 100,
				  .threads = 4000, .messages = 20000, .seed = 16};
	fx_at(f, T0 + 800 * IM_DAY);
	assert_int_equal(im_gen(f->m, &p), IM_OK);
	static const char *const who[] = {"rec00001", "rec00002", "cand000003"};
	static const char *const queries[] = {
		"team", "the", "remote", "team remote", "the team role",
		"\"the team\"", "engin*", "team is:unread", "team state:accepted",
		"role is:archived", "with:cand000001 team", "with:cand000002",
		"from:cand000005 the", "with:rec00001 remote",
		"before:2027-06-01 team", "after:2027-09-01 the", "tell team*",
	};
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	for (size_t w = 0; w < sizeof who / sizeof *who; w++) {
		fx_as(f, who[w]);
		for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
			size_t n_all = 0;
			int64_t *one = all_pages(f, queries[i], 5000, &n_all);
			for (size_t k = 1; k < n_all; k++)
				assert_true(one[k] < one[k - 1]);
			static const size_t limits[] = {9, 50};
			for (size_t l = 0; l < 2; l++) {
				size_t n = 0;
				int64_t *paged = all_pages(f, queries[i], limits[l], &n);
				if (n != n_all)
					fail_msg("%s '%s' by %zu: %zu threads, one page %zu",
						 who[w], queries[i], limits[l], n, n_all);
				assert_memory_equal(paged, one, n * sizeof *one);
				free(paged);
			}
			if (w < 2 && i < 3)
				assert_int_equal((int64_t)n_all,
						 index_count(db, who[w], queries[i]));
			if (w < 2 && i < 3)
				assert_true(n_all > 100); /* common: many stretches */
			free(one);
		}
	}
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(words, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(words_as_fts5, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(own_threads_only, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(terms, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(dates_inclusive, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(keyset_pages, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(parser_errors, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(dates_at_the_epoch, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(bytes_refused, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(pages_across_stretches, fx_setup,
						fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
