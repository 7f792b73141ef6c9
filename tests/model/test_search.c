/* SPEC 9: search, every word form and term at its edges, keyset pages,
 * an account finding only its own threads, and the parser's one-line
 * errors saying where.  The same checks on both stores (INMAIL_TEST_PG:
 * PostgreSQL's full-text search finds what SQLite's FTS5 finds). */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
