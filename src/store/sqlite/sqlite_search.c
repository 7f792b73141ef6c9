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

/* A word drives the search (its threads looked up by id and sorted) when
 * the index holds it in at most this many rows, or in at most
 * sqrt(2.5 x limit x threads): driving costs about 2.8 us a row, walking
 * the account's threads about 2.5 us a thread, and a page of a word in
 * rows rows walks about 3 x limit x threads / rows of them (measured at
 * 1M messages: the two meet near 5,000 rows for a page of 50). */
#define DRIVER_MIN 2000

static enum im_status driver_max(struct im_store *s, size_t limit,
				 int64_t *max)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(SQ(s)->db, "SELECT max(id) FROM thread", -1,
				    &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = SQLITE_OK;
	double threads = rc == SQLITE_OK ? (double)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return store_sqlite_fail(s, rc, "searching");
	double want = 2.5 * (double)limit * threads, v = DRIVER_MIN;
	while (v * v < want) /* a square root without libm, to 1 % */
		v *= 1.01;
	*max = (int64_t)v;
	return IM_OK;
}

/* How many rows of the index hold the FTS5 query fts, counted up to
 * max. */
static enum im_status word_hits(struct im_store *s, const char *fts,
				int64_t max, int64_t *hits)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SEARCH_HITS,
		"SELECT (SELECT count(*) FROM (SELECT 1 FROM message_fts WHERE"
		" message_fts MATCH ?1 LIMIT ?2)) + (SELECT count(*) FROM (SELECT"
		" 1 FROM thread_fts WHERE thread_fts MATCH ?1 LIMIT ?2))");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, max);
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

/* Every term but the words: the thread's own columns and one message's,
 * on t (?3 to ?7). */
static void append_terms(char *sql, size_t size, size_t *len,
			 const struct im_store_search *q, bool rec)
{
	if (q->state >= 0)
		append(sql, size, len, "%s", " AND t.state = ?3");
	if (q->with)
		append(sql, size, len, "%s",
		       rec ? " AND t.candidate = ?4" : " AND t.recruiter = ?4");
	if (q->blocked)
		append(sql, size, len, "%s", " AND t.blocked != 0");
	if (q->archived)
		append(sql, size, len, "%s",
		       rec ? " AND t.archived_by_recruiter != 0"
			   : " AND t.archived_by_candidate != 0");
	if (q->unread)
		append(sql, size, len, "%s",
		       rec ? " AND t.last_from_candidate > t.seen_by_recruiter"
			   : " AND t.last_from_recruiter > t.seen_by_candidate");
	if (q->from || q->after || q->before) {
		append(sql, size, len, "%s",
		       " AND EXISTS (SELECT 1 FROM message m WHERE"
		       " m.thread = t.id");
		if (q->from)
			append(sql, size, len, "%s", " AND m.sender = ?5");
		if (q->after)
			append(sql, size, len, "%s", " AND m.sent_at >= ?6");
		if (q->before)
			append(sql, size, len, "%s", " AND m.sent_at <= ?7");
		append(sql, size, len, "%s", ")");
	}
}

/* How a word is asked of the index.  DRIVE: every thread holding it (a
 * rare word, looked up once).  RANGE: the threads with a message holding
 * it among the messages ?11 to ?12, or holding it in a thread ?9 to ?10:
 * one scan of the word's list over a stretch of ids, for a stretch of
 * threads that own most of the messages in it.  PROBE: the index asked
 * per message of each thread walked; cheap per thread, but each probe
 * seeks the word's list in every segment of the index (about 30 to
 * 180 us at 1M messages), so only for a few threads spread thin. */
enum word_form { WORD_DRIVE, WORD_RANGE, WORD_PROBE };

