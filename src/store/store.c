/* The store's front: picks the driver a --db value names, keeps the error
 * line every driver shares, frees what the operations return, and passes
 * each operation to the handle's driver table (driver.h). */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

#ifdef INMAIL_HAVE_PG
/* The PostgreSQL driver (src/store/pg/) is a module, loaded for the first
 * server's URI and kept: libpq and its TLS and Kerberos libraries cost an
 * SQLite user 6 MiB at exec otherwise.  Found on the executable's run
 * path (the build tree's, or the install's libdir/inmail).  It names the
 * version it was built with and the size of the table it fills, so a
 * module from another build is refused, not called. */
#define STORE_PG_MODULE "inmail-store-pg.so"

/* dlopen searches the run path of its caller, and under a sanitizer's
 * runtime the caller is the runtime's own dlopen, not this program: so
 * each folder of the program's search path (its run path first) is tried
 * by name too.  why gets the first failure's words. */
static void *open_module(char *why, size_t size)
{
	void *h = dlopen(STORE_PG_MODULE, RTLD_NOW | RTLD_LOCAL);
	if (h)
		return h;
	const char *first = dlerror();
	snprintf(why, size, "%s", first ? first : STORE_PG_MODULE);
	void *self = dlopen(NULL, RTLD_NOW);
	Dl_serinfo sz;
	if (!self || dlinfo(self, RTLD_DI_SERINFOSIZE, &sz) != 0)
		return NULL;
	Dl_serinfo *info = malloc(sz.dls_size);
	if (!info)
		return NULL;
	if (dlinfo(self, RTLD_DI_SERINFOSIZE, info) == 0 &&
	    dlinfo(self, RTLD_DI_SERINFO, info) == 0) {
		for (unsigned i = 0; !h && i < info->dls_cnt; i++) {
			char path[4096];
			if (snprintf(path, sizeof path, "%s/%s",
				     info->dls_serpath[i].dls_name,
				     STORE_PG_MODULE) < (int)sizeof path)
				h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		}
	}
	free(info);
	dlclose(self);
	return h;
}

static const struct im_store_driver *pg_driver(char **err)
{
	static const struct im_store_driver *drv;
	if (drv)
		return drv;
	char why[256] = "";
	void *h = open_module(why, sizeof why);
	if (!h) {
		if (err && asprintf(err, "cannot load the PostgreSQL driver "
					 "(%s)", why[0] ? why : STORE_PG_MODULE) < 0)
			*err = NULL;
		return NULL;
	}
	const struct im_store_driver *d = dlsym(h, "store_pg_driver");
	const char *const *version = dlsym(h, "store_pg_version");
	const size_t *size = dlsym(h, "store_pg_table_size");
	if (!d || !version || !size || strcmp(*version, INMAIL_VERSION) != 0 ||
	    *size != sizeof *d) {
		if (err && asprintf(err, "cannot load the PostgreSQL driver: "
					 "%s is not this inmail's (%s)",
					 STORE_PG_MODULE, INMAIL_VERSION) < 0)
			*err = NULL;
		dlclose(h);
		return NULL;
	}
	return drv = d;
}
#endif

/* A server's URI or libpq key/value string (SPEC 7). */
static bool names_server(const char *target)
{
	return strncmp(target, "postgresql://", 13) == 0 ||
	       strncmp(target, "postgres://", 11) == 0 ||
	       strncmp(target, "pg:", 3) == 0;
}

enum im_status im_store_open(const char *target, bool create,
			     const struct im_store_rules *rules,
			     struct im_store **out, char **err)
{
	*out = NULL;
	if (err)
		*err = NULL;
	if (!target || !*target) {
		if (err)
			*err = strdup("no database named");
		return IM_ERR_DATABASE;
	}
#ifdef INMAIL_HAVE_PG
	if (names_server(target)) {
		const struct im_store_driver *pg = pg_driver(err);
		if (!pg)
			return IM_ERR_DATABASE;
		return pg->open(target, create, rules, out, err);
	}
#endif
	/* Never a file called "postgresql:": a server this build cannot
	 * reach is said so. */
	if (names_server(target)) {
		if (err && asprintf(err, "%s names a PostgreSQL server; this "
					 "inmail has no PostgreSQL driver (yet): "
					 "use an SQLite file", target) < 0)
			*err = NULL;
		return IM_ERR_DATABASE;
	}
	return store_sqlite_driver.open(target, create, rules, out, err);
}

void im_store_close(struct im_store **sp)
{
	if (!sp || !*sp)
		return;
	(*sp)->drv->close(*sp);
	*sp = NULL;
}

const char *im_store_error(const struct im_store *s)
{
	return s ? s->err : "no database";
}

