/* Running $VISUAL / $EDITOR on a draft (see tui_editor.h). */
#include "tui_editor.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui_curses.h"

static char *editor_fail(char **err, const char *what)
{
	if (asprintf(err, "editor: %s", what) < 0)
		*err = NULL;
	return NULL;
}

static char *editor_read(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
		if (len + 1 >= cap) {
			char *b = realloc(buf, cap * 2);
			if (!b) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = b;
			cap *= 2;
		}
	}
	fclose(f);
	if (!buf)
		return NULL;
	buf[len] = '\0';
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	return buf;
}

/* Runs the editor with the terminal in its normal state; the parent
 * ignores the keyboard signals meanwhile, as system() does. */
static int editor_spawn(const char *editor, const char *path)
{
	char *cmd = NULL;
	if (asprintf(&cmd, "%s \"$1\"", editor) < 0)
		return -1;
	struct sigaction ign, old_int, old_quit;
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(cmd);
	return pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *tui_editor_run(const char *text, char **err)
{
	*err = NULL;
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	const char *tmp = getenv("TMPDIR");
	char *path = NULL;
	if (asprintf(&path, "%s/inmail-draft-XXXXXX.txt",
		     tmp && *tmp ? tmp : "/tmp") < 0)
		return editor_fail(err, "out of memory");
	int fd = mkstemps(path, 4);
	if (fd < 0) {
		free(path);
		return editor_fail(err, "cannot create a temporary file");
	}
	size_t len = strlen(text);
	bool ok = write(fd, text, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
	close(fd);
	char *out = NULL;
	if (ok) {
		def_prog_mode();
		endwin();
		int rc = editor_spawn(editor, path);
		reset_prog_mode();
		if (rc == 0)
			out = editor_read(path);
		else
			editor_fail(err, "the editor failed; the draft is unchanged");
	} else {
		editor_fail(err, "cannot write the draft to a temporary file");
	}
	unlink(path);
	free(path);
	if (ok && !out && !*err)
		editor_fail(err, "cannot read the edited draft back");
	return out;
}
