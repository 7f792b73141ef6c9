/* Folders (keyset pages and their counts), notifications, statistics and
 * drafts, on PostgreSQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/clock.h"
#include "inmail/text.h"
#include "pg_int.h"

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

static bool has_filter(const struct im_store_folder_query *q)
{
	return q->filter && *q->filter;
}

/* The WHERE clause of a query and its parameters, numbered in order:
 * only the shape is text; every value is bound.  The search filter is
 * not in it: see matches(). */
static void where_sql(const struct im_store_folder_query *q, char *buf,
		      size_t size, struct pg_params *p)
{
	bool rec = q->side == IM_SIDE_RECRUITER;
	size_t len = 0;
	pgp_int(p, q->account);
	len += (size_t)snprintf(buf + len, size - len, "%s = $1::bigint",
				rec ? "t.recruiter" : "t.candidate");
	if (q->archived >= 0) {
		pgp_bool(p, q->archived != 0);
		len += (size_t)snprintf(buf + len, size - len,
					" AND %s = $%d::boolean",
					rec ? "t.archived_by_recruiter"
					    : "t.archived_by_candidate", p->n);
	}
	if (q->responded >= 0)
		snprintf(buf + len, size - len, "%s",
			 q->responded ? " AND t.responded" : " AND NOT t.responded");
}

/* Whether row of a PG_THREAD_COLUMNS result matches the search: a
 * case-folded substring of the subject and the other party's name, by
 * the same Unicode folding as on SQLite (src/text), whatever the
 * server's locale (lower() under locale C folds ASCII only).  So a
 * search walks the folder in the client, as SQLite's walks it in
 * im_match: a search is never a hot query. */
static bool matches(const struct im_store_folder_query *q, const PGresult *r,
		    int row, bool *nomem)
{
	const char *subject = PQgetvalue(r, row, 1);
	const char *name = PQgetvalue(r, row, q->side == IM_SIDE_RECRUITER ? 22 : 19);
	size_t a = strlen(subject), b = strlen(name);
	char *hay = malloc(a + b + 2);
	if (!hay) {
		*nomem = true;
		return false;
	}
	memcpy(hay, subject, a);
	hay[a] = ' ';
	memcpy(hay + a + 1, name, b + 1);
	bool yes = im_text_contains_folded(hay, q->filter);
	free(hay);
	return yes;
}

/* One keyset page of the query's shape, unfiltered, in the scan's order
 * (newest first toward the end, oldest first toward the start). */
static PGresult *page_query(struct im_store *s,
			    const struct im_store_folder_query *q,
			    enum im_page_dir dir, const struct im_cursor *at,
			    size_t limit)
{
	int slot = PG_PAGE_BASE + (list_shape(q) * 4 + (int)dir) * 2;
	bool ascending = dir == IM_PAGE_BEFORE || dir == IM_PAGE_LAST;
	const char *key = q->order == IM_STORE_BY_CREATED ? "t.created_at"
							  : "t.updated_at";
	struct pg_params p = {0};
	char sql[2048], range[160] = "", where[512];
	where_sql(q, where, sizeof where, &p);
	if (dir == IM_PAGE_AFTER || dir == IM_PAGE_BEFORE) {
		pgp_int(&p, at->key);
		pgp_int(&p, at->id);
		snprintf(range, sizeof range,
			 " AND (%s, t.id) %s ($%d::bigint, $%d::bigint)", key,
			 dir == IM_PAGE_AFTER ? "<" : ">", p.n - 1, p.n);
	}
	pgp_int(&p, (int64_t)limit);
	snprintf(sql, sizeof sql,
		 "SELECT " PG_THREAD_COLUMNS PG_THREAD_FROM
		 " WHERE %s%s ORDER BY %s %s, t.id %s LIMIT $%d::bigint",
		 where, range, key, ascending ? "ASC" : "DESC",
		 ascending ? "ASC" : "DESC", p.n);
	return pg_run(s, (enum pg_stmt)slot, sql, &p, "listing threads");
}

/* How many rows a search reads at a time. */
#define SEARCH_BATCH 256