const char *im_store_warning(const struct im_store *s)
{
	return s && s->warning[0] ? s->warning : NULL;
}

enum im_status store_fail(struct im_store *s, enum im_status st,
			  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->err, sizeof s->err, fmt, ap);
	va_end(ap);
	return st;
}

void im_store_thread_clear(struct im_store_thread *r)
{
	if (!r)
		return;
	im_thread_clear(&r->t);
	free(r->followup_body);
	memset(r, 0, sizeof *r);
}

void im_store_due_free(struct im_store_due **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++)
		free((*list)[i].body);
	free(*list);
	*list = NULL;
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

/* ---- each operation, to the handle's driver ---- */

enum im_status im_store_begin(struct im_store *s)
{
	s->retryable = false;
	return s->drv->begin(s);
}

enum im_status im_store_begin_within(struct im_store *s, int wait_ms, bool *busy)
{
	s->retryable = false;
	return s->drv->begin_within(s, wait_ms, busy);
}

enum im_status im_store_begin_read(struct im_store *s)
{
	s->retryable = false;
	return s->drv->begin_read(s);
}

bool im_store_retryable(const struct im_store *s)
{
	return s && s->retryable;
}

void im_store_end_read(struct im_store *s)
{
	s->drv->end_read(s);
}

enum im_status im_store_commit(struct im_store *s)
{
	return s->drv->commit(s);
}

void im_store_rollback(struct im_store *s)
{
	s->drv->rollback(s);
}

enum im_status im_store_bulk_begin(struct im_store *s)
{
	return s->drv->bulk_begin(s);
}

enum im_status im_store_bulk_end(struct im_store *s)
{
	return s->drv->bulk_end(s);
}

bool im_store_changed(struct im_store *s)
{
	return s->drv->changed(s);
}

enum im_status im_store_account_insert(struct im_store *s, const char *handle, const char *name, enum im_role role, int64_t credits, im_time now, int64_t *id)
{
	return s->drv->account_insert(s, handle, name, role, credits, now, id);
}

enum im_status im_store_account_by_handle(struct im_store *s, const char *handle, struct im_account *out)
{
	return s->drv->account_by_handle(s, handle, out);
}

enum im_status im_store_account_by_id(struct im_store *s, int64_t id, struct im_account *out)
{
	return s->drv->account_by_id(s, id, out);
}

enum im_status im_store_account_list(struct im_store *s, int role_filter, struct im_account **out, size_t *n)
{
	return s->drv->account_list(s, role_filter, out, n);
}

enum im_status im_store_credits_add(struct im_store *s, int64_t account, int64_t delta)
{
	return s->drv->credits_add(s, account, delta);
}

enum im_status im_store_thread_insert(struct im_store *s, int64_t recruiter, int64_t candidate, const char *subject, im_time created_at, im_time followup_at, const char *followup_body, const char *template_name, int64_t template_id, int64_t *id)
{
	return s->drv->thread_insert(s, recruiter, candidate, subject, created_at, followup_at, followup_body, template_name, template_id, id);
}

enum im_status im_store_thread_get(struct im_store *s, int64_t id, struct im_store_thread *out)
{
	return s->drv->thread_get(s, id, out);
}

enum im_status im_store_message_insert(struct im_store *s, const struct im_store_message *msg, int64_t *id)
{
	return s->drv->message_insert(s, msg, id);
}

enum im_status im_store_message_append(struct im_store *s, const struct im_store_message *msg, int64_t *id)
{
	return s->drv->message_append(s, msg, id);
}

enum im_status im_store_thread_set_summary(struct im_store *s, int64_t thread, const struct im_store_summary *sum)
{
	return s->drv->thread_set_summary(s, thread, sum);
}

enum im_status im_store_messages(struct im_store *s, int64_t thread, struct im_message **out, size_t *n)
{
	return s->drv->messages(s, thread, out, n);
}

enum im_status im_store_thread_respond(struct im_store *s, int64_t thread, enum im_state state, enum im_response response, im_time responded_at, bool blocked, bool refunded)
{
	return s->drv->thread_respond(s, thread, state, response, responded_at, blocked, refunded);
}

enum im_status im_store_rate_settle(struct im_store *s, int64_t thread, im_time responded_from)
{
	return s->drv->rate_settle(s, thread, responded_from);
}

enum im_status im_store_thread_set_blocked(struct im_store *s, int64_t thread, bool blocked)
{
	return s->drv->thread_set_blocked(s, thread, blocked);
}

enum im_status im_store_thread_clear_followup(struct im_store *s, int64_t thread)
{
	return s->drv->thread_clear_followup(s, thread);
}

enum im_status im_store_thread_set_seen(struct im_store *s, int64_t thread, enum im_side side, int64_t message)
{
	return s->drv->thread_set_seen(s, thread, side, message);
}

