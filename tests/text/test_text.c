/* The sanitiser, checks and display widths (SPEC 1 and 6). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/text.h"

static void san(const char *in, int flags, const char *expect)
{
	char *out = im_text_sanitize(in, strlen(in), flags);
	assert_non_null(out);
	assert_string_equal(out, expect);
	free(out);
}

static void controls_become_visible(void **state)
{
	(void)state;
	san("", 0, "");
	san("plain José 李小龙", 0, "plain José 李小龙");
	san("\x1b[2J", 0, "^[[2J");
	san("evil\b\b\b\bgood", 0, "evil^H^H^H^Hgood");
	san("over\rwrite", 0, "over^Mwrite");
	san("a\nb\tc", 0, "a^Jb^Ic");
	san("a\nb\tc", IM_SAN_KEEP_NEWLINE | IM_SAN_KEEP_TAB, "a\nb\tc");
	san("del\x7f", 0, "del^?");
	san("c1\xc2\x9b" "31m", 0, "c1<U+009B>31m");
	san("\xe2\x80\xae" "txt.exe", 0, "<U+202E>txt.exe");
	san("\xe2\x81\xa6iso", 0, "<U+2066>iso");
	san("zero\xe2\x80\x8bwidth", 0, "zero<U+200B>width");
	san("bad\xff\xfe", 0, "bad<0xFF><0xFE>");
	san("osc\x1b]8;;http://x\x07", 0, "osc^[]8;;http://x^G");
}

static void no_escape_byte_ever_survives(void **state)
{
	(void)state;
	/* Every single byte, alone and after a lead byte. */
	for (int b = 0; b < 256; b++) {
		char in[3] = {(char)b, (char)0xc2, 0};
		char *out = im_text_sanitize(in, 2, IM_SAN_KEEP_NEWLINE);
		assert_non_null(out);
		for (const unsigned char *p = (const unsigned char *)out; *p; p++)
			assert_true(*p >= 0x20 || *p == '\n');
		assert_null(strstr(out, "\xc2\x9b"));
		free(out);
	}
}

static void checks(void **state)
{
	(void)state;
	assert_int_equal(im_text_check("ok", 2, 10, false), IM_TEXT_OK);
	assert_int_equal(im_text_check("", 0, 10, false), IM_TEXT_EMPTY);
	assert_int_equal(im_text_check(" \t", 2, 10, true), IM_TEXT_EMPTY);
	assert_int_equal(im_text_check("a\nb", 3, 10, false), IM_TEXT_CONTROL);
	assert_int_equal(im_text_check("a\r\nb", 4, 3, true), IM_TEXT_OK);
	assert_int_equal(im_text_check("a\rb", 3, 10, true), IM_TEXT_CONTROL);
	assert_int_equal(im_text_check("a\0b", 3, 10, true), IM_TEXT_BAD_UTF8);
	assert_int_equal(im_text_check("\xed\xa0\x80", 3, 10, true),
			 IM_TEXT_BAD_UTF8); /* a surrogate */
	assert_int_equal(im_text_check("ééé", strlen("ééé"), 3, false), IM_TEXT_OK);
	assert_int_equal(im_text_check("éééé", strlen("éééé"), 3, false),
			 IM_TEXT_TOO_LONG);
}

static void widths_and_fitting(void **state)
{
	(void)state;
	assert_int_equal(im_text_width("abc"), 3);
	assert_int_equal(im_text_width("李小龙"), 6);
	assert_int_equal(im_text_width("e\xcc\x81"), 1); /* combining acute */
	char buf[64];
	assert_int_equal(im_text_fit("李小龙", 5, true, true, buf, sizeof buf), 5);
	assert_string_equal(buf, "李小…");
	assert_int_equal(im_text_fit("ab", 4, true, true, buf, sizeof buf), 4);
	assert_string_equal(buf, "ab  ");
	assert_int_equal(im_text_fit("abcdef", 4, false, true, buf, sizeof buf), 4);
	assert_string_equal(buf, "abc…");
	assert_int_equal(im_text_fit("abcdef", 4, false, false, buf, sizeof buf), 4);
	assert_string_equal(buf, "abcd");
}

static void folded_search(void **state)
{
	(void)state;
	assert_true(im_text_contains_folded("José Müller", "MÜLL"));
	assert_true(im_text_contains_folded("Straße", "STRASSE"));
	assert_true(im_text_contains_folded("x", ""));
	assert_false(im_text_contains_folded("José", "Josef"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(controls_become_visible),
		cmocka_unit_test(no_escape_byte_ever_survives),
		cmocka_unit_test(checks),
		cmocka_unit_test(widths_and_fitting),
		cmocka_unit_test(folded_search),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