static void append_word(char *sql, size_t size, size_t *len, int p,
			const char *own, enum word_form form)
{
	char part[700];
	if (form == WORD_PROBE)
		snprintf(part, sizeof part,
			 " AND (EXISTS (SELECT 1 FROM message m JOIN"
			 " message_fts f ON f.rowid = m.id WHERE m.thread ="
			 " t.id AND message_fts MATCH ?%d%s) OR EXISTS (SELECT"
			 " 1 FROM thread_fts WHERE thread_fts MATCH ?%d AND"
			 " rowid = t.id))", p, own, p);
	else
		snprintf(part, sizeof part,
			 " AND t.id IN (SELECT m.thread FROM message_fts f"
			 " JOIN message m ON m.id = f.rowid WHERE"
			 " message_fts MATCH ?%d%s%s UNION SELECT rowid FROM"
			 " thread_fts WHERE thread_fts MATCH ?%d%s)", p,
			 form == WORD_RANGE ? " AND f.rowid BETWEEN ?11 AND ?12"
					    : "", own, p,
			 form == WORD_RANGE ? " AND rowid BETWEEN ?9 AND ?10" : "");
	append(sql, size, len, "%s", part);
}

/* With a driving word its few threads are looked up by id: "+" keeps the
 * planner from walking every thread below the cursor instead. */
static const char *cursor_prefix(const struct im_store_search *q,
				 size_t driver)
{
	return driver < q->n_words ? "+" : "";
}

/* The SQL of a page: the account's threads below ?2 (and within ?9 to
 * ?10 when ranged) meeting the terms and the words, newest first, ?8 of
 * them.  others is the form of the words that do not drive. */
static bool page_sql(char *sql, size_t size, const struct im_store_search *q,
		     size_t driver, bool ranged, enum word_form others)
{
	bool rec = q->side == IM_SIDE_RECRUITER;
	const char *own = rec ? "" : " AND m.sender IS NOT NULL";
	size_t len = (size_t)snprintf(sql, size,
		"SELECT " STORE_THREAD_COLUMNS STORE_THREAD_FROM " WHERE %s = ?1"
		" AND %st.id < ?2", rec ? "t.recruiter" : "t.candidate",
		cursor_prefix(q, driver));
	if (ranged)
		append(sql, size, &len, "%s", " AND t.id BETWEEN ?9 AND ?10");
	append_terms(sql, size, &len, q, rec);
	for (size_t i = 0; i < q->n_words; i++)
		append_word(sql, size, &len, WORD_PARAM + (int)i, own,
			    i == driver ? WORD_DRIVE : others);
	append(sql, size, &len, "%s", " ORDER BY t.id DESC LIMIT ?8");
	return len < size;
}

/* The SQL of the next stretch of threads a page walks: of the next ?13
 * threads below ?2 meeting the terms (and the driving word), how many,
 * their lowest and highest ids, how many messages they have and the
 * lowest and highest ids of those. */
static bool stretch_sql(char *sql, size_t size,
			const struct im_store_search *q, size_t driver)
{
	bool rec = q->side == IM_SIDE_RECRUITER;
	const char *own = rec ? "" : " AND m.sender IS NOT NULL";
	size_t len = (size_t)snprintf(sql, size,
		"SELECT count(*), min(x.id), max(x.id), sum(x.n), min(x.lo),"
		" max(x.hi) FROM (SELECT t.id AS id, (SELECT count(*) FROM"
		" message m WHERE m.thread = t.id) AS n, (SELECT min(m.id) FROM"
		" message m WHERE m.thread = t.id) AS lo, (SELECT max(m.id)"
		" FROM message m WHERE m.thread = t.id) AS hi FROM thread t"
		" WHERE %s = ?1 AND %st.id < ?2", rec ? "t.recruiter" : "t.candidate",
		cursor_prefix(q, driver));
	append_terms(sql, size, &len, q, rec);
	if (driver < q->n_words)
		append_word(sql, size, &len, WORD_PARAM + (int)driver, own,
			    WORD_DRIVE);
	append(sql, size, &len, "%s", " ORDER BY t.id DESC LIMIT ?13) x");
	return len < size;
}

