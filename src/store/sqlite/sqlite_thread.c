/* Threads and their messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_int.h"

/* A time column as stored: NULL (*set false), or a time in range. */
static bool col_time(sqlite3_stmt *st, int col, bool *set, im_time *out)
{
	*set = sqlite3_column_type(st, col) != SQLITE_NULL;
	*out = *set ? sqlite3_column_int64(st, col) : 0;
	return !*set || (sqlite3_column_type(st, col) == SQLITE_INTEGER &&
			 im_time_valid(*out));
}

/* An enum column: an integer from 0 to max. */
static bool col_enum(sqlite3_stmt *st, int col, int max, int *out)
{
	int64_t v = sqlite3_column_int64(st, col);
	*out = (int)v;
	return sqlite3_column_type(st, col) == SQLITE_INTEGER && v >= 0 &&
	       v <= max;
}

enum im_status store_bad_row(struct im_store *s, const char *what, int64_t id,
			     const char *column, sqlite3_stmt *st, int col)
{
	/* Shown as its type says: a BLOB's or a TEXT's bytes may hold a
	 * newline, and the failure is one line. */
	char shown[48];
	int type = sqlite3_column_type(st, col);
	if (type == SQLITE_BLOB) {
		snprintf(shown, sizeof shown, "a blob of %d bytes",
			 sqlite3_column_bytes(st, col));
	} else if (type == SQLITE_NULL) {
		snprintf(shown, sizeof shown, "NULL");
	} else {
		const unsigned char *v = sqlite3_column_text(st, col);
		snprintf(shown, sizeof shown, type == SQLITE_TEXT ? "'%s'" : "%s",
			 v ? (const char *)v : "");
		for (char *c = shown; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = '?';
	}
	return store_fail(s, IM_ERR_INVALID,
			  "%s %lld: its %s holds a value inmail never writes "
			  "(%s); another program changed the database", what,
			  (long long)id, column, shown);
}

enum im_status store_thread_from_row(struct im_store *s, sqlite3_stmt *st,
				     struct im_store_thread *r)
{
	memset(r, 0, sizeof *r);
	struct im_thread *t = &r->t;
	t->id = sqlite3_column_int64(st, 0);
	/* Checked here, once: everything above trusts these values as
	 * indexes and as times it can do arithmetic on. */
	bool set = true;
	int state = 0, response = 0, bad = -1;
	if (!col_time(st, 2, &set, &t->created_at) || !set)
		bad = 2;
	else if (!col_time(st, 3, &set, &t->updated_at) || !set)
		bad = 3;
	else if (!col_enum(st, 4, IM_STATE_DECLINED, &state))
		bad = 4;
	else if (!col_enum(st, 5, IM_RESPONSE_CUSTOM, &response))
		bad = 5;
	else if (!col_time(st, 6, &t->responded, &t->responded_at))
		bad = 6;
	else if (!col_time(st, 9, &t->has_followup, &t->followup_at))
		bad = 9;
	/* Pending, no response and no response time go together. */
	else if ((state == IM_STATE_PENDING) != !t->responded)
		bad = 4;
	else if ((response == IM_RESPONSE_NONE) != !t->responded)
		bad = 5;
	/* Time in a thread never runs backwards: nor does another program's. */
	else if (t->responded && t->responded_at < t->created_at)
		bad = 6;
	else if (t->updated_at < t->created_at)
		bad = 3;
	if (bad >= 0) {
		static const char *const names[] = {
			[2] = "creation time", [3] = "update time",
			[4] = "state", [5] = "response",
			[6] = "response time", [9] = "follow-up time"};
		return store_bad_row(s, "thread", t->id, names[bad], st, bad);
	}
	t->state = (enum im_state)state;
	t->response = (enum im_response)response;
	t->subject = store_col_text(st, 1);
	t->blocked = sqlite3_column_int(st, 7) != 0;
	r->refunded = sqlite3_column_int(st, 8) != 0;
	r->followup_body = store_col_text(st, 10);
	r->last_from_recruiter = sqlite3_column_int64(st, 11);
	r->last_from_candidate = sqlite3_column_int64(st, 12);
	r->seen_by_recruiter = sqlite3_column_int64(st, 13);
	r->seen_by_candidate = sqlite3_column_int64(st, 14);
	r->archived_by_recruiter = sqlite3_column_int(st, 15) != 0;
	r->archived_by_candidate = sqlite3_column_int(st, 16) != 0;
	t->recruiter.id = sqlite3_column_int64(st, 17);
	t->recruiter.handle = store_col_text(st, 18);
	t->recruiter.name = store_col_text(st, 19);
	t->candidate.id = sqlite3_column_int64(st, 20);
	t->candidate.handle = store_col_text(st, 21);
	t->candidate.name = store_col_text(st, 22);
	if (!t->subject || !r->followup_body || !t->recruiter.handle ||
	    !t->recruiter.name || !t->candidate.handle || !t->candidate.name) {
		im_store_thread_clear(r);
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	}
	return IM_OK;
}

enum im_status sq_thread_insert(struct im_store *s, int64_t recruiter,
				      int64_t candidate, const char *subject,
				      im_time created_at, im_time followup_at,
				      const char *followup_body,
				      const char *template_name,
				      int64_t template_id, int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, STMT_THREAD_INSERT,
		"INSERT INTO thread (recruiter, candidate, subject, created_at,"
		" updated_at, followup_at, followup_body, state, response,"
		" template, template_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		" ?)");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	sqlite3_bind_int64(st, 2, candidate);
	sqlite3_bind_text(st, 3, subject, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, created_at);
	sqlite3_bind_int64(st, 5, created_at);
	if (followup_body) {
		sqlite3_bind_int64(st, 6, followup_at);
		sqlite3_bind_text(st, 7, followup_body, -1, SQLITE_STATIC);
	}
	/* A new thread has no response yet. */
	sqlite3_bind_int(st, 8, IM_STATE_PENDING);
	sqlite3_bind_int(st, 9, IM_RESPONSE_NONE);
	if (template_name)
		sqlite3_bind_text(st, 10, template_name, -1, SQLITE_STATIC);
	if (template_name && template_id > 0)
		sqlite3_bind_int64(st, 11, template_id);
	enum im_status res = store_step_done(s, st, "creating a thread");
	if (res == IM_OK && id)
		*id = sqlite3_last_insert_rowid(SQ(s)->db);
	return res;
}

