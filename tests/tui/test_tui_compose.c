/* The composer as an object (issue 11): its key function, without a
 * session and without a database.  Choosing, the question an edited text
 * asks before it is replaced, and typing change only the composer and ask
 * the session for what is to be done (save, send, leave); the model is
 * asked only when the session carries a request out, so none is needed
 * here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui_compose.h"
#include "tui_keys.h"
#include "tui_text.h"

struct fx {
	struct tui_composer c;
	struct im_thread pending; /* a candidate's pending InMail */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	tui_text_set_utf8(true);
	tui_keys_reset();
	assert_true(tui_composer_init(&f->c, NULL, false));
	f->c.box_width = 40;
	f->pending.id = 7;
	f->pending.state = IM_STATE_PENDING;
	f->pending.can_reply = true;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tui_composer_free(&f->c);
	free(f);
	return 0;
}

static enum tui_compose_req key(struct fx *f, enum tui_action a, int code)
{
	enum tui_compose_req req = TUI_COMPOSE_NONE;
	tui_composer_key(&f->c, &f->pending, a, code, false, &req);
	return req;
}

static void type(struct fx *f, const char *text)
{
	for (const char *p = text; *p; p++)
		assert_int_equal(key(f, TUI_ACT_NONE, (unsigned char)*p),
				 TUI_COMPOSE_SAVE);
}

static void no_thread_no_buttons(void **state)
{
	struct fx *f = *state;
	assert_false(tui_composer_available(NULL));
	assert_false(tui_composer_buttons(&f->c, NULL));
	enum tui_compose_req req;
	tui_composer_key(&f->c, NULL, TUI_ACT_SMART_NO, 0, false, &req);
	assert_int_equal(req, TUI_COMPOSE_NONE);
	assert_true(f->c.noted && f->c.note_error);
	assert_string_equal(f->c.box.buf, "");
	assert_string_equal(tui_composer_title(&f->c, NULL), "Reply");
}

static void choosing_fills_the_template(void **state)
{
	struct fx *f = *state;
	assert_true(tui_composer_buttons(&f->c, &f->pending));
	assert_string_equal(tui_composer_title(&f->c, &f->pending),
			    "Your answer");
	assert_int_equal(key(f, TUI_ACT_SMART_NO, 0), TUI_COMPOSE_SAVE);
	assert_int_equal(f->c.smart, IM_SMART_NO);
	assert_string_equal(f->c.box.buf, im_template(IM_SMART_NO));
	/* Untouched, it switches without asking. */
	assert_int_equal(key(f, TUI_ACT_SMART_YES, 0), TUI_COMPOSE_SAVE);
	assert_string_equal(f->c.box.buf, im_template(IM_SMART_YES));
	/* The same choice again does nothing. */
	assert_int_equal(key(f, TUI_ACT_SMART_YES, 0), TUI_COMPOSE_NONE);
	/* x clears the choice and the untouched template. */
	assert_int_equal(key(f, TUI_ACT_SMART_CLEAR, 0), TUI_COMPOSE_SAVE);
	assert_int_equal(f->c.smart, IM_SMART_NONE);
	assert_string_equal(f->c.box.buf, "");
}

static void an_edited_text_asks_first(void **state)
{
	struct fx *f = *state;
	key(f, TUI_ACT_SMART_NO, 0);
	type(f, " Later.");
	assert_int_equal(key(f, TUI_ACT_SMART_YES, 0), TUI_COMPOSE_NONE);
	assert_int_equal(f->c.confirm, IM_SMART_YES);
	assert_string_equal(f->c.note, "Replace with Yes, interested…? y/n");
	/* n keeps the text. */
	assert_int_equal(key(f, TUI_ACT_CONFIRM_NO, 0), TUI_COMPOSE_NONE);
	assert_int_equal(f->c.confirm, IM_SMART_NONE);
	assert_string_equal(f->c.note, "Kept your text.");
	assert_non_null(strstr(f->c.box.buf, " Later."));
	/* y replaces it, and the question names its keys as bound. */
	char *err = NULL;
	assert_int_equal(tui_keys_bind("confirm-yes", "j", &err), TUI_KEYS_OK);
	key(f, TUI_ACT_SMART_YES, 0);
	assert_string_equal(f->c.note, "Replace with Yes, interested…? j/n");
	assert_int_equal(key(f, TUI_ACT_CONFIRM_YES, 0), TUI_COMPOSE_SAVE);
	assert_string_equal(f->c.box.buf, im_template(IM_SMART_YES));
	assert_string_equal(f->c.note, "");
}

