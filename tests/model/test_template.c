/* SPEC 9: templates — a recruiter's own, by name; rendered per candidate;
 * every refusal refuses the whole send before anything is written. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

static enum im_status add(struct fx *f, const char *name, const char *subject,
			  const char *body, const char *followup, int days)
{
	struct im_template t = {.name = (char *)name, .subject = (char *)subject,
				.body = (char *)body,
				.followup_body = (char *)followup,
				.followup_days = days};
	return im_template_add(f->m, &t);
}

static enum im_status send_tpl(struct fx *f, const char *name,
			       const char *const *to, size_t n,
			       const struct im_render_var *vars, size_t nv,
			       int64_t *ids)
{
	struct im_template_send req = {.name = name, .to = to, .n_to = n,
				       .vars = vars, .n_vars = nv};
	return im_template_send(f->m, &req, ids);
}

static void add_list_show_remove(void **state)
{
	struct fx *f = *state;
	fx_as(f, "rita");
	assert_int_equal(add(f, "intro", "Hi {first_name}", "Dear {name}",
			     NULL, 0), IM_OK);
	assert_int_equal(add(f, "bump.2", "S", "B", "Still keen, {first_name}?",
			     5), IM_OK);
	/* Names follow the handle rules; a taken one is refused. */
	assert_int_equal(add(f, "Intro", "S", "B", NULL, 0), IM_ERR_INVALID);
	assert_int_equal(add(f, "", "S", "B", NULL, 0), IM_ERR_INVALID);
	assert_int_equal(add(f, "a b", "S", "B", NULL, 0), IM_ERR_INVALID);
	assert_int_equal(add(f, "intro", "S", "B", NULL, 0), IM_ERR_INVALID);
	assert_non_null(strstr(im_model_error(f->m), "intro"));
	/* Texts: empty, a bad brace, follow-up days. */
	assert_int_equal(add(f, "x", "", "B", NULL, 0), IM_ERR_INVALID);
	assert_int_equal(add(f, "x", "S", "Hi {name", NULL, 0), IM_ERR_INVALID);
	assert_int_equal(add(f, "x", "S", "Hi { name}", NULL, 0), IM_ERR_INVALID);
	assert_int_equal(add(f, "x", "S", "B", "F", 2), IM_ERR_INVALID);
	assert_int_equal(add(f, "x", "S", "B", "F", 29), IM_ERR_INVALID);
	assert_int_equal(add(f, "x", "S", "{{literal} {job}", NULL, 0), IM_OK);

	struct im_template *list = NULL;
	size_t n = 0;
	assert_int_equal(im_template_list(f->m, &list, &n), IM_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].name, "bump.2");
	assert_string_equal(list[0].followup_body, "Still keen, {first_name}?");
	assert_int_equal(list[0].followup_days, 5);
	assert_string_equal(list[1].name, "intro");
	assert_null(list[1].followup_body);
	assert_int_equal(list[1].created_at, T0);
	assert_string_equal(list[2].name, "x");
	im_templates_free(&list, n);

	struct im_template t;
	assert_int_equal(im_template_get(f->m, "intro", &t), IM_OK);
	assert_string_equal(t.subject, "Hi {first_name}");
	assert_string_equal(t.body, "Dear {name}");
	im_template_clear(&t);

	/* A recruiter's own: carl sees none of rita's. */
	fx_as(f, "carl");
	assert_int_equal(im_template_get(f->m, "intro", &t), IM_ERR_NOT_FOUND);
	assert_int_equal(im_template_list(f->m, &list, &n), IM_OK);
	assert_int_equal(n, 0);
	im_templates_free(&list, n);
	assert_int_equal(im_template_remove(f->m, "intro"), IM_ERR_NOT_FOUND);
	assert_int_equal(add(f, "intro", "Carl's", "B", NULL, 0), IM_OK);
	/* Candidates have none. */
	fx_as(f, "jose");
	assert_int_equal(add(f, "mine", "S", "B", NULL, 0), IM_ERR_NOT_PERMITTED);

	fx_as(f, "rita");
	assert_int_equal(im_template_remove(f->m, "intro"), IM_OK);
	assert_int_equal(im_template_remove(f->m, "intro"), IM_ERR_NOT_FOUND);
	assert_int_equal(im_template_get(f->m, "intro", &t), IM_ERR_NOT_FOUND);
	fx_as(f, "carl");
	assert_int_equal(im_template_get(f->m, "intro", &t), IM_OK);
	assert_string_equal(t.subject, "Carl's");
	im_template_clear(&t);
}

