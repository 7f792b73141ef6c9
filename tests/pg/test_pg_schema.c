/* The PostgreSQL install as the driver will run it: the parts embedded in
 * pg_schema.c, through libpq, on a throwaway server (run under
 * pg_server.sh, which sets PGHOST and INMAIL_PG_SUPER and loads nothing).
 * The install is idempotent, forces row-level security on every table,
 * pins search_path in every SECURITY DEFINER function, refuses a newer
 * schema; and a person connected with a password gets the SQLSTATEs a
 * driver maps to inmail's exit codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <poll.h>

#include "inmail/types.h"
#include "pg_schema.h"

static PGconn *connect_as(const char *user, const char *password)
{
	const char *keys[] = {"user", "password", "dbname", NULL};
	const char *values[] = {user, password, "inmail", NULL};
	PGconn *c = PQconnectdbParams(keys, values, 0);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "connecting as %s: %s", user, PQerrorMessage(c));
		fail();
	}
	return c;
}

static PGconn *super(void)
{
	const char *name = getenv("INMAIL_PG_SUPER");
	assert_non_null(name);
	return connect_as(name, NULL);
}

/* Runs sql; returns its SQLSTATE ("" when it succeeded), the first value
 * of its first row in *value (if not NULL, "" when none). */
static void run(PGconn *c, const char *sql, char *state, size_t n,
		char *value, size_t vn)
{
	PGresult *r = PQexec(c, sql);
	ExecStatusType st = PQresultStatus(r);
	bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
	const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	snprintf(state, n, "%s", ok ? "" : code ? code : "?????");
	if (value)
		snprintf(value, vn, "%s",
			 ok && PQntuples(r) > 0 && PQnfields(r) > 0
				 ? PQgetvalue(r, 0, 0) : "");
	if (!ok && getenv("TEST_VERBOSE"))
		fprintf(stderr, "%s -> %s", sql, PQresultErrorMessage(r));
	PQclear(r);
}

static void must(PGconn *c, const char *sql)
{
	char state[8];
	run(c, sql, state, sizeof state, NULL, 0);
	if (*state)
		fprintf(stderr, "%s: %s\n", sql, PQerrorMessage(c));
	assert_string_equal(state, "");
}

static void value_is(PGconn *c, const char *sql, const char *want)
{
	char state[8], value[256];
	run(c, sql, state, sizeof state, value, sizeof value);
	assert_string_equal(state, "");
	assert_string_equal(value, want);
}

static void refused_with(PGconn *c, const char *sql, const char *want)
{
	char state[8];
	run(c, sql, state, sizeof state, NULL, 0);
	assert_string_equal(state, want);
}

/* The whole install in one transaction, as init runs it; its SQLSTATE. */
static void install(PGconn *c, char *state, size_t n)
{
	must(c, "BEGIN");
	must(c, "SET LOCAL client_min_messages = warning");
	*state = '\0';
	for (size_t i = 0; i < im_pg_schema_parts && !*state; i++)
		run(c, im_pg_schema[i].sql, state, n, NULL, 0);
	must(c, *state ? "ROLLBACK" : "COMMIT");
}

static PGconn *connect_db(const char *user, const char *password,
			  const char *db)
{
	const char *keys[] = {"user", "password", "dbname", NULL};
	const char *values[] = {user, password, db, NULL};
	PGconn *c = PQconnectdbParams(keys, values, 0);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "connecting as %s: %s", user, PQerrorMessage(c));
		fail();
	}
	return c;
}

/* SPEC 7: init by a role with CREATEROLE (no superuser) on a database it
 * created creates inmail_admin, and its runner is an admin; an admin
 * without CREATEROLE then migrates it.  First, while the roles are not
 * there yet. */
