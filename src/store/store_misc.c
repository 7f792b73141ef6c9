/* Notifications, statistics and drafts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/clock.h"
#include "store_int.h"

enum im_status im_store_notification_insert(struct im_store *s,
					    int64_t recruiter, int64_t thread,
					    const char *text, im_time at,
					    bool read)
{
	/* UNIQUE(thread) keeps it to one per thread even if asked twice. */
	sqlite3_stmt *st = store_stmt(s, STMT_NOTIF_INSERT,
		"INSERT OR IGNORE INTO notification (recruiter, thread, text,"
		" created_at, read) VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	sqlite3_bind_int64(st, 2, thread);
	sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, at);
	sqlite3_bind_int(st, 5, read);
	return store_step_done(s, st, "saving a notification");
}

enum im_status im_store_notification_list(struct im_store *s,
					  int64_t recruiter, int64_t before,
					  size_t limit,
					  struct im_notification **out,
					  size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, STMT_NOTIF_LIST,
		"SELECT id, thread, text, created_at, read FROM notification"
		" WHERE recruiter = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	sqlite3_bind_int64(st, 2, before > 0 ? before : INT64_MAX);
	sqlite3_bind_int64(st, 3, (int64_t)limit);
	struct im_notification *list = calloc(limit ? limit : 1, sizeof *list);
	if (!list)
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	enum im_status res = IM_OK;
	int rc;
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct im_notification *x = &list[(*n)++];
		x->id = sqlite3_column_int64(st, 0);
		x->thread = sqlite3_column_int64(st, 1);
		x->text = store_col_text(st, 2);
		x->created_at = sqlite3_column_int64(st, 3);
		x->read = sqlite3_column_int(st, 4) != 0;
		if (sqlite3_column_type(st, 3) != SQLITE_INTEGER ||
		    !im_time_valid(x->created_at)) {
			res = store_bad_row(s, "notification", x->id, "time", st, 3);
			break;
		}
		if (!x->text) {
			res = store_fail(s, IM_ERR_NOMEM, "out of memory");
			break;
		}
	}
	if (res == IM_OK && *n < limit && rc != SQLITE_DONE)
		res = store_sqlite_fail(s, rc, "listing notifications");
	sqlite3_reset(st);
	if (res != IM_OK) {
		im_notifications_free(&list, *n);
		*n = 0;
	}
	*out = list;
	return res;
}

enum im_status im_store_notification_unread(struct im_store *s,
					    int64_t recruiter, int64_t *count)
{
	sqlite3_stmt *st = store_stmt(s, STMT_NOTIF_UNREAD,
		"SELECT count(*) FROM notification WHERE recruiter = ? AND read = 0");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	int rc = sqlite3_step(st);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? IM_OK
				: store_sqlite_fail(s, rc, "counting notifications");
}

enum im_status im_store_notification_mark_read(struct im_store *s,
					       int64_t recruiter,
					       int64_t thread)
{
	sqlite3_stmt *st = store_stmt(s, STMT_NOTIF_READ_THREAD,
		"UPDATE notification SET read = 1 WHERE recruiter = ?"
		" AND thread = ? AND read = 0");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	sqlite3_bind_int64(st, 2, thread);
	return store_step_done(s, st, "marking notifications read");
}

enum im_status im_store_notification_mark_range(struct im_store *s,
						int64_t recruiter,
						int64_t from, int64_t to)
{
	sqlite3_stmt *st = store_stmt(s, STMT_NOTIF_READ_RANGE,
		"UPDATE notification SET read = 1 WHERE recruiter = ?1"
		" AND id BETWEEN ?2 AND ?3 AND read = 0");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	return store_step_done(s, st, "marking notifications read");
}

/* A recruiter's row of recruiter_tally (zeros before the first thread). */
struct recruiter_tally {
	int64_t threads, accepted, declined, refunded, unresponded;
	/* counted messages, split by when the response came */
	int64_t in_window, late, waiting;
};

static enum im_status recruiter_tally(struct im_store *s, int64_t recruiter,
				      struct recruiter_tally *out)
{
	sqlite3_stmt *st = store_stmt(s, STMT_THREAD_COUNTS,
		"SELECT threads, accepted, declined, refunded, unresponded,"
		" counted_in_window, counted_late, counted_waiting"
		" FROM recruiter_tally WHERE recruiter = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	int rc = sqlite3_step(st);
	int64_t v[8] = {0};
	bool bad = false;
	for (int i = 0; rc == SQLITE_ROW && i < 8; i++) {
		v[i] = sqlite3_column_int64(st, i);
		bad = bad || v[i] < 0;
	}
	sqlite3_reset(st);
	/* The triggers keep them; only another program makes one negative. */
	if (bad)
		return store_fail(s, IM_ERR_INVALID,
				  "the statistics of account %lld hold a negative "
				  "count; another program changed the database",
				  (long long)recruiter);
	*out = (struct recruiter_tally){v[0], v[1], v[2], v[3], v[4],
					v[5], v[6], v[7]};
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		       ? IM_OK
		       : store_sqlite_fail(s, rc, "reading statistics");
}

/* A count from a statement bound to (recruiter, now, window). */
static enum im_status count_recent(struct im_store *s, enum store_stmt id,
				   const char *sql, int64_t recruiter,
				   im_time now, im_time window, int64_t *out)
{
	sqlite3_stmt *st = store_stmt(s, id, sql);
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, window);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? IM_OK
				: store_sqlite_fail(s, rc, "counting threads");
}

