#include "fixture.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

/* INMAIL_TEST_PG=1: each test's database is a new one on the throwaway
 * PostgreSQL server tests/pg/pg_server.sh started (PGHOST, PSQL and
 * INMAIL_PG_SUPER come from it), f->dir its name and f->path its libpq
 * string; 77 (skipped) without that server. */
static bool on_pg(void)
{
	const char *v = getenv("INMAIL_TEST_PG");
	return v && *v && strcmp(v, "0") != 0;
}

/* Runs one statement as the server's superuser by psql. */
static int pg_admin(const char *sql)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd,
		 "\"$PSQL\" -X -q -v ON_ERROR_STOP=1 -U \"$INMAIL_PG_SUPER\""
		 " -d postgres -c '%s' >/dev/null", sql);
	return system(cmd);
}

static void pg_create(struct fx *f)
{
	static int serial;
	if (!getenv("PSQL") || !getenv("PGHOST") || !getenv("INMAIL_PG_SUPER")) {
		fprintf(stderr, "SKIP: INMAIL_TEST_PG needs the server of "
				"tests/pg/pg_server.sh\n");
		exit(77);
	}
	snprintf(f->dir, sizeof f->dir, "inmail_t%ld_%d", (long)getpid(),
		 serial++);
	snprintf(f->path, sizeof f->path, "pg:dbname=%s user=%s", f->dir,
		 getenv("INMAIL_PG_SUPER"));
	char sql[128];
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", f->dir);
	assert_int_equal(pg_admin(sql), 0);
}

int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	if (on_pg()) {
		pg_create(f);
	} else {
		snprintf(f->dir, sizeof f->dir, "/tmp/inmail-test-XXXXXX");
		assert_non_null(mkdtemp(f->dir));
		snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	}
	char *err = NULL;
	assert_int_equal(im_model_open(f->path, IM_OPEN_CREATE, &f->m, &err), IM_OK);
	im_model_set_now(f->m, T0);
	assert_int_equal(im_account_add(f->m, "rita", "Rita Recruiter",
					IM_ROLE_RECRUITER, 10), IM_OK);
	assert_int_equal(im_account_add(f->m, "carl", "Carl Recruiter",
					IM_ROLE_RECRUITER, 0), IM_OK);
	assert_int_equal(im_account_add(f->m, "jose", "José Müller",
					IM_ROLE_CANDIDATE, 0), IM_OK);
	assert_int_equal(im_account_add(f->m, "ana", "Ana Lima",
					IM_ROLE_CANDIDATE, 0), IM_OK);
	assert_int_equal(im_account_add(f->m, "li", "李小龙",
					IM_ROLE_CANDIDATE, 0), IM_OK);
	*state = f;
	return 0;
}

int fx_teardown(void **state)
{
	struct fx *f = *state;
	char p[160];
	im_model_close(&f->m);
	if (on_pg()) {
		char sql[128];
		snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", f->dir);
		pg_admin(sql);
		free(f);
		return 0;
	}
	const char *suffix[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

void fx_as(struct fx *f, const char *handle)
{
	assert_int_equal(im_model_set_actor(f->m, handle), IM_OK);
}

void fx_at(struct fx *f, im_time t)
{
	im_model_set_now(f->m, t);
}

int64_t fx_send(struct fx *f, const char *cand)
{
	const char *to[] = {cand};
	struct im_send_request req = {
		.to = to, .n_to = 1, .subject = "Senior C engineer",
		.body = "Hi, we build terminal tools. Interested?",
	};
	int64_t id = 0;
	fx_as(f, "rita");
	assert_int_equal(im_send(f->m, &req, &id), IM_OK);
	assert_true(id > 0);
	return id;
}

struct im_thread *fx_thread(struct fx *f, int64_t id)
{
	struct im_thread *t = NULL;
	assert_int_equal(im_thread_get(f->m, id, false, &t), IM_OK);
	return t;
}

int64_t fx_credits(struct fx *f, const char *handle)
{
	struct im_account a;
	assert_int_equal(im_account_get(f->m, handle, &a), IM_OK);
	int64_t c = a.credits;
	im_account_clear(&a);
	return c;
}

int64_t fx_count(struct fx *f, enum im_folder folder)
{
	int64_t total = 0, unread = 0;
	assert_int_equal(im_folder_count(f->m, folder, &total, &unread), IM_OK);
	return total;
}

bool fx_on_pg(void)
{
	return on_pg();
}

int fx_raw(struct fx *f, const char *sqlite_sql, const char *pg_sql)
{
	if (on_pg()) {
		char cmd[512];
		snprintf(cmd, sizeof cmd,
			 "\"$PSQL\" -X -q -v ON_ERROR_STOP=1 --single-transaction"
			 " -U \"$INMAIL_PG_SUPER\" -d %s >/dev/null", f->dir);
		FILE *p = popen(cmd, "w");
		assert_non_null(p);
		fputs(pg_sql, p);
		return pclose(p);
	}
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		sqlite3_busy_timeout(db, 5000);
	char *sql = sqlite3_mprintf("BEGIN; %s; COMMIT", sqlite_sql);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	sqlite3_close(db);
	return rc;
}
