/* Golden screens (issue 11): the demo's key moments, whole screens as the
 * harness reads them back from libvterm, compared with the files under
 * tests/tui/golden/ (tmux's regress/ does the same with capture-pane).
 * The demo's clock is fixed, so the screens are stable.
 *
 *   test_tui_golden ROWS COLS        compare (GOLDEN_DIR names the folder)
 *   INMAIL_GOLDEN_UPDATE=1 ...       write the files instead
 *
 * Every moment first waits for a marker, then for the screen to settle;
 * a screen that differs is written beside the build as NAME.actual and
 * shown as a unified diff. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define WAIT HARNESS_TIMEOUT_MS

struct golden {
	const char *dir;
	int rows, cols;
	bool update;
	int failed;
};

/* The screen without trailing blanks on each row; malloc'd. */
static char *golden_text(struct term *t)
{
	const char *s = term_screen(t);
	size_t n = strlen(s);
	char *out = malloc(n + 2), *o = out;
	if (!out)
		abort();
	const char *line = s;
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		size_t keep = len;
		while (keep && line[keep - 1] == ' ')
			keep--;
		memcpy(o, line, keep);
		o += keep;
		*o++ = '\n';
		line += len + (end ? 1 : 0);
	}
	*o = '\0';
	return out;
}

/* Reads until the program has been quiet for ms. */
static void golden_settle(struct term *t, int ms)
{
	size_t before, after;
	do {
		term_output(t, &before);
		term_read(t, ms);
		term_output(t, &after);
	} while (after != before);
}

static char *golden_read(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, len = 0, got;
	do {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		got = fread(buf + len, 1, 4096, f);
		len += got;
	} while (got > 0);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static bool golden_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	bool ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok;
}

/* One moment: waits for marker, then compares (or writes) NAME-RxC.txt. */
static void golden_moment(struct golden *g, struct term *t, const char *name,
			  const char *marker)
{
	char path[1024], actual[1024];
	snprintf(path, sizeof path, "%s/%s-%dx%d.txt", g->dir, name, g->cols,
		 g->rows);
	snprintf(actual, sizeof actual, "%s-%dx%d.actual", name, g->cols,
		 g->rows);
	if (!term_wait(t, marker, WAIT)) {
		fprintf(stderr, "golden %s: \"%s\" did not show\n", name, marker);
		g->failed++;
		return;
	}
	golden_settle(t, 150);
	char *got = golden_text(t);
	if (g->update) {
		if (!golden_write(path, got)) {
			fprintf(stderr, "golden: cannot write %s\n", path);
			g->failed++;
		} else {
			printf("wrote %s\n", path);
		}
		free(got);
		return;
	}
	char *want = golden_read(path);
	if (want && strcmp(want, got) != 0) {
		/* A slow machine may still be drawing: once more, longer. */
		golden_settle(t, 600);
		free(got);
		got = golden_text(t);
	}
	if (!want || strcmp(want, got) != 0) {
		golden_write(actual, got);
		fprintf(stderr, "golden %s (%dx%d) differs from %s%s\n", name,
			g->cols, g->rows, path, want ? ":" : " (missing)");
		char cmd[2200];
		snprintf(cmd, sizeof cmd, "diff -u '%s' '%s' >&2", path, actual);
		if (want && system(cmd) == -1)
			fprintf(stderr, "(diff did not run)\n");
		fprintf(stderr, "regenerate: INMAIL_GOLDEN_UPDATE=1 meson test "
			"-C build tui-golden (see tests/tui/golden/README)\n");
		g->failed++;
	} else {
		remove(actual); /* one left by an earlier run */
		printf("ok %s %dx%d\n", name, g->cols, g->rows);
	}
	free(want);
	free(got);
}

