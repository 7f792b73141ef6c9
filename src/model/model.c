/* The model handle: opening, the clock, the acting account, catching up. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "inmail/text.h"
#include "model_int.h"

/* Follow-ups sent per transaction while catching up, so a long absence
 * never holds the write lock for long. */
#define CATCH_UP_BATCH 256

enum im_status model_fail(struct im_model *m, enum im_status st,
			  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m->err, sizeof m->err, fmt, ap);
	va_end(ap);
	return st;
}

enum im_status model_store_fail(struct im_model *m, enum im_status st)
{
	/* A driver that kept no line still says what kind of failure. */
	const char *why = im_store_error(m->store);
	snprintf(m->err, sizeof m->err, "%s",
		 why && *why ? why : im_status_to_string(st));
	return st;
}

enum im_status model_finish(struct im_model *m, enum im_status st)
{
	if (st != IM_OK) {
		im_store_rollback(m->store);
		return st;
	}
	st = im_store_commit(m->store);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}

/* A small generator of its own, so the back-off disturbs no caller's
 * rand() and differs between processes started together. */
static unsigned retry_random(void)
{
	static unsigned long long x;
	if (!x) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		x = ((unsigned long long)getpid() << 32) ^
		    (unsigned long long)ts.tv_nsec ^ 0x9e3779b97f4a7c15ULL;
	}
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return (unsigned)(x >> 16);
}

bool model_retry(struct im_model *m, enum im_status st, int *attempt)
{
	if (st == IM_OK || !im_store_retryable(m->store) ||
	    ++*attempt >= MODEL_ATTEMPTS)
		return false;
	/* 1 ms to 2^attempt ms (at most 128), at random: at most about
	 * 4 s over every attempt. */
	unsigned span = 1u << (*attempt < 7 ? *attempt : 7);
	unsigned ms = 1 + retry_random() % span;
	struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)ms * 1000000L};
	nanosleep(&ts, NULL);
	return true;
}

const char *im_model_error(const struct im_model *m)
{
	return m ? m->err : "no database";
}

enum im_status im_model_open(const char *path, enum im_open_mode mode,
			     struct im_model **out, char **err)
{
	*out = NULL;
	struct im_model *m = calloc(1, sizeof *m);
	if (!m) {
		if (err)
			*err = strdup("out of memory");
		return IM_ERR_NOMEM;
	}
	enum im_status st = im_store_open(path, mode == IM_OPEN_CREATE,
					  &model_store_rules, &m->store, err);
	if (st != IM_OK) {
		free(m);
		return st;
	}
	st = im_store_session(m->store, &m->session);
	if (st == IM_OK && mode == IM_OPEN_CREATE)
		st = model_need_admin(m, "init");
	else if (st != IM_OK)
		model_store_fail(m, st);
	if (st != IM_OK) {
		if (err)
			*err = strdup(m->err);
		im_store_close(&m->store);
		free(m);
		return st;
	}
	m->now = m->session.now;
	m->server_now = m->session.server_clock;
	*out = m;
	return IM_OK;
}

static enum im_status begun(struct im_model *m, enum im_status st)
{
	if (st != IM_OK || !m->server_now)
		return st;
	struct im_store_session now;
	st = im_store_session(m->store, &now);
	if (st != IM_OK) {
		im_store_rollback(m->store);
		return st;
	}
	if (now.now > m->now)
		m->now = now.now;
	return IM_OK;
}

enum im_status model_begin(struct im_model *m)
{
	return begun(m, im_store_begin(m->store));
}

enum im_status model_begin_within(struct im_model *m, int wait_ms, bool *busy)
{
	return begun(m, im_store_begin_within(m->store, wait_ms, busy));
}

enum im_status model_need_admin(struct im_model *m, const char *doing)
{
	if (m->session.admin)
		return IM_OK;
	return model_fail(m, IM_ERR_NOT_PERMITTED,
			  "not permitted: %s is for members of inmail_admin "
			  "(connected as %s)", doing, m->session.login);
}

enum im_status im_model_set_clock(struct im_model *m, im_time now, bool given)
{
	if (!m->session.server_clock) {
		m->now = now;
		m->server_now = false;
		return IM_OK;
	}
	if (given)
		return model_fail(m, IM_ERR_USAGE,
				  "--now and INMAIL_NOW are refused: this "
				  "database keeps its server's clock (only one "
				  "made by 'inmail init --client-clock' takes "
				  "its clients')");
	m->now = m->session.now;
	m->server_now = true;
	return IM_OK;
}

