/* Benchmark (not a test): replies classified per second on one core, over
 * the corpus files given as arguments, looped for about two seconds of the
 * process' CPU time (so other load on the machine does not count). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "inmail/classify.h"

struct bench_reply {
	char *text;
	size_t len;
};

static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Appends the replies of a "label<TAB>text" file to *r. */
static int bench_load(const char *path, struct bench_reply **r, size_t *n)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!f) {
		perror(path);
		return -1;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		char *tab = strchr(line, '\t');
		struct bench_reply *grown;

		if (line[0] == '#' || !tab)
			continue;
		grown = realloc(*r, (*n + 1) * sizeof(**r));
		if (!grown)
			break;
		*r = grown;
		(*r)[*n].text = strndup(tab + 1, strcspn(tab + 1, "\n"));
		(*r)[*n].len = strlen((*r)[*n].text);
		(*n)++;
	}
	free(line);
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	struct bench_reply *r = NULL;
	size_t n = 0, done = 0, bytes = 0, declines = 0;
	double start, elapsed;

	for (int i = 1; i < argc; i++)
		if (bench_load(argv[i], &r, &n) < 0)
			return 1;
	if (n == 0) {
		fprintf(stderr, "usage: bench-classify CORPUS.tsv...\n");
		return 64;
	}
	start = bench_now();
	do {
		for (size_t i = 0; i < n; i++) {
			struct im_classification c;

			if (im_classify(r[i].text, r[i].len, &c) == IM_CLASSIFY_OK)
				declines += c.label == IM_LABEL_DECLINE;
			bytes += r[i].len;
		}
		done += n;
		elapsed = bench_now() - start;
	} while (elapsed < 2.0);
	printf("classify: %.0f replies/s on one core (%zu replies, %.1f bytes "
	       "average, %zu declined)\n", (double)done / elapsed, done,
	       (double)bytes / (double)done, declines);
	for (size_t i = 0; i < n; i++)
		free(r[i].text);
	free(r);
	return 0;
}