enum im_status sq_thread_get(struct im_store *s, int64_t id,
				   struct im_store_thread *out)
{
	sqlite3_stmt *st = store_stmt(s, STMT_THREAD_GET,
		"SELECT " STORE_THREAD_COLUMNS STORE_THREAD_FROM " WHERE t.id = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum im_status res;
	if (rc == SQLITE_ROW)
		res = store_thread_from_row(s, st, out);
	else if (rc == SQLITE_DONE)
		res = store_fail(s, IM_ERR_NOT_FOUND, "no such thread: %lld",
				 (long long)id);
	else
		res = store_sqlite_fail(s, rc, "reading a thread");
	sqlite3_reset(st);
	return res;
}

enum im_status sq_message_append(struct im_store *s,
				       const struct im_store_message *msg,
				       int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, STMT_MESSAGE_INSERT,
		"INSERT INTO message (thread, sender, kind, body, sent_at, label,"
		" confidence, rate_recruiter) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		" CASE WHEN ?8 THEN (SELECT recruiter FROM thread WHERE id = ?1)"
		" END)");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, msg->thread);
	if (msg->sender > 0)
		sqlite3_bind_int64(st, 2, msg->sender);
	sqlite3_bind_int(st, 3, (int)msg->kind);
	sqlite3_bind_text(st, 4, msg->body, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, msg->sent_at);
	if (msg->classified) {
		sqlite3_bind_int(st, 6, (int)msg->label);
		sqlite3_bind_double(st, 7, msg->confidence);
	}
	sqlite3_bind_int(st, 8, msg->counted);
	enum im_status res = store_step_done(s, st, "saving a message");
	if (res == IM_OK && id)
		*id = sqlite3_last_insert_rowid(SQ(s)->db);
	return res;
}

