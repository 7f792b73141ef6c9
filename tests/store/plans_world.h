/* The statements both stores' plan tests explain (tests/store/test_plans.c
 * on SQLite, tests/pgdrv/test_pg_plans.c on PostgreSQL): a small world
 * with every kind of row, then every read and write the store prepares
 * while a session lists, pages, counts, shows and writes (the writes
 * rolled back).  Each test then walks im_store_plans with its own idea of
 * a plan that reads a table whole. */
#ifndef INMAIL_TESTS_PLANS_WORLD_H
#define INMAIL_TESTS_PLANS_WORLD_H

#include "fixture.h"
#include "store.h"

/* The store, opened on f's database, with every statement prepared. */
struct im_store *plans_exercise(struct fx *f);

#endif