enum im_status im_store_thread_counts(struct im_store *s, int64_t recruiter,
				      im_time now, im_time window,
				      struct im_store_thread_counts *out)
{
	struct recruiter_tally t;
	int64_t pending = 0;
	enum im_status st = recruiter_tally(s, recruiter, &t);
	/* Only the threads inside the window are counted one by one. */
	if (st == IM_OK)
		st = count_recent(s, STMT_PENDING_THREADS,
			"SELECT count(*) FROM thread WHERE recruiter = ?1"
			" AND responded_at IS NULL AND created_at >= ?2 - ?3",
			recruiter, now, window, &pending);
	if (st != IM_OK)
		return st;
	out->sent = t.threads;
	out->accepted = t.accepted;
	out->declined = t.declined;
	out->refunded = t.refunded;
	out->pending = pending;
	out->unanswered = t.unresponded - pending;
	return IM_OK;
}

enum im_status im_store_rate_counts(struct im_store *s, int64_t recruiter,
				    im_time now, int64_t *counted,
				    int64_t *responded, int64_t *unanswered)
{
	struct recruiter_tally t;
	int64_t recent = 0;
	enum im_status st = recruiter_tally(s, recruiter, &t);
	/* Waiting messages still inside the window are pending; a thread's
	 * updated_at is never older than its newest message, so only
	 * threads touched inside the window are looked into. */
	if (st == IM_OK)
		st = count_recent(s, STMT_WAITING_RECENT,
			"SELECT count(*) FROM thread t JOIN message m"
			" ON m.thread = t.id WHERE t.recruiter = ?1"
			" AND t.responded_at IS NULL AND t.updated_at >= ?2 - ?3"
			" AND m.kind IN (0, 1) AND m.sent_at >= ?2 - ?3",
			recruiter, now, IM_RATE_WINDOW, &recent);
	if (st != IM_OK)
		return st;
	*counted = t.in_window + t.late + t.waiting;
	*responded = t.in_window;
	*unanswered = t.late + t.waiting - recent;
	return IM_OK;
}

enum im_status im_store_draft_load(struct im_store *s, int64_t account,
				   int64_t thread, struct im_draft *out)
{
	sqlite3_stmt *st = store_stmt(s, STMT_DRAFT_LOAD,
		"SELECT smart, edited, body, saved_at FROM draft"
		" WHERE account = ? AND thread = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_int64(st, 2, thread);
	int rc = sqlite3_step(st);
	enum im_status res = IM_OK;
	if (rc == SQLITE_ROW) {
		int64_t smart = sqlite3_column_int64(st, 0);
		out->edited = sqlite3_column_int(st, 1) != 0;
		out->saved_at = sqlite3_column_int64(st, 3);
		if (smart < IM_SMART_NONE || smart > IM_SMART_NO)
			res = store_bad_row(s, "thread", thread,
					    "draft's smart reply", st, 0);
		else if (!(out->body = store_col_text(st, 2)))
			res = store_fail(s, IM_ERR_NOMEM, "out of memory");
		out->smart = (enum im_smart)smart;
	} else if (rc == SQLITE_DONE) {
		res = store_fail(s, IM_ERR_NOT_FOUND, "no draft");
	} else {
		res = store_sqlite_fail(s, rc, "reading a draft");
	}
	sqlite3_reset(st);
	return res;
}

enum im_status im_store_draft_save(struct im_store *s, int64_t account,
				   int64_t thread, const struct im_draft *d)
{
	sqlite3_stmt *st = store_stmt(s, STMT_DRAFT_SAVE,
		"INSERT INTO draft (account, thread, smart, edited, body, saved_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (account, thread)"
		" DO UPDATE SET smart = ?3, edited = ?4, body = ?5, saved_at = ?6");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_int64(st, 2, thread);
	sqlite3_bind_int(st, 3, (int)d->smart);
	sqlite3_bind_int(st, 4, d->edited);
	sqlite3_bind_text(st, 5, d->body ? d->body : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, d->saved_at);
	return store_step_done(s, st, "saving a draft");
}

enum im_status im_store_draft_discard(struct im_store *s, int64_t account,
				      int64_t thread)
{
	sqlite3_stmt *st = store_stmt(s, STMT_DRAFT_DISCARD,
		"DELETE FROM draft WHERE account = ? AND thread = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_int64(st, 2, thread);
	return store_step_done(s, st, "discarding a draft");
}

enum im_status im_store_plans(struct im_store *s,
			      void (*each)(void *arg, const char *sql,
					   const char *plan),
			      void *arg)
{
	for (size_t i = 0; i < STMT_MAX; i++) {
		if (!s->stmt[i])
			continue;
		const char *sql = sqlite3_sql(s->stmt[i]);
		char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
		sqlite3_stmt *st = NULL;
		int rc = eqp ? sqlite3_prepare_v2(s->db, eqp, -1, &st, NULL)
			     : SQLITE_NOMEM;
		sqlite3_free(eqp);
		if (rc != SQLITE_OK)
			return store_sqlite_fail(s, rc, "explaining a query");
		/* Column 3 of each row is a step: "SEARCH t USING INDEX ...". */
		char plan[2048] = "";
		size_t len = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW && len < sizeof plan) {
			const char *d = (const char *)sqlite3_column_text(st, 3);
			len += (size_t)snprintf(plan + len, sizeof plan - len,
						"%s\n", d ? d : "");
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE && rc != SQLITE_ROW)
			return store_sqlite_fail(s, rc, "explaining a query");
		each(arg, sql, plan);
	}
	return IM_OK;
}
