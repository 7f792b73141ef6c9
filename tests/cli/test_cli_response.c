/* SPEC 2 and the notifications of SPEC 3 through the CLI: the four ways of
 * the candidate's first response, the templated-only decline block, and
 * its lifting. */
#include "clirun.h"

#include <string.h>

#define YES_TEMPLATE "Yes, I'm interested. I'd be glad to hear more about this opportunity."
#define NO_TEMPLATE "No thanks, I'm not interested at this time."
#define ACCEPT_NOTE "Candidate José Müller is interested in starting a conversation. Please follow up soon to continue the conversation."
#define DECLINE_NOTE "Candidate José Müller declined your message."
#define BLOCK_REASON "You can't reply: José Müller declined with the templated response. Send a new InMail to start a new conversation."

static void one_inmail_build(struct cli *c, const void *arg)
{
	(void)arg;
	CAST(c, 3);
	c->settle_as = "rita";
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"Senior C engineer", "--body",
				"We build terminal tools. Interested?"),
			    "1\n");
	cli_at(c, "2026-03-03T10:00:00Z");
}

/* rita sends thread 1 to jose at 2026-03-02T09:00:00Z (a fixture: built
 * once, copied for the other tests). */
static void one_inmail(struct cli *c)
{
	cli_fixture(c, "one_inmail", one_inmail_build, NULL);
}

/* The thread's system messages and the recruiter's notifications both hold
 * exactly TEXT, once. */
static void notified_once(struct cli *c, const char *text)
{
	json_t *t = SHOW(c, "rita", "1");
	size_t i, n = 0;
	json_t *m;
	json_array_foreach(MSGS(t), i, m) {
		if (strcmp(JSTR(m, "kind"), "system") == 0) {
			n++;
			assert_string_equal(JSTR(m, "body"), text);
			assert_true(json_is_null(JGET(m, "sender")));
		}
	}
	assert_int_equal(n, 1);
	json_t *notes = JSON(c, "rita", "notifications", "--json");
	assert_int_equal(json_array_size(notes), 1);
	json_t *note = json_array_get(notes, 0);
	assert_int_equal(JINT(note, "thread"), 1);
	assert_string_equal(JSTR(note, "text"), text);
	assert_string_equal(JSTR(note, "created_at"), "2026-03-03T10:00:00Z");
	assert_true(json_is_boolean(JGET(note, "read")));
	/* The candidate's view of the thread carries no notification for
	 * them, and rob, who sent nothing, has none. */
	assert_int_equal(json_array_size(JSON(c, "rob", "notifications", "--json")),
			 0);
}

/* The candidate's response is the second message, by jose, with BODY. */
static json_t *response_message(struct cli *c, const char *body)
{
	json_t *t = SHOW(c, "rita", "1");
	json_t *m = MSG(t, 1);
	assert_non_null(m);
	assert_string_equal(JSTR(m, "sender"), "jose");
	assert_string_equal(JSTR(m, "kind"), "message");
	assert_string_equal(JSTR(m, "body"), body);
	assert_string_equal(JSTR(m, "sent_at"), "2026-03-03T10:00:00Z");
	return m;
}

static void smart_yes_template_accepts(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--smart", "yes");
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "accepted");
	assert_string_equal(JSTR(t, "response"), "smart_template");
	assert_true(JBOOL(t, "can_reply"));
	assert_true(json_is_null(JGET(t, "reason")));
	assert_string_equal(JSTR(t, "credit"), "refunded");
	response_message(c, YES_TEMPLATE);
	notified_once(c, ACCEPT_NOTE);
	/* The recruiter replies: a plain message. */
	OK(c, "rita", "reply", "1", "--body", "Great, when can we talk?");
	/* The candidate's view holds no notification line: it is the
	 * recruiter's. */
	t = SHOW(c, "jose", "1");
	assert_int_equal(NMSGS(t), 3);
	assert_string_equal(JSTR(MSG(t, 2), "kind"), "message");
	assert_string_equal(JSTR(MSG(t, 2), "sender"), "rita");
	t = SHOW(c, "rita", "1");
	assert_int_equal(NMSGS(t), 4);
	assert_string_equal(JSTR(MSG(t, 2), "kind"), "system");
	assert_true(JBOOL(t, "can_reply"));
}

