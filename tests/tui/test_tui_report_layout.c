/* The report screen's layout (SPEC 9) without a terminal: every line fits
 * its width, from a 40-column demo half to a wide terminal; a template's
 * name too long for its column gets lines of its own, wrapped, never cut;
 * the chart has a bar per week in blocks ('#' outside UTF-8); scrolling
 * stays in range. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "inmail/text.h"
#include "tui_keys.h"
#include "tui_report.h"
#include "tui_text.h"

static void fill(struct tui_report *r)
{
	memset(r, 0, sizeof(*r));
	r->loaded = true;
	im_time monday = 1772409600; /* 2026-03-02, a Monday */
	for (int i = 0; i < TUI_REPORT_WEEKS; i++) {
		struct im_report_week *w = &r->weeks[i];
		w->start = monday - (TUI_REPORT_WEEKS - 1 - i) * 7 * IM_DAY;
		w->sent = i * 1000;
		w->responded = i * 300;
		w->has_rate = i > 0;
		w->rate = (double)i / (TUI_REPORT_WEEKS - 1);
	}
	r->n_tpl = 2;
	r->tpl = calloc(2, sizeof(*r->tpl));
	r->tpl[0].name = strdup("a-very-long-template-name-of-32c");
	r->tpl[0].deleted = true;
	r->tpl[0].sent = 99999;
	r->tpl[1].name = NULL;
	r->tpl[1].sent = 3;
}

static bool has_line(const struct tui_report *r, const char *text)
{
	for (size_t i = 0; i < r->n_lines; i++)
		if (strstr(r->lines[i], text))
			return true;
	return false;
}

static void every_width_fits(void **state)
{
	(void)state;
	tui_text_set_utf8(true);
	for (int width = 38; width <= 120; width += 2) {
		struct tui_report r;
		fill(&r);
		assert_true(tui_report_layout(&r, width));
		for (size_t i = 0; i < r.n_lines; i++)
			assert_true((int)im_text_width(r.lines[i]) <= width);
		/* The long name is whole, over its lines. */
		char all[4096] = "";
		for (size_t i = 0; i < r.n_lines; i++)
			strncat(all, r.lines[i], sizeof(all) - strlen(all) - 1);
		assert_non_null(strstr(all, "a-very-long-template-name-of-32c"));
		assert_true(has_line(&r, "(deleted)"));
		assert_true(has_line(&r, "(no template)"));
		assert_true(has_line(&r, "99999"));
		assert_true(has_line(&r, "2026-W10"));
		assert_true(has_line(&r, "100 %"));
		assert_true(has_line(&r, "█"));
		tui_report_clear(&r);
	}
}

static void ascii_bars(void **state)
{
	(void)state;
	tui_text_set_utf8(false);
	struct tui_report r;
	fill(&r);
	assert_true(tui_report_layout(&r, 38));
	assert_true(has_line(&r, "#"));
	for (size_t i = 0; i < r.n_lines; i++)
		for (const char *p = r.lines[i]; *p; p++)
			assert_true((unsigned char)*p < 0x80);
	tui_report_clear(&r);
	tui_text_set_utf8(true);
}

static void scroll_in_range(void **state)
{
	(void)state;
	struct tui_report r;
	fill(&r);
	assert_true(tui_report_layout(&r, 38));
	tui_report_scroll(&r, INT_MAX, 10);
	assert_int_equal(r.scroll, (int)r.n_lines - 10);
	tui_report_scroll(&r, 5, 10);
	assert_int_equal(r.scroll, (int)r.n_lines - 10);
	tui_report_scroll(&r, INT_MIN, 10);
	assert_int_equal(r.scroll, 0);
	tui_report_scroll(&r, -3, 10);
	assert_int_equal(r.scroll, 0);
	/* Taller than the report: nothing to scroll. */
	tui_report_scroll(&r, 7, 1000);
	assert_int_equal(r.scroll, 0);
	tui_report_clear(&r);
}

/* The two keys are the table's, rebindable like the others (SPEC 8). */
static void keys_rebind(void **state)
{
	(void)state;
	tui_keys_reset();
	const struct tui_key *k = tui_keys_find(TUI_CTX_BROWSE, '6', false);
	assert_non_null(k);
	assert_int_equal(k->action, TUI_ACT_REPORT);
	k = tui_keys_find(TUI_CTX_TEXT, TUI_CTRL('t'), false);
	assert_non_null(k);
	assert_int_equal(k->action, TUI_ACT_TEMPLATE);
	assert_int_equal(tui_keys_bind("report", "R", NULL), TUI_KEYS_OK);
	assert_int_equal(tui_keys_find(TUI_CTX_BROWSE, 'R', false)->action,
			 TUI_ACT_REPORT);
	assert_null(tui_keys_find(TUI_CTX_BROWSE, '6', false));
	assert_int_equal(tui_keys_bind("template", "C-y", NULL), TUI_KEYS_OK);
	assert_int_equal(tui_keys_find(TUI_CTX_TEXT, TUI_CTRL('y'), false)->action,
			 TUI_ACT_TEMPLATE);
	/* It works in the form's text: a printable key would type there. */
	assert_int_equal(tui_keys_bind("template", "t", NULL),
			 TUI_KEYS_CONFLICT);
	tui_keys_reset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_width_fits),
		cmocka_unit_test(ascii_bars),
		cmocka_unit_test(scroll_in_range),
		cmocka_unit_test(keys_rebind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
