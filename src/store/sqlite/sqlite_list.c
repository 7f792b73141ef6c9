/* Folders: which threads each holds, a page at a time, and their counts.
 * Pages use keyset paging on (key, id), never OFFSET, so a page costs the
 * same at the end of a large folder as at its start. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_int.h"

/* A query's shape: which cached statement slot it uses. */
static int list_shape(const struct im_store_folder_query *q)
{
	return (((int)q->side * 3 + (q->archived + 1)) * 3 + (q->responded + 1))
		       * 2 + (int)q->order;
}

static bool query_ok(const struct im_store_folder_query *q)
{
	return (q->side == IM_SIDE_RECRUITER || q->side == IM_SIDE_CANDIDATE) &&
	       q->archived >= -1 && q->archived <= 1 && q->responded >= -1 &&
	       q->responded <= 1 &&
	       (q->order == IM_STORE_BY_UPDATED || q->order == IM_STORE_BY_CREATED);
}

static const char *order_key_sql(const struct im_store_folder_query *q)
{
	return q->order == IM_STORE_BY_CREATED ? "t.created_at" : "t.updated_at";
}

/* The WHERE clause of a query: ?1 is the account, ?6 the archived flag.
 * Only the shape is text; every value is bound. */
static void where_sql(const struct im_store_folder_query *q, char *buf,
		      size_t size)
{
	bool rec = q->side == IM_SIDE_RECRUITER;
	snprintf(buf, size, "%s = ?1%s%s",
		 rec ? "t.recruiter" : "t.candidate",
		 q->archived < 0 ? ""
		 : rec ? " AND t.archived_by_recruiter = ?6"
		       : " AND t.archived_by_candidate = ?6",
		 q->responded < 0   ? ""
		 : q->responded > 0 ? " AND t.responded_at IS NOT NULL"
				    : " AND t.responded_at IS NULL");
}

/* The search filter (?2) over the subject and the other party's name. */
static const char *filter_sql(enum im_side side)
{
	return side == IM_SIDE_RECRUITER
		       ? " AND im_match(t.subject || ' ' || c.name, ?2)"
		       : " AND im_match(t.subject || ' ' || r.name, ?2)";
}

static bool has_filter(const struct im_store_folder_query *q)
{
	return q->filter && *q->filter;
}

static enum im_status thread_row(struct im_store *s, sqlite3_stmt *st,
				 void *elem, void *arg)
{
	(void)arg;
	return store_thread_from_row(s, st, elem);
}

static void thread_clear(void *elem)
{
	im_store_thread_clear(elem);
}

enum im_status sq_thread_page(struct im_store *s,
				    const struct im_store_folder_query *q,
				    enum im_page_dir dir,
				    const struct im_cursor *at, size_t limit,
				    struct im_store_thread **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if ((dir == IM_PAGE_AFTER || dir == IM_PAGE_BEFORE) && !at)
		dir = dir == IM_PAGE_AFTER ? IM_PAGE_FIRST : IM_PAGE_LAST;
	if (!query_ok(q))
		return store_fail(s, IM_ERR_INVALID, "no such list of threads");
	bool filtered = has_filter(q);
	int slot = STMT_PAGE_BASE + (list_shape(q) * 4 + (int)dir) * 2 + filtered;
	/* Pages toward the end read newest-first; toward the start, oldest-
	 * first, then are turned around. */
	bool ascending = dir == IM_PAGE_BEFORE || dir == IM_PAGE_LAST;
	const char *key = order_key_sql(q);
	char sql[2048], range[256] = "", where[256];
	where_sql(q, where, sizeof where);
	if (dir == IM_PAGE_AFTER)
		snprintf(range, sizeof range,
			 " AND (%s < ?3 OR (%s = ?3 AND t.id < ?4))", key, key);
	else if (dir == IM_PAGE_BEFORE)
		snprintf(range, sizeof range,
			 " AND (%s > ?3 OR (%s = ?3 AND t.id > ?4))", key, key);
	snprintf(sql, sizeof sql,
		 "SELECT " STORE_THREAD_COLUMNS STORE_THREAD_FROM
		 " WHERE %s%s%s ORDER BY %s %s, t.id %s LIMIT ?5",
		 where, filtered ? filter_sql(q->side) : "", range, key,
		 ascending ? "ASC" : "DESC", ascending ? "ASC" : "DESC");
	sqlite3_stmt *st = store_stmt(s, (enum store_stmt)slot, sql);
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, q->account);
	if (filtered)
		sqlite3_bind_text(st, 2, q->filter, -1, SQLITE_STATIC);
	if (q->archived >= 0)
		sqlite3_bind_int(st, 6, q->archived);
	if (at && (dir == IM_PAGE_AFTER || dir == IM_PAGE_BEFORE)) {
		sqlite3_bind_int64(st, 3, at->key);
		sqlite3_bind_int64(st, 4, at->id);
	}
	sqlite3_bind_int64(st, 5, (int64_t)limit);

	void *rows = NULL;
	enum im_status res =
		store_fetch(s, st, limit ? limit : 1,
			    sizeof(struct im_store_thread), thread_row, NULL,
			    thread_clear, "listing threads", &rows, n);
	if (res != IM_OK)
		return res;
	struct im_store_thread *list = rows;
	if (ascending) {
		for (size_t i = 0; i < *n / 2; i++) {
			struct im_store_thread tmp = list[i];
			list[i] = list[*n - 1 - i];
			list[*n - 1 - i] = tmp;
		}
	}
	*out = list;
	return IM_OK;
}

