/* Accounts, threads and their messages, on PostgreSQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"

/* ---- a person's writes across accounts (not the owner's session) ----
 * What one account does to another goes through the schema's definer
 * functions (policies.sql), each checking its own precondition; the
 * model's calls map onto them one to one. */

/* Runs a definer function's SELECT; *id (if not NULL) gets its bigint. */
static enum im_status definer(struct im_store *s, enum pg_stmt id,
			      const char *sql, const struct pg_params *p,
			      const char *what, int64_t *out)
{
	PGresult *r = pg_run(s, id, sql, p, what);
	if (!r)
		return PG(s)->status;
	if (out && PQntuples(r) == 1 && !pg_isnull(r, 0, 0))
		*out = pg_int(r, 0, 0);
	PQclear(r);
	return IM_OK;
}

/* The due follow-up read in this transaction at (thread, at), or NULL. */
static struct pg_due *due_at(struct im_store *s, int64_t thread, im_time at,
			     bool any_time)
{
	for (size_t i = 0; i < PG(s)->n_due; i++)
		if (PG(s)->due[i].thread == thread &&
		    (any_time || PG(s)->due[i].at == at))
			return &PG(s)->due[i];
	return NULL;
}

/* ---- accounts ---- */

#define ACCOUNT_COLUMNS \
	"a.id, a.handle, a.name, a.role, coalesce(b.credits, 0)"
#define ACCOUNT_FROM \
	" FROM account a LEFT JOIN balance b ON b.account = a.id"

/* An account from ACCOUNT_COLUMNS at column col of row. */
static enum im_status account_from_row(struct im_store *s, const PGresult *r,
				       int row, int col, struct im_account *a)
{
	a->id = pg_int(r, row, col);
	int64_t role = pg_int(r, row, col + 3);
	a->credits = pg_int(r, row, col + 4);
	if (role < 0 || role > 1)
		return pg_bad_row(s, "account", a->id, "role", r, row, col + 3);
	if (a->credits < 0)
		return pg_bad_row(s, "account", a->id, "balance", r, row,
				  col + 4);
	a->role = role ? IM_ROLE_CANDIDATE : IM_ROLE_RECRUITER;
	a->handle = pg_text(r, row, col + 1);
	a->name = pg_text(r, row, col + 2);
	if (!a->handle || !a->name) {
		im_account_clear(a);
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	}
	return IM_OK;
}

enum im_status pq_account_insert(struct im_store *s, const char *handle,
				 const char *name, enum im_role role,
				 int64_t credits, im_time now, int64_t *id)
{
	/* The login is the handle (SPEC 7's default).  A handle or login
	 * taken inserts nothing, and the transaction goes on. */
	struct pg_params p = {0};
	pgp_text(&p, handle);
	pgp_text(&p, name);
	pgp_int(&p, (int64_t)role);
	pgp_int(&p, credits);
	pgp_int(&p, now);
	PGresult *r = pg_run(s, PG_ACCOUNT_INSERT,
		"WITH a AS (INSERT INTO account (handle, name, role, login,"
		" created_at) VALUES ($1::text, $2::text, $3::smallint, $1::text,"
		" $5::bigint) ON CONFLICT DO NOTHING RETURNING id),"
		" b AS (INSERT INTO balance (account, credits)"
		" SELECT id, $4::bigint FROM a)"
		" SELECT id FROM a", &p, "adding an account");
	if (!r)
		return PG(s)->status;
	enum im_status st = IM_OK;
	if (PQntuples(r) != 1)
		st = store_fail(s, IM_ERR_INVALID, "the handle '%s' is taken",
				handle);
	else if (id)
		*id = pg_int(r, 0, 0);
	PQclear(r);
	return st;
}

static enum im_status account_one(struct im_store *s, PGresult *r,
				  struct im_account *out, const char *what)
{
	if (!r)
		return PG(s)->status;
	enum im_status st = PQntuples(r) > 0
		? account_from_row(s, r, 0, 0, out)
		: store_fail(s, IM_ERR_NOT_FOUND, "no such account: %s", what);
	PQclear(r);
	return st;
}