static void smart_yes_edited_accepts(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--smart", "yes", "--body",
	   "Yes, I'm interested. Could we talk on Monday?");
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "accepted");
	assert_string_equal(JSTR(t, "response"), "smart_edited");
	assert_true(JBOOL(t, "can_reply"));
	assert_true(json_is_null(JGET(t, "reason")));
	response_message(c, "Yes, I'm interested. Could we talk on Monday?");
	notified_once(c, ACCEPT_NOTE);
	OK(c, "rita", "reply", "1", "--body", "Monday 10:00?");
}

/* After a templated-only decline: reply and follow-up refused (77), the
 * thread unchanged, the reason exact; then the candidate writes again and
 * the block lifts. */
static void blocked_then_lifted(struct cli *c)
{
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "declined");
	assert_string_equal(JSTR(t, "response"), "smart_template");
	assert_false(JBOOL(t, "can_reply"));
	assert_string_equal(JSTR(t, "reason"), BLOCK_REASON);
	size_t before = NMSGS(t);
	assert_int_equal(before, 3); /* inmail, response, system */

	const struct cli_res *r = FAILS(c, 77, "rita", "reply", "1", "--body",
					"Are you sure?");
	assert_non_null(strstr(r->err, BLOCK_REASON));
	FAILS(c, 77, "rita", "followup", "1", "--body", "Are you sure?");
	FAILS(c, 77, "rita", "reply", "1", "--body-file",
	      cli_write_file(c, "b.txt", "Sure?\n", 6));
	assert_int_equal(NMSGS(SHOW(c, "rita", "1")), before);

	/* The candidate may still write; the reason is for the recruiter. */
	json_t *tc = SHOW(c, "jose", "1");
	assert_true(JBOOL(tc, "can_reply"));
	assert_true(json_is_null(JGET(tc, "reason")));

	/* Plain show says why, too. */
	assert_non_null(strstr(OUT(c, "rita", "show", "1"), BLOCK_REASON));

	cli_at(c, "2026-03-04T10:00:00Z");
	OK(c, "jose", "reply", "1", "--body", "Actually, what is the salary?");
	t = SHOW(c, "rita", "1");
	assert_true(JBOOL(t, "can_reply"));
	assert_true(json_is_null(JGET(t, "reason")));
	/* The response stays what it was. */
	assert_string_equal(JSTR(t, "state"), "declined");
	assert_string_equal(JSTR(t, "response"), "smart_template");
	assert_int_equal(NMSGS(t), before + 1);
	OK(c, "rita", "reply", "1", "--body", "Competitive; let's talk.");
	assert_int_equal(NMSGS(SHOW(c, "rita", "1")), before + 2);
	/* Still one notification. */
	assert_int_equal(json_array_size(JSON(c, "rita", "notifications", "--json")),
			 1);
}

static void smart_no_template_blocks_until_candidate_writes(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--smart", "no");
	response_message(c, NO_TEMPLATE);
	notified_once(c, DECLINE_NOTE);
	assert_string_equal(JSTR(SHOW(c, "rita", "1"), "credit"), "refunded");
	blocked_then_lifted(c);
}

static void smart_no_template_with_whitespace_blocks(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--smart", "no", "--body",
	   "  \t" NO_TEMPLATE " \n ");
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "declined");
	notified_once(c, DECLINE_NOTE);
	blocked_then_lifted(c);
}

static void smart_no_template_given_as_body_blocks(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--smart", "no", "--body", NO_TEMPLATE);
	blocked_then_lifted(c);
}

static void smart_no_edited_declines_with_message(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--smart", "no", "--body",
	   NO_TEMPLATE " Maybe next year.");
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "declined");
	assert_string_equal(JSTR(t, "response"), "smart_edited");
	assert_true(JBOOL(t, "can_reply"));
	assert_true(json_is_null(JGET(t, "reason")));
	response_message(c, NO_TEMPLATE " Maybe next year.");
	notified_once(c, DECLINE_NOTE);
	OK(c, "rita", "reply", "1", "--body", "Understood, I'll write next year.");
	assert_int_equal(NMSGS(SHOW(c, "rita", "1")), 4);
}

