/* What bench_inmail and the side-by-side driver (bench/compare/) measure
 * the same way: the clock, when a terminal program has settled, and the
 * peak memory of the programs they started. */
#ifndef BENCH_MEASURE_H
#define BENCH_MEASURE_H

#include <stddef.h>

#include "harness.h"

/* No output for this long: the screen has settled. */
#define MEASURE_QUIET_MS 25

/* CLOCK_MONOTONIC, in ms (the harness's term_read_at uses the same). */
double measure_now_ms(void);

/* For qsort over doubles. */
int measure_cmp_double(const void *a, const void *b);

/* Reads the program's output until MEASURE_QUIET_MS pass without any,
 * waiting up to first_ms from t0 for the first byte.  Returns ms from t0
 * to the last byte read (taken before the emulator parsed it), 0 when
 * nothing came, and adds the bytes to *bytes (may be NULL). */
double measure_settle(struct term *t, double t0, int first_ms, size_t *bytes);

/* Starts a program in a rows x cols pty (as term_start) and waits up to
 * timeout_ms for each of marks (NULL-terminated) to show, then for the
 * rest of the frame.  *first_ms: from exec to the last byte of that first
 * complete screen.  NULL (the screen on stderr) when a mark never shows. */
struct term *measure_start(const char *const *args, const char *const *env,
			   int rows, int cols, const char *const *marks,
			   int timeout_ms, double *first_ms);

/* The largest peak resident set (VmHWM, KiB) of this process's children. */
long measure_children_peak_kib(void);

#endif