enum im_status im_store_thread_reset_seen(struct im_store *s, int64_t thread, enum im_side side, int64_t message)
{
	return s->drv->thread_reset_seen(s, thread, side, message);
}

enum im_status im_store_thread_set_archived(struct im_store *s, int64_t thread, enum im_side side, bool archived)
{
	return s->drv->thread_set_archived(s, thread, side, archived);
}

enum im_status im_store_due_followups(struct im_store *s, enum im_side side, int64_t account, im_time now, size_t limit, struct im_store_due **out, size_t *n)
{
	return s->drv->due_followups(s, side, account, now, limit, out, n);
}

enum im_status im_store_pending_between(struct im_store *s, int64_t recruiter, int64_t candidate, im_time since, int64_t *thread, im_time *created_at)
{
	return s->drv->pending_between(s, recruiter, candidate, since, thread, created_at);
}

enum im_status im_store_thread_page(struct im_store *s, const struct im_store_folder_query *q, enum im_page_dir dir, const struct im_cursor *at, size_t limit, struct im_store_thread **out, size_t *n)
{
	return s->drv->thread_page(s, q, dir, at, limit, out, n);
}

enum im_status im_store_folder_count(struct im_store *s, const struct im_store_folder_query *q, int64_t *total, int64_t *unread)
{
	return s->drv->folder_count(s, q, total, unread);
}

enum im_status im_store_search(struct im_store *s, const struct im_store_search *q, size_t limit, struct im_store_thread **out, size_t *n)
{
	return s->drv->search(s, q, limit, out, n);
}

enum im_status im_store_guardrail_get(struct im_store *s, int64_t recruiter, im_time *since, im_time *until)
{
	return s->drv->guardrail_get(s, recruiter, since, until);
}

enum im_status im_store_guardrail_set(struct im_store *s, int64_t recruiter, im_time since, im_time until)
{
	return s->drv->guardrail_set(s, recruiter, since, until);
}

/* The report per template (SPEC 9). */
enum im_status im_store_template_counts(struct im_store *s, int64_t recruiter, im_time from, im_time to, im_time window, im_time cutoff, struct im_store_template_counts **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return s->drv->template_counts(s, recruiter, from, to, window, cutoff, out, n);
}

void im_store_template_counts_free(struct im_store_template_counts **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++)
		free((*list)[i].name);
	free(*list);
	*list = NULL;
}

enum im_status im_store_sent_counts(struct im_store *s, int64_t recruiter, im_time from, im_time to, im_time window, im_time cutoff, struct im_store_sent_counts *out)
{
	return s->drv->sent_counts(s, recruiter, from, to, window, cutoff, out);
}

/* The credit ledger and the allotment (SPEC 9). */
enum im_status im_store_ledger_add(struct im_store *s, int64_t account, int kind, int64_t amount, int64_t thread, im_time at)
{
	return s->drv->ledger_add(s, account, kind, amount, thread, at);
}

enum im_status im_store_ledger_list(struct im_store *s, int64_t account, struct im_store_ledger_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return s->drv->ledger_list(s, account, out, n);
}

enum im_status im_store_ledger_after(struct im_store *s, int64_t account, im_time after, int64_t *sum, im_time *first)
{
	*sum = 0;
	*first = 0;
	return s->drv->ledger_after(s, account, after, sum, first);
}

enum im_status im_store_answered_by(struct im_store *s, int64_t recruiter, im_time from, im_time to, im_time by, int64_t *sent, int64_t *answered)
{
	*sent = *answered = 0;
	return s->drv->answered_by(s, recruiter, from, to, by, sent, answered);
}

enum im_status im_store_allotment_get(struct im_store *s, int64_t account, struct im_store_allotment *out)
{
	*out = (struct im_store_allotment){0};
	return s->drv->allotment_get(s, account, out);
}

enum im_status im_store_allotment_set(struct im_store *s, int64_t account, const struct im_store_allotment *a)
{
	return s->drv->allotment_set(s, account, a);
}

enum im_status im_store_allotment_arrive(struct im_store *s, int64_t account, int kind, im_time at, int64_t amount, im_time next_at)
{
	return s->drv->allotment_arrive(s, account, kind, at, amount, next_at);
}

enum im_status im_store_unrefunded(struct im_store *s, int64_t recruiter, im_time from, im_time to, size_t limit, int64_t **ids, im_time **created, size_t *n)
{
	*ids = NULL;
	*created = NULL;
	*n = 0;
	return s->drv->unrefunded(s, recruiter, from, to, limit, ids, created, n);
}

enum im_status im_store_notification_insert(struct im_store *s, int64_t recruiter, int64_t thread, const char *text, im_time at, bool read)
{
	return s->drv->notification_insert(s, recruiter, thread, text, at, read);
}

