/* The pty + libvterm harness (see harness.h). */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

struct term {
	double read_at; /* CLOCK_MONOTONIC ms of the last bytes read */
	pid_t pid;
	int fd;
	VTerm *vt;
	VTermScreen *screen;
	int rows, cols;
	char *out;
	size_t out_len, out_cap;
	char *text;
	int status;
	bool exited;
};

const char *harness_exe(void)
{
	const char *exe = getenv("INMAIL_EXE");
	return exe && *exe ? exe : "inmail";
}

/* In a child: runs inmail with args, in an environment without the
 * caller's INMAIL_* settings plus env (NAME=VALUE, NULL-terminated, or
 * NULL).  Never returns. */
static void exec_inmail(const char *const *args, const char *const *env)
{
	unsetenv("INMAIL_DB");
	unsetenv("INMAIL_USER");
	unsetenv("INMAIL_NOW");
	for (size_t i = 0; env && env[i]; i++)
		putenv((char *)env[i]);
	size_t n = 0;
	while (args[n])
		n++;
	char **argv = calloc(n + 2, sizeof(char *));
	argv[0] = (char *)harness_exe();
	for (size_t i = 0; i < n; i++)
		argv[i + 1] = (char *)args[i];
	execv(argv[0], argv);
	_exit(127);
}

char *harness_tmpdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = NULL;
	if (asprintf(&dir, "%s/inmail-tui-test-XXXXXX",
		     tmp && *tmp ? tmp : "/tmp") < 0)
		return NULL;
	if (!mkdtemp(dir)) {
		free(dir);
		return NULL;
	}
	return dir;
}

char *harness_dbdir(char *db, size_t size)
{
	char *dir = harness_tmpdir();
	if (dir && (size_t)snprintf(db, size, "%s/t.db", dir) >= size) {
		harness_rmdir(dir);
		return NULL;
	}
	return dir;
}

