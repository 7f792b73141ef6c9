/* inmail copy (SPEC 7): an SQLite file into a PostgreSQL database. */
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

static enum im_status copy_fail(char **err, enum im_status st, const char *why)
{
	if (err && !*err)
		*err = strdup(why);
	return st;
}

/* A server's database into a new SQLite file, for backups. */
static enum im_status copy_out(struct im_store *src, const char *to,
			       void (*progress)(void *arg, int64_t done,
						int64_t total),
			       void *arg, char **err)
{
	struct im_store *file = NULL;
	enum im_status st = im_store_open(to, true, &model_store_rules, &file,
					  err);
	if (st == IM_OK) {
		st = im_store_copy_out(src, file, progress, arg);
		if (st != IM_OK)
			copy_fail(err, st, im_store_error(src));
	}
	im_store_close(&file);
	im_store_close(&src);
	return st;
}

enum im_status im_model_copy(const char *from, const char *to,
			     bool client_clock,
			     void (*progress)(void *arg, int64_t done,
					      int64_t total),
			     void *arg, char **err)
{
	if (err)
		*err = NULL;
	/* The file is an inmail database of this version's schema
	 * (upgraded as any open would), not a server's. */
	struct im_store *src = NULL;
	enum im_status st = im_store_open(from, false, &model_store_rules,
					  &src, err);
	if (st != IM_OK)
		return st;
	struct im_store_session se;
	st = im_store_session(src, &se);
	if (st == IM_OK && se.logins)
		return copy_out(src, to, progress, arg, err);
	im_store_close(&src);
	struct im_model *m = NULL;
	if ((st = im_model_open(to, IM_OPEN_CREATE, &m, err)) != IM_OK)
		return st;
	if (client_clock)
		st = im_model_keep_client_clock(m);
	if (st == IM_OK && (st = im_store_copy_in(m->store, from, progress,
						  arg)) != IM_OK)
		model_store_fail(m, st);
	if (st != IM_OK)
		copy_fail(err, st, m->err);
	im_model_close(&m);
	return st;
}
