/* SPEC 9: the weekly report at its edges: the week from Monday 00:00:00
 * UTC, responded within 30 days (the last second counts), the rate over
 * the week's decided InMails, the number of weeks. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

/* 2026-01-05, a Monday; T0 (2026-01-01) is a Thursday. */
#define MON (T0 + 4 * IM_DAY)

static int64_t send_to(struct fx *f, const char *cand, im_time at)
{
	fx_at(f, at);
	return fx_send(f, cand);
}

static void reply_at(struct fx *f, const char *cand, int64_t id, im_time at,
		     enum im_smart smart)
{
	fx_at(f, at);
	fx_as(f, cand);
	assert_int_equal(im_reply(f->m, id, smart, NULL, NULL), IM_OK);
	fx_as(f, "rita");
}

static void week_edges(void **state)
{
	struct fx *f = *state;
	assert_int_equal(im_report_week_start(MON), MON);
	assert_int_equal(im_report_week_start(MON - 1), MON - 7 * IM_DAY);
	assert_int_equal(im_report_week_start(MON + 7 * IM_DAY - 1), MON);
	int64_t a = send_to(f, "jose", MON - 1); /* Sunday 23:59:59 */
	int64_t b = send_to(f, "ana", MON);      /* Monday 00:00:00 */
	send_to(f, "li", MON + 7 * IM_DAY - 1);  /* Sunday 23:59:59 */
	/* a: answered at exactly 30 days; b: one second after. */
	reply_at(f, "jose", a, MON - 1 + 30 * IM_DAY, IM_SMART_YES);
	reply_at(f, "ana", b, MON + 30 * IM_DAY + 1, IM_SMART_NO);
	fx_at(f, MON + 40 * IM_DAY);
	struct im_report_week w[7];
	assert_int_equal(im_report_weeks(f->m, 7, w), IM_OK);
	/* The current week is last; MON's week is six weeks back. */
	assert_int_equal(w[6].start, im_report_week_start(MON + 40 * IM_DAY));
	assert_int_equal(w[1].start, MON);
	assert_int_equal(w[0].start, MON - 7 * IM_DAY);
	assert_int_equal(w[0].sent, 1);
	assert_int_equal(w[0].responded, 1);
	assert_int_equal(w[0].accepted, 1);
	assert_true(w[0].has_rate);
	assert_true(w[0].rate == 1.0);
	assert_int_equal(w[1].sent, 2);
	assert_int_equal(w[1].responded, 0);  /* b came a second late */
	assert_int_equal(w[1].declined, 1);
	assert_int_equal(w[1].accepted, 0);
	assert_true(w[1].has_rate); /* b responded, li's is past 30 days */
	assert_true(w[1].rate == 0.0);
	for (int i = 2; i < 7; i++) {
		assert_int_equal(w[i].sent, 0);
		assert_false(w[i].has_rate);
	}
}

static void undecided_has_no_rate(void **state)
{
	struct fx *f = *state;
	int64_t a = send_to(f, "jose", MON);
	send_to(f, "ana", MON + 60);
	fx_at(f, MON + IM_DAY);
	struct im_report_week w[1];
	assert_int_equal(im_report_weeks(f->m, 1, w), IM_OK);
	assert_int_equal(w[0].sent, 2);
	assert_false(w[0].has_rate);
	reply_at(f, "jose", a, MON + 2 * IM_DAY, IM_SMART_YES);
	assert_int_equal(im_report_weeks(f->m, 1, w), IM_OK);
	assert_true(w[0].has_rate);
	assert_true(w[0].rate == 1.0); /* 1 of the 1 decided */
	/* 30 days on, ana's counts as unanswered. */
	fx_at(f, MON + 60 + 30 * IM_DAY + 1);
	struct im_report_week w6[6];
	assert_int_equal(im_report_weeks(f->m, 6, w6), IM_OK);
	assert_int_equal(w6[1].start, MON);
	assert_true(w6[1].rate == 0.5);
}

static void weeks_and_roles(void **state)
{
	struct fx *f = *state;
	struct im_report_week w[1];
	fx_as(f, "rita");
	assert_int_equal(im_report_weeks(f->m, 0, w), IM_ERR_USAGE);
	assert_int_equal(im_report_weeks(f->m, IM_REPORT_MAX_WEEKS + 1, w),
			 IM_ERR_USAGE);
	fx_as(f, "jose");
	assert_int_equal(im_report_weeks(f->m, 1, w), IM_ERR_NOT_PERMITTED);
	/* Another recruiter's InMails are not in mine. */
	send_to(f, "ana", MON);
	fx_as(f, "carl");
	assert_int_equal(im_report_weeks(f->m, 1, w), IM_OK);
	assert_int_equal(w[0].sent, 0);
}