static void renders_per_candidate(void **state)
{
	struct fx *f = *state;
	fx_as(f, "rita");
	assert_int_equal(add(f, "intro", "{job} for {first_name}",
			     "Hi {first_name} ({name}), {my_first_name} here: "
			     "{my_name}. {{not a variable}",
			     "{first_name}, still thinking about {job}?", 7),
			 IM_OK);
	const char *to[] = {"jose", "li"};
	struct im_render_var vars[] = {{"job", "Platform lead"}};
	int64_t ids[2] = {0};
	assert_int_equal(send_tpl(f, "intro", to, 2, vars, 1, ids), IM_OK);
	assert_int_equal(fx_credits(f, "rita"), 8);
	struct im_thread *t = fx_thread(f, ids[0]);
	assert_string_equal(t->subject, "Platform lead for José");
	assert_string_equal(t->messages[0].body,
			    "Hi José (José Müller), Rita here: Rita Recruiter. "
			    "{not a variable}");
	assert_int_equal(t->followup_at, T0 + 7 * IM_DAY);
	im_thread_free(&t);
	/* A one-word name is its own first name. */
	t = fx_thread(f, ids[1]);
	assert_string_equal(t->subject, "Platform lead for 李小龙");
	im_thread_free(&t);
	/* The follow-up is rendered too. */
	fx_at(f, T0 + 8 * IM_DAY);
	t = fx_thread(f, ids[0]);
	assert_int_equal(t->n_messages, 2);
	assert_string_equal(t->messages[1].body,
			    "José, still thinking about Platform lead?");
	im_thread_free(&t);
}

/* A template's own variables, what a send must give: inmail's four and
 * a {{brace}} are not among them; each once, in the order they appear. */
static void own_variables_in_order(void **state)
{
	struct fx *f = *state;
	fx_as(f, "rita");
	assert_int_equal(add(f, "intro", "{job} for {first_name}",
			     "Hi {name}, {my_first_name} of {team}: {{not_one}} "
			     "{job} {my_name}", "{first_name}, {city}?", 7),
			 IM_OK);
	assert_int_equal(add(f, "plain", "Hi {first_name}", "Hello {name}",
			     NULL, 0), IM_OK);
	char **vars = NULL;
	size_t n = 0;
	assert_int_equal(im_template_vars(f->m, "intro", &vars, &n), IM_OK);
	assert_int_equal(n, 3);
	assert_string_equal(vars[0], "job");
	assert_string_equal(vars[1], "team");
	assert_string_equal(vars[2], "city");
	im_template_vars_free(&vars, n);
	assert_int_equal(im_template_vars(f->m, "plain", &vars, &n), IM_OK);
	assert_int_equal(n, 0);
	assert_null(vars);
	assert_int_equal(im_template_vars(f->m, "none", &vars, &n),
			 IM_ERR_NOT_FOUND);
	/* Another's templates are not asked about. */
	fx_as(f, "jose");
	assert_int_equal(im_template_vars(f->m, "intro", &vars, &n),
			 IM_ERR_NOT_PERMITTED);
}

/* Each refusal: 65, naming the variable and the candidate, nothing
 * written. */