bool harness_rmdir(char *dir)
{
	if (!dir)
		return true;
	char *cmd = NULL;
	bool ok = asprintf(&cmd, "rm -rf '%s'", dir) >= 0 && system(cmd) == 0;
	if (!ok)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	free(dir);
	return ok;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What the emulator answers (cursor reports, keys) goes to the program. */
static void term_from_vterm(const char *s, size_t len, void *user)
{
	struct term *t = user;
	while (len > 0) {
		ssize_t n = write(t->fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

static void term_keep(struct term *t, const char *buf, size_t n)
{
	if (t->out_len + n + 1 > t->out_cap) {
		size_t cap = t->out_cap ? t->out_cap * 2 : 65536;
		while (cap < t->out_len + n + 1)
			cap *= 2;
		char *o = realloc(t->out, cap);
		if (!o)
			abort();
		t->out = o;
		t->out_cap = cap;
	}
	memcpy(t->out + t->out_len, buf, n);
	t->out_len += n;
	t->out[t->out_len] = '\0';
}

/* Reads what is there, waiting up to ms for something; false at EOF. */
static bool term_pump(struct term *t, int ms)
{
	struct pollfd p = {t->fd, POLLIN, 0};
	int r = poll(&p, 1, ms);
	if (r <= 0)
		return true;
	char buf[8192];
	ssize_t n = read(t->fd, buf, sizeof(buf));
	if (n <= 0)
		return false;
	/* Before the emulator parses them: timings are of the program. */
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	t->read_at = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
	term_keep(t, buf, (size_t)n);
	vterm_input_write(t->vt, buf, (size_t)n);
	return true;
}

struct term *term_start(const char *const *args, const char *const *env,
			int rows, int cols)
{
	struct term *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->rows = rows;
	t->cols = cols;
	struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};
	t->pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (t->pid < 0) {
		free(t);
		return NULL;
	}
	if (t->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		unsetenv("LC_ALL");
		unsetenv("NO_COLOR");
		exec_inmail(args, env);
	}
	t->vt = vterm_new(rows, cols);
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, term_from_vterm, t);
	t->screen = vterm_obtain_screen(t->vt);
	vterm_screen_enable_altscreen(t->screen, 1);
	vterm_screen_reset(t->screen, 1);
	return t;
}

bool term_wait(struct term *t, const char *text, int timeout_ms)
{
	long long end = now_ms() + timeout_ms;
	for (;;) {
		if (strstr(term_screen(t), text))
			return true;
		long long left = end - now_ms();
		if (left <= 0 || !term_pump(t, left > 50 ? 50 : (int)left))
			break;
	}
	if (strstr(term_screen(t), text))
		return true;
	/* What the screen showed instead, for the test's log. */
	fprintf(stderr, "waited for \"%s\"; the screen:\n%s", text,
		term_screen(t));
	return false;
}

bool term_read(struct term *t, int ms)
{
	return term_pump(t, ms);
}

double term_read_at(const struct term *t)
{
	return t->read_at;
}

bool term_wait_gone(struct term *t, const char *text, int timeout_ms)
{
	long long end = now_ms() + timeout_ms;
	for (;;) {
		if (!strstr(term_screen(t), text))
			return true;
		long long left = end - now_ms();
		if (left <= 0 || !term_pump(t, left > 50 ? 50 : (int)left))
			break;
	}
	if (!strstr(term_screen(t), text))
		return true;
	fprintf(stderr, "waited for \"%s\" to go; the screen:\n%s", text,
		term_screen(t));
	return false;
}

/* One row as UTF-8, with the column each byte was drawn in. */
static size_t term_row(struct term *t, int r, char *line, int *col_of,
		       size_t cap)
{
	size_t o = 0;
	for (int c = 0; c < t->cols && o + 8 < cap; c++) {
		VTermScreenCell cell;
		VTermPos pos = {r, c};
		vterm_screen_get_cell(t->screen, pos, &cell);
		if (!cell.chars[0]) {
			col_of[o] = c;
			line[o++] = ' ';
		}
		for (int k = 0; k < VTERM_MAX_CHARS_PER_CELL && cell.chars[k];
		     k++) {
			uint32_t u = cell.chars[k];
			size_t start = o;
			if (u < 0x80) {
				line[o++] = (char)u;
			} else if (u < 0x800) {
				line[o++] = (char)(0xc0 | (u >> 6));
				line[o++] = (char)(0x80 | (u & 0x3f));
			} else if (u < 0x10000) {
				line[o++] = (char)(0xe0 | (u >> 12));
				line[o++] = (char)(0x80 | ((u >> 6) & 0x3f));
				line[o++] = (char)(0x80 | (u & 0x3f));
			} else {
				line[o++] = (char)(0xf0 | (u >> 18));
				line[o++] = (char)(0x80 | ((u >> 12) & 0x3f));
				line[o++] = (char)(0x80 | ((u >> 6) & 0x3f));
				line[o++] = (char)(0x80 | (u & 0x3f));
			}
			for (size_t i = start; i < o; i++)
				col_of[i] = c;
		}
		if (cell.width == 2)
			c++;
	}
	line[o] = '\0';
	return o;
}

const char *term_screen(struct term *t)
{
	size_t row_cap = (size_t)t->cols * 16 + 16;
	int *col_of = malloc(row_cap * sizeof(int));
	free(t->text);
	t->text = malloc((size_t)t->rows * (row_cap + 1) + 1);
	if (!t->text || !col_of)
		abort();
	size_t o = 0;
	for (int r = 0; r < t->rows; r++) {
		o += term_row(t, r, t->text + o, col_of, row_cap);
		t->text[o++] = '\n';
	}
	t->text[o] = '\0';
	free(col_of);
	return t->text;
}

bool term_find(struct term *t, const char *text, int *row, int *col)
{
	size_t cap = (size_t)t->cols * 16 + 16;
	char *line = malloc(cap);
	int *col_of = malloc(cap * sizeof(int));
	bool found = false;
	for (int r = 0; line && col_of && r < t->rows && !found; r++) {
		term_row(t, r, line, col_of, cap);
		char *hit = strstr(line, text);
		if (hit) {
			*row = r;
			*col = col_of[hit - line];
			found = true;
		}
	}
	free(line);
	free(col_of);
	return found;
}

void term_type(struct term *t, const char *bytes)
{
	term_from_vterm(bytes, strlen(bytes), t);
}

void term_key(struct term *t, const char *name)
{
	static const struct {
		const char *name;
		VTermKey key;
		VTermModifier mod;
	} keys[] = {
		{"Up", VTERM_KEY_UP, 0}, {"Down", VTERM_KEY_DOWN, 0},
		{"Left", VTERM_KEY_LEFT, 0}, {"Right", VTERM_KEY_RIGHT, 0},
		{"Enter", VTERM_KEY_ENTER, 0}, {"Tab", VTERM_KEY_TAB, 0},
		{"BackTab", VTERM_KEY_TAB, VTERM_MOD_SHIFT},
		{"Escape", VTERM_KEY_ESCAPE, 0},
		{"Backspace", VTERM_KEY_BACKSPACE, 0},
		{"Home", VTERM_KEY_HOME, 0}, {"End", VTERM_KEY_END, 0},
		{"F9", VTERM_KEY_FUNCTION(9), 0},
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].name, name) == 0)
			vterm_keyboard_key(t->vt, keys[i].key, keys[i].mod);
}