bool pg_open_account(struct im_store *s, const char *handle, int64_t id,
		     struct im_account *out, enum im_status *st)
{
	struct pg_store *pg = PG(s);
	if (!pg->have_me || PQtransactionStatus(pg->conn) != PQTRANS_IDLE)
		return false;
	const PGresult *r = pg->open_row;
	if (handle ? strcmp(handle, PQgetvalue(r, 0, PG_OPEN_ACCOUNT + 1)) != 0
		   : id != pg_int(r, 0, PG_OPEN_ACCOUNT))
		return false;
	*st = account_from_row(s, r, 0, PG_OPEN_ACCOUNT, out);
	return true;
}

enum im_status pq_account_by_handle(struct im_store *s, const char *handle,
				    struct im_account *out)
{
	enum im_status st;
	if (pg_open_account(s, handle, 0, out, &st))
		return st;
	struct pg_params p = {0};
	pgp_text(&p, handle);
	return account_one(s, pg_run(s, PG_ACCOUNT_BY_HANDLE,
		"SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM " WHERE a.handle = $1::text",
		&p, "reading an account"), out, handle);
}

enum im_status pq_account_by_id(struct im_store *s, int64_t id,
				struct im_account *out)
{
	enum im_status st;
	if (pg_open_account(s, NULL, id, out, &st))
		return st;
	struct pg_params p = {0};
	pgp_int(&p, id);
	return account_one(s, pg_run(s, PG_ACCOUNT_BY_ID,
		"SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM " WHERE a.id = $1::bigint",
		&p, "reading an account"), out, "(by id)");
}

enum im_status pq_account_list(struct im_store *s, int role_filter,
			       struct im_account **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct pg_params p = {0};
	PGresult *r;
	if (role_filter < 0) {
		r = pg_run(s, PG_ACCOUNT_LIST,
			   "SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM
			   " ORDER BY a.handle", &p, "listing accounts");
	} else {
		pgp_int(&p, role_filter);
		r = pg_run(s, PG_ACCOUNT_LIST_ROLE,
			   "SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM
			   " WHERE a.role = $1::smallint ORDER BY a.handle", &p,
			   "listing accounts");
	}
	if (!r)
		return PG(s)->status;
	int rows = PQntuples(r);
	struct im_account *list = calloc((size_t)rows + 1, sizeof *list);
	enum im_status st = list ? IM_OK
				 : store_fail(s, IM_ERR_NOMEM, "out of memory");
	int i = 0;
	for (; st == IM_OK && i < rows; i++)
		st = account_from_row(s, r, i, 0, &list[i]);
	PQclear(r);
	if (st != IM_OK) {
		if (list)
			for (int k = 0; k < i; k++)
				im_account_clear(&list[k]);
		free(list);
		return st;
	}
	*out = list;
	*n = (size_t)rows;
	return IM_OK;
}

enum im_status pq_credits_add(struct im_store *s, int64_t account,
			      int64_t delta)
{
	struct pg_params p = {0};
	if (!PG(s)->owner) {
		/* A recruiter's spend, by inmail.spend (which lets this
		 * transaction create that many threads); a credit back is
		 * inmail.respond's, already given. */
		if (delta < 0 && account == PG(s)->me &&
		    -delta % IM_INMAIL_COST == 0) {
			pgp_int(&p, -delta / IM_INMAIL_COST);
			return definer(s, PG_SPEND,
				       "SELECT inmail.spend($1::bigint)", &p,
				       "spending credits", NULL);
		}
		if (delta == IM_INMAIL_COST && PG(s)->refunded) {
			PG(s)->refunded = false;
			return IM_OK;
		}
	}
	pgp_int(&p, account);
	/* FOR UPDATE: the balance read is the one changed. */
	PGresult *r = pg_run(s, PG_CREDITS_GET,
		"SELECT b.credits, a.handle FROM balance b JOIN account a"
		" ON a.id = b.account WHERE b.account = $1::bigint"
		" FOR UPDATE OF b", &p, "reading credits");
	if (!r)
		return PG(s)->status;
	bool found = PQntuples(r) > 0;
	int64_t credits = found ? pg_int(r, 0, 0) : 0;
	/* CHECK (credits >= 0) holds the low end; an owner can still set a
	 * balance where this change cannot be held, which no balance inmail
	 * writes comes near (grants stop at IM_CREDITS_MAX): said as what it
	 * is, not as a lack of credits (credits + delta overflowed). */
	enum im_status st = IM_OK;
	if (found && (credits < 0 || (delta > 0 && credits > INT64_MAX - delta)))
		st = store_fail(s, IM_ERR_INVALID, "the balance of %s holds a "
				"value inmail never writes (%lld); another "
				"program changed the database",
				PQgetvalue(r, 0, 1), (long long)credits);
	PQclear(r);
	if (st != IM_OK)
		return st;
	if (!found)
		return store_fail(s, IM_ERR_NOT_FOUND, "no such account");
	if (credits + delta < 0)
		return store_fail(s, IM_ERR_NO_CREDITS,
				  "not enough InMail credits: %lld left, %lld needed",
				  (long long)credits, (long long)-delta);
	p.n = 0;
	pgp_int(&p, delta);
	pgp_int(&p, account);
	return pg_run_done(s, PG_CREDITS_SET,
		"UPDATE balance SET credits = credits + $1::bigint"
		" WHERE account = $2::bigint", &p, "changing credits");
}