/* ---- per template (SPEC 9) ---- */

static void add_template(struct fx *f, const char *name)
{
	struct im_template t = {.name = (char *)name,
				.subject = (char *)"Hi {first_name}",
				.body = (char *)"Hello {name}, from {my_name}"};
	fx_as(f, "rita");
	assert_int_equal(im_template_add(f->m, &t), IM_OK);
}

static int64_t send_tpl(struct fx *f, const char *name, const char *cand,
			im_time at)
{
	fx_at(f, at);
	const char *to[] = {cand};
	struct im_template_send req = {.name = name, .to = to, .n_to = 1};
	int64_t id = 0;
	assert_int_equal(im_template_send(f->m, &req, &id), IM_OK);
	return id;
}

static const struct im_report_template *row(const struct im_report_template *t,
					    size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if ((!name && !t[i].name) ||
		    (name && t[i].name && strcmp(t[i].name, name) == 0))
			return &t[i];
	fail_msg("no row for %s", name ? name : "(none)");
	return NULL;
}

/* A template deleted later keeps its InMails, marked deleted; InMails
 * without a template have their row, last; an unused template has a
 * row with nothing sent; the rows are by name. */
static void templates_rows(void **state)
{
	struct fx *f = *state;
	fx_at(f, MON);
	add_template(f, "zeta");
	add_template(f, "alpha");
	add_template(f, "unused");
	int64_t a = send_tpl(f, "zeta", "jose", MON + 60);
	send_tpl(f, "zeta", "ana", MON + 120);
	send_tpl(f, "alpha", "li", MON + 180);
	fx_at(f, MON + 240);
	assert_int_equal(im_account_add(f->m, "eli", "Eli Sørensen",
					IM_ROLE_CANDIDATE, 0), IM_OK);
	fx_send(f, "eli");
	fx_as(f, "rita");
	assert_int_equal(im_template_remove(f->m, "alpha"), IM_OK);
	reply_at(f, "jose", a, MON + IM_DAY, IM_SMART_NO);
	fx_at(f, MON + 2 * IM_DAY);
	struct im_report_template *t = NULL;
	size_t n = 0;
	assert_int_equal(im_report_templates(f->m, 1, &t, &n), IM_OK);
	assert_int_equal(n, 4);
	assert_string_equal(t[0].name, "alpha");
	assert_string_equal(t[1].name, "unused");
	assert_string_equal(t[2].name, "zeta");
	assert_null(t[3].name);
	const struct im_report_template *z = row(t, n, "zeta");
	assert_false(z->deleted);
	assert_int_equal(z->sent, 2);
	assert_int_equal(z->responded, 1);
	assert_int_equal(z->declined, 1);
	assert_int_equal(z->accepted, 0);
	assert_true(z->has_rate);
	assert_true(z->rate == 1.0); /* 1 of the 1 decided */
	const struct im_report_template *al = row(t, n, "alpha");
	assert_true(al->deleted);
	assert_int_equal(al->sent, 1);
	assert_false(al->has_rate);
	const struct im_report_template *u = row(t, n, "unused");
	assert_false(u->deleted);
	assert_int_equal(u->sent, 0);
	assert_false(u->has_rate);
	const struct im_report_template *none = row(t, n, NULL);
	assert_false(none->deleted);
	assert_int_equal(none->sent, 1);
	im_report_templates_free(&t, n);
	assert_null(t);
	/* The weekly report counts the same InMails. */
	struct im_report_week w[1];
	assert_int_equal(im_report_weeks(f->m, 1, w), IM_OK);
	assert_int_equal(w[0].sent, 4);
}

/* The weeks are the weekly report's: an InMail sent Sunday 23:59:59 is
 * the week before's, one at Monday 00:00:00 this week's; a deleted
 * template with no InMail in the weeks has no row. */
