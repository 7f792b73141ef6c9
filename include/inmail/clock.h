/* Time in inmail: whole seconds since the Unix epoch, UTC.  The model never
 * reads the system clock; it is handed "now" (SPEC 5: --now / INMAIL_NOW).
 * im_clock_system() is the one place the real clock is read. */
#ifndef INMAIL_CLOCK_H
#define INMAIL_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t im_time;

/* Every time inmail uses lies in 1970-01-01T00:00:01Z .. 9999-12-31T23:59:59Z
 * (SPEC 5 "Time"); anything else is refused where it enters (--now, a row
 * another program wrote).  Inside the range, sums and differences of a few
 * windows cannot overflow an int64_t. */
#define IM_TIME_MIN ((im_time)1)
#define IM_TIME_MAX ((im_time)253402300799)

static inline bool im_time_valid(im_time t)
{
	return t >= IM_TIME_MIN && t <= IM_TIME_MAX;
}

#define IM_DAY ((im_time)86400)
#define IM_CREDIT_WINDOW (90 * IM_DAY) /* credit back, inclusive */
#define IM_RATE_WINDOW (30 * IM_DAY)   /* response rate, inclusive */
/* The 13 % guardrail (SPEC 9): below when at least 100 InMails of the
 * last 14 days have responses to fewer than 13 % of them; restricted
 * 7 x 24 h after the warning, for exactly 14 days (here for the server's
 * guard too). */
#define IM_GUARDRAIL_WINDOW (14 * IM_DAY)
#define IM_GUARDRAIL_MIN_SENT 100
#define IM_GUARDRAIL_PERCENT 13
#define IM_GUARDRAIL_GRACE (7 * IM_DAY)
#define IM_GUARDRAIL_RESTRICTION (14 * IM_DAY)

/* The real clock, for sessions started without --now. */
im_time im_clock_system(void);

/* Parses "2026-01-31" (midnight UTC) or "2026-01-31T09:00:00Z".  Returns
 * false, leaving *out alone, for anything else, including impossible dates
 * such as 2026-02-30 and times outside IM_TIME_MIN .. IM_TIME_MAX. */
bool im_clock_parse(const char *text, im_time *out);

#define IM_ISO_LEN 21 /* "2026-01-31T09:00:00Z" + NUL */

/* "2026-01-31T09:00:00Z" into buf (at least IM_ISO_LEN bytes).  Returns
 * false and writes "?" for a time outside the range (a deadline past the
 * year 9999, say): the caller shows it as unknown. */
bool im_clock_format_iso(im_time t, char *buf);

/* "2 Mar" (same year as now) or "2 Mar 2025", into buf of size n; "?" for a
 * time outside the range. */
void im_clock_format_short(im_time t, im_time now, char *buf, size_t n);

/* "2 Mar 2026", into buf of size n; "?" outside the range. */
void im_clock_format_date(im_time t, char *buf, size_t n);

#endif
