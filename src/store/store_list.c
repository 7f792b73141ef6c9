/* Folders: which threads each holds, a page at a time, and their counts.
 * Pages use keyset paging on (key, id), never OFFSET, so a page costs the
 * same at the end of a large folder as at its start. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

im_time im_store_folder_key(enum im_folder folder, const struct im_thread *t)
{
	return (folder == IM_FOLDER_AWAITING || folder == IM_FOLDER_SENT)
		       ? t->created_at
		       : t->updated_at;
}

static const char *folder_key_sql(enum im_folder folder)
{
	return (folder == IM_FOLDER_AWAITING || folder == IM_FOLDER_SENT)
		       ? "t.created_at"
		       : "t.updated_at";
}

/* The WHERE clause of a folder; ?1 is the account. */
static const char *folder_where_sql(enum im_folder folder, enum im_side side)
{
	bool rec = side == IM_SIDE_RECRUITER;
	switch (folder) {
	case IM_FOLDER_INBOX:
		return "t.recruiter = ?1 AND t.archived_by_recruiter = 0"
		       " AND t.responded_at IS NOT NULL";
	case IM_FOLDER_AWAITING:
		return "t.recruiter = ?1 AND t.archived_by_recruiter = 0"
		       " AND t.responded_at IS NULL";
	case IM_FOLDER_SENT:
		return "t.recruiter = ?1";
	case IM_FOLDER_ARCHIVED:
		return rec ? "t.recruiter = ?1 AND t.archived_by_recruiter = 1"
			   : "t.candidate = ?1 AND t.archived_by_candidate = 1";
	case IM_FOLDER_MESSAGES:
		return "t.candidate = ?1 AND t.archived_by_candidate = 0";
	}
	return "0";
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

enum im_status im_store_thread_page(struct im_store *s,
				    const struct im_store_folder_query *q,
				    enum im_page_dir dir,
				    const struct im_cursor *at, size_t limit,
				    struct im_store_thread **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if ((dir == IM_PAGE_AFTER || dir == IM_PAGE_BEFORE) && !at)
		dir = dir == IM_PAGE_AFTER ? IM_PAGE_FIRST : IM_PAGE_LAST;
	bool filtered = has_filter(q);
	int slot = STMT_PAGE_BASE +
		   ((((int)q->folder * 2 + (int)q->side) * 4 + (int)dir) * 2 +
		    filtered);
	/* Pages toward the end read newest-first; toward the start, oldest-
	 * first, then are turned around. */
	bool ascending = dir == IM_PAGE_BEFORE || dir == IM_PAGE_LAST;
	const char *key = folder_key_sql(q->folder);
	char sql[2048], range[256] = "";
	if (dir == IM_PAGE_AFTER)
		snprintf(range, sizeof range,
			 " AND (%s < ?3 OR (%s = ?3 AND t.id < ?4))", key, key);
	else if (dir == IM_PAGE_BEFORE)
		snprintf(range, sizeof range,
			 " AND (%s > ?3 OR (%s = ?3 AND t.id > ?4))", key, key);
	snprintf(sql, sizeof sql,
		 "SELECT " STORE_THREAD_COLUMNS STORE_THREAD_FROM
		 " WHERE %s%s%s ORDER BY %s %s, t.id %s LIMIT ?5",
		 folder_where_sql(q->folder, q->side),
		 filtered ? filter_sql(q->side) : "", range, key,
		 ascending ? "ASC" : "DESC", ascending ? "ASC" : "DESC");
	sqlite3_stmt *st = store_stmt(s, (enum store_stmt)slot, sql);
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, q->account);
	if (filtered)
		sqlite3_bind_text(st, 2, q->filter, -1, SQLITE_STATIC);
	if (at && (dir == IM_PAGE_AFTER || dir == IM_PAGE_BEFORE)) {
		sqlite3_bind_int64(st, 3, at->key);
		sqlite3_bind_int64(st, 4, at->id);
	}
	sqlite3_bind_int64(st, 5, (int64_t)limit);

	struct im_store_thread *list = calloc(limit ? limit : 1, sizeof *list);
	if (!list)
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	enum im_status res = IM_OK;
	int rc;
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((res = store_thread_from_row(s, st, &list[*n])) != IM_OK)
			break;
		(*n)++;
	}
	if (res == IM_OK && *n < limit && rc != SQLITE_DONE)
		res = store_sqlite_fail(s, rc, "listing threads");
	sqlite3_reset(st);
	if (res != IM_OK) {
		im_store_threads_free(&list, *n);
		*n = 0;
		return res;
	}
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

void im_store_threads_free(struct im_store_thread **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++)
		im_store_thread_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

/* The tally cells a folder sums: side, and archived and responded as
 * ranges (0-1 for either). */
static void folder_cells(const struct im_store_folder_query *q, int cell[4])
{
	static const int cells[][4] = {
		[IM_FOLDER_INBOX] = {0, 0, 1, 1},
		[IM_FOLDER_AWAITING] = {0, 0, 0, 0},
		[IM_FOLDER_SENT] = {0, 1, 0, 1},
		[IM_FOLDER_ARCHIVED] = {1, 1, 0, 1},
		[IM_FOLDER_MESSAGES] = {0, 0, 0, 1},
	};
	memcpy(cell, cells[q->folder], sizeof cells[0]);
}

/* With a search the count walks the folder (as the search does); without
 * one it is a few tally cells. */
static enum im_status filtered_count(struct im_store *s,
				     const struct im_store_folder_query *q,
				     int64_t *total, int64_t *unread)
{
	int slot = STMT_COUNT_BASE + ((int)q->folder * 2 + (int)q->side);
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "SELECT count(*), coalesce(sum(%s), 0)" STORE_THREAD_FROM
		 " WHERE %s%s",
		 q->side == IM_SIDE_RECRUITER
			 ? "t.last_from_candidate > t.seen_by_recruiter"
			 : "t.last_from_recruiter > t.seen_by_candidate",
		 folder_where_sql(q->folder, q->side), filter_sql(q->side));
	sqlite3_stmt *st = store_stmt(s, (enum store_stmt)slot, sql);
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, q->account);
	sqlite3_bind_text(st, 2, q->filter, -1, SQLITE_STATIC);
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

enum im_status im_store_folder_count(struct im_store *s,
				     const struct im_store_folder_query *q,
				     int64_t *total, int64_t *unread)
{
	if (has_filter(q))
		return filtered_count(s, q, total, unread);
	sqlite3_stmt *st = store_stmt(s, STMT_FOLDER_TALLY,
		"SELECT coalesce(sum(threads), 0), coalesce(sum(unread), 0)"
		" FROM folder_tally WHERE account = ?1 AND side = ?2"
		" AND archived BETWEEN ?3 AND ?4 AND responded BETWEEN ?5 AND ?6");
	if (!st)
		return IM_ERR_DATABASE;
	int cell[4];
	folder_cells(q, cell);
	sqlite3_bind_int64(st, 1, q->account);
	sqlite3_bind_int(st, 2, (int)q->side);
	for (int i = 0; i < 4; i++)
		sqlite3_bind_int(st, 3 + i, cell[i]);
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