bool im_model_server_clock(const struct im_model *m)
{
	return m->session.server_clock;
}

enum im_status im_model_keep_client_clock(struct im_model *m)
{
	enum im_status st = model_need_admin(m, "init --client-clock");
	if (st == IM_OK && (st = im_store_clock_client(m->store)) != IM_OK)
		return model_store_fail(m, st);
	if (st == IM_OK)
		m->session.server_clock = m->server_now = false;
	return st;
}

void im_model_close(struct im_model **mp)
{
	if (!mp || !*mp)
		return;
	im_store_close(&(*mp)->store);
	im_account_clear(&(*mp)->actor);
	free(*mp);
	*mp = NULL;
}

const char *im_model_warning(const struct im_model *m)
{
	return m ? im_store_warning(m->store) : NULL;
}

char *im_model_default_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *path = NULL;
	int rc;
	if (xdg && *xdg == '/')
		rc = asprintf(&path, "%s/inmail/inmail.db", xdg);
	else if (home && *home)
		rc = asprintf(&path, "%s/.local/share/inmail/inmail.db", home);
	else
		return NULL;
	return rc < 0 ? NULL : path;
}

void im_model_set_now(struct im_model *m, im_time now)
{
	m->now = now;
	m->server_now = false;
}

im_time im_model_now(const struct im_model *m)
{
	return m->now;
}

bool im_model_changed(struct im_model *m)
{
	return im_store_changed(m->store);
}

int im_model_wait_fd(struct im_model *m)
{
	return im_store_wait_fd(m->store);
}

enum im_model_link im_model_link(struct im_model *m)
{
	switch (im_store_link(m->store)) {
	case IM_STORE_LINK_DOWN: return IM_MODEL_LINK_DOWN;
	case IM_STORE_LINK_BACK: return IM_MODEL_LINK_BACK;
	case IM_STORE_LINK_UP: break;
	}
	return IM_MODEL_LINK_UP;
}

enum im_status im_model_set_actor(struct im_model *m, const char *handle)
{
	const struct im_store_session *se = &m->session;
	if (se->bound && se->account == 0 && handle)
		return model_fail(m, IM_ERR_NOT_PERMITTED,
				  "not permitted: connected as %s; cannot act as "
				  "%s (the login is no inmail account's)",
				  se->login, handle);
	if (se->bound && se->account == 0)
		return model_fail(m, IM_ERR_NOT_PERMITTED,
				  "not permitted: the login %s is no inmail "
				  "account's (an admin adds it with 'inmail "
				  "user add --login %s')", se->login, se->login);
	if (!handle && !se->bound)
		return model_fail(m, IM_ERR_USAGE, "who is acting? give --as "
				  "HANDLE or set INMAIL_USER");
	struct im_account a = {0};
	enum im_status st = handle
		? im_store_account_by_handle(m->store, handle, &a)
		: im_store_account_by_id(m->store, se->account, &a);
	if (st == IM_ERR_NOT_FOUND && se->bound)
		st = IM_OK; /* said below, as for another's */
	else if (st != IM_OK)
		return model_store_fail(m, st);
	if (se->bound && a.id != se->account) {
		struct im_account me = {0};
		bool known = im_store_account_by_id(m->store, se->account,
						    &me) == IM_OK;
		model_fail(m, IM_ERR_NOT_PERMITTED,
			   "not permitted: connected as %s; cannot act as %s",
			   known ? me.handle : se->login, handle);
		im_account_clear(&me);
		im_account_clear(&a);
		return IM_ERR_NOT_PERMITTED;
	}
	im_account_clear(&m->actor);
	m->actor = a;
	m->has_actor = true;
	m->caught_up = false; /* catching up is per account */
	return IM_OK;
}

const struct im_account *im_model_actor(struct im_model *m)
{
	if (!m->has_actor)
		return NULL;
	struct im_account a = {0};
	if (im_store_account_by_id(m->store, m->actor.id, &a) == IM_OK) {
		im_account_clear(&m->actor);
		m->actor = a;
	}
	return &m->actor;
}

