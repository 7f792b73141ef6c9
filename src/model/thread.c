/* Reading threads: who may, how each side sees one, folders, archive and
 * notifications. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

/* A look (opening a thread, listing notifications) may wait this long for
 * another session's write; past it what was shown simply stays unread
 * until the next look. */
#define LOOK_WAIT_MS 250

static enum im_credit credit_of(const struct im_store_thread *row, im_time now)
{
	const struct im_thread *t = &row->t;
	if (row->refunded)
		return IM_CREDIT_REFUNDED;
	if (t->responded || now - t->created_at > IM_CREDIT_WINDOW)
		return IM_CREDIT_FORFEITED;
	return IM_CREDIT_HELD;
}

/* Where a counted message sent at sent_at stands for the 30-day rate. */
static enum im_rate_standing rate_of(im_time sent_at, bool responded,
				     im_time responded_at, im_time now)
{
	if (responded)
		return responded_at - sent_at <= IM_RATE_WINDOW
			       ? IM_RATE_RESPONDED
			       : IM_RATE_UNANSWERED;
	return now - sent_at > IM_RATE_WINDOW ? IM_RATE_UNANSWERED
					      : IM_RATE_PENDING;
}

static char *blocked_reason(const char *name)
{
	char *s = NULL;
	if (asprintf(&s, "You can't reply: %s declined with the templated "
			 "response. Send a new InMail to start a new "
			 "conversation.", name) < 0)
		return NULL;
	return s;
}

void model_thread_judge(const struct im_model *m, struct im_store_thread *row,
			enum im_side side)
{
	struct im_thread *t = &row->t;
	im_time now = m->now;
	t->credit = credit_of(row, now);
	t->credit_deadline = t->created_at + IM_CREDIT_WINDOW;
	t->days_left = 0;
	if (t->credit == IM_CREDIT_HELD && t->credit_deadline > now)
		t->days_left = (int)((t->credit_deadline - now + IM_DAY - 1) / IM_DAY);
	t->rate = rate_of(t->created_at, t->responded, t->responded_at, now);
	t->rate_deadline = t->created_at + IM_RATE_WINDOW;
	bool rec = side == IM_SIDE_RECRUITER;
	t->unread = rec ? row->last_from_candidate > row->seen_by_recruiter
			: row->last_from_recruiter > row->seen_by_candidate;
	t->archived = rec ? row->archived_by_recruiter : row->archived_by_candidate;
	free(t->reason);
	t->reason = NULL;
	t->can_reply = !(rec && t->blocked);
	if (!t->can_reply)
		t->reason = blocked_reason(t->candidate.name);
}

enum im_status model_check_clock(struct im_model *m, const struct im_thread *t)
{
	if (m->now >= t->updated_at)
		return IM_OK;
	char when[IM_ISO_LEN];
	im_clock_format_iso(t->updated_at, when);
	return model_fail(m, IM_ERR_INVALID,
			  "the clock is before the thread's last message (thread "
			  "%lld, %s); time in a thread never runs backwards",
			  (long long)t->id, when);
}

enum im_status model_thread_load(struct im_model *m, int64_t id,
				 struct im_store_thread *row,
				 enum im_side *side)
{
	enum im_status st = im_store_thread_get(m->store, id, row);
	/* A thread the server hides is another pair's: the same refusal. */
	bool theirs = st == IM_ERR_NOT_PERMITTED;
	if (st != IM_OK && !theirs)
		return model_store_fail(m, st);
	if (!theirs && row->t.recruiter.id == m->actor.id)
		*side = IM_SIDE_RECRUITER;
	else if (!theirs && row->t.candidate.id == m->actor.id)
		*side = IM_SIDE_CANDIDATE;
	else {
		if (!theirs)
			im_store_thread_clear(row);
		/* Says nothing of the thread beyond that it is not yours. */
		return model_fail(m, IM_ERR_NOT_PERMITTED,
				  "not permitted: %s takes no part in thread %lld",
				  m->actor.handle, (long long)id);
	}
	model_thread_judge(m, row, *side);
	if (!row->t.can_reply && !row->t.reason) {
		im_store_thread_clear(row);
		return model_fail(m, IM_ERR_NOMEM, "out of memory");
	}
	return IM_OK;
}

