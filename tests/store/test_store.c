/* Opening the database: modes, refusals that leave files untouched,
 * drafts. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"

static void write_file(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	fclose(f);
}

static size_t read_file(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

static void created_private(void **state)
{
	struct fx *f = *state;
	struct stat sb;
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char sub[192];
	snprintf(sub, sizeof sub, "%s/a/b/inmail.db", f->dir);
	struct im_model *m = NULL;
	assert_int_equal(im_model_open(sub, IM_OPEN_CREATE, &m, NULL), IM_OK);
	im_model_close(&m);
	snprintf(sub, sizeof sub, "%s/a/b", f->dir);
	assert_int_equal(stat(sub, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	snprintf(sub, sizeof sub, "%s/a/b/inmail.db", f->dir);
	assert_int_equal(stat(sub, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* Opening again (init twice) is fine and keeps the data. */
	assert_int_equal(im_model_open(f->path, IM_OPEN_CREATE, &m, NULL), IM_OK);
	assert_int_equal(im_model_set_actor(m, "rita"), IM_OK);
	im_model_close(&m);
	snprintf(sub, sizeof sub, "%s/a/b/inmail.db-wal", f->dir);
	unlink(sub);
	snprintf(sub, sizeof sub, "%s/a/b/inmail.db-shm", f->dir);
	unlink(sub);
	snprintf(sub, sizeof sub, "%s/a/b/inmail.db", f->dir);
	unlink(sub);
	snprintf(sub, sizeof sub, "%s/a/b", f->dir);
	rmdir(sub);
	snprintf(sub, sizeof sub, "%s/a", f->dir);
	rmdir(sub);
}

static void missing_database_is_not_created_by_use(void **state)
{
	struct fx *f = *state;
	char path[192];
	snprintf(path, sizeof path, "%s/none.db", f->dir);
	struct im_model *m = NULL;
	char *err = NULL;
	assert_int_equal(im_model_open(path, IM_OPEN_EXISTING, &m, &err),
			 IM_ERR_DATABASE);
	assert_null(m);
	assert_non_null(strstr(err, "inmail init"));
	free(err);
	assert_int_not_equal(access(path, F_OK), 0);
}

static void foreign_files_are_refused_untouched(void **state)
{
	struct fx *f = *state;
	char path[192], buf[8192];
	snprintf(path, sizeof path, "%s/notes.txt", f->dir);
	const char text[] = "this is not a database, just some notes\n"
			    "with a second line that is long enough to matter\n";
	write_file(path, text, sizeof text - 1);
	struct im_model *m = NULL;
	char *err = NULL;
	assert_int_equal(im_model_open(path, IM_OPEN_CREATE, &m, &err),
			 IM_ERR_DATABASE);
	assert_non_null(strstr(err, "not an inmail database"));
	assert_null(strchr(err, '\n'));
	free(err);
	assert_int_equal(read_file(path, buf, sizeof buf), sizeof text - 1);
	assert_memory_equal(buf, text, sizeof text - 1);
	unlink(path);
}

static void newer_schema_is_refused_untouched(void **state)
{
	struct fx *f = *state;
	im_model_close(&f->m);
	/* user_version lives at byte offset 60 of the header, big-endian. */
	int fd = open(f->path, O_RDWR);
	assert_true(fd >= 0);
	unsigned char v[4] = {0, 0, 0, 99};
	assert_int_equal(pwrite(fd, v, 4, 60), 4);
	close(fd);
	static char before[1 << 16], after[1 << 16];
	size_t n = read_file(f->path, before, sizeof before);
	char *err = NULL;
	assert_int_equal(im_model_open(f->path, IM_OPEN_CREATE, &f->m, &err),
			 IM_ERR_DATABASE);
	assert_non_null(strstr(err, "newer inmail"));
	free(err);
	assert_int_equal(read_file(f->path, after, sizeof after), n);
	assert_memory_equal(before, after, n);
}