enum im_status im_store_notification_list(struct im_store *s, int64_t recruiter, int64_t before, size_t limit, struct im_notification **out, size_t *n)
{
	return s->drv->notification_list(s, recruiter, before, limit, out, n);
}

enum im_status im_store_notification_unread(struct im_store *s, int64_t recruiter, int64_t *count)
{
	return s->drv->notification_unread(s, recruiter, count);
}

enum im_status im_store_notification_mark_read(struct im_store *s, int64_t recruiter, int64_t thread)
{
	return s->drv->notification_mark_read(s, recruiter, thread);
}

enum im_status im_store_notification_mark_range(struct im_store *s, int64_t recruiter, int64_t from, int64_t to)
{
	return s->drv->notification_mark_range(s, recruiter, from, to);
}

enum im_status im_store_thread_counts(struct im_store *s, int64_t recruiter, im_time since, struct im_store_thread_counts *out)
{
	return s->drv->thread_counts(s, recruiter, since, out);
}

enum im_status im_store_rate_counts(struct im_store *s, int64_t recruiter, im_time since, struct im_store_rate_counts *out)
{
	return s->drv->rate_counts(s, recruiter, since, out);
}

enum im_status im_store_draft_load(struct im_store *s, int64_t account, int64_t thread, struct im_draft *out)
{
	return s->drv->draft_load(s, account, thread, out);
}

enum im_status im_store_draft_save(struct im_store *s, int64_t account, int64_t thread, const struct im_draft *d)
{
	return s->drv->draft_save(s, account, thread, d);
}

enum im_status im_store_draft_discard(struct im_store *s, int64_t account, int64_t thread)
{
	return s->drv->draft_discard(s, account, thread);
}

enum im_status im_store_session(struct im_store *s, struct im_store_session *out)
{
	memset(out, 0, sizeof *out);
	if (s->drv->session)
		return s->drv->session(s, out);
	out->admin = true;
	return IM_OK;
}

enum im_status im_store_clock_client(struct im_store *s)
{
	return s->drv->clock_client ? s->drv->clock_client(s) : IM_OK;
}

enum im_status im_store_account_login(struct im_store *s, int64_t account, const char *login, const char *password)
{
	if (s->drv->account_login)
		return s->drv->account_login(s, account, login, password);
	return store_fail(s, IM_ERR_USAGE, "logins are a PostgreSQL server's "
			  "(SPEC 7): on an SQLite file, give no --login or "
			  "--password-file");
}

enum im_status im_store_copy_in(struct im_store *s, const char *path, void (*progress)(void *arg, int64_t done, int64_t total), void *arg)
{
	if (s->drv->copy_in)
		return s->drv->copy_in(s, path, progress, arg);
	return store_fail(s, IM_ERR_USAGE, "copy writes into a PostgreSQL "
			  "database (--to postgresql://...)");
}

enum im_status im_store_copy_out(struct im_store *s, struct im_store *file, void (*progress)(void *arg, int64_t done, int64_t total), void *arg)
{
	if (s->drv->copy_out)
		return s->drv->copy_out(s, file, progress, arg);
	return store_fail(s, IM_ERR_USAGE, "copy --from a file writes into a "
			  "PostgreSQL database (--to postgresql://...)");
}

enum im_status im_store_plans(struct im_store *s, void (*each)(void *arg, const char *sql, const char *plan), void *arg)
{
	return s->drv->plans(s, each, arg);
}

/* ---- live updates and the link to a server (issue 14) ---- */

int im_store_wait_fd(struct im_store *s)
{
	return s->drv->wait_fd ? s->drv->wait_fd(s) : -1;
}

enum im_store_link im_store_link(struct im_store *s)
{
	return s->drv->link ? s->drv->link(s) : IM_STORE_LINK_UP;
}

/* ---- templates (SPEC 9) ---- */

void im_store_template_clear(struct im_store_template *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->subject);
	free(t->body);
	free(t->followup_body);
	memset(t, 0, sizeof *t);
}

void im_store_templates_free(struct im_store_template **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++)
		im_store_template_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

enum im_status im_store_template_insert(struct im_store *s, int64_t account, const struct im_store_template *t)
{
	return s->drv->template_insert(s, account, t);
}

enum im_status im_store_template_get(struct im_store *s, int64_t account, const char *name, struct im_store_template *out)
{
	return s->drv->template_get(s, account, name, out);
}

enum im_status im_store_template_list(struct im_store *s, int64_t account, struct im_store_template **out, size_t *n)
{
	return s->drv->template_list(s, account, out, n);
}

enum im_status im_store_template_delete(struct im_store *s, int64_t account, const char *name)
{
	return s->drv->template_delete(s, account, name);
}
