/* Template variables (SPEC 9): every refusal of the renderer, and the
 * first name of a one-word name. */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

static const struct im_render_var vars[] = {
	{"first_name", "José"}, {"name", "José Müller"},
	{"job", "Platform lead"}, {"city", ""}, {"team", NULL},
};
#define NVARS (sizeof vars / sizeof *vars)

static enum im_render_problem render(const char *text, char **out,
				     char *word)
{
	return im_render(text, vars, NVARS, out, word, 32);
}

static void null_and_empty(void **state)
{
	(void)state;
	char *out = (char *)1, word[32];
	assert_int_equal(render(NULL, &out, word), IM_RENDER_OK);
	assert_null(out);
	assert_int_equal(render("", &out, word), IM_RENDER_OK);
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(im_render("plain {{ and }", NULL, 0, &out, NULL, 0),
			 IM_RENDER_OK);
	assert_string_equal(out, "plain { and }");
	free(out);
}

static void variables_replaced(void **state)
{
	(void)state;
	char *out = NULL, word[32];
	assert_int_equal(render("Hi {first_name}, {job} ({name}); {{job}",
				&out, word), IM_RENDER_OK);
	assert_string_equal(out, "Hi José, Platform lead (José Müller); {job}");
	assert_string_equal(word, "");
	free(out);
}

static void refusals_name_the_variable(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum im_render_problem p;
		const char *word;
	} cases[] = {
		{"Hi {salary}", IM_RENDER_UNKNOWN, "salary"},
		{"In {city}", IM_RENDER_NO_VALUE, "city"},
		{"With {team}", IM_RENDER_NO_VALUE, "team"},
		{"A { brace", IM_RENDER_BAD_BRACE, ""},
		{"Open {job", IM_RENDER_BAD_BRACE, ""},
		{"Empty {}", IM_RENDER_BAD_BRACE, ""},
		{"Dash {first-name}", IM_RENDER_BAD_BRACE, ""},
		{"End {", IM_RENDER_BAD_BRACE, ""},
		{"Case {Job}", IM_RENDER_UNKNOWN, "Job"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *out = (char *)1, word[32] = "x";
		enum im_render_problem p = render(cases[i].text, &out, word);
		if (p != cases[i].p || out != NULL ||
		    (cases[i].word[0] && strcmp(word, cases[i].word) != 0))
			fail_msg("%s: problem %d word '%s'", cases[i].text, p,
				 word);
		assert_string_not_equal(im_render_problem_string(p), "?");
	}
}

static void first_names(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"José Müller", "José"}, {"李小龙", "李小龙"},
		{"  Ana   Lima ", "Ana"}, {"", ""}, {"Cher", "Cher"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *f = im_first_name(cases[i][0]);
		assert_string_equal(f, cases[i][1]);
		free(f);
	}
	char *f = im_first_name(NULL);
	assert_string_equal(f, "");
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(null_and_empty),
		cmocka_unit_test(variables_replaced),
		cmocka_unit_test(refusals_name_the_variable),
		cmocka_unit_test(first_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
