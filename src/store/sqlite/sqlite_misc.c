/* Notifications, statistics and drafts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/clock.h"
#include "sqlite_int.h"

enum im_status sq_notification_insert(struct im_store *s,
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

static enum im_status notification_from_row(struct im_store *s,
					    sqlite3_stmt *st, void *elem,
					    void *arg)
{
	(void)arg;
	struct im_notification *x = elem;
	x->id = sqlite3_column_int64(st, 0);
	x->thread = sqlite3_column_int64(st, 1);
	x->created_at = sqlite3_column_int64(st, 3);
	x->read = sqlite3_column_int(st, 4) != 0;
	if (sqlite3_column_type(st, 3) != SQLITE_INTEGER ||
	    !im_time_valid(x->created_at))
		return store_bad_row(s, "notification", x->id, "time", st, 3);
	if (!(x->text = store_col_text(st, 2)))
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	return IM_OK;
}

static void notification_clear(void *elem)
{
	struct im_notification *x = elem;
	free(x->text);
	x->text = NULL;
}

enum im_status sq_notification_list(struct im_store *s,
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
	if (!limit)
		limit = 1; /* LIMIT 0 reads none; the array still exists */
	void *list = NULL;
	enum im_status res =
		store_fetch(s, st, limit, sizeof **out, notification_from_row,
			    NULL, notification_clear, "listing notifications",
			    &list, n);
	*out = list;
	return res;
}