static void test_init_by_createrole(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	value_is(c, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'inmail\\_%'"
		    " AND rolname <> 'inmail_super'", "0");
	must(c, "CREATE ROLE boss LOGIN CREATEROLE CREATEDB PASSWORD 'b'");
	PQfinish(c);
	PGconn *b = connect_db("boss", "b", "postgres");
	must(b, "CREATE DATABASE bossdb");
	PQfinish(b);
	b = connect_db("boss", "b", "bossdb");
	char state[8];
	install(b, state, sizeof state);
	assert_string_equal(state, "");
	value_is(b, "SELECT pg_has_role('boss', 'inmail_admin', 'MEMBER')"
		    " AND NOT pg_has_role('boss', 'inmail_owner', 'USAGE')", "t");
	/* As an admin (not the owner) boss reads no conversation. */
	value_is(b, "SELECT count(*) FROM inmail.thread", "0");
	must(b, "CREATE ROLE deputy LOGIN PASSWORD 'd'; GRANT inmail_admin TO deputy");
	PQfinish(b);
	PGconn *d = connect_db("deputy", "d", "bossdb");
	install(d, state, sizeof state);
	assert_string_equal(state, "");
	char want[16];
	snprintf(want, sizeof want, "%d", IM_PG_SCHEMA_VERSION);
	value_is(d, "SELECT max(version) FROM inmail.migration", want);
	PQfinish(d);
	/* A login that is no admin cannot init. */
	c = super();
	must(c, "CREATE ROLE nobody_much LOGIN PASSWORD 'n'");
	PQfinish(c);
	PGconn *n = connect_db("nobody_much", "n", "bossdb");
	install(n, state, sizeof state);
	assert_string_equal(state, "IM077");
	PQfinish(n);
}

static void test_parts_in_order(void **ctx)
{
	(void)ctx;
	assert_int_equal(im_pg_schema_parts, 4);
	assert_string_equal(im_pg_schema[0].name, "roles.sql");
	assert_string_equal(im_pg_schema[1].name, "enums.sql");
	assert_string_equal(im_pg_schema[2].name, "schema.sql");
	assert_string_equal(im_pg_schema[3].name, "policies.sql");
}

static void test_install_twice(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	char state[8], before[32];
	install(c, state, sizeof state);
	assert_string_equal(state, "");
	char want[16];
	snprintf(want, sizeof want, "%d", IM_PG_SCHEMA_VERSION);
	value_is(c, "SELECT max(version) FROM inmail.migration", want);
	run(c, "SELECT count(*) FROM pg_policies WHERE schemaname = 'inmail'",
	    state, sizeof state, before, sizeof before);
	assert_string_equal(state, "");
	assert_true(atoi(before) > 20);
	/* Again: a no-op that leaves the same policies and version. */
	install(c, state, sizeof state);
	assert_string_equal(state, "");
	value_is(c, "SELECT max(version) FROM inmail.migration", want);
	value_is(c, "SELECT count(*) FROM pg_policies WHERE schemaname = 'inmail'",
		 before);
	/* One row per migration. */
	value_is(c, "SELECT count(*) FROM inmail.migration", want);
	PQfinish(c);
}

static void test_rls_forced_on_every_table(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	/* Tables of the schema without RLS enabled and forced, or with no
	 * policy for people (only the owner's). */
	value_is(c,
		 "SELECT count(*) FROM pg_class k JOIN pg_namespace n"
		 " ON n.oid = k.relnamespace WHERE n.nspname = 'inmail'"
		 " AND k.relkind IN ('r', 'p')"
		 " AND (NOT k.relrowsecurity OR NOT k.relforcerowsecurity)",
		 "0");
	value_is(c,
		 "SELECT count(*) FROM pg_tables t WHERE schemaname = 'inmail'"
		 " AND NOT EXISTS (SELECT 1 FROM pg_policies p WHERE"
		 " p.schemaname = 'inmail' AND p.tablename = t.tablename"
		 " AND p.policyname <> 'owner_all')",
		 "0");
	value_is(c,
		 "SELECT count(*) >= 11 FROM pg_tables WHERE schemaname = 'inmail'",
		 "t");
	/* Everything belongs to inmail_owner, no person. */
	value_is(c,
		 "SELECT count(*) FROM pg_class k JOIN pg_namespace n"
		 " ON n.oid = k.relnamespace WHERE n.nspname = 'inmail'"
		 " AND pg_get_userbyid(k.relowner) <> 'inmail_owner'",
		 "0");
	PQfinish(c);
}