enum im_status model_need_actor(struct im_model *m, int role,
				const char *doing)
{
	if (!m->has_actor)
		return model_fail(m, IM_ERR_USAGE,
				  "who is acting? %s needs --as HANDLE or "
				  "INMAIL_USER", doing);
	if (role >= 0 && (int)m->actor.role != role)
		return model_fail(m, IM_ERR_NOT_PERMITTED,
				  "not permitted: %s is for %ss, and %s is a %s",
				  doing, im_role_name((enum im_role)role),
				  m->actor.handle, im_role_name(m->actor.role));
	return IM_OK;
}

enum im_status model_check_text(struct im_model *m, const char *what,
				const char *s, size_t max_chars, bool multiline)
{
	enum im_text_problem p =
		im_text_check(s, s ? strlen(s) : 0, max_chars, multiline);
	if (p == IM_TEXT_OK)
		return IM_OK;
	if (p == IM_TEXT_TOO_LONG)
		return model_fail(m, IM_ERR_INVALID,
				  "%s is too long (at most %zu characters)", what,
				  max_chars);
	return model_fail(m, IM_ERR_INVALID, "%s %s", what,
			  im_text_problem_string(p));
}

static enum im_side actor_side(const struct im_model *m)
{
	return m->actor.role == IM_ROLE_RECRUITER ? IM_SIDE_RECRUITER
						  : IM_SIDE_CANDIDATE;
}

enum im_status model_catch_up_within(struct im_model *m, size_t *sent)
{
	*sent = 0;
	if (!m->has_actor)
		return IM_OK;
	for (;;) {
		struct im_store_due *due = NULL;
		size_t n = 0;
		enum im_status st = im_store_due_followups(
			m->store, actor_side(m), m->actor.id, m->now,
			CATCH_UP_BATCH, &due, &n);
		for (size_t i = 0; st == IM_OK && i < n; i++) {
			/* Sent at its due time, not now: the rate and the
			 * conversation see it when it fell due. */
			struct im_store_message msg = {
				.thread = due[i].thread,
				.sender = due[i].recruiter,
				.side = IM_SIDE_RECRUITER,
				.kind = IM_KIND_FOLLOWUP,
				.body = due[i].body,
				.sent_at = due[i].due_at,
				.counted = model_counts_for_rate(IM_KIND_FOLLOWUP),
			};
			st = im_store_message_insert(m->store, &msg, NULL);
			if (st == IM_OK)
				st = im_store_thread_clear_followup(m->store,
								    due[i].thread);
		}
		im_store_due_free(&due, n);
		if (st != IM_OK)
			return model_store_fail(m, st);
		*sent += n;
		if (n < CATCH_UP_BATCH)
			break;
	}
	/* A recruiter's credits come up to now with the rest (SPEC 9). */
	if (m->actor.role == IM_ROLE_RECRUITER)
		return model_credits_catch_up(m, m->actor.id,
					      m->actor.handle);
	return IM_OK;
}

enum im_status im_model_catch_up(struct im_model *m)
{
	if (!m->has_actor || (m->caught_up && m->caught_up_to >= m->now))
		return IM_OK;
	/* Most reads find nothing due: one indexed read, no lock. */
	struct im_store_due *due = NULL;
	size_t n = 0;
	enum im_status st = im_store_due_followups(m->store, actor_side(m),
						   m->actor.id, m->now, 1,
						   &due, &n);
	im_store_due_free(&due, n);
	bool credits_due = false;
	if (st == IM_OK && n == 0 && m->actor.role == IM_ROLE_RECRUITER &&
	    model_credits_due(m, m->actor.id, m->actor.handle,
			      &credits_due) != IM_OK)
		credits_due = false; /* the next look tries again */
	if (st == IM_OK && (n > 0 || credits_due)) {
		/* A reader never waits for a writer: with the lock taken (or
		 * the file read-only, or the disk full) it shows what is
		 * stored, and the next look tries again. */
		int attempt = 0;
		do {
			bool busy;
			size_t sent = 0;
			st = model_begin_within(m, 0, &busy);
			if (st == IM_OK) {
				st = model_catch_up_within(m, &sent);
				st = model_finish(m, st);
			}
		} while (model_retry(m, st, &attempt));
	}
	if (st == IM_OK) {
		m->caught_up = true;
		m->caught_up_to = m->now;
	}
	return IM_OK;
}
