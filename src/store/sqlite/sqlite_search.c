/* Search (SPEC 9) on SQLite: the FTS5 index of sqlite_schema.c, joined
 * with the thread's columns.  Each word finds the threads whose subject
 * or names hold it and those with a message holding it; the other terms
 * are the thread's columns and one message's. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_int.h"

#define WORD_PARAM 20 /* ?20, ?21, ...: the words' FTS5 queries */

/* A word as an FTS5 string ("text" with its quotes doubled, then '*' for
 * a prefix): the tokenizer splits it as it split the rows, so a phrase or
 * "c++" is a phrase of its tokens.  malloc'd. */
static char *fts_string(const struct im_store_search_word *w)
{
	size_t n = strlen(w->text), k = 0;
	char *out = malloc(2 * n + 4);
	if (!out)
		return NULL;
	out[k++] = '"';
	for (size_t i = 0; i < n; i++) {
		if (w->text[i] == '"')
			out[k++] = '"';
		out[k++] = w->text[i];
	}
	out[k++] = '"';
	if (w->prefix)
		out[k++] = '*';
	out[k] = '\0';
	return out;
}

/* Below this many rows of the index, a word drives the search. */
#define DRIVER_MAX 2000
#define DRIVER_MAX_SQL "2000"

/* How many rows of the index hold the FTS5 query fts, counted up to
 * DRIVER_MAX. */
static enum im_status word_hits(struct im_store *s, const char *fts,
				int64_t *hits)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SEARCH_HITS,
		"SELECT (SELECT count(*) FROM (SELECT 1 FROM message_fts WHERE"
		" message_fts MATCH ?1 LIMIT " DRIVER_MAX_SQL ")) + (SELECT"
		" count(*) FROM (SELECT 1 FROM thread_fts WHERE thread_fts"
		" MATCH ?1 LIMIT " DRIVER_MAX_SQL "))");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*hits = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW ? IM_OK : store_sqlite_fail(s, rc, "searching");
}

/* At most this many terms replace a prefix. */
#define PREFIX_TERMS 64

/* A prefix of plain ASCII letters and digits (folded as the tokenizer
 * folds them: lower case) becomes the terms of the index it starts, OR'd:
 * a probe of each term seeks in its list, where a prefix query would
 * read every list of the prefix first.  *out is NULL when the prefix is
 * left as it is (not ASCII, a phrase, too many terms); "" when no term
 * starts so. */