/* ---- threads ---- */

/* A time column: NULL (*set false) or a time inmail writes. */
static bool col_time(const PGresult *r, int row, int col, bool *set,
		     im_time *out)
{
	*set = !pg_isnull(r, row, col);
	*out = *set ? pg_int(r, row, col) : 0;
	return !*set || im_time_valid(*out);
}

static bool col_enum(const PGresult *r, int row, int col, int max, int *out)
{
	if (pg_isnull(r, row, col))
		return false;
	int64_t v = pg_int(r, row, col);
	*out = (int)v;
	return v >= 0 && v <= max;
}

enum im_status pg_thread_from_row(struct im_store *s, const PGresult *r,
				  int row, struct im_store_thread *out)
{
	memset(out, 0, sizeof *out);
	struct im_thread *t = &out->t;
	t->id = pg_int(r, row, 0);
	bool set = true;
	int state = 0, response = 0, bad = -1;
	if (!col_time(r, row, 2, &set, &t->created_at) || !set)
		bad = 2;
	else if (!col_time(r, row, 3, &set, &t->updated_at) || !set)
		bad = 3;
	else if (!col_enum(r, row, 4, IM_STATE_DECLINED, &state))
		bad = 4;
	else if (!col_enum(r, row, 5, IM_RESPONSE_CUSTOM, &response))
		bad = 5;
	else if (!col_time(r, row, 6, &t->responded, &t->responded_at))
		bad = 6;
	else if (!col_time(r, row, 9, &t->has_followup, &t->followup_at))
		bad = 9;
	else if ((state == IM_STATE_PENDING) != !t->responded)
		bad = 4;
	else if ((response == IM_RESPONSE_NONE) != !t->responded)
		bad = 5;
	else if (t->responded && t->responded_at < t->created_at)
		bad = 6;
	else if (t->updated_at < t->created_at)
		bad = 3;
	if (bad >= 0) {
		static const char *const names[] = {
			[2] = "creation time", [3] = "update time",
			[4] = "state", [5] = "response",
			[6] = "response time", [9] = "follow-up time"};
		return pg_bad_row(s, "thread", t->id, names[bad], r, row, bad);
	}
	t->state = (enum im_state)state;
	t->response = (enum im_response)response;
	t->subject = pg_text(r, row, 1);
	t->blocked = pg_bool(r, row, 7);
	out->refunded = pg_bool(r, row, 8);
	out->followup_body = pg_text(r, row, 10);
	out->last_from_recruiter = pg_int(r, row, 11);
	out->last_from_candidate = pg_int(r, row, 12);
	out->seen_by_recruiter = pg_int(r, row, 13);
	out->seen_by_candidate = pg_int(r, row, 14);
	out->archived_by_recruiter = pg_bool(r, row, 15);
	out->archived_by_candidate = pg_bool(r, row, 16);
	t->recruiter.id = pg_int(r, row, 17);
	t->recruiter.handle = pg_text(r, row, 18);
	t->recruiter.name = pg_text(r, row, 19);
	t->candidate.id = pg_int(r, row, 20);
	t->candidate.handle = pg_text(r, row, 21);
	t->candidate.name = pg_text(r, row, 22);
	if (!t->subject || !out->followup_body || !t->recruiter.handle ||
	    !t->recruiter.name || !t->candidate.handle || !t->candidate.name) {
		im_store_thread_clear(out);
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	}
	return IM_OK;
}