/* Moves the public part out of a store row, freeing the rest. */
static void take_thread(struct im_thread *dst, struct im_store_thread *row)
{
	*dst = row->t;
	memset(&row->t, 0, sizeof row->t);
	im_store_thread_clear(row);
}

/* Notifications are the recruiter's: their lines in the thread are not
 * shown to the candidate. */
static void drop_system_lines(struct im_thread *t)
{
	size_t k = 0;
	for (size_t i = 0; i < t->n_messages; i++) {
		if (t->messages[i].kind == IM_KIND_SYSTEM)
			free(t->messages[i].body);
		else
			t->messages[k++] = t->messages[i];
	}
	t->n_messages = k;
}

static enum im_status look_once(struct im_model *m, const struct im_thread *t)
{
	if (!m->has_actor || !t->unread || t->n_messages == 0)
		return IM_OK;
	enum im_side side;
	if (t->recruiter.id == m->actor.id)
		side = IM_SIDE_RECRUITER;
	else if (t->candidate.id == m->actor.id)
		side = IM_SIDE_CANDIDATE;
	else
		return model_fail(m, IM_ERR_NOT_PERMITTED,
				  "not permitted: %s takes no part in thread %lld",
				  m->actor.handle, (long long)t->id);
	/* Up to what was shown, not what may have arrived since. */
	int64_t newest = 0;
	for (size_t i = 0; i < t->n_messages; i++)
		if (t->messages[i].id > newest)
			newest = t->messages[i].id;
	bool busy;
	enum im_status st = model_begin_within(m, LOOK_WAIT_MS, &busy);
	if (st == IM_OK)
		st = im_store_thread_set_seen(m->store, t->id, side, newest);
	if (st == IM_OK && side == IM_SIDE_RECRUITER)
		st = im_store_notification_mark_read(m->store, m->actor.id,
						     t->id);
	if (st != IM_OK)
		model_store_fail(m, st);
	return model_finish(m, st);
}

enum im_status im_thread_look(struct im_model *m, const struct im_thread *t)
{
	MODEL_RETRIED(m, look_once(m, t));
}

/* Every message is by one of the two parties, and only a system line is
 * by neither: another program could forge a notification line, or a
 * third account's words, in someone's conversation. */
static enum im_status check_senders(struct im_model *m,
				    const struct im_thread *t)
{
	for (size_t i = 0; i < t->n_messages; i++) {
		const struct im_message *msg = &t->messages[i];
		bool party = msg->sender_id == t->recruiter.id ||
			     msg->sender_id == t->candidate.id;
		bool system = msg->kind == IM_KIND_SYSTEM;
		if (system ? msg->sender_id == 0 : party)
			continue;
		return model_fail(m, IM_ERR_INVALID,
				  "thread %lld: message %lld is by an account that "
				  "takes no part in it; another program changed "
				  "the database", (long long)t->id,
				  (long long)msg->id);
	}
	return IM_OK;
}

/* The thread and its messages, read in one snapshot. */
static enum im_status read_thread(struct im_model *m, int64_t id,
				  struct im_store_thread *row,
				  enum im_side *side)
{
	enum im_status st = im_store_begin_read(m->store);
	if (st != IM_OK)
		return model_store_fail(m, st);
	st = model_thread_load(m, id, row, side);
	if (st == IM_OK) {
		st = im_store_messages(m->store, id, &row->t.messages,
				       &row->t.n_messages);
		if (st != IM_OK)
			model_store_fail(m, st);
		else
			st = check_senders(m, &row->t);
		if (st != IM_OK)
			im_store_thread_clear(row);
	}
	im_store_end_read(m->store);
	return st;
}

