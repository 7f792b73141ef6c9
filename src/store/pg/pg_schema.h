/* The PostgreSQL store's install: roles.sql, enums.sql (generated from
 * include/inmail by gen_enums.c), schema.sql and policies.sql, embedded
 * by the build (embed_sql.py) in the order they run.
 *
 * `inmail init` on a PostgreSQL database runs every part, in order, in
 * one transaction, as a role that can SET ROLE inmail_owner (a member of
 * inmail_admin), with client_min_messages at warning; running it again
 * migrates, and is otherwise a no-op.  A database of a newer schema fails
 * with SQLSTATE IM001 and is left untouched.  init --client-clock then
 * sets, in the same transaction and as inmail_owner:
 *   UPDATE inmail.setting SET value = 'client' WHERE key = 'clock';
 * The guards each part installs are described in README beside it. */
#ifndef INMAIL_PG_SCHEMA_H
#define INMAIL_PG_SCHEMA_H

#include <stddef.h>

struct im_pg_schema_part {
	const char *name; /* "schema.sql" */
	const char *sql;  /* NUL-terminated, several statements */
};
extern const struct im_pg_schema_part im_pg_schema[];
extern const size_t im_pg_schema_parts;

/* The schema version the parts create (the highest inmail.migration). */
#define IM_PG_SCHEMA_VERSION 7

#endif