enum im_status pq_thread_insert(struct im_store *s, int64_t recruiter,
				int64_t candidate, const char *subject,
				im_time created_at, im_time followup_at,
				const char *followup_body,
				const char *template_name, int64_t template_id,
				int64_t *id)
{
	struct pg_params p = {0};
	pgp_int(&p, recruiter);
	pgp_int(&p, candidate);
	pgp_text(&p, subject);
	pgp_int(&p, created_at);
	if (followup_body) {
		pgp_int(&p, followup_at);
		pgp_text(&p, followup_body);
	} else {
		pgp_null(&p);
		pgp_null(&p);
	}
	if (template_name)
		pgp_text(&p, template_name);
	else
		pgp_null(&p);
	if (template_name && template_id > 0)
		pgp_int(&p, template_id);
	else
		pgp_null(&p);
	/* A new thread has no response yet: state and response are the
	 * schema's defaults (pending, none), which a person may not write. */
	PGresult *r = pg_run(s, PG_THREAD_INSERT,
		"INSERT INTO thread (recruiter, candidate, subject, created_at,"
		" updated_at, followup_at, followup_body, template, template_id)"
		" VALUES ($1::bigint, $2::bigint, $3::text, $4::bigint,"
		" $4::bigint, $5::bigint, $6::text, $7::text, $8::bigint)"
		" RETURNING id", &p,
		"creating a thread");
	if (!r)
		return PG(s)->status;
	if (id)
		*id = pg_int(r, 0, 0);
	PQclear(r);
	return IM_OK;
}

/* A thread the policies hide from this login may still be there, another
 * pair's: the model says so as "not permitted" (SPEC 1), as on SQLite.
 * Whether thread N exists is already public (inmail.has_messages, and
 * ids are sequential); a committed thread always has its InMail. */
static enum im_status thread_not_seen(struct im_store *s, int64_t id)
{
	struct pg_params p = {0};
	pgp_int(&p, id);
	PGresult *r = pg_run(s, PG_THREAD_HIDDEN,
		"SELECT inmail.has_messages($1::bigint)", &p,
		"reading a thread");
	if (!r)
		return PG(s)->status;
	bool hidden = PQntuples(r) > 0 && pg_bool(r, 0, 0);
	PQclear(r);
	return hidden
		? store_fail(s, IM_ERR_NOT_PERMITTED,
			     "thread %lld is not this login's to see",
			     (long long)id)
		: store_fail(s, IM_ERR_NOT_FOUND, "no such thread: %lld",
			     (long long)id);
}

enum im_status pq_thread_get(struct im_store *s, int64_t id,
			     struct im_store_thread *out)
{
	struct pg_params p = {0};
	pgp_int(&p, id);
	PGresult *r = pg_run(s, PG_THREAD_GET,
		"SELECT " PG_THREAD_COLUMNS PG_THREAD_FROM
		" WHERE t.id = $1::bigint", &p, "reading a thread");
	if (!r)
		return PG(s)->status;
	enum im_status st = PQntuples(r) > 0
		? pg_thread_from_row(s, r, 0, out)
		: thread_not_seen(s, id);
	PQclear(r);
	return st;
}

/* ---- messages ---- */