enum im_status im_thread_get(struct im_model *m, int64_t id, bool mark_seen,
			     struct im_thread **out)
{
	*out = NULL;
	struct im_store_thread row = {0};
	enum im_side side;
	enum im_status st = model_need_actor(m, -1, "reading a thread");
	/* Who may read comes before anything is brought up to now: an
	 * outsider's look moves nothing. */
	if (st == IM_OK)
		st = model_thread_load(m, id, &row, &side);
	im_store_thread_clear(&row);
	if (st != IM_OK)
		return st;
	im_model_catch_up(m);
	st = read_thread(m, id, &row, &side);
	if (st != IM_OK)
		return st;
	if (side == IM_SIDE_CANDIDATE)
		drop_system_lines(&row.t);
	struct im_thread *t = malloc(sizeof *t);
	if (!t) {
		im_store_thread_clear(&row);
		return model_fail(m, IM_ERR_NOMEM, "out of memory");
	}
	take_thread(t, &row);
	/* Recorded after the answer is read, and never in its way. */
	if (mark_seen)
		im_thread_look(m, t);
	*out = t;
	return IM_OK;
}

bool im_folder_allowed(const struct im_model *m, enum im_folder folder)
{
	if (!m->has_actor)
		return false;
	if (folder == IM_FOLDER_ARCHIVED)
		return true;
	if (m->actor.role == IM_ROLE_CANDIDATE)
		return folder == IM_FOLDER_MESSAGES;
	return folder != IM_FOLDER_MESSAGES;
}

/* SPEC 3's folders as (archived, responded) on the account's side, -1
 * for either, and the time each sorts by. */
static const struct {
	int archived, responded;
	enum im_store_order order;
} folder_cells[IM_FOLDER_COUNT] = {
	[IM_FOLDER_INBOX] = {0, 1, IM_STORE_BY_UPDATED},
	[IM_FOLDER_AWAITING] = {0, 0, IM_STORE_BY_CREATED},
	[IM_FOLDER_SENT] = {-1, -1, IM_STORE_BY_CREATED},
	[IM_FOLDER_ARCHIVED] = {1, -1, IM_STORE_BY_UPDATED},
	[IM_FOLDER_MESSAGES] = {0, -1, IM_STORE_BY_UPDATED},
};

static enum im_status folder_query(struct im_model *m, enum im_folder folder,
				   const char *filter,
				   struct im_store_folder_query *q)
{
	enum im_status st = model_need_actor(m, -1, "listing threads");
	if (st != IM_OK)
		return st;
	if (!im_folder_allowed(m, folder))
		return model_fail(m, IM_ERR_NOT_PERMITTED,
				  "not permitted: a %s has no '%s' folder (%s)",
				  im_role_name(m->actor.role), im_folder_name(folder),
				  m->actor.role == IM_ROLE_CANDIDATE
					  ? "messages, archived"
					  : "inbox, awaiting, sent, archived");
	q->account = m->actor.id;
	q->side = m->actor.role == IM_ROLE_RECRUITER ? IM_SIDE_RECRUITER
						     : IM_SIDE_CANDIDATE;
	q->archived = folder_cells[folder].archived;
	q->responded = folder_cells[folder].responded;
	q->order = folder_cells[folder].order;
	q->filter = filter;
	return im_model_catch_up(m);  /* IM_OK: never in a read's way */
}