enum im_status pq_thread_page(struct im_store *s,
			      const struct im_store_folder_query *q,
			      enum im_page_dir dir, const struct im_cursor *at,
			      size_t limit, struct im_store_thread **out,
			      size_t *n)
{
	*out = NULL;
	*n = 0;
	if ((dir == IM_PAGE_AFTER || dir == IM_PAGE_BEFORE) && !at)
		dir = dir == IM_PAGE_AFTER ? IM_PAGE_FIRST : IM_PAGE_LAST;
	if (!query_ok(q))
		return store_fail(s, IM_ERR_INVALID, "no such list of threads");
	bool filtered = has_filter(q);
	bool ascending = dir == IM_PAGE_BEFORE || dir == IM_PAGE_LAST;
	struct im_store_thread *list = calloc(limit + 1, sizeof *list);
	if (!list)
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	size_t got = 0;
	enum im_status st = IM_OK;
	struct im_cursor cur = at ? *at : (struct im_cursor){0, 0};
	/* Without a search, one page; with one, batches of the folder in
	 * order until the page is full or the folder ends. */
	for (;;) {
		size_t want = filtered ? SEARCH_BATCH : limit;
		PGresult *r = page_query(s, q, dir, &cur, want);
		if (!r) {
			st = PG(s)->status;
			break;
		}
		int rows = PQntuples(r);
		bool nomem = false;
		for (int i = 0; st == IM_OK && i < rows && got < limit; i++) {
			if (filtered && !matches(q, r, i, &nomem)) {
				if (nomem)
					st = store_fail(s, IM_ERR_NOMEM,
							"out of memory");
				continue;
			}
			st = pg_thread_from_row(s, r, i, &list[got]);
			if (st == IM_OK)
				got++;
		}
		if (rows > 0) {
			cur.id = pg_int(r, rows - 1, 0);
			cur.key = pg_int(r, rows - 1,
					 q->order == IM_STORE_BY_CREATED ? 2 : 3);
		}
		PQclear(r);
		if (st != IM_OK || !filtered || got == limit ||
		    (size_t)rows < want)
			break;
		dir = ascending ? IM_PAGE_BEFORE : IM_PAGE_AFTER;
	}
	if (st != IM_OK) {
		for (size_t k = 0; k < got; k++)
			im_store_thread_clear(&list[k]);
		free(list);
		return st;
	}
	/* Toward the start rows come oldest first: turned around. */
	for (size_t i = 0; ascending && i < got / 2; i++) {
		struct im_store_thread tmp = list[i];
		list[i] = list[got - 1 - i];
		list[got - 1 - i] = tmp;
	}
	*out = list;
	*n = got;
	return IM_OK;
}

static enum im_status two_counts(struct im_store *s, PGresult *r,
				 int64_t *total, int64_t *unread)
{
	if (!r)
		return PG(s)->status;
	*total = pg_int(r, 0, 0);
	*unread = pg_int(r, 0, 1);
	/* Only another program's writes make a tally negative. */
	if (*total < 0 || *unread < 0)
		*total = *unread = 0;
	PQclear(r);
	return IM_OK;
}