void term_click(struct term *t, int row, int col)
{
	vterm_mouse_move(t->vt, row, col, 0);
	vterm_mouse_button(t->vt, 1, true, 0);
	vterm_mouse_button(t->vt, 1, false, 0);
}

const char *term_output(struct term *t, size_t *len)
{
	*len = t->out_len;
	return t->out ? t->out : "";
}

void term_resize(struct term *t, int rows, int cols)
{
	struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};
	t->rows = rows;
	t->cols = cols;
	vterm_set_size(t->vt, rows, cols);
	ioctl(t->fd, TIOCSWINSZ, &ws);
}

void term_signal(struct term *t, int sig)
{
	kill(t->pid, sig);
}

int term_wait_exit(struct term *t, int timeout_ms)
{
	long long end = now_ms() + timeout_ms;
	while (!t->exited) {
		int st;
		pid_t r = waitpid(t->pid, &st, WNOHANG);
		if (r == t->pid) {
			t->exited = true;
			t->status = st;
			break;
		}
		long long left = end - now_ms();
		if (left <= 0) {
			kill(t->pid, SIGKILL);
			waitpid(t->pid, &st, 0);
			t->exited = true;
			return -1;
		}
		if (!term_pump(t, left > 50 ? 50 : (int)left)) {
			/* EOF on the pty: the program is ending. */
			waitpid(t->pid, &st, 0);
			t->exited = true;
			t->status = st;
		}
	}
	/* Read what is left: the terminal reset sent on the way out. */
	while (term_pump(t, 20) && now_ms() < end) {
		struct pollfd p = {t->fd, POLLIN, 0};
		if (poll(&p, 1, 0) <= 0)
			break;
	}
	return t->status;
}

int term_end(struct term **t, int timeout_ms)
{
	int st = term_wait_exit(*t, timeout_ms);
	term_free(t);
	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int term_quit(struct term **t, int timeout_ms)
{
	term_key(*t, "Escape");
	term_key(*t, "Escape");
	term_key(*t, "Escape");
	term_type(*t, "q");
	return term_end(t, timeout_ms);
}

void term_free(struct term **tp)
{
	struct term *t = *tp;
	if (!t)
		return;
	if (!t->exited) {
		kill(t->pid, SIGKILL);
		waitpid(t->pid, NULL, 0);
	}
	close(t->fd);
	vterm_free(t->vt);
	free(t->out);
	free(t->text);
	free(t);
	*tp = NULL;
}

int harness_cli(char **out, const char *const *args)
{
	int pipefd[2];
	if (pipe(pipefd) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		close(pipefd[1]);
		exec_inmail(args, NULL);
	}
	close(pipefd[1]);
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	ssize_t n;
	while (buf && (n = read(pipefd[0], buf + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (len + 1 >= cap) {
			char *b = realloc(buf, cap *= 2);
			if (!b)
				abort();
			buf = b;
		}
	}
	close(pipefd[0]);
	if (buf)
		buf[len] = '\0';
	int st = 0;
	waitpid(pid, &st, 0);
	if (out)
		*out = buf;
	else
		free(buf);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int harness_cli_at(const char *db, const char *now, const char *as,
		   char **out, ...)
{
	const char *args[32] = {"--db", db, "--now", now};
	size_t n = 4;
	if (as) {
		args[n++] = "--as";
		args[n++] = as;
	}
	va_list ap;
	va_start(ap, out);
	const char *a;
	while ((a = va_arg(ap, const char *)) && n < 31)
		args[n++] = a;
	va_end(ap);
	args[n] = NULL;
	return harness_cli(out, args);
}
