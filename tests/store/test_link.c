/* The store stands without the model (issue 11): this program is linked
 * from every object of libimstore, libimcore and libimtext, with sqlite3
 * (and libunistring, text's own) and cmocka, and nothing else (see
 * meson.build).  A store file calling into the model would leave a symbol
 * undefined and the link would fail; that it links and runs is the proof.
 * It opens a database, adds an account and reads it back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the four above first. */
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inmail/status.h"
#include "inmail/types.h"
#include "store.h"

/* 2026-01-01T00:00:00Z */
#define T0 ((im_time)1767225600)

struct db {
	char dir[64];
	char path[128];
};

static int db_setup(void **state)
{
	struct db *d = calloc(1, sizeof *d);
	assert_non_null(d);
	snprintf(d->dir, sizeof d->dir, "/tmp/inmail-store-XXXXXX");
	assert_non_null(mkdtemp(d->dir));
	snprintf(d->path, sizeof d->path, "%s/t.db", d->dir);
	*state = d;
	return 0;
}

static int db_teardown(void **state)
{
	struct db *d = *state;
	static const char *const suffix[] = {"", "-wal", "-shm"};
	char p[160];
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", d->path, suffix[i]);
		unlink(p);
	}
	rmdir(d->dir);
	free(d);
	return 0;
}

static void close_accepts_null(void **state)
{
	(void)state;
	im_store_close(NULL);
	struct im_store *s = NULL;
	im_store_close(&s);
	assert_null(s);
}

static void missing_file_refused_without_create(void **state)
{
	struct db *d = *state;
	struct im_store *s = NULL;
	char *err = NULL;
	assert_int_not_equal(im_store_open(d->path, false, NULL, &s, &err), IM_OK);
	assert_null(s);
	assert_non_null(err);
	free(err);
	assert_int_not_equal(access(d->path, F_OK), 0);
}

/* A server's URI is never taken for a file path: no "postgresql:" folder
 * appears, and the line says what the value is. */
static void server_uri_is_not_a_file(void **state)
{
	(void)state;
	static const char *const uris[] = {"postgresql://host/inmail",
					   "postgres://h/db", "pg:service=inmail"};
	for (size_t i = 0; i < 3; i++) {
		struct im_store *s = NULL;
		char *err = NULL;
		assert_int_equal(im_store_open(uris[i], true, NULL, &s, &err),
				 IM_ERR_DATABASE);
		assert_null(s);
		assert_non_null(err);
		assert_non_null(strstr(err, "PostgreSQL"));
		free(err);
	}
	assert_int_not_equal(access("postgresql:", F_OK), 0);
	assert_int_not_equal(access("postgres:", F_OK), 0);
	assert_int_not_equal(access("pg:service=inmail", F_OK), 0);
}

static void account_round_trip(void **state)
{
	struct db *d = *state;
	struct im_store *s = NULL;
	assert_int_equal(im_store_open(d->path, true, NULL, &s, NULL), IM_OK);
	assert_non_null(s);

	int64_t id = 0;
	assert_int_equal(im_store_begin(s), IM_OK);
	assert_int_equal(im_store_account_insert(s, "rita", "Rita Recruiter",
						 IM_ROLE_RECRUITER, 10, T0,
						 &id), IM_OK);
	assert_int_equal(im_store_commit(s), IM_OK);
	assert_true(id > 0);
	im_store_close(&s);

	/* Read back through a second open, so it came from the file. */
	assert_int_equal(im_store_open(d->path, false, NULL, &s, NULL), IM_OK);
	struct im_account a = {0};
	assert_int_equal(im_store_account_by_handle(s, "rita", &a), IM_OK);
	assert_int_equal(a.id, id);
	assert_string_equal(a.handle, "rita");
	assert_string_equal(a.name, "Rita Recruiter");
	assert_int_equal(a.role, IM_ROLE_RECRUITER);
	assert_int_equal(a.credits, 10);
	im_account_clear(&a);
	assert_null(a.handle);

	struct im_account *list = NULL;
	size_t n = 0;
	assert_int_equal(im_store_account_list(s, -1, &list, &n), IM_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, id);
	im_accounts_free(&list, n);
	assert_null(list);

	assert_int_equal(im_store_account_by_handle(s, "nobody", &a),
			 IM_ERR_NOT_FOUND);
	assert_string_equal(im_status_to_string(IM_ERR_NOT_FOUND),
			    "not found");
	im_store_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(close_accepts_null),
		cmocka_unit_test_setup_teardown(
			missing_file_refused_without_create, db_setup,
			db_teardown),
		cmocka_unit_test(server_uri_is_not_a_file),
		cmocka_unit_test_setup_teardown(account_round_trip, db_setup,
						db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
