/* Fuzzes the command line: the input, split at NUL bytes, is argv for
 * cli_main (all of inmail but main()), against a database that does not
 * exist, so every command fails or prints help without touching a file.
 * Commands that would make a database or wait on the terminal (init, gen,
 * demo, classify, tui) are left out.  No input may crash it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("INMAIL_DB", "/nonexistent/inmail-fuzz/inmail.db", 1);
	setenv("INMAIL_NOW", "2026-03-01", 1);
	unsetenv("INMAIL_USER");
	if (!freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

static int refused(const char *a)
{
	static const char *const cmds[] = {"init", "gen", "demo", "classify",
					   "tui"};
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		if (strcmp(a, cmds[i]) == 0)
			return 1;
	/* --db elsewhere than the missing file could create one. */
	return strncmp(a, "--db", 4) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	char *argv[64] = {"inmail"};
	int argc = 1;
	for (char *p = copy; p < copy + size && argc < 63; p += strlen(p) + 1) {
		if (refused(p))
			goto out;
		argv[argc++] = p;
	}
	argv[argc] = NULL;
	/* With no command it would open the interactive inbox. */
	if (argc > 1)
		cli_main(argc, argv);
out:
	free(copy);
	return 0;
}