static void smart_no_shortened_declines_with_message(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--smart", "no", "--body", "No thanks");
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "declined");
	assert_string_equal(JSTR(t, "response"), "smart_edited");
	assert_true(JBOOL(t, "can_reply"));
}

static void custom_message_is_classified(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--body",
	   "Sounds great, I'd love to hear more. Let's talk!");
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "accepted");
	assert_string_equal(JSTR(t, "response"), "custom");
	assert_true(JBOOL(t, "can_reply"));
	json_t *m = response_message(c,
		"Sounds great, I'd love to hear more. Let's talk!");
	assert_string_equal(JSTR(m, "classification"), "accept");
	json_t *conf = JGET(m, "confidence");
	assert_true(json_is_number(conf));
	assert_true(json_number_value(conf) >= 0.0 &&
		    json_number_value(conf) <= 1.0);
	/* Only the response is classified. */
	assert_null(json_object_get(MSG(t, 0), "classification"));
	notified_once(c, ACCEPT_NOTE);
	OK(c, "rita", "reply", "1", "--body", "Wonderful.");
}

static void custom_decline_may_still_be_answered(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--body",
	   "Not interested, please don't contact me again.");
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "declined");
	assert_string_equal(JSTR(t, "response"), "custom");
	assert_true(JBOOL(t, "can_reply"));
	assert_true(json_is_null(JGET(t, "reason")));
	json_t *m = response_message(c,
		"Not interested, please don't contact me again.");
	assert_string_equal(JSTR(m, "classification"), "decline");
	assert_true(json_is_number(JGET(m, "confidence")));
	notified_once(c, DECLINE_NOTE);
	OK(c, "rita", "reply", "1", "--body", "Sorry to hear that.");
}

/* The template's words, typed without choosing the smart reply, are a
 * custom message: declined by the classifier, never blocking. */
static void template_text_without_smart_is_custom(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--body", NO_TEMPLATE);
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "response"), "custom");
	assert_string_equal(JSTR(t, "state"), "declined");
	assert_true(JBOOL(t, "can_reply"));
	assert_true(json_is_null(JGET(t, "reason")));
	OK(c, "rita", "reply", "1", "--body", "Noted.");
}

/* Later messages neither notify again nor change the response; smart
 * replies are for the pending thread only. */
static void later_messages_are_plain_conversation(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--smart", "yes");
	OK(c, "jose", "reply", "1", "--body", "Also: I'm in Lisbon.");
	OK(c, "rita", "reply", "1", "--body", "Remote is fine.");
	OK(c, "jose", "reply", "1", "--body", "No thanks, actually.");
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "accepted");
	assert_string_equal(JSTR(t, "response"), "smart_template");
	assert_true(JBOOL(t, "can_reply"));
	/* inmail, response, system, 3 more */
	assert_int_equal(NMSGS(t), 6);
	notified_once(c, ACCEPT_NOTE);
	/* A later message is not classified. */
	assert_null(json_object_get(MSG(t, 5), "classification"));
	FAILS(c, 77, "jose", "reply", "1", "--smart", "no");
	FAILS(c, 77, "jose", "reply", "1", "--smart", "yes", "--body", "Yes!");
	json_t *s = STATS(c, "rita");
	assert_int_equal(JINT(s, "accepted"), 1);
	assert_int_equal(JINT(s, "declined"), 0);
}

/* A recruiter's message while pending is a follow-up; the recruiter cannot
 * use smart replies; other accounts cannot respond. */
static void only_the_candidate_responds(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	FAILS(c, 77, "rita", "reply", "1", "--smart", "yes");
	FAILS(c, 77, "ana", "reply", "1", "--smart", "yes");
	FAILS(c, 77, "rob", "reply", "1", "--body", "Hi there");
	OK(c, "rita", "reply", "1", "--body", "Just checking in.");
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "pending");
	assert_int_equal(NMSGS(t), 2);
	assert_string_equal(JSTR(MSG(t, 1), "kind"), "followup");
	assert_int_equal(json_array_size(JSON(c, "rita", "notifications", "--json")),
			 0);
}

