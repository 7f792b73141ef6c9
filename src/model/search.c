/* Search (SPEC 9): the acting account's threads that meet a query, newest
 * first, a keyset page at a time.  The parser (query.c) reads the syntax;
 * here the terms become the store's conditions on that account's side
 * only, so an account never finds a thread it is not a party of. */
#include <stdlib.h>
#include <string.h>

#include "model_int.h"
#include "query.h"

/* An account's id by handle, 0 when there is none (then nothing can
 * match). */
static enum im_status handle_id(struct im_model *m, const char *handle,
				int64_t *id)
{
	/* Handles are lower case (the handle rules): From:Jose is jose. */
	char low[64];
	size_t n = strlen(handle);
	if (n >= sizeof low) {
		*id = 0;
		return IM_OK;
	}
	for (size_t i = 0; i <= n; i++)
		low[i] = handle[i] >= 'A' && handle[i] <= 'Z'
			? (char)(handle[i] - 'A' + 'a') : handle[i];
	struct im_account a = {0};
	enum im_status st = im_store_account_by_handle(m->store, low, &a);
	*id = st == IM_OK ? a.id : 0;
	im_account_clear(&a);
	return st == IM_ERR_NOT_FOUND ? IM_OK : st;
}

enum im_status im_search(struct im_model *m, const char *query,
			 int64_t after_id, size_t limit, struct im_page *out)
{
	memset(out, 0, sizeof *out);
	enum im_status st = model_need_actor(m, -1, "searching");
	if (st != IM_OK)
		return st;
	if (after_id < 0)
		return model_fail(m, IM_ERR_USAGE, "search: --after is a thread id");
	struct query q;
	char err[512];
	if (!query_parse(query, &q, err, sizeof err))
		return model_fail(m, IM_ERR_USAGE, "%s", err);
	struct im_store_search_word words[QUERY_MAX_WORDS];
	for (size_t i = 0; i < q.n_words; i++)
		words[i] = (struct im_store_search_word){
			q.words[i].text, q.words[i].prefix, q.words[i].phrase};
	struct im_store_search sq = {
		.account = m->actor.id,
		.side = m->actor.role == IM_ROLE_RECRUITER ? IM_SIDE_RECRUITER
							   : IM_SIDE_CANDIDATE,
		.words = words,
		.n_words = q.n_words,
		.state = q.state,
		.unread = q.unread,
		.blocked = q.blocked,
		.archived = q.archived,
		.after = q.after,
		.before = q.before,
		.after_id = after_id,
	};
	bool never = q.never || (q.after && q.before && q.after > q.before);
	if (!never && q.from) {
		st = handle_id(m, q.from, &sq.from);
		never = st == IM_OK && sq.from == 0;
	}
	if (st == IM_OK && !never && q.with) {
		st = handle_id(m, q.with, &sq.with);
		never = st == IM_OK && (sq.with == 0 || sq.with == m->actor.id);
	}
	struct im_store_thread *rows = NULL;
	size_t n = 0;
	if (st == IM_OK && !never && limit > 0)
		st = im_store_search(m->store, &sq, limit, &rows, &n);
	query_free(&q);
	if (st != IM_OK)
		return model_store_fail(m, st);
	out->items = calloc(n ? n : 1, sizeof *out->items);
	if (!out->items) {
		im_store_threads_free(&rows, n);
		return model_fail(m, IM_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		model_thread_judge(m, &rows[i], sq.side);
		out->items[i] = rows[i].t;
		memset(&rows[i].t, 0, sizeof rows[i].t);
		im_store_thread_clear(&rows[i]);
	}
	out->n = n;
	free(rows);
	return IM_OK;
}
