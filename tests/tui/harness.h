/* End-to-end harness for the terminal interface: runs the real inmail
 * binary in a pty (forkpty), feeds what it writes to libvterm, and reads
 * the screen back as text.  Tests wait for a marker on the screen with a
 * timeout, never for a fixed time (tmux's regress/ does the same with
 * capture-pane), and type keys as a person would.  Every byte the program
 * wrote is kept, so a test can check the raw stream too. */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define HARNESS_TIMEOUT_MS 5000

struct term;

/* The inmail binary under test (INMAIL_EXE, set by meson). */
const char *harness_exe(void);

/* A fresh directory for one test's files; free() the result. */
char *harness_tmpdir(void);

/* A fresh directory with the path of a database in it (DIR/t.db, not yet
 * made) written to db; the directory, or NULL. */
char *harness_dbdir(char *db, size_t size);

/* Removes dir and everything in it, and frees it; false (said on stderr)
 * when it could not. */
bool harness_rmdir(char *dir);

/* Runs inmail with args (NULL-terminated) on a pty of rows x cols, with
 * TERM=xterm-256color and LANG=C.UTF-8 plus env (NULL-terminated
 * "NAME=VALUE" strings, may be NULL). */
struct term *term_start(const char *const *args, const char *const *env,
			int rows, int cols);

/* Waits until the screen shows text; false after timeout_ms. */
bool term_wait(struct term *t, const char *text, int timeout_ms);

/* Waits until the screen no longer shows text. */
bool term_wait_gone(struct term *t, const char *text, int timeout_ms);

/* Reads what the program writes, waiting up to ms for the first bytes;
 * false once it has ended.  For loops that time output (bench/). */
bool term_read(struct term *t, int ms);

/* When the last bytes were read (CLOCK_MONOTONIC, ms), taken before the
 * emulator parsed them. */
double term_read_at(const struct term *t);

/* Types bytes as they are (UTF-8 text, control characters). */
void term_type(struct term *t, const char *bytes);

/* Presses a key by its terminal sequence, in the mode the program set
 * (application cursor keys and so on): "Up", "Down", "Left", "Right",
 * "Enter", "Tab", "BackTab", "Escape", "Backspace", "End", "Home", "F9". */
void term_key(struct term *t, const char *name);

/* A left click at (row, col), 0-based. */
void term_click(struct term *t, int row, int col);

/* The screen as text, rows separated by '\n'.  Valid until the next call
 * on t. */
const char *term_screen(struct term *t);

/* The row and column where text first shows, or false. */
bool term_find(struct term *t, const char *text, int *row, int *col);

/* Everything the program wrote so far. */
const char *term_output(struct term *t, size_t *len);

/* Resizes the pty (the program gets SIGWINCH) and the emulator. */
void term_resize(struct term *t, int rows, int cols);

/* Sends sig to the program. */
void term_signal(struct term *t, int sig);

/* Waits for the program to end (reading its output meanwhile); returns
 * its wait status, or -1 after timeout_ms (then it is killed). */
int term_wait_exit(struct term *t, int timeout_ms);

/* Waits for the program to end after the keys already typed (q, Ctrl-C)
 * and frees *t: its exit code, or -1 when it was killed by a signal or
 * did not end within timeout_ms. */
int term_end(struct term **t, int timeout_ms);

/* Quits as a person would from wherever the keyboard is (Escape three
 * times, then q), as term_end. */
int term_quit(struct term **t, int timeout_ms);

/* Kills the program if it still runs and frees t. */
void term_free(struct term **t);

/* Runs inmail with args (NULL-terminated) without a terminal; returns the
 * exit code; *out, when not NULL, receives its standard output (free()). */
int harness_cli(char **out, const char *const *args);

/* inmail --db DB --now NOW [--as AS] ARGS... (NULL-terminated), as
 * harness_cli; at most 26 ARGS. */
int harness_cli_at(const char *db, const char *now, const char *as,
		   char **out, ...);

#endif