static void templates_week_edge(void **state)
{
	struct fx *f = *state;
	fx_at(f, MON - 7 * IM_DAY);
	add_template(f, "intro");
	add_template(f, "gone");
	send_tpl(f, "gone", "li", MON - 2 * IM_DAY);
	send_tpl(f, "intro", "jose", MON - 1);
	send_tpl(f, "intro", "ana", MON);
	fx_as(f, "rita");
	assert_int_equal(im_template_remove(f->m, "gone"), IM_OK);
	fx_at(f, MON + 7 * IM_DAY - 1); /* still MON's week */
	struct im_report_template *t = NULL;
	size_t n = 0;
	assert_int_equal(im_report_templates(f->m, 1, &t, &n), IM_OK);
	assert_int_equal(n, 1);
	assert_string_equal(t[0].name, "intro");
	assert_int_equal(t[0].sent, 1);
	im_report_templates_free(&t, n);
	assert_int_equal(im_report_templates(f->m, 2, &t, &n), IM_OK);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].name, "gone");
	assert_true(t[0].deleted);
	assert_int_equal(t[1].sent, 2);
	im_report_templates_free(&t, n);
	/* The same refusals as the weekly report. */
	assert_int_equal(im_report_templates(f->m, 0, &t, &n), IM_ERR_USAGE);
	fx_as(f, "jose");
	assert_int_equal(im_report_templates(f->m, 1, &t, &n),
			 IM_ERR_NOT_PERMITTED);
	assert_null(t);
}

/* A send naming a template the recruiter does not have is refused and
 * changes nothing; one naming theirs is recorded as sent from it. */
static void send_names_its_template(void **state)
{
	struct fx *f = *state;
	fx_at(f, MON);
	const char *to[] = {"jose"};
	struct im_send_request req = {.to = to, .n_to = 1, .subject = "S",
				      .body = "B", .template_name = "nope"};
	int64_t before = fx_credits(f, "rita");
	fx_as(f, "rita");
	assert_int_equal(im_send(f->m, &req, NULL), IM_ERR_NOT_FOUND);
	assert_non_null(strstr(im_model_error(f->m), "nope"));
	assert_int_equal(fx_credits(f, "rita"), before);
	fx_as(f, "rita");
	add_template(f, "mine");
	req.template_name = "mine";
	assert_int_equal(im_send(f->m, &req, NULL), IM_OK);
	struct im_report_template *t = NULL;
	size_t n = 0;
	assert_int_equal(im_report_templates(f->m, 1, &t, &n), IM_OK);
	assert_int_equal(n, 1);
	assert_string_equal(t[0].name, "mine");
	assert_int_equal(t[0].sent, 1);
	im_report_templates_free(&t, n);
	/* Another recruiter's template is not theirs to name. */
	fx_as(f, "carl");
	assert_int_equal(im_report_templates(f->m, 1, &t, &n), IM_OK);
	assert_int_equal(n, 0);
	assert_null(t);
}

/* The form's pick is kept in the new-InMail draft like its fields. */
static void draft_keeps_the_pick(void **state)
{
	struct fx *f = *state;
	fx_as(f, "rita");
	struct im_draft d = {.body = (char *)"Hello", .to = (char *)"jose",
			     .template_name = (char *)"intro"};
	assert_int_equal(im_draft_save(f->m, 0, &d), IM_OK);
	struct im_draft back = {0};
	assert_int_equal(im_draft_load(f->m, 0, &back), IM_OK);
	assert_string_equal(back.template_name, "intro");
	assert_string_equal(back.to, "jose");
	im_draft_clear(&back);
	d.template_name = NULL;
	assert_int_equal(im_draft_save(f->m, 0, &d), IM_OK);
	assert_int_equal(im_draft_load(f->m, 0, &back), IM_OK);
	assert_string_equal(back.template_name, "");
	im_draft_clear(&back);
}

/* A file from before the column (SQLite; the server's migration 2 is
 * run by init): it gains it at the open, and its InMails count as sent
 * without a template. */
static void upgrade_keeps_old_inmails(void **state)
{
	struct fx *f = *state;
	if (getenv("INMAIL_TEST_PG"))
		skip();
	fx_at(f, MON);
	fx_send(f, "jose");
	im_model_close(&f->m);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "ALTER TABLE thread DROP COLUMN"
				      " template; ALTER TABLE draft DROP COLUMN"
				      " form_template", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &f->m, NULL),
			 IM_OK);
	fx_at(f, MON + 60);
	add_template(f, "intro");
	send_tpl(f, "intro", "ana", MON + 60);
	struct im_report_template *t = NULL;
	size_t n = 0;
	assert_int_equal(im_report_templates(f->m, 1, &t, &n), IM_OK);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].name, "intro");
	assert_int_equal(t[0].sent, 1);
	assert_null(t[1].name);
	assert_int_equal(t[1].sent, 1);
	im_report_templates_free(&t, n);
	/* Nothing else was redone: jose's thread is as it was. */
	struct im_report_week w[1];
	assert_int_equal(im_report_weeks(f->m, 1, w), IM_OK);
	assert_int_equal(w[0].sent, 2);
	assert_int_equal(fx_count(f, IM_FOLDER_AWAITING), 2);
}

