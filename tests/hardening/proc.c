#include "proc.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

void proc_start(struct proc *p, const char *exe, const char *db,
		const char *dir, const char *tag, char *const argv[])
{
	snprintf(p->out_path, sizeof p->out_path, "%s/%s.out", dir, tag);
	snprintf(p->err_path, sizeof p->err_path, "%s/%s.err", dir, tag);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, p->out_path,
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, p->err_path,
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	/* The environment without INMAIL_*, then the database. */
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = calloc(n + 2, sizeof *env);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "INMAIL_", 7) != 0)
			env[k++] = environ[i];
	char dbvar[700];
	snprintf(dbvar, sizeof dbvar, "INMAIL_DB=%s", db);
	env[k++] = dbvar;
	env[k] = NULL;
	if (posix_spawn(&p->pid, exe, &fa, NULL, argv, env) != 0)
		p->pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	p->status = -1;
}

void proc_wait(struct proc *p)
{
	int st = 0;
	if (p->pid <= 0 || waitpid(p->pid, &st, 0) != p->pid) {
		p->status = -1;
		return;
	}
	p->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

char *proc_output(const struct proc *p, bool err)
{
	FILE *f = fopen(err ? p->err_path : p->out_path, "rb");
	char *buf = NULL;
	size_t cap = 0;
	if (!f)
		return calloc(1, 1);
	FILE *mem = open_memstream(&buf, &cap);
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, got, mem);
	fclose(mem);
	fclose(f);
	return buf;
}

int proc_run(const char *exe, const char *db, const char *dir,
	     char *const argv[])
{
	struct proc p;
	proc_start(&p, exe, db, dir, "run", argv);
	proc_wait(&p);
	return p.status;
}

void proc_tmpdir(char *buf, size_t n)
{
	snprintf(buf, n, "/tmp/inmail-hard-XXXXXX");
	if (!mkdtemp(buf))
		abort();
}

void proc_rmdir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	char path[1024];
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}
