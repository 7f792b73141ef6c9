/* Time in inmail: whole seconds since the Unix epoch, UTC.  The model never
 * reads the system clock; it is handed "now" (SPEC 5: --now / INMAIL_NOW).
 * im_clock_system() is the one place the real clock is read. */
#ifndef INMAIL_CLOCK_H
#define INMAIL_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t im_time;

#define IM_DAY ((im_time)86400)
#define IM_CREDIT_WINDOW (90 * IM_DAY) /* credit back, inclusive */
#define IM_RATE_WINDOW (30 * IM_DAY)   /* response rate, inclusive */

/* The real clock, for sessions started without --now. */
im_time im_clock_system(void);

/* Parses "2026-01-31" (midnight UTC) or "2026-01-31T09:00:00Z".  Returns
 * false, leaving *out alone, for anything else, including impossible dates
 * such as 2026-02-30. */
bool im_clock_parse(const char *text, im_time *out);

#define IM_ISO_LEN 21 /* "2026-01-31T09:00:00Z" + NUL */

/* "2026-01-31T09:00:00Z" into buf (at least IM_ISO_LEN bytes). */
void im_clock_format_iso(im_time t, char *buf);

/* "2 Mar" (same year as now) or "2 Mar 2025", into buf of size n. */
void im_clock_format_short(im_time t, im_time now, char *buf, size_t n);

/* "2 Mar 2026", into buf of size n. */
void im_clock_format_date(im_time t, char *buf, size_t n);

#endif
