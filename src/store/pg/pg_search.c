/* Search (SPEC 9) on PostgreSQL: the server's full-text search, as
 * sqlite_search.c searches FTS5.  schema.sql (migration 4) folds text as
 * SQLite's unicode61 tokenizer does and keeps a tsvector of each
 * message's body, thread's subject and account's name, GIN-indexed.
 * Each word becomes a tsquery on the server (inmail.search_query: its
 * folded tokens in a row, never parsed as tsquery syntax), as does the
 * set of the account's threads it is found in, when it is rare enough
 * to drive (inmail.search_ids, under 2000 rows of the index).  The
 * rarest such word drives: its threads are read by id.  Every other word
 * (all of them when each is common) is a probe per thread, walking the
 * account's threads newest first.  Rows are read under the policies. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"

/* $1 account, $2 ids below, $3 state (-1 any), $4 the other party (0
 * any), $5 a message's sender (0 any), $6 .. $7 its time (0 any), $8
 * flags: 1 blocked, 2 archived, 4 unread, $9 the words' tsqueries each
 * thread must hold (in its subject, its names, or a message: OWN limits
 * the messages), $10 the limit. */
#define SEARCH_WHERE(SELF, OTHER, ARCHIVED, UNREAD, OWN)                     \
	" WHERE t." SELF " = $1::bigint AND t.id < $2::bigint"               \
	" AND ($3::int < 0 OR t.state = $3::int)"                            \
	" AND ($4::bigint = 0 OR t." OTHER " = $4::bigint)"                  \
	" AND ($8::int & 1 = 0 OR t.blocked)"                                \
	" AND ($8::int & 2 = 0 OR t." ARCHIVED ")"                           \
	" AND ($8::int & 4 = 0 OR " UNREAD ")"                               \
	" AND ($5::bigint = 0 AND $6::bigint = 0 AND $7::bigint = 0 OR EXISTS" \
	" (SELECT 1 FROM message m WHERE m.thread = t.id AND ($5::bigint = 0" \
	" OR m.sender = $5::bigint) AND ($6::bigint = 0 OR m.sent_at >="      \
	" $6::bigint) AND ($7::bigint = 0 OR m.sent_at <= $7::bigint)))"      \
	" AND NOT EXISTS (SELECT 1 FROM unnest($9::tsquery[]) w(q) WHERE NOT" \
	" (t.search @@ w.q OR (r.search || c.search) @@ w.q OR EXISTS"        \
	" (SELECT 1 FROM message m WHERE m.thread = t.id AND m.search @@ w.q" \
	OWN ")))"
#define SEARCH_RECRUITER                                                      \
	"SELECT " PG_THREAD_COLUMNS PG_THREAD_FROM                            \
	SEARCH_WHERE("recruiter", "candidate", "archived_by_recruiter",       \
		     "t.last_from_candidate > t.seen_by_recruiter", "")
#define SEARCH_CANDIDATE                                                      \
	"SELECT " PG_THREAD_COLUMNS PG_THREAD_FROM                            \
	SEARCH_WHERE("candidate", "recruiter", "archived_by_candidate",       \
		     "t.last_from_recruiter > t.seen_by_candidate",           \
		     " AND m.sender IS NOT NULL")
/* $11: the driving word's threads. */
#define BY_IDS " AND t.id = ANY($11::bigint[])"
#define PAGE " ORDER BY t.id DESC LIMIT $10::bigint"

/* A word's tsquery (text, as the server wrote it) and the ids of the
 * account's threads holding it, NULL when it is too common to drive.
 * $1 the word, $2 a prefix, $3 system lines count, $4 the account (the
 * owner's sessions: a person's is inmail.me()). */
#define WORD_SQL(IDS)                                                         \
	"SELECT q::text, ids::text, cardinality(ids) FROM (SELECT"           \
	" inmail.search_query($1::text, $2::boolean) AS q, " IDS " AS ids) x"

struct word {
	char *query;  /* tsquery text */
	char *ids;    /* "{1,2}", or NULL: common */
	int64_t n_ids;
};

