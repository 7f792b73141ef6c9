/* im_strip(): only the candidate's own words are read (issue 15).  NULL
 * and empty first, then each rule: quotes, attributions in the five
 * languages (on their own line, wrapped, inside a line), originals and
 * forwards, header blocks, "-- ", sign-offs with a name block, "Sent from
 * my ...", a pasted InMail, and nothing left meaning the whole text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "inmail/classify.h"

/* The kept parts of s joined with '|'. */
static const char *kept(const char *s, const char *inmail, struct im_strip *st)
{
	static char buf[4096];
	size_t o = 0;

	im_strip(s, strlen(s), inmail, inmail ? strlen(inmail) : 0, st);
	for (size_t i = 0; i < st->n_kept; i++) {
		if (i)
			buf[o++] = '|';
		memcpy(buf + o, s + st->kept[i].off, st->kept[i].len);
		o += st->kept[i].len;
	}
	buf[o] = '\0';
	return buf;
}

static void expect(const char *s, const char *want, enum im_strip_kind kind)
{
	struct im_strip st;
	const char *got = kept(s, NULL, &st);

	if (strcmp(got, want))
		fail_msg("\"%s\" kept \"%s\", not \"%s\"", s, got, want);
	assert_false(st.whole);
	assert_true(st.n_cut >= 1);
	assert_int_equal(st.cut_kind[0], kind);
	assert_int_equal(st.cut_bytes + strlen(want), strlen(s));
}

static void expect_whole(const char *s)
{
	struct im_strip st;

	assert_string_equal(kept(s, NULL, &st), s);
	assert_int_equal(st.n_cut, 0);
	assert_int_equal(st.cut_bytes, 0);
}

static void test_null_and_empty(void **state)
{
	struct im_strip st;

	(void)state;
	im_strip(NULL, 5, NULL, 0, &st);
	assert_int_equal(st.n_kept, 0);
	assert_int_equal(st.n_cut, 0);
	im_strip("", 0, NULL, 0, &st);
	assert_int_equal(st.n_kept, 0);
	expect_whole("yes");
	expect_whole("No thanks, not looking.\nMaybe next year.");
	expect_whole("I wrote: no.");
	expect_whole("On Monday I can talk");
	assert_string_equal(im_strip_kind_name(IM_STRIP_QUOTE), "quote");
	assert_string_equal(im_strip_kind_name(IM_STRIP_INMAIL), "inmail");
}

static void test_quote_lines(void **state)
{
	(void)state;
	expect("No.\n\n> Would you like to hear more? Let's talk!", "No.\n\n", IM_STRIP_QUOTE);
	expect("No.\n> > nested\n>no space", "No.\n", IM_STRIP_QUOTE);
	/* Interleaved: the answer below a quote is kept. */
	expect("> Would you be open to a call?\nYes, Tuesday.", "Yes, Tuesday.", IM_STRIP_QUOTE);
	expect("  > indented quote\nno", "no", IM_STRIP_QUOTE);
}

/* More pieces than IM_STRIP_MAX_SPANS: from the last one on, quotes are
 * read rather than cut, and kept and cut never overlap. */
static void test_many_pieces(void **state)
{
	char text[2048] = "";
	struct im_strip st;
	size_t kept_bytes = 0;

	(void)state;
	for (int i = 0; i < 40; i++)
		strcat(text, "> q\na\n");
	im_strip(text, strlen(text), NULL, 0, &st);
	assert_int_equal(st.n_kept, IM_STRIP_MAX_SPANS);
	for (size_t i = 0; i < st.n_kept; i++)
		kept_bytes += st.kept[i].len;
	assert_int_equal(kept_bytes + st.cut_bytes, strlen(text));
	assert_int_equal(st.n_cut, IM_STRIP_MAX_SPANS);
}

