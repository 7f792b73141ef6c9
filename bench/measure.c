/* Shared measurements (see measure.h). */
#include "measure.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

double measure_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int measure_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double measure_settle(struct term *t, double t0, int first_ms, size_t *bytes)
{
	size_t len0, len;
	term_output(t, &len0);
	len = len0;
	double last = t0;
	for (;;) {
		double now = measure_now_ms();
		bool got = len != len0;
		if (got ? now - last > MEASURE_QUIET_MS : now - t0 > first_ms)
			break;
		if (!term_read(t, 1))
			break; /* the program has ended */
		size_t l;
		term_output(t, &l);
		if (l != len) {
			len = l;
			last = term_read_at(t);
		}
	}
	if (bytes)
		*bytes += len - len0;
	return len != len0 ? last - t0 : 0;
}

struct term *measure_start(const char *const *args, const char *const *env,
			   int rows, int cols, const char *const *marks,
			   int timeout_ms, double *first_ms)
{
	double t0 = measure_now_ms();
	struct term *t = term_start(args, env, rows, cols);
	if (!t)
		return NULL;
	for (size_t i = 0; marks[i]; i++)
		if (!term_wait(t, marks[i], timeout_ms)) {
			term_free(&t);
			return NULL;
		}
	/* The marks are there; the rest of the frame may still be coming. */
	double got = term_read_at(t) - t0;
	double more = measure_settle(t, measure_now_ms(), MEASURE_QUIET_MS,
				     NULL);
	*first_ms = more > 0 ? term_read_at(t) - t0 : got;
	return t;
}

long measure_children_peak_kib(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	long best = 0;
	while (d && (e = readdir(d))) {
		char path[300], buf[4096];
		snprintf(path, sizeof path, "/proc/%s/status", e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		long ppid = -1, hwm = 0;
		while (fgets(buf, sizeof buf, f)) {
			sscanf(buf, "PPid: %ld", &ppid);
			sscanf(buf, "VmHWM: %ld", &hwm);
		}
		fclose(f);
		if (ppid == (long)getpid() && hwm > best)
			best = hwm;
	}
	if (d)
		closedir(d);
	return best;
}