static void bind_query(sqlite3_stmt *st, const struct im_store_search *q,
		       char **fts, int64_t cursor)
{
	/* A parameter a statement does not use is SQLITE_RANGE: harmless. */
	sqlite3_bind_int64(st, 1, q->account);
	sqlite3_bind_int64(st, 2, cursor);
	sqlite3_bind_int(st, 3, q->state);
	sqlite3_bind_int64(st, 4, q->with);
	sqlite3_bind_int64(st, 5, q->from);
	sqlite3_bind_int64(st, 6, q->after);
	sqlite3_bind_int64(st, 7, q->before);
	for (size_t i = 0; i < q->n_words; i++)
		sqlite3_bind_text(st, WORD_PARAM + (int)i, fts[i], -1,
				  SQLITE_STATIC);
}

/* Steps st, adding its rows to rows[*n] up to limit. */
static enum im_status take_rows(struct im_store *s, sqlite3_stmt *st,
				struct im_store_thread *rows, size_t *n,
				size_t limit)
{
	int rc = SQLITE_DONE;
	enum im_status res = IM_OK;
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		res = store_thread_from_row(s, st, &rows[*n]);
		if (res != IM_OK) {
			im_store_thread_clear(&rows[*n]);
			break;
		}
		(*n)++;
	}
	if (res == IM_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		res = store_sqlite_fail(s, rc, "searching");
	sqlite3_reset(st);
	return res;
}

static enum im_status prepare(struct im_store *s, const char *sql,
			      sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(SQ(s)->db, sql, -1, st, NULL);
	return rc == SQLITE_OK ? IM_OK : store_sqlite_fail(s, rc, "searching");
}

/* A page walks stretches of the account's threads, newest first, from
 * this many threads, doubling up to STRETCH_MAX. */
#define STRETCH_MIN 64
#define STRETCH_MAX 4096
/* A stretch is ranged when the message ids from its lowest to its highest
 * are at most this many per message of its own: the scan then reads few
 * other threads' messages for each probe it saves. */
#define RANGE_SPREAD 32

/* The words that do not drive, a stretch at a time: each stretch asks the
 * index once per word (RANGE) when it is dense, else per message. */
static enum im_status walk(struct im_store *s, const struct im_store_search *q,
			   char **fts, size_t driver, size_t limit,
			   struct im_store_thread *rows, size_t *n)
{
	char sql[3][8192];
	sqlite3_stmt *st[3] = {NULL, NULL, NULL}; /* stretch, range, probe */
	if (!stretch_sql(sql[0], sizeof sql[0], q, driver) ||
	    !page_sql(sql[1], sizeof sql[1], q, driver, true, WORD_RANGE) ||
	    !page_sql(sql[2], sizeof sql[2], q, driver, true, WORD_PROBE))
		return store_fail(s, IM_ERR_USAGE, "search: the query is too long");
	/* The stretches and their pages read one snapshot: a message written
	 * between them could fall outside a stretch's ids. */
	bool txn = sqlite3_get_autocommit(SQ(s)->db) != 0;
	if (txn && sqlite3_exec(SQ(s)->db, "BEGIN DEFERRED", NULL, NULL, NULL)
		       != SQLITE_OK)
		return store_sqlite_fail(s, sqlite3_errcode(SQ(s)->db),
					 "searching");
	enum im_status res = prepare(s, sql[0], &st[0]);
	int64_t cursor = q->after_id > 0 ? q->after_id : INT64_MAX;
	int64_t stretch = (int64_t)limit * 2 > STRETCH_MIN
		? (int64_t)limit * 2 : STRETCH_MIN;
	while (res == IM_OK && *n < limit) {
		bind_query(st[0], q, fts, cursor);
		sqlite3_bind_int64(st[0], 13, stretch);
		int rc = sqlite3_step(st[0]);
		int64_t count = 0, lo_t = 0, hi_t = 0, msgs = 0, lo_m = 0, hi_m = 0;
		if (rc == SQLITE_ROW) {
			count = sqlite3_column_int64(st[0], 0);
			lo_t = sqlite3_column_int64(st[0], 1);
			hi_t = sqlite3_column_int64(st[0], 2);
			msgs = sqlite3_column_int64(st[0], 3);
			lo_m = sqlite3_column_int64(st[0], 4);
			hi_m = sqlite3_column_int64(st[0], 5);
		} else {
			res = store_sqlite_fail(s, rc, "searching");
		}
		sqlite3_reset(st[0]);
		if (res != IM_OK || count == 0)
			break;
		int k = hi_m - lo_m < RANGE_SPREAD * (msgs > 0 ? msgs : 1) ? 1 : 2;
		if (!st[k] && (res = prepare(s, sql[k], &st[k])) != IM_OK)
			break;
		bind_query(st[k], q, fts, cursor);
		sqlite3_bind_int64(st[k], 8, (int64_t)(limit - *n));
		sqlite3_bind_int64(st[k], 9, lo_t);
		sqlite3_bind_int64(st[k], 10, hi_t);
		sqlite3_bind_int64(st[k], 11, lo_m);
		sqlite3_bind_int64(st[k], 12, hi_m);
		res = take_rows(s, st[k], rows, n, limit);
		if (count < stretch)
			break; /* no thread below this stretch meets the terms */
		cursor = lo_t;
		if (stretch < STRETCH_MAX)
			stretch *= 2;
	}
	for (int i = 0; i < 3; i++)
		sqlite3_finalize(st[i]);
	if (txn)
		sqlite3_exec(SQ(s)->db, "COMMIT", NULL, NULL, NULL);
	return res;
}

