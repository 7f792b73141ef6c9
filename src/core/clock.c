/* The clock: parsing and formatting UTC times; the one read of real time. */
#include "inmail/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

im_time im_clock_system(void)
{
	return (im_time)time(NULL);
}

static bool is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool im_clock_parse(const char *text, im_time *out)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!text)
		return false;
	size_t len = strlen(text);
	if (len != 10 && len != 20)
		return false;
	if (!digits(text, 4) || text[4] != '-' || !digits(text + 5, 2) ||
	    text[7] != '-' || !digits(text + 8, 2))
		return false;
	int y = num(text, 4), mo = num(text + 5, 2), d = num(text + 8, 2);
	int h = 0, mi = 0, s = 0;
	if (len == 20) {
		if (text[10] != 'T' || !digits(text + 11, 2) || text[13] != ':' ||
		    !digits(text + 14, 2) || text[16] != ':' ||
		    !digits(text + 17, 2) || text[19] != 'Z')
			return false;
		h = num(text + 11, 2);
		mi = num(text + 14, 2);
		s = num(text + 17, 2);
	}
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59)
		return false;
	int dim = mdays[mo - 1] + (mo == 2 && is_leap(y));
	if (d > dim)
		return false;
	im_time t = (im_time)days_from_civil(y, mo, d) * 86400 + h * 3600 +
		    mi * 60 + s;
	/* 1970-01-01T00:00:00Z is the epoch itself: outside the range. */
	if (!im_time_valid(t))
		return false;
	*out = t;
	return true;
}

/* The calendar fields of t, or false outside the range (gmtime_r would
 * leave tm unset, or give years of more than four digits). */
static bool to_tm(im_time t, struct tm *tm)
{
	memset(tm, 0, sizeof *tm);
	if (!im_time_valid(t))
		return false;
	time_t tt = (time_t)t;
	return gmtime_r(&tt, tm) != NULL && tm->tm_mon >= 0 && tm->tm_mon < 12;
}

bool im_clock_format_iso(im_time t, char *buf)
{
	struct tm tm;
	if (!to_tm(t, &tm) ||
	    strftime(buf, IM_ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		memcpy(buf, "?", 2);
		return false;
	}
	return true;
}

static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr",
					  "May", "Jun", "Jul", "Aug",
					  "Sep", "Oct", "Nov", "Dec"};

void im_clock_format_short(im_time t, im_time now, char *buf, size_t n)
{
	struct tm tm, tn;
	if (!to_tm(t, &tm)) {
		snprintf(buf, n, "?");
		return;
	}
	if (to_tm(now, &tn) && tm.tm_year == tn.tm_year)
		snprintf(buf, n, "%d %s", tm.tm_mday, month_names[tm.tm_mon]);
	else
		snprintf(buf, n, "%d %s %d", tm.tm_mday, month_names[tm.tm_mon],
			 tm.tm_year + 1900);
}

void im_clock_format_date(im_time t, char *buf, size_t n)
{
	struct tm tm;
	if (!to_tm(t, &tm)) {
		snprintf(buf, n, "?");
		return;
	}
	snprintf(buf, n, "%d %s %d", tm.tm_mday, month_names[tm.tm_mon],
		 tm.tm_year + 1900);
}
