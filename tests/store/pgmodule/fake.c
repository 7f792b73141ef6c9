/* A module that names itself the PostgreSQL driver of another inmail:
 * store.c must refuse it rather than call its table. */
#include <stddef.h>

const char *const store_pg_version = "0.0.0-another-build";
const size_t store_pg_table_size = 1;
const int store_pg_driver = 0;