/* The story of the seed, as the guide tells it (issue 12). */
static void golden_play(struct golden *g, struct term *t)
{
	golden_moment(g, t, "01-demo-start", "Inbox (4)");
	term_type(t, "\x17"); /* Ctrl-W: the candidate */
	if (!term_wait(t, "keyboard: candidate", WAIT))
		g->failed++;
	term_key(t, "Enter");
	golden_moment(g, t, "02-candidate-inmail-open", "[ No thanks ]");
	/* An edited text: choosing No thanks asks first. */
	term_key(t, "Tab");
	term_type(t, " Maybe later.");
	if (!term_wait(t, "Maybe later.", WAIT))
		g->failed++;
	term_key(t, "BackTab");
	term_type(t, "n");
	golden_moment(g, t, "03-no-thanks-confirm", "Replace with No thanks? y/n");
	term_type(t, "y");
	if (!term_wait(t, "[\xE2\x96\xB8No thanks\xE2\x97\x82]", WAIT))
		g->failed++;
	term_type(t, "\x13"); /* Ctrl-S: the bare template */
	golden_moment(g, t, "04-sent-bare-template", "Sent: declined");
	/* The recruiter: the notification opens the blocked thread. */
	term_type(t, "\x17");
	if (!term_wait(t, "keyboard: recruiter", WAIT))
		g->failed++;
	term_type(t, "5");
	if (!term_wait(t, "Notifications (", WAIT))
		g->failed++;
	term_key(t, "Enter");
	golden_moment(g, t, "05-recruiter-sees-block", "c: new InMail to");
	term_type(t, "?");
	golden_moment(g, t, "06-help-overlay", "any key closes");
	term_type(t, " ");
	term_wait_gone(t, "any key closes", WAIT);
	/* SPEC 9: the recruiter's report screen (6), then back. */
	term_type(t, "6");
	golden_moment(g, t, "10-report", "Response rate by week");
	term_key(t, "Escape");
	term_wait_gone(t, "Response rate by week", WAIT);
}

/* The guided demo (issue 12): its line at the start, wrapped where the
 * keyboard is away from the step, and hidden by F10 (the demo's line
 * then says how to bring it back). */
static void golden_play_guided(struct golden *g, struct term *t)
{
	golden_moment(g, t, "07-guide-start", "Guide 1/10");
	term_type(t, "\x17"); /* Ctrl-W: the candidate */
	if (!term_wait(t, "keyboard: candidate", WAIT))
		g->failed++;
	term_key(t, "Enter");
	if (!term_wait(t, "Guide 2/10", WAIT))
		g->failed++;
	term_type(t, "\x17"); /* back: the line names Ctrl-W again */
	golden_moment(g, t, "08-guide-keyboard-away", "Ctrl-W, n picks");
	term_type(t, "\x1b[21~"); /* F10 */
	golden_moment(g, t, "09-guide-hidden", "F10 guide");
}

static bool golden_run(struct golden *g, bool guided, const char *tmpdir)
{
	const char *args[] = {"demo", guided ? "--guide" : NULL, NULL};
	const char *env[] = {tmpdir, NULL};
	struct term *t = term_start(args, env, g->rows, g->cols);
	if (!t || !term_wait(t, "keyboard: recruiter", WAIT)) {
		fprintf(stderr, "golden: the demo did not start\n");
		return false;
	}
	if (guided)
		golden_play_guided(g, t);
	else
		golden_play(g, t);
	term_type(t, "q");
	if (term_wait_exit(t, WAIT) != 0) {
		fprintf(stderr, "golden: the demo did not quit cleanly\n");
		g->failed++;
	}
	term_free(&t);
	return true;
}

int main(int argc, char **argv)
{
	struct golden g = {
		.dir = getenv("GOLDEN_DIR"),
		.rows = argc == 3 ? atoi(argv[1]) : 24,
		.cols = argc == 3 ? atoi(argv[2]) : 80,
	};
	const char *up = getenv("INMAIL_GOLDEN_UPDATE");
	g.update = up && *up && strcmp(up, "0") != 0;
	if (!g.dir || g.rows < 24 || g.cols < 80) {
		fprintf(stderr, "usage: GOLDEN_DIR=DIR test_tui_golden ROWS COLS\n");
		return 2;
	}
	char *dir = harness_tmpdir();
	char tmpdir[600];
	snprintf(tmpdir, sizeof tmpdir, "TMPDIR=%s", dir);
	if (!golden_run(&g, false, tmpdir) || !golden_run(&g, true, tmpdir))
		return 1;
	if (!harness_rmdir(dir))
		g.failed++;
	return g.failed ? 1 : 0;
}