/* A template removed and added again under its name is another one
 * (attack2 F6): each keeps its InMails, the removed one its "deleted"
 * row, also when the name is taken at the same instant; a third under
 * the name, the same again. */
static void template_again_is_another(void **state)
{
	struct fx *f = *state;
	fx_at(f, MON);
	add_template(f, "t");
	int64_t old = send_tpl(f, "t", "jose", MON);
	assert_int_equal(im_template_remove(f->m, "t"), IM_OK);
	add_template(f, "t");
	send_tpl(f, "t", "ana", MON);
	reply_at(f, "jose", old, MON + 60, IM_SMART_YES);
	fx_as(f, "rita");
	struct im_report_template *t = NULL;
	size_t n = 0;
	assert_int_equal(im_report_templates(f->m, 1, &t, &n), IM_OK);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].name, "t");
	assert_false(t[0].deleted);
	assert_int_equal(t[0].sent, 1);
	assert_int_equal(t[0].accepted, 0);
	assert_string_equal(t[1].name, "t");
	assert_true(t[1].deleted);
	assert_int_equal(t[1].sent, 1);
	assert_int_equal(t[1].accepted, 1);
	im_report_templates_free(&t, n);
	/* Removed again and added a third time: two removed rows, oldest
	 * first, and the new one with nothing sent. */
	assert_int_equal(im_template_remove(f->m, "t"), IM_OK);
	add_template(f, "t");
	assert_int_equal(im_report_templates(f->m, 1, &t, &n), IM_OK);
	assert_int_equal(n, 3);
	assert_false(t[0].deleted);
	assert_int_equal(t[0].sent, 0);
	assert_true(t[1].deleted && t[2].deleted);
	assert_int_equal(t[1].accepted, 1); /* the first one's */
	assert_int_equal(t[2].accepted, 0);
	assert_int_equal(t[1].sent + t[2].sent, 2);
	im_report_templates_free(&t, n);
}

/* A file from before templates had an identity: its InMails count for
 * the template of their name, as before; a template added after the
 * upgrade never takes an old one's identity. */
static void upgrade_gives_templates_identity(void **state)
{
	struct fx *f = *state;
	if (getenv("INMAIL_TEST_PG"))
		skip();
	fx_at(f, MON);
	add_template(f, "old");
	add_template(f, "gone");
	send_tpl(f, "old", "jose", MON);
	send_tpl(f, "gone", "li", MON);
	im_model_close(&f->m);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "ALTER TABLE thread DROP COLUMN"
				      " template_id; ALTER TABLE template DROP"
				      " COLUMN id", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &f->m, NULL),
			 IM_OK);
	fx_at(f, MON + 60);
	fx_as(f, "rita");
	assert_int_equal(im_template_remove(f->m, "gone"), IM_OK);
	add_template(f, "gone");
	send_tpl(f, "gone", "ana", MON + 60);
	struct im_report_template *t = NULL;
	size_t n = 0;
	assert_int_equal(im_report_templates(f->m, 1, &t, &n), IM_OK);
	/* "gone": the one added now has only ana's; li's, from before
	 * identities, goes by name (as it did). */
	assert_int_equal(n, 2);
	assert_string_equal(t[0].name, "gone");
	assert_int_equal(t[0].sent, 2);
	assert_string_equal(t[1].name, "old");
	assert_false(t[1].deleted);
	assert_int_equal(t[1].sent, 1);
	im_report_templates_free(&t, n);
	/* Removed and added again after the upgrade: told apart. */
	assert_int_equal(im_template_remove(f->m, "old"), IM_OK);
	add_template(f, "old");
	send_tpl(f, "old", "jose", MON + 91 * IM_DAY);
	fx_at(f, MON + 91 * IM_DAY);
	assert_int_equal(im_report_templates(f->m, 14, &t, &n), IM_OK);
	size_t live = 0, removed = 0;
	for (size_t i = 0; i < n; i++)
		if (t[i].name && strcmp(t[i].name, "old") == 0)
			t[i].deleted ? removed++ : live++;
	assert_int_equal(live, 1);
	assert_int_equal(removed, 0); /* before identities: by name */
	im_report_templates_free(&t, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(week_edges, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(undecided_has_no_rate, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(weeks_and_roles, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(templates_rows, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(templates_week_edge, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(send_names_its_template, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(draft_keeps_the_pick, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(upgrade_keeps_old_inmails, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(template_again_is_another, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(upgrade_gives_templates_identity, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