enum im_status pq_folder_count(struct im_store *s,
			       const struct im_store_folder_query *q,
			       int64_t *total, int64_t *unread)
{
	if (!query_ok(q))
		return store_fail(s, IM_ERR_INVALID, "no such list of threads");
	struct pg_params p = {0};
	if (has_filter(q)) {
		/* With a search the count walks the folder, as the search
		 * does; without one it is a few tally cells. */
		bool rec = q->side == IM_SIDE_RECRUITER;
		int64_t all = 0, unseen = 0;
		enum im_page_dir dir = IM_PAGE_FIRST;
		struct im_cursor cur = {0, 0};
		for (;;) {
			PGresult *r = page_query(s, q, dir, &cur, SEARCH_BATCH);
			if (!r)
				return PG(s)->status;
			int rows = PQntuples(r);
			bool nomem = false;
			for (int i = 0; i < rows; i++) {
				if (!matches(q, r, i, &nomem))
					continue;
				all++;
				/* last_from_* and seen_by_* (PG_THREAD_COLUMNS) */
				if (rec ? pg_int(r, i, 12) > pg_int(r, i, 13)
					: pg_int(r, i, 11) > pg_int(r, i, 14))
					unseen++;
			}
			if (rows > 0) {
				cur.id = pg_int(r, rows - 1, 0);
				cur.key = pg_int(r, rows - 1,
					q->order == IM_STORE_BY_CREATED ? 2 : 3);
			}
			PQclear(r);
			if (nomem)
				return store_fail(s, IM_ERR_NOMEM, "out of memory");
			if (rows < SEARCH_BATCH)
				break;
			dir = IM_PAGE_AFTER;
		}
		*total = all;
		*unread = unseen;
		return IM_OK;
	}
	/* An account is on one side of all its threads: its cells are its
	 * side's.  Either (-1) is the range false to true. */
	pgp_int(&p, q->account);
	pgp_bool(&p, q->archived > 0);
	pgp_bool(&p, q->archived != 0);
	pgp_bool(&p, q->responded > 0);
	pgp_bool(&p, q->responded != 0);
	return two_counts(s, pg_run(s, PG_FOLDER_TALLY,
		"SELECT coalesce(sum(threads), 0), coalesce(sum(unread), 0)"
		" FROM folder_tally WHERE account = $1::bigint"
		" AND archived BETWEEN $2::boolean AND $3::boolean"
		" AND responded BETWEEN $4::boolean AND $5::boolean", &p,
		"counting threads"), total, unread);
}

/* ---- notifications ---- */

enum im_status pq_notification_insert(struct im_store *s, int64_t recruiter,
				      int64_t thread, const char *text,
				      im_time at, bool read)
{
	/* UNIQUE(thread) keeps it to one per thread even if asked twice. */
	struct pg_params p = {0};
	if (!PG(s)->owner) {
		/* The candidate's response notifies the thread's recruiter,
		 * by inmail.notify (which names the recruiter itself). */
		(void)recruiter;
		(void)read;
		pgp_int(&p, thread);
		pgp_text(&p, text);
		pgp_int(&p, at);
		return pg_run_done(s, PG_NOTIFY,
			"SELECT inmail.notify($1::bigint, $2::text, $3::bigint)",
			&p, "saving a notification");
	}
	pgp_int(&p, recruiter);
	pgp_int(&p, thread);
	pgp_text(&p, text);
	pgp_int(&p, at);
	pgp_bool(&p, read);
	return pg_run_done(s, PG_NOTIF_INSERT,
		"INSERT INTO notification (recruiter, thread, text, created_at,"
		" read) VALUES ($1::bigint, $2::bigint, $3::text, $4::bigint,"
		" $5::boolean) ON CONFLICT (thread) DO NOTHING", &p,
		"saving a notification");
}

enum im_status pq_notification_list(struct im_store *s, int64_t recruiter,
				    int64_t before, size_t limit,
				    struct im_notification **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	pgp_int(&p, before > 0 ? before : INT64_MAX);
	pgp_int(&p, (int64_t)limit);
	PGresult *r = pg_run(s, PG_NOTIF_LIST,
		"SELECT id, thread, text, created_at, read FROM notification"
		" WHERE recruiter = $1::bigint AND id < $2::bigint"
		" ORDER BY id DESC LIMIT $3::bigint", &p, "listing notifications");
	if (!r)
		return PG(s)->status;
	int rows = PQntuples(r);
	struct im_notification *list = calloc((size_t)rows + 1, sizeof *list);
	enum im_status st = list ? IM_OK
				 : store_fail(s, IM_ERR_NOMEM, "out of memory");
	int i = 0;
	for (; st == IM_OK && i < rows; i++) {
		struct im_notification *x = &list[i];
		x->id = pg_int(r, i, 0);
		x->thread = pg_int(r, i, 1);
		x->created_at = pg_int(r, i, 3);
		x->read = pg_bool(r, i, 4);
		if (!im_time_valid(x->created_at))
			st = pg_bad_row(s, "notification", x->id, "time", r, i, 3);
		else if (!(x->text = pg_text(r, i, 2)))
			st = store_fail(s, IM_ERR_NOMEM, "out of memory");
	}
	PQclear(r);
	if (st != IM_OK) {
		if (list)
			for (int k = 0; k < i; k++)
				free(list[k].text);
		free(list);
		return st;
	}
	*out = list;
	*n = (size_t)rows;
	return IM_OK;
}