static enum im_status word_lookup(struct im_store *s,
				  const struct im_store_search *q,
				  const struct im_store_search_word *w,
				  struct word *out)
{
	bool owner = PG(s)->owner;
	struct pg_params p = {0};
	pgp_text(&p, w->text);
	pgp_bool(&p, w->prefix);
	pgp_bool(&p, q->side == IM_SIDE_RECRUITER);
	if (owner)
		pgp_int(&p, q->account);
	PGresult *r = owner
		? pg_run(s, PG_SEARCH_WORD_OWNER, WORD_SQL(
			 "inmail.search_ids_of($4::bigint, $1::text, $2::boolean,"
			 " $3::boolean)"), &p, "searching")
		: pg_run(s, PG_SEARCH_WORD, WORD_SQL(
			 "inmail.search_ids($1::text, $2::boolean, $3::boolean)"),
			 &p, "searching");
	if (!r)
		return PG(s)->status;
	out->query = pg_text(r, 0, 0);
	out->ids = pg_isnull(r, 0, 1) ? NULL : pg_text(r, 0, 1);
	out->n_ids = pg_isnull(r, 0, 2) ? 0 : pg_int(r, 0, 2);
	bool nomem = !out->query || (!pg_isnull(r, 0, 1) && !out->ids);
	PQclear(r);
	return nomem ? store_fail(s, IM_ERR_NOMEM, "out of memory") : IM_OK;
}

/* The words but skip as an array literal of tsqueries ("{"'a' <-> 'b'"}"):
 * each element double-quoted, its '"' and '\' escaped.  malloc'd. */
static char *query_array(const struct word *words, size_t n, size_t skip)
{
	size_t cap = 3;
	for (size_t i = 0; i < n; i++)
		cap += 2 * strlen(words[i].query) + 3;
	char *out = malloc(cap), *o = out;
	if (!out)
		return NULL;
	*o++ = '{';
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (i == skip)
			continue;
		if (!first)
			*o++ = ',';
		first = false;
		*o++ = '"';
		for (const char *c = words[i].query; *c; c++) {
			if (*c == '"' || *c == '\\')
				*o++ = '\\';
			*o++ = *c;
		}
		*o++ = '"';
	}
	*o++ = '}';
	*o = '\0';
	return out;
}

enum im_status pq_search(struct im_store *s, const struct im_store_search *q,
			 size_t limit, struct im_store_thread **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	bool rec = q->side == IM_SIDE_RECRUITER;
	struct word *words = calloc(q->n_words + 1, sizeof *words);
	if (!words)
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	enum im_status st = IM_OK;
	size_t driver = SIZE_MAX;
	bool none = false; /* a word in none of the account's threads */
	for (size_t i = 0; st == IM_OK && !none && i < q->n_words; i++) {
		st = word_lookup(s, q, &q->words[i], &words[i]);
		if (st != IM_OK || !words[i].ids)
			continue;
		if (words[i].n_ids == 0)
			none = true;
		else if (driver == SIZE_MAX ||
			 words[i].n_ids < words[driver].n_ids)
			driver = i;
	}
	char *queries = NULL;
	struct im_store_thread *list = NULL;
	if (st == IM_OK && !none && !(queries = query_array(words, q->n_words,
							    driver)))
		st = store_fail(s, IM_ERR_NOMEM, "out of memory");
	if (st == IM_OK && !none &&
	    !(list = calloc(limit + 1, sizeof *list)))
		st = store_fail(s, IM_ERR_NOMEM, "out of memory");
	size_t got = 0;
	if (st == IM_OK && !none) {
		struct pg_params p = {0};
		pgp_int(&p, q->account);
		pgp_int(&p, q->after_id > 0 ? q->after_id : INT64_MAX);
		pgp_int(&p, q->state);
		pgp_int(&p, q->with);
		pgp_int(&p, q->from);
		pgp_int(&p, q->after);
		pgp_int(&p, q->before);
		pgp_int(&p, (q->blocked ? 1 : 0) | (q->archived ? 2 : 0) |
			    (q->unread ? 4 : 0));
		pgp_text(&p, queries);
		pgp_int(&p, (int64_t)limit);
		PGresult *r;
		if (driver != SIZE_MAX) {
			pgp_text(&p, words[driver].ids);
			r = rec ? pg_run(s, PG_SEARCH_RECRUITER_IDS,
					 SEARCH_RECRUITER BY_IDS PAGE, &p,
					 "searching")
				: pg_run(s, PG_SEARCH_CANDIDATE_IDS,
					 SEARCH_CANDIDATE BY_IDS PAGE, &p,
					 "searching");
		} else {
			r = rec ? pg_run(s, PG_SEARCH_RECRUITER,
					 SEARCH_RECRUITER PAGE, &p, "searching")
				: pg_run(s, PG_SEARCH_CANDIDATE,
					 SEARCH_CANDIDATE PAGE, &p, "searching");
		}
		if (!r)
			st = PG(s)->status;
		int rows = r ? PQntuples(r) : 0;
		for (int i = 0; st == IM_OK && i < rows && got < limit; i++) {
			st = pg_thread_from_row(s, r, i, &list[got]);
			if (st == IM_OK)
				got++;
		}
		PQclear(r);
	}
	for (size_t i = 0; i < q->n_words; i++) {
		free(words[i].query);
		free(words[i].ids);
	}
	free(words);
	free(queries);
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