static void editing_keys_and_requests(void **state)
{
	struct fx *f = *state;
	type(f, "ab");
	assert_int_equal(key(f, TUI_ACT_EDIT_LEFT, 0), TUI_COMPOSE_NONE);
	type(f, "X");
	assert_string_equal(f->c.box.buf, "aXb");
	assert_int_equal(key(f, TUI_ACT_EDIT_HOME, 0), TUI_COMPOSE_NONE);
	assert_int_equal(key(f, TUI_ACT_EDIT_DELETE, 0), TUI_COMPOSE_SAVE);
	assert_int_equal(key(f, TUI_ACT_EDIT_END, 0), TUI_COMPOSE_NONE);
	assert_int_equal(key(f, TUI_ACT_EDIT_BACKSPACE, 0), TUI_COMPOSE_SAVE);
	assert_int_equal(key(f, TUI_ACT_EDIT_NEWLINE, 0), TUI_COMPOSE_SAVE);
	assert_string_equal(f->c.box.buf, "X\n");
	/* Control characters do not type. */
	assert_int_equal(key(f, TUI_ACT_NONE, 0x01), TUI_COMPOSE_NONE);
	/* Ctrl-S asks to send, Shift-Tab to leave the box. */
	assert_int_equal(key(f, TUI_ACT_SEND, 0), TUI_COMPOSE_SEND);
	assert_int_equal(key(f, TUI_ACT_PREV_PANE, 0), TUI_COMPOSE_LEAVE);
	assert_int_equal(key(f, TUI_ACT_NEXT_PANE, 0), TUI_COMPOSE_NONE);
}

static void the_form_walks_its_fields(void **state)
{
	struct fx *f = *state;
	f->c.recruiter = true;
	f->c.form = true;
	f->c.field = TUI_FIELD_TO;
	assert_string_equal(tui_composer_title(&f->c, NULL), "New InMail");
	/* The form's lines are kept with its draft (issue 12, item 4: they
	 * were lost on a kill): each change asks for a save. */
	assert_int_equal(key(f, TUI_ACT_NONE, 'j'), TUI_COMPOSE_SAVE);
	assert_string_equal(f->c.to.buf, "j");
	assert_ptr_equal(tui_composer_line(&f->c), &f->c.to);
	assert_string_equal(tui_composer_text(&f->c), "j");
	/* Enter and Tab go on; Shift-Tab back, round the end. */
	key(f, TUI_ACT_EDIT_NEWLINE, 0);
	assert_int_equal(f->c.field, TUI_FIELD_SUBJECT);
	key(f, TUI_ACT_NEXT_PANE, 0);
	assert_int_equal(f->c.field, TUI_FIELD_FOLLOWUP_DAYS);
	key(f, TUI_ACT_PREV_PANE, 0);
	key(f, TUI_ACT_PREV_PANE, 0);
	key(f, TUI_ACT_PREV_PANE, 0);
	assert_int_equal(f->c.field, TUI_FIELD_BODY);
	assert_null(tui_composer_line(&f->c));
	/* The body is the new InMail's draft. */
	assert_int_equal(key(f, TUI_ACT_NONE, 'H'), TUI_COMPOSE_SAVE);
	assert_string_equal(f->c.box.buf, "H");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(no_thread_no_buttons, setup,
						teardown),
		cmocka_unit_test_setup_teardown(choosing_fills_the_template, setup,
						teardown),
		cmocka_unit_test_setup_teardown(an_edited_text_asks_first, setup,
						teardown),
		cmocka_unit_test_setup_teardown(editing_keys_and_requests, setup,
						teardown),
		cmocka_unit_test_setup_teardown(the_form_walks_its_fields, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