static void test_attributions(void **state)
{
	(void)state;
	expect("No thanks.\nOn Mon, Jan 5, 2026 at 9:12 AM Rita <rita@acme.io> wrote:\n> Interested?",
	       "No thanks.\n", IM_STRIP_ATTRIBUTION);
	expect("No thanks.\nOn Mon, Jan 5, 2026 at 9:12 AM Rita Recruiter\n<rita@acme.io> wrote:\nLet's talk!",
	       "No thanks.\n", IM_STRIP_ATTRIBUTION);
	expect("No.\nEl lun, 5 ene 2026 a las 9:00, Rita (<rita@acme.io>) escribió:\n¡Hablemos!",
	       "No.\n", IM_STRIP_ATTRIBUTION);
	expect("Non.\nLe lun. 5 janv. 2026 à 09:00, Rita <rita@acme.io> a écrit :\nParlons-en !",
	       "Non.\n", IM_STRIP_ATTRIBUTION);
	expect("Non.\nLe 5 janv. 2026 à 09:00, Rita a écrit\xc2\xa0:\nParlons-en !",
	       "Non.\n", IM_STRIP_ATTRIBUTION);
	expect("Nein.\nAm Mo., 5. Jan. 2026 um 09:00 Uhr schrieb Rita <rita@acme.io>:\nReden wir!",
	       "Nein.\n", IM_STRIP_ATTRIBUTION);
	expect("Não.\nEm seg., 5 de jan. de 2026 às 09:00, Rita <rita@acme.io> escreveu:\nVamos!",
	       "Não.\n", IM_STRIP_ATTRIBUTION);
	expect("Happy to.\nRita Recruiter <rita@acme.io> wrote:\n> No pressure if not.",
	       "Happy to.\n", IM_STRIP_ATTRIBUTION);
	/* Inside one line, as a paste gives it. */
	expect("No thanks On Mon, Jan 5, 2026 at 9:00 AM Rita <r@x.io> wrote: Let's talk!",
	       "No thanks ", IM_STRIP_ATTRIBUTION);
}

static void test_originals_and_forwards(void **state)
{
	(void)state;
	expect("I'll pass.\n-----Original Message-----\nFrom: Rita\nLet's talk!", "I'll pass.\n",
	       IM_STRIP_ORIGINAL);
	expect("No.\n-----Mensaje original-----\nDe: Rita", "No.\n", IM_STRIP_ORIGINAL);
	expect("Non.\n-----Message d'origine-----\nDe : Rita", "Non.\n", IM_STRIP_ORIGINAL);
	expect("Nein.\n-----Ursprüngliche Nachricht-----\nVon: Rita", "Nein.\n", IM_STRIP_ORIGINAL);
	expect("Não.\n-----Mensagem original-----\nDe: Rita", "Não.\n", IM_STRIP_ORIGINAL);
	expect("No.\n---------- Forwarded message ---------\nFrom: Rita <r@x.io>\nYes!", "No.\n",
	       IM_STRIP_ORIGINAL);
	expect("No.\nBegin forwarded message:\n\nYes!", "No.\n", IM_STRIP_ORIGINAL);
	expect("Yes.\n________________________________\nFrom: Rita\nSent: Monday\nNot interested?",
	       "Yes.\n", IM_STRIP_ORIGINAL);
	/* A header block without a marker: From: then Sent:/To:/Subject:. */
	expect("No.\nFrom: Rita Recruiter\nSent: Monday, 5 January 2026\nTo: Ana\nLet's talk!",
	       "No.\n", IM_STRIP_ORIGINAL);
	expect("Nein.\nVon: Rita\nGesendet: Montag\nBetreff: Chance", "Nein.\n", IM_STRIP_ORIGINAL);
	/* One "From:" line alone is the candidate's. */
	expect_whole("From: me, a no.\nThanks anyway");
}

static void test_signatures(void **state)
{
	(void)state;
	expect("Yes! Let's talk.\n-- \nMaria Gomez\n\"No is not an answer\"", "Yes! Let's talk.\n",
	       IM_STRIP_SIGNATURE);
	expect("Not interested.\n\nBest,\nJohn Park\nAlways excited about new challenges!",
	       "Not interested.\n\n", IM_STRIP_SIGNATURE);
	expect("No.\nSaludos,\nCarlos", "No.\n", IM_STRIP_SIGNATURE);
	expect("Non.\nCordialement,\nPierre Martin", "Non.\n", IM_STRIP_SIGNATURE);
	expect("Nein.\nViele Grüße,\nJonas", "Nein.\n", IM_STRIP_SIGNATURE);
	expect("Nein.\nMit freundlichen Grüßen\nSabine Koch", "Nein.\n", IM_STRIP_SIGNATURE);
	expect("Não.\nAtenciosamente,\nRafael", "Não.\n", IM_STRIP_SIGNATURE);
	/* A sign-off followed by more than a short name block is words. */
	expect_whole("No.\nThanks,\none\ntwo\nthree\nfour\nfive\nsix\nseven");
	/* "Thanks" as a line inside the reply, with more reply after. */
	expect_whole("Thanks\nThis is a long paragraph of my own reply that goes on well past a short name line and so is not a signature at all, really.");
}