static void refusals_refuse_the_whole_send(void **state)
{
	struct fx *f = *state;
	fx_as(f, "rita");
	assert_int_equal(add(f, "job", "About {job}", "Hi {first_name}", NULL,
			     0), IM_OK);
	assert_int_equal(add(f, "typo", "S", "Hi {frist_name}", NULL, 0), IM_OK);
	const char *to[] = {"jose", "ana"};
	/* No value given. */
	assert_int_equal(send_tpl(f, "job", to, 2, NULL, 0, NULL),
			 IM_ERR_INVALID);
	assert_non_null(strstr(im_model_error(f->m), "{job}"));
	assert_non_null(strstr(im_model_error(f->m), "José Müller"));
	/* An empty value. */
	struct im_render_var empty[] = {{"job", ""}};
	assert_int_equal(send_tpl(f, "job", to, 2, empty, 1, NULL),
			 IM_ERR_INVALID);
	assert_non_null(strstr(im_model_error(f->m), "has no value"));
	/* An unknown variable. */
	assert_int_equal(send_tpl(f, "typo", to, 2, NULL, 0, NULL),
			 IM_ERR_INVALID);
	assert_non_null(strstr(im_model_error(f->m), "{frist_name}"));
	/* Over its limit once rendered (in characters): 200 for the
	 * subject; the second candidate's alone. */
	char *v = malloc(200);
	memset(v, 'y', 193);
	v[193] = '\0';
	struct im_render_var longv[] = {{"job", v}};
	/* "About " + 193 = 199 characters: fine for both. */
	int64_t ids[2] = {0};
	assert_int_equal(send_tpl(f, "job", to, 2, longv, 1, ids), IM_OK);
	assert_int_equal(fx_credits(f, "rita"), 8);
	/* 195: 201 characters, over. */
	memset(v, 'y', 195);
	v[195] = '\0';
	const char *to2[] = {"li"};
	assert_int_equal(send_tpl(f, "job", to2, 1, longv, 1, NULL),
			 IM_ERR_INVALID);
	assert_non_null(strstr(im_model_error(f->m), "李小龙"));
	assert_non_null(strstr(im_model_error(f->m), "too long"));
	free(v);
	/* Per candidate values (a CSV's columns): one missing refuses all. */
	struct im_render_var ana_vars[] = {{"job", "SRE"}};
	struct im_render_var li_vars[] = {{"job", ""}};
	const struct im_render_var *per[] = {ana_vars, li_vars};
	size_t nper[] = {1, 1};
	fx_at(f, T0 + 91 * IM_DAY);
	const char *to3[] = {"ana", "li"};
	struct im_template_send req = {.name = "job", .to = to3, .n_to = 2,
				       .cand_vars = per, .n_cand_vars = nper};
	assert_int_equal(im_template_send(f->m, &req, NULL), IM_ERR_INVALID);
	assert_non_null(strstr(im_model_error(f->m), "李小龙"));
	assert_int_equal(fx_credits(f, "rita"), 8);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 2);
	fx_as(f, "li");
	assert_int_equal(fx_count(f, IM_FOLDER_MESSAGES), 0);
	/* Unknown template. */
	fx_as(f, "rita");
	assert_int_equal(send_tpl(f, "nope", to3, 2, NULL, 0, NULL),
			 IM_ERR_NOT_FOUND);
	/* With li's value, both go. */
	li_vars[0].value = "DBA";
	int64_t ids3[2] = {0};
	req.cand_vars = per;
	assert_int_equal(im_template_send(f->m, &req, ids3), IM_OK);
	struct im_thread *t = fx_thread(f, ids3[1]);
	assert_string_equal(t->subject, "About DBA");
	im_thread_free(&t);
}

/* A dry run makes every check of the send (SPEC 9: --dry-run "changes
 * nothing", and what it passes the send passes): the same status and
 * line for each refusal, and nothing written either way. */
static enum im_status dry(struct fx *f, const char *const *to, size_t n,
			  int64_t *credits)
{
	struct im_render_var v[] = {{"job", "SRE"}};
	struct im_template_send req = {.name = "job", .to = to, .n_to = n,
				       .vars = v, .n_vars = 1};
	struct im_rendered *r = NULL;
	int days = -1;
	enum im_status st = im_template_dry_run(f->m, &req, &r, &days, credits);
	if (st == IM_OK) {
		assert_non_null(r);
		assert_string_equal(r[0].subject, "About SRE");
		assert_int_equal(days, 7);
	} else {
		assert_null(r);
	}
	im_rendered_free(&r, n);
	return st;
}