static void test_definer_functions_pin_search_path(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	value_is(c,
		 "SELECT count(*) FROM pg_proc p JOIN pg_namespace n"
		 " ON n.oid = p.pronamespace WHERE n.nspname = 'inmail'"
		 " AND p.prosecdef AND NOT coalesce(p.proconfig @>"
		 " ARRAY['search_path=pg_catalog, inmail, pg_temp'], false)",
		 "0");
	value_is(c,
		 "SELECT count(*) >= 10 FROM pg_proc p JOIN pg_namespace n"
		 " ON n.oid = p.pronamespace WHERE n.nspname = 'inmail'"
		 " AND p.prosecdef",
		 "t");
	/* No definer function is owned by anyone but inmail_owner, and
	 * inmail_owner cannot log in or bypass RLS. */
	value_is(c,
		 "SELECT count(*) FROM pg_proc p JOIN pg_namespace n"
		 " ON n.oid = p.pronamespace WHERE n.nspname = 'inmail'"
		 " AND pg_get_userbyid(p.proowner) <> 'inmail_owner'",
		 "0");
	value_is(c,
		 "SELECT rolcanlogin OR rolbypassrls OR rolsuper FROM pg_roles"
		 " WHERE rolname = 'inmail_owner'",
		 "f");
	PQfinish(c);
}

static void test_enum_values(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	char sql[256], want[32];
	static const struct {
		const char *fn;
		long long v;
	} values[] = {
		{"role_candidate", IM_ROLE_CANDIDATE},
		{"state_declined", IM_STATE_DECLINED},
		{"response_custom", IM_RESPONSE_CUSTOM},
		{"kind_followup", IM_KIND_FOLLOWUP},
		{"kind_system", IM_KIND_SYSTEM},
		{"credits_max", IM_CREDITS_MAX},
	};
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		snprintf(sql, sizeof sql, "SELECT inmail.%s()", values[i].fn);
		snprintf(want, sizeof want, "%lld", values[i].v);
		value_is(c, sql, want);
	}
	PQfinish(c);
}

/* A candidate with a password, through libpq: the SQLSTATEs a driver maps
 * to exit codes (IM077 -> 77, 42501 -> 77, IM069 -> 69). */
static void test_candidate_sqlstates(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	must(c, "CREATE ROLE lib_ada LOGIN PASSWORD 'a'; GRANT inmail_admin TO lib_ada;"
		"CREATE ROLE lib_rita LOGIN PASSWORD 'r';"
		"CREATE ROLE lib_jose LOGIN PASSWORD 'j'");
	PQfinish(c);
	PGconn *a = connect_as("lib_ada", "a");
	must(a, "SELECT inmail.account_add('lrita', 'Rita', inmail.role_recruiter(),"
		" 0, 'lib_rita', 1767225600)");
	must(a, "SELECT inmail.account_add('ljose', 'Jose', inmail.role_candidate(),"
		" 0, 'lib_jose', 1767225600)");
	PQfinish(a);
	PGconn *j = connect_as("lib_jose", "j");
	value_is(j, "SELECT inmail.me() = (SELECT id FROM inmail.account"
		    " WHERE handle = 'ljose')", "t");
	refused_with(j, "SELECT inmail.spend(1)", "IM077");
	refused_with(j, "UPDATE inmail.balance SET credits = 5", "42501");
	refused_with(j, "SELECT inmail.credits_grant(1, 5)", "42501");
	PQfinish(j);
	PGconn *r = connect_as("lib_rita", "r");
	refused_with(r, "SELECT inmail.spend(1)", "IM069");
	PQfinish(r);
	/* A wrong password is no connection at all. */
	const char *keys[] = {"user", "password", "dbname", NULL};
	const char *values[] = {"lib_jose", "r", "inmail", NULL};
	PGconn *bad = PQconnectdbParams(keys, values, 0);
	assert_int_equal(PQstatus(bad), CONNECTION_BAD);
	PQfinish(bad);
}

/* The first value of the first row of sql, malloc'd. */
static char *fetch(PGconn *c, const char *sql)
{
	char state[8], value[256];
	run(c, sql, state, sizeof state, value, sizeof value);
	assert_string_equal(state, "");
	return strdup(value);
}

/* The payloads announced to c within ms milliseconds, comma-separated. */
static void wait_announced(PGconn *c, int ms, char *out, size_t n)
{
	*out = '\0';
	struct pollfd p = {.fd = PQsocket(c), .events = POLLIN};
	while (poll(&p, 1, ms) > 0) {
		assert_int_equal(PQconsumeInput(c), 1);
		PGnotify *note;
		while ((note = PQnotifies(c))) {
			size_t len = strlen(out);
			snprintf(out + len, n - len, "%s%s", len ? "," : "",
				 note->extra);
			PQfreemem(note);
		}
		ms = 100; /* the rest of the same commit */
	}
}


/* SPEC 9: a database of schema 1 (before the ledger), upgraded by the
 * install, begins its ledger with one opening row per recruiter equal to
 * its balance; from then on a balance changed without its row is refused
 * at the commit. */
