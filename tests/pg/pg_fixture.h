/* For tests that run under pg_server.sh (which loaded the inmail schema
 * into the database inmail): a fresh database per test case, copied from
 * that one, and people who log in with passwords.  libpq only; nothing
 * here knows the store interface.
 *
 * Every function aborts the test program (with a line on stderr) when
 * the server refuses: a fixture that half-worked would only mislead. */
#ifndef INMAIL_PG_FIXTURE_H
#define INMAIL_PG_FIXTURE_H

#include <libpq-fe.h>

/* A connection as the server's bootstrap superuser (trust) to db (NULL:
 * the database inmail). */
PGconn *pg_fixture_super(const char *db);

/* Creates the database name as a copy of inmail (schema, policies, no
 * rows), dropping an old one first; returns its URI for --db (malloc'd),
 * with the socket's host and no user (set PGUSER/PGPASSWORD or append
 * "&user=..."). */
char *pg_fixture_fresh_db(const char *name);

/* Creates the login role if it is missing, with password (NULL: none),
 * a member of inmail_admin when admin. */
void pg_fixture_login(const char *role, const char *password, int admin);

/* A connection as role with password to db (NULL: inmail). */
PGconn *pg_fixture_connect(const char *role, const char *password,
			   const char *db);

#endif