static void drafts_survive_the_session(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	fx_as(f, "jose");
	struct im_draft d = {.smart = IM_SMART_NO, .edited = true,
			     .body = "No thanks, but maybe"};
	assert_int_equal(im_draft_save(f->m, id, &d), IM_OK);
	im_model_close(&f->m);
	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &f->m, NULL),
			 IM_OK);
	fx_as(f, "jose");
	struct im_draft back;
	assert_int_equal(im_draft_load(f->m, id, &back), IM_OK);
	assert_int_equal(back.smart, IM_SMART_NO);
	assert_true(back.edited);
	assert_string_equal(back.body, "No thanks, but maybe");
	im_draft_clear(&back);
	fx_as(f, "rita");
	assert_int_equal(im_draft_load(f->m, id, &back), IM_ERR_NOT_FOUND);
	fx_as(f, "jose");
	assert_int_equal(im_draft_discard(f->m, id), IM_OK);
	assert_int_equal(im_draft_load(f->m, id, &back), IM_ERR_NOT_FOUND);
}

/* The new-InMail form's fields are kept with its draft (thread 0), as
 * typed, across a closed session (issue 12, item 4). */
static void form_fields_survive_the_session(void **state)
{
	struct fx *f = *state;
	fx_as(f, "rita");
	struct im_draft d = {.body = "Hello José", .to = "jose, ana",
			     .subject = "Embedded C — Berlin",
			     .followup_days = "1"};
	assert_int_equal(im_draft_save(f->m, 0, &d), IM_OK);
	im_model_close(&f->m);
	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &f->m, NULL),
			 IM_OK);
	fx_as(f, "rita");
	struct im_draft back;
	assert_int_equal(im_draft_load(f->m, 0, &back), IM_OK);
	assert_string_equal(back.body, "Hello José");
	assert_string_equal(back.to, "jose, ana");
	assert_string_equal(back.subject, "Embedded C — Berlin");
	assert_string_equal(back.followup_days, "1");
	im_draft_clear(&back);
	/* A draft without them reads back empty fields, never NULL. */
	struct im_draft plain = {.body = "x"};
	assert_int_equal(im_draft_save(f->m, 0, &plain), IM_OK);
	assert_int_equal(im_draft_load(f->m, 0, &back), IM_OK);
	assert_string_equal(back.to, "");
	assert_string_equal(back.subject, "");
	assert_string_equal(back.followup_days, "");
	im_draft_clear(&back);
}

static void loose_modes_are_warned_of(void **state)
{
	struct fx *f = *state;
	assert_null(im_model_warning(f->m));
	assert_int_equal(chmod(f->path, 0644), 0);
	struct im_model *other = NULL;
	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &other, NULL),
			 IM_OK);
	assert_non_null(strstr(im_model_warning(other), "chmod 600"));
	im_model_close(&other);
	assert_int_equal(chmod(f->path, 0600), 0);
	assert_int_equal(chmod(f->dir, 0755), 0);
	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &other, NULL),
			 IM_OK);
	assert_non_null(strstr(im_model_warning(other), "chmod 700"));
	im_model_close(&other);
	assert_int_equal(chmod(f->dir, 0700), 0);
}

static void another_connection_is_seen(void **state)
{
	struct fx *f = *state;
	struct im_model *other = NULL;
	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &other, NULL),
			 IM_OK);
	im_model_set_now(other, T0);
	assert_false(im_model_changed(other));
	fx_send(f, "jose");
	assert_true(im_model_changed(other));
	assert_false(im_model_changed(other));
	im_model_close(&other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(created_private, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(missing_database_is_not_created_by_use, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(foreign_files_are_refused_untouched, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(newer_schema_is_refused_untouched, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(form_fields_survive_the_session,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(drafts_survive_the_session, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(loose_modes_are_warned_of, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(another_connection_is_seen, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