enum im_status sq_message_insert(struct im_store *s,
				       const struct im_store_message *msg,
				       int64_t *id)
{
	int64_t mid = 0;
	enum im_status res = sq_message_append(s, msg, &mid);
	if (res != IM_OK)
		return res;
	if (id)
		*id = mid;
	sqlite3_stmt *st;
	if (msg->sender <= 0)
		st = store_stmt(s, STMT_MESSAGE_TOUCH_SYSTEM,
			"UPDATE thread SET updated_at = max(updated_at, ?1),"
			" last_message = ?2 WHERE id = ?3");
	else if (msg->side == IM_SIDE_RECRUITER)
		st = store_stmt(s, STMT_MESSAGE_TOUCH_RECRUITER,
			"UPDATE thread SET updated_at = max(updated_at, ?1),"
			" last_message = ?2, last_from_recruiter = ?2,"
			" seen_by_recruiter = ?2 WHERE id = ?3");
	else
		st = store_stmt(s, STMT_MESSAGE_TOUCH_CANDIDATE,
			"UPDATE thread SET updated_at = max(updated_at, ?1),"
			" last_message = ?2, last_from_candidate = ?2,"
			" seen_by_candidate = ?2 WHERE id = ?3");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, msg->sent_at);
	sqlite3_bind_int64(st, 2, mid);
	sqlite3_bind_int64(st, 3, msg->thread);
	return store_step_done(s, st, "updating a thread");
}

enum im_status sq_thread_set_summary(struct im_store *s, int64_t thread,
					   const struct im_store_summary *sum)
{
	sqlite3_stmt *st = store_stmt(s, STMT_THREAD_SUMMARY,
		"UPDATE thread SET updated_at = ?, last_message = ?,"
		" last_from_recruiter = ?, last_from_candidate = ?,"
		" seen_by_recruiter = ?, seen_by_candidate = ? WHERE id = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, sum->updated_at);
	sqlite3_bind_int64(st, 2, sum->last_message);
	sqlite3_bind_int64(st, 3, sum->last_from_recruiter);
	sqlite3_bind_int64(st, 4, sum->last_from_candidate);
	sqlite3_bind_int64(st, 5, sum->seen_by_recruiter);
	sqlite3_bind_int64(st, 6, sum->seen_by_candidate);
	sqlite3_bind_int64(st, 7, thread);
	return store_step_done(s, st, "updating a thread");
}

static enum im_status message_row(struct im_store *s, sqlite3_stmt *st,
				  void *elem, void *arg)
{
	struct im_message *m = elem;
	int64_t thread = *(const int64_t *)arg;
	m->id = sqlite3_column_int64(st, 0);
	int kind = 0, label = 0, bad = -1;
	bool set = false;
	m->classified = sqlite3_column_type(st, 5) != SQLITE_NULL;
	m->confidence = sqlite3_column_double(st, 6);
	if (!col_enum(st, 2, IM_KIND_SYSTEM, &kind))
		bad = 2;
	else if (!col_time(st, 4, &set, &m->sent_at) || !set)
		bad = 4;
	else if (m->classified && !col_enum(st, 5, IM_LABEL_DECLINE, &label))
		bad = 5;
	else if (m->classified &&
		 (sqlite3_column_type(st, 6) == SQLITE_NULL ||
		  !(m->confidence >= 0.0 && m->confidence <= 1.0)))
		bad = 6;
	if (bad >= 0) {
		static const char *const names[] = {
			[2] = "message kind", [4] = "message time",
			[5] = "classification", [6] = "confidence"};
		return store_bad_row(s, "thread", thread, names[bad], st, bad);
	}
	m->kind = (enum im_kind)kind;
	m->label = (enum im_label)label;
	m->sender_id = sqlite3_column_int64(st, 1);
	if (!(m->body = store_col_text(st, 3)))
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	return IM_OK;
}

static void message_clear(void *elem)
{
	struct im_message *m = elem;
	free(m->body);
	m->body = NULL;
}

enum im_status sq_messages(struct im_store *s, int64_t thread,
				 struct im_message **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, STMT_MESSAGES,
		"SELECT id, sender, kind, body, sent_at, label, confidence"
		" FROM message WHERE thread = ? ORDER BY id");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, thread);
	void *list = NULL;
	enum im_status res =
		store_fetch(s, st, 0, sizeof **out, message_row, &thread,
			    message_clear, "reading messages", &list, n);
	*out = list;
	return res;
}

