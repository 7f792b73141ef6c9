/* One-number queries the hardening tests check the database with. */
#ifndef INMAIL_TEST_DBQ_H
#define INMAIL_TEST_DBQ_H

#include <sqlite3.h>
#include <stdint.h>

/* The first column of the first row of sql; aborts the test on error. */
int64_t dbq_int(sqlite3 *db, const char *sql);
/* The same with one text parameter bound to ?1. */
int64_t dbq_int_text(sqlite3 *db, const char *sql, const char *arg);
/* Opens path read-only, waiting while another process writes. */
sqlite3 *dbq_open(const char *path);

#endif