static void test_version_one_gains_the_ledger(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	must(c, "BEGIN");
	must(c, "DROP TRIGGER balance_ledgered ON inmail.balance");
	must(c, "DROP TABLE inmail.ledger, inmail.allotment");
	must(c, "ALTER TABLE inmail.balance DROP COLUMN ledger_sum");
	must(c, "DELETE FROM inmail.migration WHERE version >= 2");
	/* A balance schema 1 kept, with no history. */
	must(c, "UPDATE inmail.balance SET credits = credits + 7 WHERE account ="
		" (SELECT id FROM inmail.account WHERE handle = 'lrita')");
	must(c, "COMMIT");
	value_is(c, "SELECT max(version) FROM inmail.migration", "1");
	char state[8];
	install(c, state, sizeof state);
	assert_string_equal(state, "");
	char want[16];
	snprintf(want, sizeof want, "%d", IM_PG_SCHEMA_VERSION);
	value_is(c, "SELECT max(version) FROM inmail.migration", want);
	value_is(c, "SELECT count(*) FROM inmail.ledger"
		    " WHERE kind <> inmail.ledger_opening() OR thread IS NOT NULL",
		 "0");
	value_is(c, "SELECT (SELECT count(*) FROM inmail.ledger) = (SELECT"
		    " count(*) FROM inmail.account WHERE role ="
		    " inmail.role_recruiter()) AND (SELECT count(*) FROM"
		    " inmail.ledger) > 0", "t");
	value_is(c, "SELECT bool_and(b.credits = (SELECT coalesce(sum(amount), 0)"
		    " FROM inmail.ledger l WHERE l.account = b.account)"
		    " AND b.credits = b.ledger_sum) FROM inmail.balance b", "t");
	value_is(c, "SELECT l.amount FROM inmail.ledger l JOIN inmail.account a"
		    " ON a.id = l.account WHERE a.handle = 'lrita'", "7");
	/* Installing again adds no second opening. */
	install(c, state, sizeof state);
	assert_string_equal(state, "");
	value_is(c, "SELECT count(*) FROM inmail.ledger l JOIN inmail.account a"
		    " ON a.id = l.account WHERE a.handle = 'lrita'", "1");
	must(c, "BEGIN");
	must(c, "UPDATE inmail.balance SET credits = credits + 1 WHERE account ="
		" (SELECT id FROM inmail.account WHERE handle = 'lrita')");
	refused_with(c, "COMMIT", "IM077");
	PQfinish(c);
}
/* Live updates: a change to a thread is announced on its participants'
 * own channels, and only theirs; a channel's name is readable only by
 * its account. */
static void test_listen_on_own_channel(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	must(c, "CREATE ROLE lib_cara LOGIN PASSWORD 'c'");
	PQfinish(c);
	PGconn *a = connect_as("lib_ada", "a");
	must(a, "SELECT inmail.account_add('lcara', 'Cara', inmail.role_candidate(),"
		" 0, 'lib_cara', 1767225600)");
	must(a, "SELECT inmail.credits_grant((SELECT id FROM inmail.account"
		" WHERE handle = 'lrita'), 1)");
	PQfinish(a);

	PGconn *j = connect_as("lib_jose", "j");
	PGconn *k = connect_as("lib_cara", "c");
	char *jch = fetch(j, "SELECT channel FROM inmail.balance");
	char *kch = fetch(k, "SELECT channel FROM inmail.balance");
	assert_true(strncmp(jch, "inmail_", 7) == 0 && strlen(jch) > 30);
	assert_string_not_equal(jch, kch);
	/* Cara cannot learn José's channel. */
	value_is(k, "SELECT count(*) FROM inmail.balance", "1");
	char sql[128];
	snprintf(sql, sizeof sql, "LISTEN \"%s\"", jch);
	must(j, sql);
	snprintf(sql, sizeof sql, "LISTEN \"%s\"", kch);
	must(k, sql);

	PGconn *r = connect_as("lib_rita", "r");
	/* A person's new thread is written SERIALIZABLE (policies.sql). */
	must(r, "BEGIN ISOLATION LEVEL SERIALIZABLE");
	must(r, "SELECT inmail.spend(1)");
	char *tid = fetch(r,
		"INSERT INTO inmail.thread (recruiter, candidate, subject,"
		" created_at, updated_at) VALUES (inmail.me(), (SELECT id FROM"
		" inmail.account WHERE handle = 'ljose'), 'Live', "
		" floor(extract(epoch FROM now()))::bigint,"
		" floor(extract(epoch FROM now()))::bigint) RETURNING id");
	char sql2[320];
	snprintf(sql2, sizeof sql2,
		 "INSERT INTO inmail.message (thread, sender, kind, body, sent_at)"
		 " SELECT id, recruiter, inmail.kind_inmail(), 'Hello', created_at"
		 " FROM inmail.thread WHERE id = %s", tid);
	must(r, sql2);
	/* Its credit, in the ledger (SPEC 9), or the commit is refused. */
	snprintf(sql2, sizeof sql2,
		 "SELECT inmail.note_spend(id, -inmail.inmail_cost(), created_at)"
		 " FROM inmail.thread WHERE id = %s", tid);
	must(r, sql2);
	char got[256];
	/* Nothing before the commit. */
	wait_announced(j, 200, got, sizeof got);
	assert_string_equal(got, "");
	must(r, "COMMIT");
	wait_announced(j, 5000, got, sizeof got);
	assert_string_equal(got, tid);
	wait_announced(k, 300, got, sizeof got);
	assert_string_equal(got, "");
	free(tid);
	free(jch);
	free(kch);
	PQfinish(r);
	PQfinish(j);
	PQfinish(k);
}

