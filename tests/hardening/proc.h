/* Child processes of the real inmail binary for the hardening tests: run
 * in the background with output to files, killed at will, waited for. */
#ifndef INMAIL_TEST_PROC_H
#define INMAIL_TEST_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct proc {
	pid_t pid;
	char out_path[600];
	char err_path[600];
	int status; /* exit code, or 128 + signal */
};

/* Starts exe with argv (argv[0] included, NULL-terminated) and
 * INMAIL_DB=db in the environment; stdout and stderr go to files named
 * after tag in dir. */
void proc_start(struct proc *p, const char *exe, const char *db,
		const char *dir, const char *tag, char *const argv[]);

/* Waits for it and fills p->status. */
void proc_wait(struct proc *p);

/* Reads what it wrote to stdout (or stderr) into a malloc'd string. */
char *proc_output(const struct proc *p, bool err);

/* Runs to the end and returns the exit status. */
int proc_run(const char *exe, const char *db, const char *dir,
	     char *const argv[]);

/* A fresh temporary directory under /tmp. */
void proc_tmpdir(char *buf, size_t n);
/* Removes dir and what is in it (one level). */
void proc_rmdir(const char *dir);

#endif
