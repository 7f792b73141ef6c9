/* The weekly report (SPEC 9): per ISO week (from Monday 00:00:00 UTC) of
 * the InMail's sending, the InMails sent, responded within 30 days,
 * accepted, declined, and the response rate over that week's InMails:
 * those responded within the window over those decided (a response, at
 * any time, or the 30 days past). */
#include <string.h>

#include "model_int.h"

im_time im_report_week_start(im_time t)
{
	int64_t day = t / IM_DAY;
	/* 1970-01-01 was a Thursday: Monday is three days on from it. */
	int64_t weekday = ((day + 3) % 7 + 7) % 7;
	return (day - weekday) * IM_DAY;
}

enum im_status im_report_weeks(struct im_model *m, int weeks,
			       struct im_report_week *out)
{
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER, "reports");
	if (st != IM_OK)
		return st;
	if (weeks < 1 || weeks > IM_REPORT_MAX_WEEKS)
		return model_fail(m, IM_ERR_USAGE, "report: --weeks is from 1 to %d",
				  IM_REPORT_MAX_WEEKS);
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
		w->sent = c.sent;
		w->responded = c.responded_within;
		w->accepted = c.by_state[IM_STATE_ACCEPTED];
		w->declined = c.by_state[IM_STATE_DECLINED];
		int64_t decided = c.responded + c.unresponded_before;
		w->has_rate = decided > 0;
		if (w->has_rate)
			w->rate = (double)c.responded_within / (double)decided;
	}
	im_store_end_read(m->store);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}