/* One integer from a statement, 0 for no row. */
static enum im_status one_count(struct im_store *s, enum pg_stmt id,
				const char *sql, const struct pg_params *p,
				int64_t *out)
{
	*out = 0;
	PGresult *r = pg_run(s, id, sql, p, "reading statistics");
	if (!r)
		return PG(s)->status;
	if (PQntuples(r) > 0 && !pg_isnull(r, 0, 0))
		*out = pg_int(r, 0, 0);
	PQclear(r);
	return IM_OK;
}

enum im_status pq_notification_unread(struct im_store *s, int64_t recruiter,
				      int64_t *count)
{
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	return one_count(s, PG_NOTIF_UNREAD,
		"SELECT count(*) FROM notification WHERE recruiter = $1::bigint"
		" AND NOT read", &p, count);
}

enum im_status pq_notification_mark_read(struct im_store *s,
					 int64_t recruiter, int64_t thread)
{
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	pgp_int(&p, thread);
	return pg_run_done(s, PG_NOTIF_READ_THREAD,
		"UPDATE notification SET read = true WHERE recruiter = $1::bigint"
		" AND thread = $2::bigint AND NOT read", &p,
		"marking notifications read");
}

enum im_status pq_notification_mark_range(struct im_store *s,
					  int64_t recruiter, int64_t from,
					  int64_t to)
{
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	pgp_int(&p, from);
	pgp_int(&p, to);
	return pg_run_done(s, PG_NOTIF_READ_RANGE,
		"UPDATE notification SET read = true WHERE recruiter = $1::bigint"
		" AND id BETWEEN $2::bigint AND $3::bigint AND NOT read", &p,
		"marking notifications read");
}

/* ---- statistics ---- */

/* The size of a day bucket (schema.sql's inmail.day()). */
#define DAY_SECONDS 86400

static enum im_status negative_tally(struct im_store *s, int64_t recruiter)
{
	return store_fail(s, IM_ERR_INVALID,
			  "the statistics of account %lld hold a negative "
			  "count; another program changed the database",
			  (long long)recruiter);
}

/* How many waiting items with a time at or after since: the whole days
 * after since's from the buckets, since's own day from the rows. */
static enum im_status waiting_since(struct im_store *s, enum pg_stmt days,
				    const char *days_sql, enum pg_stmt edge,
				    const char *edge_sql, int64_t recruiter,
				    int64_t waiting, im_time since,
				    int64_t *out)
{
	if (since < 0)
		since = 0;
	int64_t day = since / DAY_SECONDS, whole = 0, part = 0;
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	pgp_int(&p, waiting);
	pgp_int(&p, day);
	enum im_status st = one_count(s, days, days_sql, &p, &whole);
	p.n = 0;
	pgp_int(&p, recruiter);
	pgp_int(&p, waiting);
	pgp_int(&p, since);
	pgp_int(&p, (day + 1) * DAY_SECONDS);
	if (st == IM_OK)
		st = one_count(s, edge, edge_sql, &p, &part);
	*out = whole + part;
	return st;
}

static enum im_status bad_state(struct im_store *s, int64_t recruiter,
				int64_t state)
{
	int64_t thread = 0;
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	pgp_int(&p, state);
	one_count(s, PG_THREAD_BAD_STATE,
		  "SELECT id FROM thread WHERE recruiter = $1::bigint"
		  " AND state = $2::smallint LIMIT 1", &p, &thread);
	return store_fail(s, IM_ERR_INVALID,
			  "thread %lld: its state holds a value inmail never "
			  "writes (%lld); another program changed the database",
			  (long long)thread, (long long)state);
}