enum im_status sq_thread_respond(struct im_store *s, int64_t thread,
				       enum im_state state,
				       enum im_response response,
				       im_time responded_at, bool blocked,
				       bool refunded)
{
	sqlite3_stmt *st = store_stmt(s, STMT_THREAD_RESPOND,
		"UPDATE thread SET state = ?, response = ?, responded_at = ?,"
		" blocked = ?, refunded = ?, followup_at = NULL,"
		" followup_body = NULL WHERE id = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int(st, 1, (int)state);
	sqlite3_bind_int(st, 2, (int)response);
	sqlite3_bind_int64(st, 3, responded_at);
	sqlite3_bind_int(st, 4, blocked);
	sqlite3_bind_int(st, 5, refunded);
	sqlite3_bind_int64(st, 6, thread);
	return store_step_done(s, st, "recording a response");
}

enum im_status sq_rate_settle(struct im_store *s, int64_t thread,
				    im_time responded_from)
{
	sqlite3_stmt *st = store_stmt(s, STMT_RATE_SETTLE,
		"UPDATE message SET rate_settled = 1, rate_responded ="
		" (sent_at >= ?2) WHERE thread = ?1 AND rate_recruiter IS NOT NULL"
		" AND rate_settled = 0");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, thread);
	sqlite3_bind_int64(st, 2, responded_from);
	return store_step_done(s, st, "recording a response");
}

static enum im_status update_flag(struct im_store *s, enum store_stmt id,
				  const char *sql, int64_t value, int64_t thread)
{
	sqlite3_stmt *st = store_stmt(s, id, sql);
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, value);
	sqlite3_bind_int64(st, 2, thread);
	return store_step_done(s, st, "updating a thread");
}

enum im_status sq_thread_set_blocked(struct im_store *s, int64_t thread,
					   bool blocked)
{
	return update_flag(s, STMT_THREAD_BLOCKED,
			   "UPDATE thread SET blocked = ? WHERE id = ?", blocked,
			   thread);
}

enum im_status sq_thread_clear_followup(struct im_store *s,
					      int64_t thread)
{
	sqlite3_stmt *st = store_stmt(s, STMT_THREAD_CLEAR_FOLLOWUP,
		"UPDATE thread SET followup_at = NULL, followup_body = NULL"
		" WHERE id = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, thread);
	return store_step_done(s, st, "updating a thread");
}

enum im_status sq_thread_set_seen(struct im_store *s, int64_t thread,
					enum im_side side, int64_t message)
{
	if (side == IM_SIDE_RECRUITER)
		return update_flag(s, STMT_SEEN_RECRUITER,
				   "UPDATE thread SET seen_by_recruiter ="
				   " max(seen_by_recruiter, ?) WHERE id = ?",
				   message, thread);
	return update_flag(s, STMT_SEEN_CANDIDATE,
			   "UPDATE thread SET seen_by_candidate ="
			   " max(seen_by_candidate, ?) WHERE id = ?",
			   message, thread);
}

enum im_status sq_pending_between(struct im_store *s, int64_t recruiter,
				   int64_t candidate, im_time since,
				   int64_t *thread, im_time *created_at)
{
	*thread = 0;
	*created_at = 0;
	sqlite3_stmt *st = store_stmt(s, STMT_PENDING_BETWEEN,
		"SELECT id, created_at FROM thread WHERE candidate = ?1"
		" AND recruiter = ?2 AND responded_at IS NULL"
		" AND created_at >= ?3 ORDER BY created_at DESC, id DESC LIMIT 1");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, candidate);
	sqlite3_bind_int64(st, 2, recruiter);
	sqlite3_bind_int64(st, 3, since);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*thread = sqlite3_column_int64(st, 0);
		*created_at = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		       ? IM_OK
		       : store_sqlite_fail(s, rc, "reading threads");
}