static void test_devices(void **state)
{
	(void)state;
	expect("Please remove me.\n\nSent from my iPhone", "Please remove me.\n\n", IM_STRIP_DEVICE);
	expect("No.\nGet Outlook for iOS", "No.\n", IM_STRIP_DEVICE);
	expect("No.\nEnviado desde mi iPhone", "No.\n", IM_STRIP_DEVICE);
	expect("Non.\nEnvoyé de mon iPhone", "Non.\n", IM_STRIP_DEVICE);
	expect("Nein.\nVon meinem iPhone gesendet", "Nein.\n", IM_STRIP_DEVICE);
	expect("Não.\nEnviado do meu iPhone", "Não.\n", IM_STRIP_DEVICE);
}

static void test_inmail_pasted(void **state)
{
	static const char inmail[] = "Hi Ana,\nI came across your profile and would love to "
				     "tell you about a role.\nInterested? Let's talk!";
	struct im_strip st;

	(void)state;
	assert_string_equal(kept("No thanks.\nI came across your profile and would love to "
				 "tell you about a role.", inmail, &st), "No thanks.\n");
	assert_int_equal(st.cut_kind[0], IM_STRIP_INMAIL);
	/* Case and runs of white space do not matter. */
	assert_string_equal(kept("i came across   your profile and would love to tell\n"
				 "no", inmail, &st), "no");
	/* Without the InMail, nothing is taken. */
	assert_string_equal(kept("No thanks.\nI came across your profile and would love to "
				 "tell you about a role.", NULL, &st),
			    "No thanks.\nI came across your profile and would love to tell "
			    "you about a role.");
}

static void test_nothing_left(void **state)
{
	struct im_strip st;

	(void)state;
	assert_string_equal(kept("> only a quote", NULL, &st), "> only a quote");
	assert_true(st.whole);
	assert_int_equal(st.n_cut, 0);
	assert_string_equal(kept("Best,\nJohn", NULL, &st), "Best,\nJohn");
	assert_true(st.whole);
	assert_string_equal(kept("\n\n-- \nJohn", NULL, &st), "\n\n-- \nJohn");
	assert_true(st.whole);
}

/* Through the classifier: the examples read right. */
static void test_classified(void **state)
{
	static const char *const declines[] = {
		"No.\n\n> Would you like to hear more? I think you'd be a great fit. Let's talk!",
		"Not interested.\n\nBest,\nJohn Park\nAlways excited to connect and grow!",
		"no\n\nOn Wed, 4 Mar 2026 at 14:02, Rita <rita@acme.io> wrote:\n> Yes? Let's talk!",
	};
	struct im_classification c;
	struct im_strip st;

	(void)state;
	for (size_t i = 0; i < sizeof(declines) / sizeof(declines[0]); i++) {
		assert_int_equal(im_classify_reply(declines[i], strlen(declines[i]), NULL, 0, &c,
						   &st), IM_CLASSIFY_OK);
		if (c.label != IM_LABEL_DECLINE)
			fail_msg("\"%s\" read as accept", declines[i]);
		assert_true(c.stripped_bytes > 0);
		assert_int_equal(c.stripped_bytes, st.cut_bytes);
	}
	assert_int_equal(im_classify("yes\n> no no no no, not interested, stop", 40, &c),
			 IM_CLASSIFY_OK);
	assert_int_equal(c.label, IM_LABEL_ACCEPT);
}

static void test_describe(void **state)
{
	struct im_classification c;
	char buf[64];

	(void)state;
	assert_int_equal(im_classify("no thanks", 9, &c), IM_CLASSIFY_OK);
	assert_true(im_classify_describe(&c, buf, sizeof(buf)) > 0);
	assert_true(!strncmp(buf, "read as decline (", 17));
	assert_int_equal(strlen(buf), strlen("read as decline (0.91)"));
	assert_int_equal(im_classify_describe(&c, buf, 5), -1);
	assert_int_equal(im_classify_describe(NULL, buf, sizeof(buf)), -1);
	assert_int_equal(im_classify_describe(&c, NULL, 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_quote_lines),
		cmocka_unit_test(test_many_pieces),
		cmocka_unit_test(test_attributions),
		cmocka_unit_test(test_originals_and_forwards),
		cmocka_unit_test(test_signatures),
		cmocka_unit_test(test_devices),
		cmocka_unit_test(test_inmail_pasted),
		cmocka_unit_test(test_nothing_left),
		cmocka_unit_test(test_classified),
		cmocka_unit_test(test_describe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