enum im_status pq_thread_counts(struct im_store *s, int64_t recruiter,
				im_time since,
				struct im_store_thread_counts *out)
{
	memset(out, 0, sizeof *out);
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	PGresult *r = pg_run(s, PG_THREAD_TALLY,
		"SELECT state, refunded, sum(threads) FROM thread_tally"
		" WHERE recruiter = $1::bigint GROUP BY state, refunded", &p,
		"reading statistics");
	if (!r)
		return PG(s)->status;
	enum im_status st = IM_OK;
	for (int i = 0; st == IM_OK && i < PQntuples(r); i++) {
		int64_t state = pg_int(r, i, 0);
		int64_t n = pg_int(r, i, 2);
		if (n < 0)
			st = negative_tally(s, recruiter);
		else if (state < 0 || state >= IM_STATE_COUNT)
			st = bad_state(s, recruiter, state);
		if (st != IM_OK)
			break;
		out->threads += n;
		out->by_state[state] += n;
		if (pg_bool(r, i, 1))
			out->refunded += n;
	}
	PQclear(r);
	/* A thread without a response is pending (the schema's CHECK). */
	out->unresponded = out->by_state[IM_STATE_PENDING];
	if (st == IM_OK)
		st = waiting_since(s, PG_THREAD_DAYS,
			"SELECT coalesce(sum(threads), 0) FROM thread_tally"
			" WHERE recruiter = $1::bigint AND state = $2::smallint"
			" AND day > $3::bigint",
			PG_THREAD_DAY_EDGE,
			"SELECT count(*) FROM thread WHERE recruiter = $1::bigint"
			" AND state = $2::smallint AND responded_at IS NULL"
			" AND created_at >= $3::bigint AND created_at < $4::bigint",
			recruiter, IM_STATE_PENDING, since,
			&out->unresponded_since);
	/* Every thread sent since (the guardrail's InMails): the same day
	 * buckets, all states ($2, unused, keeps the helper's parameters). */
	if (st == IM_OK)
		st = waiting_since(s, PG_SENT_DAYS,
			"SELECT coalesce(sum(threads), 0) FROM thread_tally"
			" WHERE recruiter = $1::bigint AND $2::smallint >= 0"
			" AND day > $3::bigint",
			PG_SENT_DAY_EDGE,
			"SELECT count(*) FROM thread WHERE recruiter = $1::bigint"
			" AND $2::smallint >= 0 AND created_at >= $3::bigint"
			" AND created_at < $4::bigint",
			recruiter, 0, since, &out->created_since);
	if (st == IM_OK && (out->unresponded_since < 0 ||
			    out->unresponded_since > out->unresponded ||
			    out->created_since < out->unresponded_since ||
			    out->created_since > out->threads))
		st = negative_tally(s, recruiter);
	return st;
}

enum im_status pq_rate_counts(struct im_store *s, int64_t recruiter,
			      im_time since, struct im_store_rate_counts *out)
{
	memset(out, 0, sizeof *out);
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	PGresult *r = pg_run(s, PG_RATE_TALLY,
		"SELECT rate, sum(messages) FROM rate_tally"
		" WHERE recruiter = $1::bigint GROUP BY rate", &p,
		"reading statistics");
	if (!r)
		return PG(s)->status;
	enum im_status st = IM_OK;
	for (int i = 0; st == IM_OK && i < PQntuples(r); i++) {
		int64_t rate = pg_int(r, i, 0);
		int64_t n = pg_int(r, i, 1);
		if (n < 0)
			st = negative_tally(s, recruiter);
		else if (rate == IM_RATE_PENDING)
			out->waiting += n;
		else if (rate == IM_RATE_RESPONDED)
			out->responded += n;
		else if (rate != IM_RATE_UNANSWERED)
			st = negative_tally(s, recruiter);
		out->counted += n;
	}
	PQclear(r);
	if (st != IM_OK)
		return st;
	out->settled = out->counted - out->waiting;
	st = waiting_since(s, PG_RATE_DAYS,
		"SELECT coalesce(sum(messages), 0) FROM rate_tally"
		" WHERE recruiter = $1::bigint AND rate = $2::smallint"
		" AND day > $3::bigint",
		PG_RATE_DAY_EDGE,
		/* The messages hold no recruiter (schema.sql): the day's
		 * counted messages, each one's thread by key, in a definer
		 * function (policies.sql says why: as a person the policy
		 * cost 130 ms at 1M; this, under a millisecond). */
		"SELECT inmail.counted_between($1::bigint, $2::smallint,"
		" $3::bigint, $4::bigint)",
		recruiter, IM_RATE_PENDING, since, &out->waiting_since);
	if (st == IM_OK &&
	    (out->waiting_since < 0 || out->waiting_since > out->waiting))
		st = negative_tally(s, recruiter);
	return st;
}