/* With a search the count walks the folder (as the search does); without
 * one it is a few tally cells. */
static enum im_status filtered_count(struct im_store *s,
				     const struct im_store_folder_query *q,
				     int64_t *total, int64_t *unread)
{
	int slot = STMT_COUNT_BASE + list_shape(q);
	char sql[1024], where[256];
	where_sql(q, where, sizeof where);
	snprintf(sql, sizeof sql,
		 "SELECT count(*), coalesce(sum(%s), 0)" STORE_THREAD_FROM
		 " WHERE %s%s",
		 q->side == IM_SIDE_RECRUITER
			 ? "t.last_from_candidate > t.seen_by_recruiter"
			 : "t.last_from_recruiter > t.seen_by_candidate",
		 where, filter_sql(q->side));
	sqlite3_stmt *st = store_stmt(s, (enum store_stmt)slot, sql);
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, q->account);
	sqlite3_bind_text(st, 2, q->filter, -1, SQLITE_STATIC);
	if (q->archived >= 0)
		sqlite3_bind_int(st, 6, q->archived);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*total = sqlite3_column_int64(st, 0);
		*unread = sqlite3_column_int64(st, 1);
		/* Only another program's writes make a tally negative. */
		if (*total < 0 || *unread < 0)
			*total = *unread = 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? IM_OK
				: store_sqlite_fail(s, rc, "counting threads");
}

enum im_status sq_folder_count(struct im_store *s,
				     const struct im_store_folder_query *q,
				     int64_t *total, int64_t *unread)
{
	if (!query_ok(q))
		return store_fail(s, IM_ERR_INVALID, "no such list of threads");
	if (has_filter(q))
		return filtered_count(s, q, total, unread);
	sqlite3_stmt *st = store_stmt(s, STMT_FOLDER_TALLY,
		"SELECT coalesce(sum(threads), 0), coalesce(sum(unread), 0)"
		" FROM folder_tally WHERE account = ?1 AND side = ?2"
		" AND archived BETWEEN ?3 AND ?4 AND responded BETWEEN ?5 AND ?6");
	if (!st)
		return IM_ERR_DATABASE;
	/* Either (-1) is the range 0 to 1. */
	sqlite3_bind_int64(st, 1, q->account);
	sqlite3_bind_int(st, 2, (int)q->side);
	sqlite3_bind_int(st, 3, q->archived < 0 ? 0 : q->archived);
	sqlite3_bind_int(st, 4, q->archived < 0 ? 1 : q->archived);
	sqlite3_bind_int(st, 5, q->responded < 0 ? 0 : q->responded);
	sqlite3_bind_int(st, 6, q->responded < 0 ? 1 : q->responded);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*total = sqlite3_column_int64(st, 0);
		*unread = sqlite3_column_int64(st, 1);
		/* Only another program's writes make a tally negative. */
		if (*total < 0 || *unread < 0)
			*total = *unread = 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? IM_OK
				: store_sqlite_fail(s, rc, "counting threads");
}