enum im_status sq_notification_unread(struct im_store *s,
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

enum im_status sq_notification_mark_read(struct im_store *s,
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

enum im_status sq_notification_mark_range(struct im_store *s,
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

/* The size of a *_day bucket (store_schema.c). */
#define DAY_SECONDS 86400

static enum im_status negative_tally(struct im_store *s, int64_t recruiter)
{
	/* The triggers keep them; only another program makes one negative. */
	return store_fail(s, IM_ERR_INVALID,
			  "the statistics of account %lld hold a negative "
			  "count; another program changed the database",
			  (long long)recruiter);
}

/* One integer from a statement bound to (a, b, c); 0 for no row. */
static enum im_status one_count(struct im_store *s, enum store_stmt id,
				const char *sql, int64_t a, int64_t b,
				int64_t c, int64_t *out)
{
	sqlite3_stmt *st = store_stmt(s, id, sql);
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_int64(st, 3, c);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		       ? IM_OK
		       : store_sqlite_fail(s, rc, "reading statistics");
}

/* How many waiting items (threads, messages) of a recruiter have a time
 * at or after since: the whole days after since's from the day buckets,
 * since's own day from the rows, so the cost is bounded by a day. */
static enum im_status waiting_since(struct im_store *s, enum store_stmt days,
				    const char *days_sql, enum store_stmt edge,
				    const char *edge_sql, int64_t recruiter,
				    im_time since, int64_t *out)
{
	if (since < 0)
		since = 0;
	int64_t day = since / DAY_SECONDS, whole = 0, part = 0;
	enum im_status st = one_count(s, days, days_sql, recruiter, day, 0,
				      &whole);
	if (st == IM_OK)
		st = one_count(s, edge, edge_sql, recruiter, since,
			       (day + 1) * DAY_SECONDS, &part);
	*out = whole + part;
	return st;
}

/* A tally cell holds a state inmail never writes: the line names a
 * thread that holds it, as a read of that thread would (SPEC 5). */
static enum im_status bad_state(struct im_store *s, int64_t recruiter,
				int64_t state)
{
	int64_t thread = 0;
	one_count(s, STMT_THREAD_BAD_STATE,
		  "SELECT id FROM thread WHERE recruiter = ?1 AND state = ?2"
		  " LIMIT 1", recruiter, state, 0, &thread);
	return store_fail(s, IM_ERR_INVALID,
			  "thread %lld: its state holds a value inmail never "
			  "writes (%lld); another program changed the database",
			  (long long)thread, (long long)state);
}

enum im_status sq_thread_counts(struct im_store *s, int64_t recruiter,
				      im_time since,
				      struct im_store_thread_counts *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = store_stmt(s, STMT_THREAD_TALLY,
		"SELECT state, refunded, responded, threads FROM thread_tally"
		" WHERE recruiter = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	int rc;
	enum im_status res = IM_OK;
	while (res == IM_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t state = sqlite3_column_int64(st, 0);
		int64_t n = sqlite3_column_int64(st, 3);
		if (n < 0)
			res = negative_tally(s, recruiter);
		else if (state < 0 || state >= IM_STATE_COUNT)
			res = bad_state(s, recruiter, state);
		if (res != IM_OK)
			break;
		out->threads += n;
		out->by_state[state] += n;
		if (sqlite3_column_int(st, 1))
			out->refunded += n;
		if (!sqlite3_column_int(st, 2))
			out->unresponded += n;
	}
	if (res == IM_OK && rc != SQLITE_DONE)
		res = store_sqlite_fail(s, rc, "reading statistics");
	sqlite3_reset(st);
	if (res == IM_OK)
		res = waiting_since(s, STMT_THREAD_DAYS,
			"SELECT coalesce(sum(unresponded), 0) FROM thread_day"
			" WHERE recruiter = ?1 AND day > ?2",
			STMT_THREAD_DAY_EDGE,
			"SELECT count(*) FROM thread WHERE recruiter = ?1"
			" AND responded_at IS NULL AND created_at >= ?2"
			" AND created_at < ?3",
			recruiter, since, &out->unresponded_since);
	if (res == IM_OK)
		res = waiting_since(s, STMT_SENT_DAYS,
			"SELECT coalesce(sum(sent), 0) FROM sent_day"
			" WHERE recruiter = ?1 AND day > ?2",
			STMT_SENT_DAY_EDGE,
			"SELECT count(*) FROM thread WHERE recruiter = ?1"
			" AND created_at >= ?2 AND created_at < ?3",
			recruiter, since, &out->created_since);
	if (res == IM_OK && (out->unresponded_since < 0 ||
			     out->unresponded_since > out->unresponded ||
			     out->created_since < out->unresponded_since ||
			     out->created_since > out->threads))
		res = negative_tally(s, recruiter);
	return res;
}

enum im_status sq_rate_counts(struct im_store *s, int64_t recruiter,
				    im_time since,
				    struct im_store_rate_counts *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = store_stmt(s, STMT_RATE_TALLY,
		"SELECT counted, settled, responded FROM rate_tally"
		" WHERE recruiter = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->counted = sqlite3_column_int64(st, 0);
		out->settled = sqlite3_column_int64(st, 1);
		out->responded = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlite_fail(s, rc, "reading statistics");
	if (out->responded < 0 || out->settled < out->responded ||
	    out->counted < out->settled)
		return negative_tally(s, recruiter);
	out->waiting = out->counted - out->settled;
	enum im_status res = waiting_since(s, STMT_RATE_DAYS,
		"SELECT coalesce(sum(waiting), 0) FROM rate_day"
		" WHERE recruiter = ?1 AND day > ?2",
		STMT_RATE_DAY_EDGE,
		"SELECT count(*) FROM message WHERE rate_recruiter = ?1"
		" AND rate_settled = 0 AND sent_at >= ?2 AND sent_at < ?3",
		recruiter, since, &out->waiting_since);
	if (res == IM_OK &&
	    (out->waiting_since < 0 || out->waiting_since > out->waiting))
		res = negative_tally(s, recruiter);
	return res;
}

enum im_status sq_draft_load(struct im_store *s, int64_t account,
				   int64_t thread, struct im_draft *out)
{
	sqlite3_stmt *st = store_stmt(s, STMT_DRAFT_LOAD,
		"SELECT smart, edited, body, saved_at, form_to, form_subject,"
		" form_followup, form_followup_text, form_template FROM draft"
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
		else if (!(out->body = store_col_text(st, 2)) ||
			 !(out->to = store_col_text(st, 4)) ||
			 !(out->subject = store_col_text(st, 5)) ||
			 !(out->followup_days = store_col_text(st, 6)) ||
			 !(out->followup_text = store_col_text(st, 7)) ||
			 !(out->template_name = store_col_text(st, 8)))
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

enum im_status sq_draft_save(struct im_store *s, int64_t account,
				   int64_t thread, const struct im_draft *d)
{
	sqlite3_stmt *st = store_stmt(s, STMT_DRAFT_SAVE,
		"INSERT INTO draft (account, thread, smart, edited, body, saved_at,"
		" form_to, form_subject, form_followup, form_followup_text,"
		" form_template)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
		" ON CONFLICT (account, thread) DO UPDATE SET smart = ?3,"
		" edited = ?4, body = ?5, saved_at = ?6, form_to = ?7,"
		" form_subject = ?8, form_followup = ?9,"
		" form_followup_text = ?10, form_template = ?11");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_int64(st, 2, thread);
	sqlite3_bind_int(st, 3, (int)d->smart);
	sqlite3_bind_int(st, 4, d->edited);
	sqlite3_bind_text(st, 5, d->body ? d->body : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, d->saved_at);
	sqlite3_bind_text(st, 7, d->to ? d->to : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, d->subject ? d->subject : "", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 9, d->followup_days ? d->followup_days : "", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 10, d->followup_text ? d->followup_text : "", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 11, d->template_name ? d->template_name : "", -1,
			  SQLITE_STATIC);
	return store_step_done(s, st, "saving a draft");
}

enum im_status sq_draft_discard(struct im_store *s, int64_t account,
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

enum im_status sq_plans(struct im_store *s,
			      void (*each)(void *arg, const char *sql,
					   const char *plan),
			      void *arg)
{
	for (size_t i = 0; i < STMT_MAX; i++) {
		if (!SQ(s)->stmt[i])
			continue;
		const char *sql = sqlite3_sql(SQ(s)->stmt[i]);
		char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
		sqlite3_stmt *st = NULL;
		int rc = eqp ? sqlite3_prepare_v2(SQ(s)->db, eqp, -1, &st, NULL)
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

enum im_status sq_guardrail_get(struct im_store *s, int64_t recruiter,
				im_time *since, im_time *until)
{
	*since = *until = 0;
	sqlite3_stmt *st = store_stmt(s, STMT_GUARDRAIL_GET,
		"SELECT coalesce(guardrail_since, 0), coalesce(guardrail_until, 0)"
		" FROM account WHERE id = ?1");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*since = sqlite3_column_int64(st, 0);
		*until = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return store_fail(s, IM_ERR_NOT_FOUND, "no such account: %lld",
				  (long long)recruiter);
	return rc == SQLITE_ROW ? IM_OK
				: store_sqlite_fail(s, rc, "reading the guardrail");
}

enum im_status sq_guardrail_set(struct im_store *s, int64_t recruiter,
				im_time since, im_time until)
{
	sqlite3_stmt *st = store_stmt(s, STMT_GUARDRAIL_SET,
		"UPDATE account SET guardrail_since = nullif(?2, 0),"
		" guardrail_until = nullif(?3, 0) WHERE id = ?1");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	sqlite3_bind_int64(st, 2, since);
	sqlite3_bind_int64(st, 3, until);
	return store_step_done(s, st, "recording the guardrail");
}

enum im_status sq_sent_counts(struct im_store *s, int64_t recruiter,
			      im_time from, im_time to, im_time window,
			      im_time cutoff, struct im_store_sent_counts *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = store_stmt(s, STMT_SENT_COUNTS,
		"SELECT state, count(*), sum(responded_at IS NOT NULL),"
		" sum(responded_at IS NOT NULL AND responded_at - created_at <= ?4),"
		" sum(responded_at IS NULL AND created_at < ?5) FROM thread"
		" WHERE recruiter = ?1 AND created_at >= ?2 AND created_at < ?3"
		" GROUP BY state");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	sqlite3_bind_int64(st, 4, window);
	sqlite3_bind_int64(st, 5, cutoff);
	int rc;
	enum im_status res = IM_OK;
	while (res == IM_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t state = sqlite3_column_int64(st, 0);
		if (state < 0 || state >= IM_STATE_COUNT) {
			res = bad_state(s, recruiter, state);
			break;
		}
		int64_t n = sqlite3_column_int64(st, 1);
		out->sent += n;
		out->by_state[state] += n;
		out->responded += sqlite3_column_int64(st, 2);
		out->responded_within += sqlite3_column_int64(st, 3);
		out->unresponded_before += sqlite3_column_int64(st, 4);
	}
	if (res == IM_OK && rc != SQLITE_DONE)
		res = store_sqlite_fail(s, rc, "reading the report");
	sqlite3_reset(st);
	return res;
}

/* ---- the report per template (SPEC 9) ---- */

enum im_status sq_template_counts(struct im_store *s, int64_t recruiter,
				  im_time from, im_time to, im_time window,
				  im_time cutoff,
				  struct im_store_template_counts **out,
				  size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, STMT_TEMPLATE_COUNTS,
		"SELECT template, state, count(*), sum(responded_at IS NOT NULL),"
		" sum(responded_at IS NOT NULL AND responded_at - created_at <= ?4),"
		" sum(responded_at IS NULL AND created_at < ?5),"
		" coalesce(template_id, 0) FROM thread"
		" WHERE recruiter = ?1 AND created_at >= ?2 AND created_at < ?3"
		" GROUP BY template, template_id, state ORDER BY template IS NULL,"
		" template, coalesce(template_id, 0)");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, recruiter);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	sqlite3_bind_int64(st, 4, window);
	sqlite3_bind_int64(st, 5, cutoff);
	struct im_store_template_counts *list = NULL;
	size_t k = 0;
	int rc = SQLITE_DONE;
	enum im_status res = IM_OK;
	while (res == IM_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		int64_t state = sqlite3_column_int64(st, 1);
		int64_t tid = name ? sqlite3_column_int64(st, 6) : 0;
		if (state < 0 || state >= IM_STATE_COUNT) {
			res = bad_state(s, recruiter, state);
			break;
		}
		/* Rows come grouped by name and template id: a new one starts
		 * a row. */
		bool same = k > 0 && list[k - 1].template_id == tid &&
			    ((!name && !list[k - 1].name) ||
			     (name && list[k - 1].name &&
			      strcmp(name, list[k - 1].name) == 0));
		if (!same) {
			struct im_store_template_counts *grown =
				realloc(list, (k + 1) * sizeof *list);
			if (!grown) {
				res = store_fail(s, IM_ERR_NOMEM, "out of memory");
				break;
			}
			list = grown;
			memset(&list[k], 0, sizeof list[k]);
			if (name && !(list[k].name = strdup(name))) {
				res = store_fail(s, IM_ERR_NOMEM, "out of memory");
				break;
			}
			list[k].template_id = tid;
			k++;
		}
		struct im_store_sent_counts *c = &list[k - 1].c;
		int64_t cnt = sqlite3_column_int64(st, 2);
		c->sent += cnt;
		c->by_state[state] += cnt;
		c->responded += sqlite3_column_int64(st, 3);
		c->responded_within += sqlite3_column_int64(st, 4);
		c->unresponded_before += sqlite3_column_int64(st, 5);
	}
	if (res == IM_OK && rc != SQLITE_DONE)
		res = store_sqlite_fail(s, rc, "reading the report");
	sqlite3_reset(st);
	if (res != IM_OK) {
		im_store_template_counts_free(&list, k);
		return res;
	}
	*out = list;
	*n = k;
	return IM_OK;
}