static void dry_run_refuses_as_the_send(void **state)
{
	struct fx *f = *state;
	fx_as(f, "rita");
	assert_int_equal(add(f, "job", "About {job}", "Hi {first_name}",
			     "Still keen, {first_name}?", 7), IM_OK);
	struct im_render_var v[] = {{"job", "SRE"}};
	int64_t credits = -1;
	char line[512];
	/* Each refusal: the dry run's status and line are the send's. */
	const char *twice[] = {"jose", "jose"};
	const char *recruiter[] = {"jose", "carl"};
	const char *const *cases[] = {twice, recruiter};
	enum im_status want[] = {IM_ERR_USAGE, IM_ERR_NOT_PERMITTED};
	for (size_t k = 0; k < 2; k++) {
		assert_int_equal(dry(f, cases[k], 2, &credits), want[k]);
		snprintf(line, sizeof line, "%s", im_model_error(f->m));
		assert_int_equal(send_tpl(f, "job", cases[k], 2, v, 1, NULL),
				 want[k]);
		assert_string_equal(im_model_error(f->m), line);
	}
	assert_non_null(strstr(line, "carl is a recruiter"));
	/* A pending InMail to ana. */
	const char *ana[] = {"ana"};
	assert_int_equal(send_tpl(f, "job", ana, 1, v, 1, NULL), IM_OK);
	assert_int_equal(dry(f, ana, 1, &credits), IM_ERR_NOT_PERMITTED);
	snprintf(line, sizeof line, "%s", im_model_error(f->m));
	assert_non_null(strstr(line, "Ana Lima has not answered"));
	assert_int_equal(send_tpl(f, "job", ana, 1, v, 1, NULL),
			 IM_ERR_NOT_PERMITTED);
	assert_string_equal(im_model_error(f->m), line);
	/* A good one: the balance it would spend from, nothing sent. */
	const char *two[] = {"jose", "li"};
	assert_int_equal(dry(f, two, 2, &credits), IM_OK);
	assert_int_equal(credits, 9);
	assert_int_equal(fx_credits(f, "rita"), 9);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 1);
	/* Too few credits. */
	fx_as(f, "carl");
	assert_int_equal(add(f, "job", "About {job}", "Hi {first_name}",
			     "Still keen, {first_name}?", 7), IM_OK);
	assert_int_equal(dry(f, two, 2, &credits), IM_ERR_NO_CREDITS);
	snprintf(line, sizeof line, "%s", im_model_error(f->m));
	assert_non_null(strstr(line, "no InMail credits left"));
	assert_int_equal(send_tpl(f, "job", two, 2, v, 1, NULL),
			 IM_ERR_NO_CREDITS);
	assert_string_equal(im_model_error(f->m), line);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 0);
	fx_as(f, "jose");
	assert_int_equal(fx_count(f, IM_FOLDER_MESSAGES), 0);
}

/* An SQLite file from before templates (version 3) gains their table when
 * it is brought to version 4. */
static void an_older_file_gains_templates(void **state)
{
	struct fx *f = *state;
	const char *pg = getenv("INMAIL_TEST_PG");
	if (pg && *pg && strcmp(pg, "0") != 0)
		skip(); /* SQLite's files only */
	im_model_close(&f->m);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE template;"
				      " PRAGMA user_version = 3", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &f->m, NULL),
			 IM_OK);
	fx_at(f, T0);
	fx_as(f, "rita");
	assert_int_equal(add(f, "intro", "S", "Hi {first_name}", NULL, 0), IM_OK);
	const char *to[] = {"jose"};
	int64_t id = 0;
	assert_int_equal(send_tpl(f, "intro", to, 1, NULL, 0, &id), IM_OK);
	struct im_thread *t = fx_thread(f, id);
	assert_string_equal(t->messages[0].body, "Hi José");
	im_thread_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(add_list_show_remove, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(renders_per_candidate, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(own_variables_in_order, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(refusals_refuse_the_whole_send, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(an_older_file_gains_templates, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(dry_run_refuses_as_the_send, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
