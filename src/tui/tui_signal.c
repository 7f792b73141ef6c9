/* Terminal restoring on signals (see tui_signal.h). */
#include "tui_signal.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tui_curses.h"

static volatile sig_atomic_t signal_quit;
static struct termios signal_termios;
static bool signal_have_termios;
static char signal_reset[256]; /* leave the alternate screen, show cursor */
static size_t signal_reset_len;

static const int quit_signals[] = {SIGTERM, SIGHUP, SIGINT};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

static void signal_on_quit(int sig)
{
	(void)sig;
	signal_quit = 1;
}

/* Only async-signal-safe calls: write, tcsetattr, signal, raise. */
static void signal_on_crash(int sig)
{
	if (signal_reset_len && write(STDOUT_FILENO, signal_reset,
				      signal_reset_len) < 0)
		signal_reset_len = 0;
	if (signal_have_termios)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &signal_termios);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void signal_append(const char *cap)
{
	if (!cap || cap == (char *)-1)
		return;
	size_t n = strlen(cap);
	if (signal_reset_len + n < sizeof(signal_reset)) {
		memcpy(signal_reset + signal_reset_len, cap, n);
		signal_reset_len += n;
	}
}

void tui_signal_install(void)
{
	signal_have_termios = tcgetattr(STDIN_FILENO, &signal_termios) == 0;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = signal_on_quit;
	for (size_t i = 0; i < sizeof(quit_signals) / sizeof(int); i++)
		sigaction(quit_signals[i], &sa, NULL);
	sa.sa_handler = signal_on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof(crash_signals) / sizeof(int); i++)
		sigaction(crash_signals[i], &sa, NULL);
}

void tui_signal_ready(void)
{
	signal_reset_len = 0;
	/* Mouse reporting off (xterm), attributes off, cursor on, main screen. */
	signal_append("\033[?1000l\033[?1002l\033[?1006l");
	signal_append(tigetstr("sgr0"));
	signal_append(tigetstr("cnorm"));
	signal_append(tigetstr("rmcup"));
}

bool tui_signal_quit(void)
{
	return signal_quit != 0;
}

void tui_signal_remove(void)
{
	for (size_t i = 0; i < sizeof(quit_signals) / sizeof(int); i++)
		signal(quit_signals[i], SIG_DFL);
	for (size_t i = 0; i < sizeof(crash_signals) / sizeof(int); i++)
		signal(crash_signals[i], SIG_DFL);
}
