/* Prints a text capture of the demo, both panes, as the harness reads it
 * back from libvterm: the README's screen (docs/screens.txt).
 * Usage: INMAIL_EXE=path tui_screens [ROWS COLS] > docs/screens.txt
 * (30x160 by default; the README also shows 24x80). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define WAIT HARNESS_TIMEOUT_MS

static int fail(struct term **t, const char *what)
{
	fprintf(stderr, "tui_screens: %s did not show\n", what);
	term_free(t);
	return 1;
}

/* Reads until the program has been quiet for ms: the marker may show
 * before the rest of the same redraw has been read. */
static void settle(struct term *t, int ms)
{
	size_t before, after;
	do {
		term_output(t, &before);
		term_read(t, ms);
		term_output(t, &after);
	} while (after != before);
}

/* The screen without trailing blanks on each row. */
static void print_screen(struct term *t)
{
	char *s = strdup(term_screen(t));
	for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
		size_t n = strlen(line);
		while (n && line[n - 1] == ' ')
			n--;
		printf("%.*s\n", (int)n, line);
	}
	free(s);
}

int main(int argc, char **argv)
{
	int rows = argc == 3 ? atoi(argv[1]) : 30;
	int cols = argc == 3 ? atoi(argv[2]) : 160;
	if (rows < 24 || cols < 80) {
		fprintf(stderr, "usage: tui_screens [ROWS COLS] (24x80 or more)\n");
		return 64;
	}
	const char *args[] = {"demo", NULL};
	struct term *t = term_start(args, NULL, rows, cols);
	if (!t || !term_wait(t, "keyboard: recruiter", WAIT))
		return fail(&t, "the demo");
	/* The recruiter opens the thread 李小龙 declined with the template. */
	term_type(t, "jjj");
	term_key(t, "Enter");
	if (!term_wait(t, "c: new InMail", WAIT))
		return fail(&t, "the blocked thread");
	/* The candidate opens the pending InMail and chooses No thanks. */
	term_type(t, "\x17");
	if (!term_wait(t, "keyboard: candidate", WAIT))
		return fail(&t, "the candidate's keyboard");
	term_key(t, "Enter");
	if (!term_wait(t, "[ No thanks ]", WAIT))
		return fail(&t, "the smart reply buttons");
	term_type(t, "n");
	if (!term_wait(t, "[▸No thanks◂]", WAIT))
		return fail(&t, "the chosen button");
	settle(t, 200);
	print_screen(t);
	term_type(t, "\x1bq");
	term_wait_exit(t, WAIT);
	term_free(&t);
	return 0;
}