enum im_status sq_search(struct im_store *s, const struct im_store_search *q,
			 size_t limit, struct im_store_thread **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	/* The rarest word, when it is rare enough, drives: its threads are
	 * looked up by id and sorted.  Every other word (all of them when
	 * each is common) is checked over the account's threads walked
	 * newest first (walk), which finds a page of a common word after a
	 * few threads. */
	size_t driver = SIZE_MAX;
	int64_t fewest = DRIVER_MIN;
	char **fts = calloc(q->n_words + 1, sizeof *fts);
	struct im_store_thread *rows = calloc(limit ? limit : 1, sizeof *rows);
	if (!fts || !rows) {
		free(fts);
		free(rows);
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	}
	enum im_status res = q->n_words ? driver_max(s, limit, &fewest) : IM_OK;
	bool none = false; /* a prefix no term starts: nothing matches */
	for (size_t i = 0; res == IM_OK && i < q->n_words; i++) {
		res = expand_prefix(s, &q->words[i], &fts[i]);
		if (res == IM_OK && fts[i] && !fts[i][0])
			none = true;
		if (res == IM_OK && !fts[i] && !(fts[i] = fts_string(&q->words[i])))
			res = store_fail(s, IM_ERR_NOMEM, "out of memory");
		int64_t hits = 0;
		if (res == IM_OK && !none)
			res = word_hits(s, fts[i], fewest, &hits);
		if (res == IM_OK && hits < fewest) {
			fewest = hits;
			driver = i;
		}
	}
	size_t others = q->n_words - (driver < q->n_words ? 1 : 0);
	if (res == IM_OK && !none && limit > 0 && others > 0) {
		res = walk(s, q, fts, driver, limit, rows, n);
	} else if (res == IM_OK && !none && limit > 0) {
		/* Terms alone, or one rare word: one statement. */
		char sql[8192];
		sqlite3_stmt *st = NULL;
		if (!page_sql(sql, sizeof sql, q, driver, false, WORD_PROBE))
			res = store_fail(s, IM_ERR_USAGE,
					 "search: the query is too long");
		else
			res = prepare(s, sql, &st);
		if (res == IM_OK) {
			bind_query(st, q, fts,
				   q->after_id > 0 ? q->after_id : INT64_MAX);
			sqlite3_bind_int64(st, 8, (int64_t)limit);
			res = take_rows(s, st, rows, n, limit);
		}
		sqlite3_finalize(st);
	}
	for (size_t i = 0; i < q->n_words; i++)
		free(fts[i]);
	free(fts);
	if (res != IM_OK) {
		for (size_t i = 0; i < *n; i++)
			im_store_thread_clear(&rows[i]);
		free(rows);
		*n = 0;
		return res;
	}
	*out = rows;
	return IM_OK;
}