enum im_status pq_message_append(struct im_store *s,
				 const struct im_store_message *msg,
				 int64_t *id)
{
	/* counted is the schema's (a generated column, the same kinds the
	 * model counts); rate starts pending. */
	struct pg_params p = {0};
	char conf[32];
	pgp_int(&p, msg->thread);
	if (msg->sender > 0)
		pgp_int(&p, msg->sender);
	else
		pgp_null(&p);
	pgp_int(&p, (int64_t)msg->kind);
	pgp_text(&p, msg->body);
	pgp_int(&p, msg->sent_at);
	if (msg->classified) {
		pgp_int(&p, (int64_t)msg->label);
		snprintf(conf, sizeof conf, "%.17g", msg->confidence);
		pgp_text(&p, conf);
	} else {
		pgp_null(&p);
		pgp_null(&p);
	}
	PGresult *r = pg_run(s, PG_MESSAGE_INSERT,
		"INSERT INTO message (thread, sender, kind, body, sent_at, label,"
		" confidence) VALUES ($1::bigint, $2::bigint, $3::smallint,"
		" $4::text, $5::bigint, $6::smallint, $7::float8) RETURNING id",
		&p, "saving a message");
	if (!r)
		return PG(s)->status;
	if (id)
		*id = pg_int(r, 0, 0);
	PQclear(r);
	return IM_OK;
}

/* A person's system line or due follow-up, by its definer function
 * (which also moves the thread's marks); *done false for any other
 * message. */
static enum im_status person_message(struct im_store *s,
				     const struct im_store_message *msg,
				     int64_t *id, bool *done)
{
	struct pg_params p = {0};
	struct pg_due *due = NULL;
	*done = true;
	if (msg->sender <= 0) {
		pgp_int(&p, msg->thread);
		pgp_text(&p, msg->body);
		pgp_int(&p, msg->sent_at);
		return definer(s, PG_SYSTEM_LINE,
			       "SELECT inmail.system_line($1::bigint, $2::text,"
			       " $3::bigint)", &p, "saving a message", id);
	}
	if (msg->kind == IM_KIND_FOLLOWUP &&
	    (due = due_at(s, msg->thread, msg->sent_at, false)) && !due->sent) {
		pgp_int(&p, msg->thread);
		enum im_status st = definer(s, PG_SEND_DUE,
			"SELECT inmail.send_due_followup($1::bigint)", &p,
			"sending a follow-up", id);
		due->sent = st == IM_OK;
		return st;
	}
	*done = false;
	return IM_OK;
}

enum im_status pq_message_insert(struct im_store *s,
				 const struct im_store_message *msg,
				 int64_t *id)
{
	if (!PG(s)->owner) {
		bool done;
		enum im_status st = person_message(s, msg, id, &done);
		if (done)
			return st;
	}
	int64_t mid = 0;
	enum im_status st = pq_message_append(s, msg, &mid);
	if (st != IM_OK)
		return st;
	if (id)
		*id = mid;
	struct pg_params p = {0};
	pgp_int(&p, msg->sent_at);
	pgp_int(&p, mid);
	pgp_int(&p, msg->thread);
	if (msg->sender <= 0)
		return pg_run_done(s, PG_MESSAGE_TOUCH_SYSTEM,
			"UPDATE thread SET updated_at = greatest(updated_at,"
			" $1::bigint), last_message = $2::bigint"
			" WHERE id = $3::bigint", &p, "updating a thread");
	if (msg->side == IM_SIDE_RECRUITER)
		return pg_run_done(s, PG_MESSAGE_TOUCH_RECRUITER,
			"UPDATE thread SET updated_at = greatest(updated_at,"
			" $1::bigint), last_message = $2::bigint,"
			" last_from_recruiter = $2::bigint,"
			" seen_by_recruiter = $2::bigint WHERE id = $3::bigint",
			&p, "updating a thread");
	return pg_run_done(s, PG_MESSAGE_TOUCH_CANDIDATE,
		"UPDATE thread SET updated_at = greatest(updated_at,"
		" $1::bigint), last_message = $2::bigint,"
		" last_from_candidate = $2::bigint,"
		" seen_by_candidate = $2::bigint WHERE id = $3::bigint",
		&p, "updating a thread");
}

enum im_status pq_thread_set_summary(struct im_store *s, int64_t thread,
				     const struct im_store_summary *sum)
{
	struct pg_params p = {0};
	pgp_int(&p, sum->updated_at);
	pgp_int(&p, sum->last_message);
	pgp_int(&p, sum->last_from_recruiter);
	pgp_int(&p, sum->last_from_candidate);
	pgp_int(&p, sum->seen_by_recruiter);
	pgp_int(&p, sum->seen_by_candidate);
	pgp_int(&p, thread);
	return pg_run_done(s, PG_THREAD_SUMMARY,
		"UPDATE thread SET updated_at = $1::bigint,"
		" last_message = $2::bigint, last_from_recruiter = $3::bigint,"
		" last_from_candidate = $4::bigint, seen_by_recruiter = $5::bigint,"
		" seen_by_candidate = $6::bigint WHERE id = $7::bigint", &p,
		"updating a thread");
}