/* ---- drafts ---- */

enum im_status pq_draft_load(struct im_store *s, int64_t account,
			     int64_t thread, struct im_draft *out)
{
	struct pg_params p = {0};
	pgp_int(&p, account);
	pgp_int(&p, thread);
	PGresult *r = pg_run(s, PG_DRAFT_LOAD,
		"SELECT smart, edited, body, saved_at, form_to, form_subject,"
		" form_followup, form_followup_text, form_template FROM draft"
		" WHERE account = $1::bigint AND thread = $2::bigint", &p,
		"reading a draft");
	if (!r)
		return PG(s)->status;
	enum im_status st = IM_OK;
	if (PQntuples(r) == 0) {
		st = store_fail(s, IM_ERR_NOT_FOUND, "no draft");
	} else {
		int64_t smart = pg_int(r, 0, 0);
		out->edited = pg_bool(r, 0, 1);
		out->saved_at = pg_int(r, 0, 3);
		if (smart < IM_SMART_NONE || smart > IM_SMART_NO)
			st = pg_bad_row(s, "thread", thread,
					"draft's smart reply", r, 0, 0);
		else if (!(out->body = pg_text(r, 0, 2)) ||
			 !(out->to = pg_text(r, 0, 4)) ||
			 !(out->subject = pg_text(r, 0, 5)) ||
			 !(out->followup_days = pg_text(r, 0, 6)) ||
			 !(out->followup_text = pg_text(r, 0, 7)) ||
			 !(out->template_name = pg_text(r, 0, 8)))
			st = store_fail(s, IM_ERR_NOMEM, "out of memory");
		out->smart = (enum im_smart)smart;
	}
	PQclear(r);
	return st;
}

enum im_status pq_draft_save(struct im_store *s, int64_t account,
			     int64_t thread, const struct im_draft *d)
{
	struct pg_params p = {0};
	pgp_int(&p, account);
	pgp_int(&p, thread);
	pgp_int(&p, (int64_t)d->smart);
	pgp_bool(&p, d->edited);
	pgp_text(&p, d->body ? d->body : "");
	pgp_int(&p, d->saved_at);
	pgp_text(&p, d->to ? d->to : "");
	pgp_text(&p, d->subject ? d->subject : "");
	pgp_text(&p, d->followup_days ? d->followup_days : "");
	pgp_text(&p, d->followup_text ? d->followup_text : "");
	pgp_text(&p, d->template_name ? d->template_name : "");
	return pg_run_done(s, PG_DRAFT_SAVE,
		"INSERT INTO draft (account, thread, smart, edited, body,"
		" saved_at, form_to, form_subject, form_followup,"
		" form_followup_text, form_template) VALUES ($1::bigint,"
		" $2::bigint, $3::smallint, $4::boolean, $5::text, $6::bigint,"
		" $7::text, $8::text, $9::text, $10::text, $11::text)"
		" ON CONFLICT (account, thread)"
		" DO UPDATE SET smart = excluded.smart, edited = excluded.edited,"
		" body = excluded.body, saved_at = excluded.saved_at,"
		" form_to = excluded.form_to, form_subject = excluded.form_subject,"
		" form_followup = excluded.form_followup,"
		" form_followup_text = excluded.form_followup_text,"
		" form_template = excluded.form_template", &p,
		"saving a draft");
}

enum im_status pq_draft_discard(struct im_store *s, int64_t account,
				int64_t thread)
{
	struct pg_params p = {0};
	/* A person's through the definer function (policies.sql: no
	 * table-level DELETE to lock the table with); the account is theirs. */
	if (!PG(s)->owner) {
		pgp_int(&p, thread);
		return pg_run_done(s, PG_DRAFT_DISCARD_OWN,
			"SELECT inmail.draft_discard($1::bigint)", &p,
			"discarding a draft");
	}
	pgp_int(&p, account);
	pgp_int(&p, thread);
	return pg_run_done(s, PG_DRAFT_DISCARD,
		"DELETE FROM draft WHERE account = $1::bigint"
		" AND thread = $2::bigint", &p, "discarding a draft");
}