static void test_newer_schema_refused(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	must(c, "INSERT INTO inmail.migration (version) VALUES (99)");
	char state[8];
	install(c, state, sizeof state);
	assert_string_equal(state, "IM001");
	/* Left untouched: the version is still the newer one. */
	value_is(c, "SELECT max(version) FROM inmail.migration", "99");
	must(c, "DELETE FROM inmail.migration WHERE version = 99");
	PQfinish(c);
}

/* A database from before SPEC 9's report per template gains its
 * migration when init runs again: thread.template, which a person may
 * write at insert only, and the form's pick in the draft. */
static void test_upgrade_to_sent_from(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	/* The template's migration is 3; the later ones run again after it
	 * (each is idempotent). */
	char want[16], before[16];
	snprintf(want, sizeof want, "%d", IM_PG_SCHEMA_VERSION);
	snprintf(before, sizeof before, "%d", 2);
	must(c, "ALTER TABLE inmail.thread DROP COLUMN template;"
		" ALTER TABLE inmail.draft DROP COLUMN form_template;"
		" DELETE FROM inmail.migration WHERE version >= 3");
	value_is(c, "SELECT max(version) FROM inmail.migration", before);
	char state[8];
	install(c, state, sizeof state);
	assert_string_equal(state, "");
	value_is(c, "SELECT max(version) FROM inmail.migration", want);
	value_is(c, "SELECT count(*) FROM information_schema.columns WHERE"
		    " table_schema = 'inmail' AND ((table_name = 'thread' AND"
		    " column_name = 'template') OR (table_name = 'draft' AND"
		    " column_name = 'form_template'))", "2");
	value_is(c, "SELECT string_agg(privilege_type, ',' ORDER BY"
		    " privilege_type) FROM information_schema.column_privileges"
		    " WHERE table_schema = 'inmail' AND table_name = 'thread'"
		    " AND column_name = 'template' AND grantee = 'PUBLIC'",
		 "INSERT,SELECT");
	PQfinish(c);
}

/* SPEC 9: a database of schema 3 (before the search index), upgraded
 * by the install, gains the index columns computed from the rows it
 * holds, and their GIN indexes. */
static void test_upgrade_to_search(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	must(c, "ALTER TABLE inmail.message DROP COLUMN search;"
		" ALTER TABLE inmail.thread DROP COLUMN search;"
		" ALTER TABLE inmail.account DROP COLUMN search;"
		" DELETE FROM inmail.migration WHERE version >= 4");
	value_is(c, "SELECT max(version) FROM inmail.migration", "3");
	char state[8];
	install(c, state, sizeof state);
	assert_string_equal(state, "");
	/* Every later migration with it (5: the template's identity). */
	char want[16];
	snprintf(want, sizeof want, "%d", IM_PG_SCHEMA_VERSION);
	value_is(c, "SELECT max(version) FROM inmail.migration", want);
	value_is(c, "SELECT count(*) FROM inmail.account WHERE search @@"
		    " inmail.search_query('RITA', false)", "1");
	value_is(c, "SELECT count(*) FROM pg_indexes WHERE schemaname ="
		    " 'inmail' AND indexname IN ('message_search',"
		    " 'thread_search', 'account_search')", "3");
	PQfinish(c);
}