static enum im_status message_from_row(struct im_store *s, const PGresult *r,
				       int row, int64_t thread,
				       struct im_message *m)
{
	m->id = pg_int(r, row, 0);
	int kind = 0, label = 0, bad = -1;
	bool set = false;
	m->classified = !pg_isnull(r, row, 5);
	m->confidence = pg_isnull(r, row, 6) ? 0.0
					      : strtod(PQgetvalue(r, row, 6), NULL);
	if (!col_enum(r, row, 2, IM_KIND_SYSTEM, &kind))
		bad = 2;
	else if (!col_time(r, row, 4, &set, &m->sent_at) || !set)
		bad = 4;
	else if (m->classified && !col_enum(r, row, 5, IM_LABEL_DECLINE, &label))
		bad = 5;
	else if (m->classified &&
		 (pg_isnull(r, row, 6) ||
		  !(m->confidence >= 0.0 && m->confidence <= 1.0)))
		bad = 6;
	if (bad >= 0) {
		static const char *const names[] = {
			[2] = "message kind", [4] = "message time",
			[5] = "classification", [6] = "confidence"};
		return pg_bad_row(s, "thread", thread, names[bad], r, row, bad);
	}
	m->kind = (enum im_kind)kind;
	m->label = (enum im_label)label;
	m->sender_id = pg_isnull(r, row, 1) ? 0 : pg_int(r, row, 1);
	if (!(m->body = pg_text(r, row, 3)))
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	return IM_OK;
}

enum im_status pq_messages(struct im_store *s, int64_t thread,
			   struct im_message **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct pg_params p = {0};
	pgp_int(&p, thread);
	PGresult *r = pg_run(s, PG_MESSAGES,
		"SELECT id, sender, kind, body, sent_at, label, confidence"
		" FROM message WHERE thread = $1::bigint ORDER BY id", &p,
		"reading messages");
	if (!r)
		return PG(s)->status;
	int rows = PQntuples(r);
	struct im_message *list = calloc((size_t)rows + 1, sizeof *list);
	enum im_status st = list ? IM_OK
				 : store_fail(s, IM_ERR_NOMEM, "out of memory");
	int i = 0;
	for (; st == IM_OK && i < rows; i++)
		st = message_from_row(s, r, i, thread, &list[i]);
	PQclear(r);
	if (st != IM_OK) {
		if (list)
			for (int k = 0; k < i; k++)
				free(list[k].body);
		free(list);
		return st;
	}
	*out = list;
	*n = (size_t)rows;
	return IM_OK;
}

enum im_status pq_thread_respond(struct im_store *s, int64_t thread,
				 enum im_state state, enum im_response response,
				 im_time responded_at, bool blocked,
				 bool refunded)
{
	struct pg_params p = {0};
	if (!PG(s)->owner) {
		/* The response, its credit back and the end of the
		 * follow-up, checked by inmail.respond. */
		pgp_int(&p, thread);
		pgp_int(&p, (int64_t)state);
		pgp_int(&p, (int64_t)response);
		pgp_int(&p, responded_at);
		pgp_bool(&p, blocked);
		pgp_bool(&p, refunded);
		enum im_status st = definer(s, PG_RESPOND,
			"SELECT inmail.respond($1::bigint, $2::smallint,"
			" $3::smallint, $4::bigint, $5::boolean, $6::boolean)",
			&p, "recording a response", NULL);
		PG(s)->refunded = st == IM_OK && refunded;
		return st;
	}
	pgp_int(&p, (int64_t)state);
	pgp_int(&p, (int64_t)response);
	pgp_int(&p, responded_at);
	pgp_bool(&p, blocked);
	pgp_bool(&p, refunded);
	pgp_int(&p, thread);
	return pg_run_done(s, PG_THREAD_RESPOND,
		"UPDATE thread SET state = $1::smallint, response = $2::smallint,"
		" responded_at = $3::bigint, blocked = $4::boolean,"
		" refunded = $5::boolean, followup_at = NULL,"
		" followup_body = NULL WHERE id = $6::bigint", &p,
		"recording a response");
}