static enum im_status expand_prefix(struct im_store *s,
				    const struct im_store_search_word *w,
				    char **out)
{
	*out = NULL;
	char low[64];
	size_t n = strlen(w->text);
	if (!w->prefix || w->phrase || n == 0 || n >= sizeof low)
		return IM_OK;
	for (size_t i = 0; i < n; i++) {
		char c = w->text[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			return IM_OK;
		low[i] = c;
	}
	low[n] = '\0';
	char *err = NULL;
	if (sqlite3_exec(SQ(s)->db,
			 "CREATE VIRTUAL TABLE IF NOT EXISTS temp.message_vocab"
			 " USING fts5vocab(main, message_fts, row);"
			 "CREATE VIRTUAL TABLE IF NOT EXISTS temp.thread_vocab"
			 " USING fts5vocab(main, thread_fts, row);",
			 NULL, NULL, &err) != SQLITE_OK) {
		sqlite3_free(err);
		return IM_OK; /* the prefix query, slower, still answers */
	}
	sqlite3_stmt *st = store_stmt(s, STMT_SEARCH_TERMS,
		"SELECT term FROM temp.message_vocab WHERE term >= ?1 AND"
		" term < ?1 || char(127) UNION SELECT term FROM temp.thread_vocab"
		" WHERE term >= ?1 AND term < ?1 || char(127) LIMIT 65");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_text(st, 1, low, -1, SQLITE_STATIC);
	size_t cap = 16, len = 0, terms = 0;
	char *q = malloc(cap);
	int rc;
	while (q && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		size_t tn = t ? strlen(t) : 0;
		if (++terms > PREFIX_TERMS || !t) {
			free(q);
			q = NULL;
			break;
		}
		if (len + 2 * tn + 8 > cap) {
			cap = 2 * (len + 2 * tn + 8);
			char *nq = realloc(q, cap);
			if (!nq) {
				free(q);
				q = NULL;
				break;
			}
			q = nq;
		}
		len += (size_t)snprintf(q + len, cap - len, "%s\"",
					terms > 1 ? " OR " : "");
		for (size_t i = 0; i < tn; i++) {
			if (t[i] == '"')
				q[len++] = '"';
			q[len++] = t[i];
		}
		q[len++] = '"';
		q[len] = '\0';
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (q && terms == 0)
		q[0] = '\0';
	*out = q;
	return IM_OK;
}

static void append(char *buf, size_t size, size_t *len, const char *fmt,
		   const char *a)
{
	if (*len < size)
		*len += (size_t)snprintf(buf + *len, size - *len, fmt, a);
}

static enum im_status row_fn(struct im_store *s, sqlite3_stmt *st, void *elem,
			     void *arg)
{
	(void)arg;
	return store_thread_from_row(s, st, elem);
}

static void clear_fn(void *elem)
{
	im_store_thread_clear(elem);
}

enum im_status sq_search(struct im_store *s, const struct im_store_search *q,
			 size_t limit, struct im_store_thread **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	bool rec = q->side == IM_SIDE_RECRUITER;
	char sql[8192];
	size_t len = 0;
	len += (size_t)snprintf(sql, sizeof sql,
		"SELECT " STORE_THREAD_COLUMNS STORE_THREAD_FROM " WHERE %s = ?1",
		rec ? "t.recruiter" : "t.candidate");
	if (q->after_id > 0)
		append(sql, sizeof sql, &len, "%s", " AND t.id < ?2");
	if (q->state >= 0)
		append(sql, sizeof sql, &len, "%s", " AND t.state = ?3");
	if (q->with)
		append(sql, sizeof sql, &len, "%s",
		       rec ? " AND t.candidate = ?4" : " AND t.recruiter = ?4");
	if (q->blocked)
		append(sql, sizeof sql, &len, "%s", " AND t.blocked != 0");
	if (q->archived)
		append(sql, sizeof sql, &len, "%s",
		       rec ? " AND t.archived_by_recruiter != 0"
			   : " AND t.archived_by_candidate != 0");
	if (q->unread)
		append(sql, sizeof sql, &len, "%s",
		       rec ? " AND t.last_from_candidate > t.seen_by_recruiter"
			   : " AND t.last_from_recruiter > t.seen_by_candidate");
	if (q->from || q->after || q->before) {
		append(sql, sizeof sql, &len, "%s",
		       " AND EXISTS (SELECT 1 FROM message m WHERE"
		       " m.thread = t.id");
		if (q->from)
			append(sql, sizeof sql, &len, "%s", " AND m.sender = ?5");
		if (q->after)
			append(sql, sizeof sql, &len, "%s", " AND m.sent_at >= ?6");
		if (q->before)
			append(sql, sizeof sql, &len, "%s", " AND m.sent_at <= ?7");
		append(sql, sizeof sql, &len, "%s", ")");
	}
	/* The rarest word, when it is rare enough, drives: its threads are
	 * looked up by id and sorted.  Every other word (all of them when
	 * each is common) is a probe of the index per thread, walking the
	 * account's threads newest first, which finds a page of a common
	 * word after a few threads. */
	size_t driver = SIZE_MAX;
	int64_t fewest = DRIVER_MAX;
	char **fts = calloc(q->n_words + 1, sizeof *fts);
	if (!fts)
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	enum im_status res = IM_OK;
	bool none = false; /* a prefix no term starts: nothing matches */
	for (size_t i = 0; res == IM_OK && i < q->n_words; i++) {
		res = expand_prefix(s, &q->words[i], &fts[i]);
		if (res == IM_OK && fts[i] && !fts[i][0])
			none = true;
		if (res == IM_OK && !fts[i] && !(fts[i] = fts_string(&q->words[i])))
			res = store_fail(s, IM_ERR_NOMEM, "out of memory");
		int64_t hits = 0;
		if (res == IM_OK && !none)
			res = word_hits(s, fts[i], &hits);
		if (res == IM_OK && hits < fewest) {
			fewest = hits;
			driver = i;
		}
	}
	if (res != IM_OK || none) {
		for (size_t i = 0; i < q->n_words; i++)
			free(fts[i]);
		free(fts);
		return res;
	}
	const char *own = rec ? "" : " AND m.sender IS NOT NULL";
	for (size_t i = 0; i < q->n_words; i++) {
		char part[640];
		int p = WORD_PARAM + (int)i;
		if (i == driver)
			snprintf(part, sizeof part,
				 " AND t.id IN (SELECT m.thread FROM message_fts f"
				 " JOIN message m ON m.id = f.rowid WHERE"
				 " message_fts MATCH ?%d%s UNION SELECT rowid FROM"
				 " thread_fts WHERE thread_fts MATCH ?%d)", p, own, p);
		else
			snprintf(part, sizeof part,
				 " AND (EXISTS (SELECT 1 FROM message m JOIN"
				 " message_fts f ON f.rowid = m.id WHERE m.thread ="
				 " t.id AND message_fts MATCH ?%d%s) OR EXISTS (SELECT"
				 " 1 FROM thread_fts WHERE thread_fts MATCH ?%d AND"
				 " rowid = t.id))", p, own, p);
		append(sql, sizeof sql, &len, "%s", part);
	}
	append(sql, sizeof sql, &len, "%s", " ORDER BY t.id DESC LIMIT ?8");
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_OK;
	if (len >= sizeof sql)
		res = store_fail(s, IM_ERR_USAGE, "search: the query is too long");
	else if ((rc = sqlite3_prepare_v2(SQ(s)->db, sql, -1, &st, NULL))
		 != SQLITE_OK)
		res = store_sqlite_fail(s, rc, "searching");
	if (res != IM_OK) {
		for (size_t i = 0; i < q->n_words; i++)
			free(fts[i]);
		free(fts);
		return res;
	}
	sqlite3_bind_int64(st, 1, q->account);
	sqlite3_bind_int64(st, 2, q->after_id);
	sqlite3_bind_int(st, 3, q->state);
	sqlite3_bind_int64(st, 4, q->with);
	sqlite3_bind_int64(st, 5, q->from);
	sqlite3_bind_int64(st, 6, q->after);
	sqlite3_bind_int64(st, 7, q->before);
	sqlite3_bind_int64(st, 8, (int64_t)limit);
	for (size_t i = 0; i < q->n_words; i++)
		sqlite3_bind_text(st, WORD_PARAM + (int)i, fts[i], -1, free);
	free(fts);
	void *rows = NULL;
	res = store_fetch(s, st, limit ? limit : 1,
					 sizeof(struct im_store_thread), row_fn,
					 NULL, clear_fn, "searching", &rows, n);
	sqlite3_finalize(st);
	if (res == IM_OK)
		*out = rows;
	return res;
}