/* attack2 F6: a database of schema 4 gains the identity of templates
 * (template.id, filled for the rows it holds) and of the template each
 * InMail was sent from (thread.template_id, NULL for those before),
 * written with the thread only. */
static void test_upgrade_to_template_identity(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	must(c, "ALTER TABLE inmail.thread DROP COLUMN template_id;"
		" ALTER TABLE inmail.template DROP COLUMN id;"
		" DELETE FROM inmail.migration WHERE version >= 5");
	value_is(c, "SELECT max(version) FROM inmail.migration", "4");
	char state[8];
	install(c, state, sizeof state);
	assert_string_equal(state, "");
	char want[16];
	snprintf(want, sizeof want, "%d", IM_PG_SCHEMA_VERSION);
	value_is(c, "SELECT max(version) FROM inmail.migration", want);
	value_is(c, "SELECT count(*) FROM information_schema.columns WHERE"
		    " table_schema = 'inmail' AND ((table_name = 'thread' AND"
		    " column_name = 'template_id') OR (table_name = 'template'"
		    " AND column_name = 'id' AND is_identity = 'YES'))", "2");
	value_is(c, "SELECT string_agg(privilege_type, ',' ORDER BY"
		    " privilege_type) FROM information_schema.column_privileges"
		    " WHERE table_schema = 'inmail' AND table_name = 'thread'"
		    " AND column_name = 'template_id' AND grantee = 'PUBLIC'",
		 "INSERT,SELECT");
	PQfinish(c);
}

/* A database of schema 5 had the candidate read system lines; running
 * init again gives it migration 6 and the policy that keeps them the
 * recruiter's. */
static void test_upgrade_to_system_lines_unread(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	must(c, "DELETE FROM inmail.migration WHERE version >= 6");
	value_is(c, "SELECT max(version) FROM inmail.migration", "5");
	char state[8];
	install(c, state, sizeof state);
	assert_string_equal(state, "");
	char want[16];
	snprintf(want, sizeof want, "%d", IM_PG_SCHEMA_VERSION);
	value_is(c, "SELECT max(version) FROM inmail.migration", want);
	value_is(c, "SELECT count(*) FROM pg_policies WHERE schemaname = 'inmail'"
		    " AND tablename = 'message' AND policyname = 'participant_reads'"
		    " AND qual LIKE '%kind_system()%'", "1");
	PQfinish(c);
}

/* A database of schema 6 let a person delete drafts and templates (and
 * so LOCK those tables); init again gives it migration 7, the column
 * grants and the definer functions this driver removes them through. */
static void test_upgrade_to_definer_removals(void **ctx)
{
	(void)ctx;
	PGconn *c = super();
	must(c, "DELETE FROM inmail.migration WHERE version >= 7");
	must(c, "DROP FUNCTION inmail.draft_discard(bigint)");
	must(c, "GRANT DELETE ON inmail.draft TO PUBLIC");
	value_is(c, "SELECT max(version) FROM inmail.migration", "6");
	char state[8];
	install(c, state, sizeof state);
	assert_string_equal(state, "");
	value_is(c, "SELECT max(version) FROM inmail.migration", "7");
	value_is(c, "SELECT count(*) FROM pg_proc WHERE proname = 'draft_discard'",
		 "1");
	value_is(c, "SELECT has_table_privilege('public', 'inmail.draft', 'DELETE')",
		 "f");
	PQfinish(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_by_createrole),
		cmocka_unit_test(test_parts_in_order),
		cmocka_unit_test(test_install_twice),
		cmocka_unit_test(test_rls_forced_on_every_table),
		cmocka_unit_test(test_definer_functions_pin_search_path),
		cmocka_unit_test(test_enum_values),
		cmocka_unit_test(test_candidate_sqlstates),
		cmocka_unit_test(test_listen_on_own_channel),
		cmocka_unit_test(test_version_one_gains_the_ledger),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_upgrade_to_sent_from),
		cmocka_unit_test(test_upgrade_to_search),
		cmocka_unit_test(test_upgrade_to_template_identity),
		cmocka_unit_test(test_upgrade_to_system_lines_unread),
		cmocka_unit_test(test_upgrade_to_definer_removals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