enum im_status pq_rate_settle(struct im_store *s, int64_t thread,
			      im_time responded_from)
{
	struct pg_params p = {0};
	pgp_int(&p, thread);
	pgp_int(&p, responded_from);
	pgp_int(&p, IM_RATE_RESPONDED);
	pgp_int(&p, IM_RATE_UNANSWERED);
	pgp_int(&p, IM_RATE_PENDING);
	return pg_run_done(s, PG_RATE_SETTLE,
		"UPDATE message SET rate = CASE WHEN sent_at >= $2::bigint"
		" THEN $3::smallint ELSE $4::smallint END"
		" WHERE thread = $1::bigint AND counted AND rate = $5::smallint",
		&p, "recording a response");
}

static enum im_status update_flag(struct im_store *s, enum pg_stmt id,
				  const char *sql, bool is_bool, int64_t value,
				  int64_t thread)
{
	struct pg_params p = {0};
	if (is_bool)
		pgp_bool(&p, value != 0);
	else
		pgp_int(&p, value);
	pgp_int(&p, thread);
	return pg_run_done(s, id, sql, &p, "updating a thread");
}

enum im_status pq_thread_set_blocked(struct im_store *s, int64_t thread,
				     bool blocked)
{
	if (!PG(s)->owner && !blocked) {
		struct pg_params p = {0};
		pgp_int(&p, thread);
		return definer(s, PG_UNBLOCK, "SELECT inmail.unblock($1::bigint)",
			       &p, "updating a thread", NULL);
	}
	return update_flag(s, PG_THREAD_BLOCKED,
			   "UPDATE thread SET blocked = $1::boolean"
			   " WHERE id = $2::bigint", true, blocked, thread);
}

enum im_status pq_thread_clear_followup(struct im_store *s, int64_t thread)
{
	/* inmail.send_due_followup cleared what it sent. */
	struct pg_due *due = PG(s)->owner ? NULL : due_at(s, thread, 0, true);
	if (due && due->sent)
		return IM_OK;
	struct pg_params p = {0};
	pgp_int(&p, thread);
	return pg_run_done(s, PG_THREAD_CLEAR_FOLLOWUP,
		"UPDATE thread SET followup_at = NULL, followup_body = NULL"
		" WHERE id = $1::bigint", &p, "updating a thread");
}

enum im_status pq_thread_set_seen(struct im_store *s, int64_t thread,
				  enum im_side side, int64_t message)
{
	if (side == IM_SIDE_RECRUITER)
		return update_flag(s, PG_SEEN_RECRUITER,
			"UPDATE thread SET seen_by_recruiter ="
			" greatest(seen_by_recruiter, $1::bigint)"
			" WHERE id = $2::bigint", false, message, thread);
	return update_flag(s, PG_SEEN_CANDIDATE,
		"UPDATE thread SET seen_by_candidate ="
		" greatest(seen_by_candidate, $1::bigint)"
		" WHERE id = $2::bigint", false, message, thread);
}

enum im_status pq_thread_reset_seen(struct im_store *s, int64_t thread,
				    enum im_side side, int64_t message)
{
	if (side == IM_SIDE_RECRUITER)
		return update_flag(s, PG_RESET_SEEN_RECRUITER,
			"UPDATE thread SET seen_by_recruiter = $1::bigint"
			" WHERE id = $2::bigint", false, message, thread);
	return update_flag(s, PG_RESET_SEEN_CANDIDATE,
		"UPDATE thread SET seen_by_candidate = $1::bigint"
		" WHERE id = $2::bigint", false, message, thread);
}

enum im_status pq_thread_set_archived(struct im_store *s, int64_t thread,
				      enum im_side side, bool archived)
{
	if (side == IM_SIDE_RECRUITER)
		return update_flag(s, PG_ARCHIVE_RECRUITER,
			"UPDATE thread SET archived_by_recruiter = $1::boolean"
			" WHERE id = $2::bigint", true, archived, thread);
	return update_flag(s, PG_ARCHIVE_CANDIDATE,
		"UPDATE thread SET archived_by_candidate = $1::boolean"
		" WHERE id = $2::bigint", true, archived, thread);
}

