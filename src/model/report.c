/* The weekly report (SPEC 9): per ISO week (from Monday 00:00:00 UTC) of
 * the InMail's sending, the InMails sent, responded within 30 days,
 * accepted, declined, and the response rate over that week's InMails:
 * those responded within the window over those decided (a response, at
 * any time, or the 30 days past). */
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

im_time im_report_week_start(im_time t)
{
	int64_t day = t / IM_DAY;
	/* 1970-01-01 was a Thursday: Monday is three days on from it. */
	int64_t weekday = ((day + 3) % 7 + 7) % 7;
	return (day - weekday) * IM_DAY;
}

/* The measures of SPEC 9 from a set of InMails' counts. */
static void measure(const struct im_store_sent_counts *c, int64_t *sent,
		    int64_t *responded, int64_t *accepted, int64_t *declined,
		    bool *has_rate, double *rate)
{
	*sent = c->sent;
	*responded = c->responded_within;
	*accepted = c->by_state[IM_STATE_ACCEPTED];
	*declined = c->by_state[IM_STATE_DECLINED];
	int64_t decided = c->responded + c->unresponded_before;
	*has_rate = decided > 0;
	*rate = *has_rate ? (double)c->responded_within / (double)decided : 0;
}

/* The weeks a report covers: from the Monday weeks - 1 before now's to
 * the end of now's week. */
static enum im_status report_span(struct im_model *m, int weeks, im_time *from,
				  im_time *to)
{
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER, "reports");
	if (st != IM_OK)
		return st;
	if (weeks < 1 || weeks > IM_REPORT_MAX_WEEKS)
		return model_fail(m, IM_ERR_USAGE, "report: --weeks is from 1 to %d",
				  IM_REPORT_MAX_WEEKS);
	im_time monday = im_report_week_start(m->now);
	*from = monday - (im_time)(weeks - 1) * 7 * IM_DAY;
	*to = monday + 7 * IM_DAY;
	return IM_OK;
}

enum im_status im_report_weeks(struct im_model *m, int weeks,
			       struct im_report_week *out)
{
	im_time from, to;
	enum im_status st = report_span(m, weeks, &from, &to);
	if (st != IM_OK)
		return st;
	memset(out, 0, (size_t)weeks * sizeof *out);
	im_model_catch_up(m);
	if ((st = im_store_begin_read(m->store)) != IM_OK)
		return model_store_fail(m, st);
	im_time monday = im_report_week_start(m->now);
	for (int i = 0; st == IM_OK && i < weeks; i++) {
		struct im_report_week *w = &out[i];
		w->start = monday - (im_time)(weeks - 1 - i) * 7 * IM_DAY;
		struct im_store_sent_counts c;
		st = im_store_sent_counts(m->store, m->actor.id, w->start,
					  w->start + 7 * IM_DAY, IM_RATE_WINDOW,
					  m->now - IM_RATE_WINDOW, &c);
		if (st != IM_OK)
			break;
		measure(&c, &w->sent, &w->responded, &w->accepted,
			&w->declined, &w->has_rate, &w->rate);
	}
	im_store_end_read(m->store);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}

void im_report_templates_free(struct im_report_template **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++)
		free((*list)[i].name);
	free(*list);
	*list = NULL;
}

/* The row of the template InMails were sent from, among the first
 * n_live (the templates the recruiter has, ids[i] theirs): by identity
 * (attack2 F6: a template removed and added again under its name is
 * another one); InMails from before identities (id 0) by name, as they
 * were.  NULL: a template removed since. */
static struct im_report_template *find_row(struct im_report_template *list,
					   const int64_t *ids, size_t n_live,
					   const char *name, int64_t id)
{
	for (size_t i = 0; i < n_live; i++)
		if (id ? ids[i] == id
		       : list[i].name && strcmp(list[i].name, name) == 0)
			return &list[i];
	return NULL;
}

/* By name, a template's own row before those of removed ones of its
 * name (in the order they were made); without a template last. */
static int by_name(const void *a, const void *b)
{
	const struct im_report_template *x = a, *y = b;
	if (!x->name || !y->name)
		return !x->name - !y->name;
	int c = strcmp(x->name, y->name);
	if (c || x->deleted != y->deleted)
		return c ? c : x->deleted - y->deleted;
	return (x->order > y->order) - (x->order < y->order);
}

enum im_status im_report_templates(struct im_model *m, int weeks,
				   struct im_report_template **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	im_time from = 0, to = 0; /* set by report_span; -O3 cannot see it */
	enum im_status st = report_span(m, weeks, &from, &to);
	if (st != IM_OK)
		return st;
	im_model_catch_up(m);
	if ((st = im_store_begin_read(m->store)) != IM_OK)
		return model_store_fail(m, st);
	struct im_store_template *tpl = NULL;
	struct im_store_template_counts *cnt = NULL;
	size_t n_tpl = 0, n_cnt = 0;
	st = im_store_template_list(m->store, m->actor.id, &tpl, &n_tpl);
	if (st == IM_OK)
		st = im_store_template_counts(m->store, m->actor.id, from, to,
					      IM_RATE_WINDOW,
					      m->now - IM_RATE_WINDOW, &cnt,
					      &n_cnt);
	im_store_end_read(m->store);
	struct im_report_template *list = NULL;
	size_t k = 0;
	if (st != IM_OK) {
		model_store_fail(m, st);
		goto out;
	}
	list = calloc(n_tpl + n_cnt + 1, sizeof *list);
	int64_t *ids = calloc(n_tpl + 1, sizeof *ids);
	/* A row's counts: InMails from before identities and those since
	 * may both be a template's. */
	struct im_store_sent_counts *sum = calloc(n_tpl + n_cnt + 1,
						  sizeof *sum);
	if (!list || !ids || !sum) {
		free(ids);
		free(sum);
		st = model_fail(m, IM_ERR_NOMEM, "out of memory");
		goto out;
	}
	/* Every template the recruiter has, sent from or not... */
	for (size_t i = 0; i < n_tpl; i++) {
		ids[k] = tpl[i].id;
		list[k].name = tpl[i].name;
		tpl[i].name = NULL;
		k++;
	}
	/* ...then what was sent, from each (one removed since gets its own
	 * row, each its own if several had the name) or from none. */
	for (size_t i = 0; i < n_cnt; i++) {
		struct im_report_template *row =
			cnt[i].name ? find_row(list, ids, n_tpl, cnt[i].name,
					       cnt[i].template_id)
				    : NULL;
		if (!row) {
			row = &list[k++];
			row->name = cnt[i].name;
			row->deleted = cnt[i].name != NULL;
			row->order = cnt[i].template_id;
			cnt[i].name = NULL;
		}
		struct im_store_sent_counts *to = &sum[row - list];
		to->sent += cnt[i].c.sent;
		for (int s = 0; s < IM_STATE_COUNT; s++)
			to->by_state[s] += cnt[i].c.by_state[s];
		to->responded += cnt[i].c.responded;
		to->responded_within += cnt[i].c.responded_within;
		to->unresponded_before += cnt[i].c.unresponded_before;
	}
	for (size_t i = 0; i < k; i++)
		measure(&sum[i], &list[i].sent, &list[i].responded,
			&list[i].accepted, &list[i].declined, &list[i].has_rate,
			&list[i].rate);
	free(ids);
	free(sum);
	qsort(list, k, sizeof *list, by_name);
	if (k) {
		*out = list;
		*n = k;
		list = NULL;
	}
out:
	im_report_templates_free(&list, k);
	im_store_templates_free(&tpl, n_tpl);
	im_store_template_counts_free(&cnt, n_cnt);
	return st;
}