enum im_status sq_thread_reset_seen(struct im_store *s, int64_t thread,
				    enum im_side side, int64_t message)
{
	if (side == IM_SIDE_RECRUITER)
		return update_flag(s, STMT_RESET_SEEN_RECRUITER,
				   "UPDATE thread SET seen_by_recruiter = ?"
				   " WHERE id = ?", message, thread);
	return update_flag(s, STMT_RESET_SEEN_CANDIDATE,
			   "UPDATE thread SET seen_by_candidate = ?"
			   " WHERE id = ?", message, thread);
}

enum im_status sq_thread_set_archived(struct im_store *s, int64_t thread,
					    enum im_side side, bool archived)
{
	if (side == IM_SIDE_RECRUITER)
		return update_flag(s, STMT_ARCHIVE_RECRUITER,
				   "UPDATE thread SET archived_by_recruiter = ?"
				   " WHERE id = ?", archived, thread);
	return update_flag(s, STMT_ARCHIVE_CANDIDATE,
			   "UPDATE thread SET archived_by_candidate = ?"
			   " WHERE id = ?", archived, thread);
}

static enum im_status due_row(struct im_store *s, sqlite3_stmt *st,
			      void *elem, void *arg)
{
	(void)arg;
	struct im_store_due *d = elem;
	d->thread = sqlite3_column_int64(st, 0);
	d->recruiter = sqlite3_column_int64(st, 1);
	bool set;
	if (!col_time(st, 2, &set, &d->due_at))
		return store_bad_row(s, "thread", d->thread, "follow-up time",
				     st, 2);
	if (!(d->body = store_col_text(st, 3)))
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	return IM_OK;
}

static void due_clear(void *elem)
{
	struct im_store_due *d = elem;
	free(d->body);
	d->body = NULL;
}

enum im_status sq_due_followups(struct im_store *s, enum im_side side,
				      int64_t account, im_time now,
				      size_t limit, struct im_store_due **out,
				      size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = side == IM_SIDE_RECRUITER
		? store_stmt(s, STMT_DUE_FOLLOWUPS_RECRUITER,
			"SELECT id, recruiter, followup_at, followup_body FROM thread"
			" WHERE recruiter = ?1 AND followup_at IS NOT NULL"
			" AND followup_at <= ?2 ORDER BY followup_at, id LIMIT ?3")
		: store_stmt(s, STMT_DUE_FOLLOWUPS_CANDIDATE,
			"SELECT id, recruiter, followup_at, followup_body FROM thread"
			" WHERE candidate = ?1 AND followup_at IS NOT NULL"
			" AND followup_at <= ?2 ORDER BY followup_at, id LIMIT ?3");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, (int64_t)limit);
	if (!limit)
		limit = 1; /* LIMIT 0 reads none; the array still exists */
	void *list = NULL;
	enum im_status res =
		store_fetch(s, st, limit, sizeof **out, due_row, NULL,
			    due_clear, "reading follow-ups", &list, n);
	*out = list;
	return res;
}