/* Two threads, each with its own single notification. */
static void one_notification_per_thread(void **state)
{
	struct cli *c = *state;
	CAST(c, 3);
	OK(c, "rita", "send", "--to", "jose,ana", "--subject", "S", "--body", "Hi");
	OK(c, "jose", "reply", "1", "--smart", "no");
	OK(c, "ana", "reply", "2", "--smart", "yes");
	OK(c, "jose", "reply", "1", "--body", "Hm, tell me more");
	OK(c, "ana", "reply", "2", "--body", "When?");
	json_t *notes = JSON(c, "rita", "notifications", "--json");
	assert_int_equal(json_array_size(notes), 2);
	int seen1 = 0, seen2 = 0;
	size_t i;
	json_t *n;
	json_array_foreach(notes, i, n) {
		if (JINT(n, "thread") == 1) {
			seen1++;
			assert_string_equal(JSTR(n, "text"), DECLINE_NOTE);
		} else if (JINT(n, "thread") == 2) {
			seen2++;
			assert_string_equal(JSTR(n, "text"),
				"Candidate Ana Lima is interested in starting a "
				"conversation. Please follow up soon to continue "
				"the conversation.");
		}
	}
	assert_int_equal(seen1, 1);
	assert_int_equal(seen2, 1);
}

/* "Exactly as the template": only whitespace at the ends is ignored. */
static void smart_no_near_template_is_edited(void **state)
{
	static const char *const near[] = {
		"No thanks,  I'm not interested at this time.",
		"no thanks, i'm not interested at this time.",
		"No thanks, I\xE2\x80\x99m not interested at this time.",
		"No thanks, I'm not interested at this time!",
		"No thanks, I'm not interested at this time..",
	};
	for (size_t i = 0; i < sizeof near / sizeof *near; i++) {
		struct cli *c = cli_new();
		assert_non_null(c);
		one_inmail(c);
		OK(c, "jose", "reply", "1", "--smart", "no", "--body", near[i]);
		json_t *t = SHOW(c, "rita", "1");
		if (strcmp(JSTR(t, "response"), "smart_edited") != 0)
			print_error("body: %s\n", near[i]);
		assert_string_equal(JSTR(t, "response"), "smart_edited");
		assert_string_equal(JSTR(t, "state"), "declined");
		assert_true(JBOOL(t, "can_reply"));
		cli_free(&c);
	}
	(void)state;
}

/* CRLF and an editor's final newline at the ends: still the template. */
static void smart_no_template_from_file_blocks(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	static const char body[] = "\r\n" NO_TEMPLATE "\r\n\r\n";
	OK(c, "jose", "reply", "1", "--smart", "no", "--body-file",
	   cli_write_file(c, "no.txt", body, sizeof body - 1));
	blocked_then_lifted(c);
}

/* The Yes template given as the body is the template. */
static void smart_yes_template_as_body(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--smart", "yes", "--body", " " YES_TEMPLATE);
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "accepted");
	assert_string_equal(JSTR(t, "response"), "smart_template");
	assert_true(JBOOL(t, "can_reply"));
}

/* What reply prints is what was written: the response with its outcome
 * (how a custom one was read, whether the recruiter is now blocked), or a
 * plain message. */
static void reply_says_what_it_sent(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	/* The recruiter, while pending: a follow-up, a plain message. */
	assert_string_equal(OUT(c, "rita", "reply", "1", "--body", "Any news?"),
			    "sent in thread 1\n");
	assert_string_equal(OUT(c, "jose", "reply", "1", "--smart", "no"),
			    "response sent in thread 1: declined; the recruiter "
			    "can no longer reply here unless you write again\n");
	assert_string_equal(OUT(c, "jose", "reply", "1", "--body", "Well..."),
			    "sent in thread 1\n");
	assert_string_equal(OUT(c, "rita", "reply", "1", "--body", "Great"),
			    "sent in thread 1\n");
	/* A smart yes, and a smart no edited: no block. */
	assert_string_equal(OUT(c, "rita", "send", "--to", "ana", "--subject", "S",
				"--body", "B"), "2\n");
	assert_string_equal(OUT(c, "ana", "reply", "2", "--smart", "yes"),
			    "response sent in thread 2: accepted\n");
	assert_string_equal(OUT(c, "rita", "send", "--to", "cara", "--subject", "S",
				"--body", "B"), "3\n");
	assert_string_equal(OUT(c, "cara", "reply", "3", "--smart", "no", "--body",
				"No thanks, but ask me next year."),
			    "response sent in thread 3: declined\n");
	/* A custom response: how it was read, as show says. */
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject", "T",
				"--body", "B"), "4\n");
	const char *out = OUT(c, "jose", "reply", "4", "--body",
			      "Sure, I'd love to talk, call me");
	json_t *t = SHOW(c, "rita", "4");
	json_t *m = MSG(t, 1);
	assert_string_equal(out, cli_fmt(c, "response sent in thread 4: %s (read "
					 "as %s, confidence %.2f)\n",
					 JSTR(t, "state"),
					 JSTR(m, "classification"),
					 json_real_value(JGET(m, "confidence"))));
}

