/* SPEC 1: handles, names, subjects and bodies; refused data changes
 * nothing. */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

static char *repeat(const char *unit, size_t n)
{
	size_t len = strlen(unit);
	char *s = malloc(len * n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * len, unit, len);
	s[len * n] = '\0';
	return s;
}

static void handles(void **state)
{
	struct fx *f = *state;
	char *h32 = repeat("a", 32), *h33 = repeat("a", 33);
	assert_int_equal(im_account_add(f->m, h32, "X", IM_ROLE_CANDIDATE, 0), IM_OK);
	assert_int_equal(im_account_add(f->m, h33, "X", IM_ROLE_CANDIDATE, 0),
			 IM_ERR_INVALID);
	assert_int_equal(im_account_add(f->m, "a.b_c-9", "X", IM_ROLE_CANDIDATE, 0),
			 IM_OK);
	assert_int_equal(im_account_add(f->m, "Rita", "X", IM_ROLE_CANDIDATE, 0),
			 IM_ERR_INVALID);
	assert_int_equal(im_account_add(f->m, "", "X", IM_ROLE_CANDIDATE, 0),
			 IM_ERR_INVALID);
	assert_int_equal(im_account_add(f->m, "a b", "X", IM_ROLE_CANDIDATE, 0),
			 IM_ERR_INVALID);
	assert_int_equal(im_account_add(f->m, "rita", "Other", IM_ROLE_RECRUITER, 0),
			 IM_ERR_INVALID); /* taken */
	free(h32);
	free(h33);
	struct im_account *list = NULL;
	size_t n = 0;
	assert_int_equal(im_account_list(f->m, -1, &list, &n), IM_OK);
	assert_int_equal(n, 7);
	im_accounts_free(&list, n);
}

static void names(void **state)
{
	struct fx *f = *state;
	char *n100 = repeat("é", 100), *n101 = repeat("é", 101);
	assert_int_equal(im_account_add(f->m, "x1", n100, IM_ROLE_CANDIDATE, 0), IM_OK);
	assert_int_equal(im_account_add(f->m, "x2", n101, IM_ROLE_CANDIDATE, 0),
			 IM_ERR_INVALID);
	assert_int_equal(im_account_add(f->m, "x3", "  ", IM_ROLE_CANDIDATE, 0),
			 IM_ERR_INVALID);
	assert_int_equal(im_account_add(f->m, "x4", "Evil\x1b[31m", IM_ROLE_CANDIDATE, 0),
			 IM_ERR_INVALID);
	assert_int_equal(im_account_add(f->m, "x5", "Bad \xff", IM_ROLE_CANDIDATE, 0),
			 IM_ERR_INVALID);
	assert_int_equal(im_account_add(f->m, "x6", "Cand", IM_ROLE_CANDIDATE, 3),
			 IM_ERR_USAGE);
	free(n100);
	free(n101);
}

static void send_expecting_to(struct fx *f, const char *cand,
			      const char *subject, const char *body,
			      enum im_status expect)
{
	const char *to[] = {cand};
	struct im_send_request req = {.to = to, .n_to = 1, .subject = subject,
				      .body = body};
	fx_as(f, "rita");
	assert_int_equal(im_send(f->m, &req, NULL), expect);
}

static void send_expecting(struct fx *f, const char *subject, const char *body,
			   enum im_status expect)
{
	send_expecting_to(f, "jose", subject, body, expect);
}

static void bodies_and_subjects(void **state)
{
	struct fx *f = *state;
	char *b1900 = repeat("ü", 1900), *b1901 = repeat("ü", 1901);
	char *s200 = repeat("s", 200), *s201 = repeat("s", 201);
	send_expecting(f, "Role", b1900, IM_OK);
	/* Another candidate: jose's InMail is pending (SPEC 9). */
	send_expecting_to(f, "ana", s200, "Hi", IM_OK);
	int64_t before = fx_credits(f, "rita");
	send_expecting(f, "Role", b1901, IM_ERR_INVALID);
	send_expecting(f, s201, "Hi", IM_ERR_INVALID);
	send_expecting(f, "Role", "", IM_ERR_INVALID);
	send_expecting(f, "Role", " \n\t ", IM_ERR_INVALID);
	send_expecting(f, "", "Hi", IM_ERR_INVALID);
	send_expecting(f, "Two\nlines", "Hi", IM_ERR_INVALID);
	send_expecting(f, "Role", "Hi \x1b]0;owned\x07", IM_ERR_INVALID);
	send_expecting(f, "Role", "Hi \x7f", IM_ERR_INVALID);
	send_expecting(f, "Role", "Hi \xc2\x9b", IM_ERR_INVALID); /* C1 CSI */
	send_expecting(f, "Role", "Bad \xc3\x28", IM_ERR_INVALID);
	send_expecting(f, "Role", "Lone \r here", IM_ERR_INVALID);
	assert_int_equal(fx_credits(f, "rita"), before);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 2);
	free(b1900);
	free(b1901);
	free(s200);
	free(s201);
}

static void newlines_tabs_and_crlf(void **state)
{
	struct fx *f = *state;
	send_expecting(f, "Role", "Line one\r\nLine\ttwo\n\u202Eevil", IM_OK);
	struct im_page p;
	assert_int_equal(im_thread_list(f->m, IM_FOLDER_SENT, NULL, IM_PAGE_FIRST,
					NULL, 1, &p), IM_OK);
	struct im_thread *t = fx_thread(f, p.items[0].id);
	im_page_clear(&p);
	/* \r\n kept as \n; other Unicode accepted as it is. */
	assert_string_equal(t->messages[0].body,
			    "Line one\nLine\ttwo\n\u202Eevil");
	im_thread_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(handles, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(names, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(bodies_and_subjects, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(newlines_tabs_and_crlf, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("validation", tests, NULL, NULL);
}