enum im_status im_thread_list(struct im_model *m, enum im_folder folder,
			      const char *filter, enum im_page_dir dir,
			      const struct im_cursor *at, size_t limit,
			      struct im_page *out)
{
	memset(out, 0, sizeof *out);
	struct im_store_folder_query q;
	enum im_status st = folder_query(m, folder, filter, &q);
	if (st != IM_OK)
		return st;
	struct im_store_thread *rows = NULL;
	size_t n = 0;
	st = im_store_thread_page(m->store, &q, dir, at, limit, &rows, &n);
	if (st != IM_OK)
		return model_store_fail(m, st);
	out->items = calloc(n ? n : 1, sizeof *out->items);
	if (!out->items) {
		im_store_threads_free(&rows, n);
		return model_fail(m, IM_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		model_thread_judge(m, &rows[i], q.side);
		take_thread(&out->items[i], &rows[i]);
	}
	out->n = n;
	free(rows);
	return IM_OK;
}

void im_page_clear(struct im_page *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		im_thread_clear(&p->items[i]);
	free(p->items);
	memset(p, 0, sizeof *p);
}

struct im_cursor im_thread_cursor(enum im_folder folder,
				  const struct im_thread *t)
{
	bool by_created = (unsigned)folder < IM_FOLDER_COUNT &&
			  folder_cells[folder].order == IM_STORE_BY_CREATED;
	struct im_cursor c = {by_created ? t->created_at : t->updated_at, t->id};
	return c;
}

enum im_status im_folder_count(struct im_model *m, enum im_folder folder,
			       int64_t *total, int64_t *unread)
{
	struct im_store_folder_query q;
	*total = *unread = 0;
	enum im_status st = folder_query(m, folder, NULL, &q);
	if (st == IM_OK)
		st = im_store_folder_count(m->store, &q, total, unread);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}

static enum im_status archive_once(struct im_model *m, int64_t thread, bool archived)
{
	struct im_store_thread row = {0};
	enum im_side side;
	enum im_status st = model_need_actor(m, -1, "archiving");
	if (st == IM_OK)
		st = model_thread_load(m, thread, &row, &side);
	if (st != IM_OK)
		return st;
	im_store_thread_clear(&row);
	st = model_begin(m);
	if (st == IM_OK)
		st = im_store_thread_set_archived(m->store, thread, side, archived);
	if (st != IM_OK)
		model_store_fail(m, st);
	return model_finish(m, st);
}

enum im_status im_archive(struct im_model *m, int64_t thread, bool archived)
{
	MODEL_RETRIED(m, archive_once(m, thread, archived));
}

static enum im_status mark_unread_once(struct im_model *m, int64_t thread)
{
	struct im_store_thread row = {0};
	enum im_side side = IM_SIDE_RECRUITER;
	enum im_status st = model_need_actor(m, -1, "marking unread");
	if (st == IM_OK)
		st = model_begin(m);
	if (st != IM_OK)
		return model_store_fail(m, st);
	/* Read inside the change, so the mark sits just below the other
	 * side's newest message as it is now. */
	st = model_thread_load(m, thread, &row, &side);
	bool rec = st == IM_OK && side == IM_SIDE_RECRUITER;
	int64_t newest = st != IM_OK ? 0
			 : rec	     ? row.last_from_candidate
				     : row.last_from_recruiter;
	if (st == IM_OK && newest <= 0)
		st = model_fail(m, IM_ERR_INVALID,
				"nothing to mark unread in thread %lld: %s has "
				"written nothing in it", (long long)thread,
				rec ? row.t.candidate.name : row.t.recruiter.name);
	else if (st == IM_OK &&
		 (st = im_store_thread_reset_seen(m->store, thread, side,
						  newest - 1)) != IM_OK)
		model_store_fail(m, st);
	im_store_thread_clear(&row);
	return model_finish(m, st);
}

enum im_status im_thread_mark_unread(struct im_model *m, int64_t thread)
{
	MODEL_RETRIED(m, mark_unread_once(m, thread));
}

enum im_status im_notification_list(struct im_model *m, int64_t before,
				    size_t limit,
				    struct im_notification **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "notifications");
	if (st != IM_OK)
		return st;
	im_model_catch_up(m);
	st = im_store_notification_list(m->store, m->actor.id, before, limit,
					out, n);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}

enum im_status im_notification_unread(struct im_model *m, int64_t *count)
{
	*count = 0;
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "notifications");
	if (st != IM_OK)
		return st;
	st = im_store_notification_unread(m->store, m->actor.id, count);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}

static enum im_status mark_read_once(struct im_model *m, int64_t from,
					 int64_t to)
{
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "notifications");
	if (st != IM_OK || from > to)
		return st;
	bool busy;
	st = model_begin_within(m, LOOK_WAIT_MS, &busy);
	if (st == IM_OK)
		st = im_store_notification_mark_range(m->store, m->actor.id,
						      from, to);
	if (st != IM_OK)
		model_store_fail(m, st);
	return model_finish(m, st);
}

enum im_status im_notification_mark_read(struct im_model *m, int64_t from,
					 int64_t to)
{
	MODEL_RETRIED(m, mark_read_once(m, from, to));
}