/* Choosing No thanks but sending other words (the Yes template): the
 * choice decides, the text is edited, so declined with a message. */
static void smart_no_with_other_text_is_edited(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--smart", "no", "--body", YES_TEMPLATE);
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "declined");
	assert_string_equal(JSTR(t, "response"), "smart_edited");
	assert_true(JBOOL(t, "can_reply"));
}

/* A fresh notification is unread until the recruiter has seen it. */
static void notification_starts_unread(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--smart", "yes");
	json_t *notes = JSON(c, "rita", "notifications", "--json");
	assert_int_equal(json_array_size(notes), 1);
	assert_false(JBOOL(json_array_get(notes, 0), "read"));
	assert_string_equal(JSTR(json_array_get(notes, 0), "text"), ACCEPT_NOTE);
	/* Plain output carries the text. */
	assert_non_null(strstr(OUT(c, "rita", "notifications"), ACCEPT_NOTE));
}

/* The block is for that thread only: the same candidate's thread with
 * another recruiter is unaffected, and a new InMail starts over. */
static void block_is_per_thread_and_a_new_inmail_starts_over(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	assert_string_equal(OUT(c, "rob", "send", "--to", "jose", "--subject",
				"Other job", "--body", "Hello"), "2\n");
	OK(c, "jose", "reply", "1", "--smart", "no");
	OK(c, "jose", "reply", "2", "--smart", "no", "--body", "No thanks, I'm "
	   "not interested at this time. But keep me in mind.");
	assert_false(JBOOL(SHOW(c, "rita", "1"), "can_reply"));
	json_t *t2 = SHOW(c, "rob", "2");
	assert_true(JBOOL(t2, "can_reply"));
	assert_true(json_is_null(JGET(t2, "reason")));
	OK(c, "rob", "reply", "2", "--body", "Will do.");

	cli_at(c, "2026-03-10T10:00:00Z");
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"Senior C engineer, again", "--body", "New role"),
			    "3\n");
	json_t *t3 = SHOW(c, "rita", "3");
	assert_string_equal(JSTR(t3, "state"), "pending");
	assert_true(JBOOL(t3, "can_reply"));
	OK(c, "rita", "followup", "3", "--body", "Any interest?");
	/* The old thread stays blocked. */
	FAILS(c, 77, "rita", "reply", "1", "--body", "Hello again");
	OK(c, "jose", "reply", "3", "--smart", "yes");
	OK(c, "rita", "reply", "3", "--body", "Great!");
	assert_false(JBOOL(SHOW(c, "rita", "1"), "can_reply"));
	json_t *notes = JSON(c, "rita", "notifications", "--json");
	assert_int_equal(json_array_size(notes), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(smart_yes_template_accepts, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(smart_yes_edited_accepts, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(smart_no_template_blocks_until_candidate_writes, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(smart_no_template_with_whitespace_blocks, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(smart_no_template_given_as_body_blocks, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(smart_no_edited_declines_with_message, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(smart_no_shortened_declines_with_message, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(custom_message_is_classified, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(custom_decline_may_still_be_answered, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(template_text_without_smart_is_custom, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(later_messages_are_plain_conversation, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(only_the_candidate_responds, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(one_notification_per_thread, cli_setup, cli_teardown),
		cmocka_unit_test(smart_no_near_template_is_edited),
		cmocka_unit_test_setup_teardown(smart_no_template_from_file_blocks, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(smart_yes_template_as_body, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(smart_no_with_other_text_is_edited, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(reply_says_what_it_sent, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(notification_starts_unread, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(block_is_per_thread_and_a_new_inmail_starts_over, cli_setup, cli_teardown),
	};
	return cli_run_group("cli_response", tests);
}