enum im_status pq_due_followups(struct im_store *s, enum im_side side,
				int64_t account, im_time now, size_t limit,
				struct im_store_due **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct pg_params p = {0};
	pgp_int(&p, account);
	pgp_int(&p, now);
	pgp_int(&p, (int64_t)limit);
	PGresult *r = side == IM_SIDE_RECRUITER
		? pg_run(s, PG_DUE_RECRUITER,
			"SELECT id, recruiter, followup_at, followup_body FROM thread"
			" WHERE recruiter = $1::bigint AND followup_at IS NOT NULL"
			" AND followup_at <= $2::bigint ORDER BY followup_at, id"
			" LIMIT $3::bigint", &p, "reading follow-ups")
		: pg_run(s, PG_DUE_CANDIDATE,
			"SELECT id, recruiter, followup_at, followup_body FROM thread"
			" WHERE candidate = $1::bigint AND followup_at IS NOT NULL"
			" AND followup_at <= $2::bigint ORDER BY followup_at, id"
			" LIMIT $3::bigint", &p, "reading follow-ups");
	if (!r)
		return PG(s)->status;
	int rows = PQntuples(r);
	struct im_store_due *list = calloc((size_t)rows + 1, sizeof *list);
	enum im_status st = list ? IM_OK
				 : store_fail(s, IM_ERR_NOMEM, "out of memory");
	int i = 0;
	for (; st == IM_OK && i < rows; i++) {
		struct im_store_due *d = &list[i];
		d->thread = pg_int(r, i, 0);
		d->recruiter = pg_int(r, i, 1);
		bool set;
		if (!col_time(r, i, 2, &set, &d->due_at))
			st = pg_bad_row(s, "thread", d->thread, "follow-up time",
					r, i, 2);
		else if (!(d->body = pg_text(r, i, 3)))
			st = store_fail(s, IM_ERR_NOMEM, "out of memory");
	}
	PQclear(r);
	/* A person sends them by inmail.send_due_followup: kept for
	 * message_insert to know them. */
	struct pg_store *pg = PG(s);
	if (st == IM_OK && !pg->owner && pg->n_due + (size_t)rows > pg->cap_due) {
		size_t cap = pg->n_due + (size_t)rows + 16;
		struct pg_due *d = realloc(pg->due, cap * sizeof *d);
		if (!d)
			st = store_fail(s, IM_ERR_NOMEM, "out of memory");
		else {
			pg->due = d;
			pg->cap_due = cap;
		}
	}
	for (int k = 0; st == IM_OK && !pg->owner && k < rows; k++)
		pg->due[pg->n_due++] = (struct pg_due){list[k].thread,
						       list[k].due_at, false};
	if (st != IM_OK) {
		if (list)
			for (int k = 0; k < i; k++)
				free(list[k].body);
		free(list);
		return st;
	}
	*out = list;
	*n = (size_t)rows;
	return IM_OK;
}

enum im_status pq_pending_between(struct im_store *s, int64_t recruiter,
				  int64_t candidate, im_time since,
				  int64_t *thread, im_time *created_at)
{
	*thread = 0;
	*created_at = 0;
	struct pg_params p = {0};
	pgp_int(&p, candidate);
	pgp_int(&p, recruiter);
	pgp_int(&p, since);
	PGresult *r = pg_run(s, PG_PENDING_BETWEEN,
		"SELECT id, created_at FROM thread WHERE candidate = $1::bigint"
		" AND recruiter = $2::bigint AND responded_at IS NULL"
		" AND created_at >= $3::bigint"
		" ORDER BY created_at DESC, id DESC LIMIT 1", &p,
		"reading threads");
	if (!r)
		return PG(s)->status;
	enum im_status st = IM_OK;
	if (PQntuples(r) == 1) {
		bool set;
		*thread = pg_int(r, 0, 0);
		if (!col_time(r, 0, 1, &set, created_at) || !set)
			st = pg_bad_row(s, "thread", *thread, "creation time", r,
					0, 1);
	}
	PQclear(r);
	return st;
}
