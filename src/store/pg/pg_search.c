/* Search (SPEC 9) on PostgreSQL, under the row-level security like every
 * read.  A fallback, not the server's full-text search yet: the thread's
 * columns and one message's (from:, after:, before:) are conditions in
 * SQL; the words are matched in the client, each a case-folded substring
 * of the subject, the parties' names or a message (src/text, the same
 * folding as the folder filter), over batches of the account's threads
 * newest first.  Accents are not folded here, and a word matches inside a
 * longer word (so a prefix* is a substring too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/text.h"
#include "pg_int.h"

#define SEARCH_BATCH 256
#define TEXT_COL 24 /* after PG_THREAD_COLUMNS */

/* $1 account, $2 ids below, $3 state (-1 any), $4 the other party (0
 * any), $5 a message's sender (0 any), $6 .. $7 its time (0 any), $8
 * flags: 1 blocked, 2 archived, 4 unread. */
static const char *search_sql(bool rec)
{
	return rec
	? "SELECT " PG_THREAD_COLUMNS ", t.subject || ' ' || r.name || ' ' ||"
	  " c.name || ' ' || coalesce((SELECT string_agg(m.body, ' ') FROM"
	  " message m WHERE m.thread = t.id), '')" PG_THREAD_FROM
	  " WHERE t.recruiter = $1::bigint AND t.id < $2::bigint"
	  " AND ($3::int < 0 OR t.state = $3::int)"
	  " AND ($4::bigint = 0 OR t.candidate = $4::bigint)"
	  " AND ($8::int & 1 = 0 OR t.blocked)"
	  " AND ($8::int & 2 = 0 OR t.archived_by_recruiter)"
	  " AND ($8::int & 4 = 0 OR t.last_from_candidate > t.seen_by_recruiter)"
	  " AND ($5::bigint = 0 AND $6::bigint = 0 AND $7::bigint = 0 OR EXISTS"
	  " (SELECT 1 FROM message m WHERE m.thread = t.id AND ($5::bigint = 0"
	  " OR m.sender = $5::bigint) AND ($6::bigint = 0 OR m.sent_at >="
	  " $6::bigint) AND ($7::bigint = 0 OR m.sent_at <= $7::bigint)))"
	  " ORDER BY t.id DESC LIMIT 256"
	: "SELECT " PG_THREAD_COLUMNS ", t.subject || ' ' || r.name || ' ' ||"
	  " c.name || ' ' || coalesce((SELECT string_agg(m.body, ' ') FROM"
	  " message m WHERE m.thread = t.id AND m.sender IS NOT NULL), '')" PG_THREAD_FROM
	  " WHERE t.candidate = $1::bigint AND t.id < $2::bigint"
	  " AND ($3::int < 0 OR t.state = $3::int)"
	  " AND ($4::bigint = 0 OR t.recruiter = $4::bigint)"
	  " AND ($8::int & 1 = 0 OR t.blocked)"
	  " AND ($8::int & 2 = 0 OR t.archived_by_candidate)"
	  " AND ($8::int & 4 = 0 OR t.last_from_recruiter > t.seen_by_candidate)"
	  " AND ($5::bigint = 0 AND $6::bigint = 0 AND $7::bigint = 0 OR EXISTS"
	  " (SELECT 1 FROM message m WHERE m.thread = t.id AND ($5::bigint = 0"
	  " OR m.sender = $5::bigint) AND ($6::bigint = 0 OR m.sent_at >="
	  " $6::bigint) AND ($7::bigint = 0 OR m.sent_at <= $7::bigint)))"
	  " ORDER BY t.id DESC LIMIT 256";
}

static bool words_match(const struct im_store_search *q, const char *text)
{
	for (size_t i = 0; i < q->n_words; i++)
		if (!im_text_contains_folded(text, q->words[i].text))
			return false;
	return true;
}

enum im_status pq_search(struct im_store *s, const struct im_store_search *q,
			 size_t limit, struct im_store_thread **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	bool rec = q->side == IM_SIDE_RECRUITER;
	struct im_store_thread *list = calloc(limit + 1, sizeof *list);
	if (!list)
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	size_t got = 0;
	enum im_status st = IM_OK;
	int64_t below = q->after_id > 0 ? q->after_id : INT64_MAX;
	int flags = (q->blocked ? 1 : 0) | (q->archived ? 2 : 0) |
		    (q->unread ? 4 : 0);
	while (got < limit) {
		struct pg_params p = {0};
		pgp_int(&p, q->account);
		pgp_int(&p, below);
		pgp_int(&p, q->state);
		pgp_int(&p, q->with);
		pgp_int(&p, q->from);
		pgp_int(&p, q->after);
		pgp_int(&p, q->before);
		pgp_int(&p, flags);
		PGresult *r = pg_run(s, rec ? PG_SEARCH_RECRUITER
					    : PG_SEARCH_CANDIDATE,
				     search_sql(rec), &p, "searching");
		if (!r) {
			st = PG(s)->status;
			break;
		}
		int rows = PQntuples(r);
		for (int i = 0; st == IM_OK && i < rows && got < limit; i++) {
			if (!words_match(q, PQgetvalue(r, i, TEXT_COL)))
				continue;
			st = pg_thread_from_row(s, r, i, &list[got]);
			if (st == IM_OK)
				got++;
		}
		if (rows > 0)
			below = pg_int(r, rows - 1, 0);
		PQclear(r);
		if (st != IM_OK || rows < SEARCH_BATCH)
			break;
	}
	if (st != IM_OK) {
		for (size_t k = 0; k < got; k++)
			im_store_thread_clear(&list[k]);
		free(list);
		return st;
	}
	*out = list;
	*n = got;
	return IM_OK;
}
