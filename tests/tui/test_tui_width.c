/* class 8: the composer's column arithmetic (tui_text_span_width on the raw
 * text) and the sanitiser (im_text_width of im_text_sanitize) are one
 * table: for every character that shows as a mark, or stays in an emoji
 * sequence, both give the same width. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "inmail/text.h"
#include "tui_text.h"

static void same_width(const char *what, const char *raw)
{
	size_t len = strlen(raw);
	char *shown = im_text_sanitize(raw, len, 0);
	assert_non_null(shown);
	size_t want = im_text_width(shown);
	int got = tui_text_span_width(raw, len);
	if (got < 0 || (size_t)got != want) {
		print_error("%s: composer %d columns, sanitiser %zu (\"%s\")\n",
			    what, got, want, shown);
		free(shown);
		fail();
	}
	free(shown);
}

/* class 8 */
static void composer_width_equals_sanitiser_width(void **state)
{
	(void)state;
	tui_text_set_utf8(true);
	static const struct {
		const char *what, *raw;
	} cases[] = {
		{"U+2028", "\xE2\x80\xA8"},
		{"U+2029", "\xE2\x80\xA9"},
		{"U+00AD", "\xC2\xAD"},
		{"U+2061", "\xE2\x81\xA1"},
		{"U+2062", "\xE2\x81\xA2"},
		{"U+2063", "\xE2\x81\xA3"},
		{"U+2064", "\xE2\x81\xA4"},
		{"U+206A", "\xE2\x81\xAA"},
		{"U+206B", "\xE2\x81\xAB"},
		{"U+206C", "\xE2\x81\xAC"},
		{"U+206D", "\xE2\x81\xAD"},
		{"U+206E", "\xE2\x81\xAE"},
		{"U+206F", "\xE2\x81\xAF"},
		{"x U+FE0F", "x\xEF\xB8\x8F"},
		{"U+FE0F", "\xEF\xB8\x8F"},
		{"U+E0041", "\xF3\xA0\x81\x81"},
		{"U+E0001", "\xF3\xA0\x80\x81"},
		{"U+2800", "\xE2\xA0\x80"},
		{"U+3164", "\xE3\x85\xA4"},
		{"U+FFA0", "\xEF\xBE\xA0"},
		{"U+180E", "\xE1\xA0\x8E"},
		{"U+034F", "a\xCD\x8F"},
		{"U+200B", "\xE2\x80\x8B"},
		{"U+202E", "\xE2\x80\xAE"},
		{"U+FEFF", "\xEF\xBB\xBF"},
		{"U+1D173", "\xF0\x9D\x85\xB3"},
		{"heart", "\xE2\x9D\xA4\xEF\xB8\x8F"},
		{"coder", "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"},
		{"flag", "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA"},
		{"thumb", "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"},
		{"text", "Rita\xE2\x81\xA3 a\xC2\xAD" "b"},
	};
	int bad = 0;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t len = strlen(cases[i].raw);
		char *shown = im_text_sanitize(cases[i].raw, len, 0);
		assert_non_null(shown);
		size_t want = im_text_width(shown);
		int got = tui_text_span_width(cases[i].raw, len);
		if (got < 0 || (size_t)got != want) {
			print_error("%s: composer %d columns, sanitiser %zu (\"%s\")\n",
				    cases[i].what, got, want, shown);
			bad++;
		}
		free(shown);
	}
	assert_int_equal(bad, 0);
	same_width("all", "a\xE2\x80\xA8" "b\xC2\xAD" "c");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(composer_width_equals_sanitiser_width),
	};
	return cmocka_run_group_tests_name("tui_width", tests, NULL, NULL);
}
