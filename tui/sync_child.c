/* The sync child process and its progress pipe (see sync_child.h). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui/sync_child.h"

/* The child's end of the pipe, as named on its command line. */
#define CHILD_PROGRESS_FD 3

extern char **environ;

static int spawn(pid_t *pid, const char *exe, const char *db_path, int child_fd)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&attr);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	/* dup2 clears close-on-exec, also when child_fd is 3 already. */
	posix_spawn_file_actions_adddup2(&fa, child_fd, CHILD_PROGRESS_FD);
	/* A process group of its own: Ctrl-C or a closed terminal reaches
	 * the program, not a sync in the middle of an upload. */
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	char fd_text[16], db_opt[] = "--db", sync[] = "sync", fd_opt[] = "--progress-fd";
	snprintf(fd_text, sizeof fd_text, "%d", CHILD_PROGRESS_FD);
	char *exe_copy = xstrdup(exe), *db_copy = xstrdup(db_path); /* argv is not const */
	char *argv[] = {exe_copy, db_opt, db_copy, sync, fd_opt, fd_text, NULL};
	/* SIGPIPE ignored across the exec: if the program quits first, the
	 * child's progress lines fail quietly instead of killing it. */
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	int rc = strchr(exe, '/') ? posix_spawn(pid, exe, &fa, &attr, argv, environ)
	                          : posix_spawnp(pid, exe, &fa, &attr, argv, environ);
	sigaction(SIGPIPE, &old, NULL);
	free(exe_copy);
	free(db_copy);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

int sync_child_start(struct sync_child *c, const char *exe, const char *db_path,
                     struct sam_err *err)
{
	memset(c, 0, sizeof(*c));
	c->fd = -1;
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return sam_fail(err, _("cannot start the sync: %s"), strerror(errno));
	int rc = spawn(&c->pid, exe, db_path, p[1]);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		c->pid = 0;
		return sam_fail(err, _("cannot start the sync (%s): %s"), exe, strerror(rc));
	}
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	c->fd = p[0];
	return 0;
}

static void split_lines(struct sync_child *c, void (*on_line)(void *, const char *), void *ctx)
{
	size_t start = 0;
	for (size_t i = 0; i < c->len; i++)
		if (c->buf[i] == '\n') {
			c->buf[i] = '\0';
			on_line(ctx, c->buf + start);
			start = i + 1;
		}
	memmove(c->buf, c->buf + start, c->len - start);
	c->len -= start;
	/* A line longer than the buffer: its first part counts as a line. */
	if (c->len == sizeof c->buf - 1) {
		c->buf[c->len] = '\0';
		on_line(ctx, c->buf);
		c->len = 0;
	}
}

static void sync_child_read(struct sync_child *c, void (*on_line)(void *ctx, const char *line),
                     void *ctx)
{
	while (c->fd >= 0) {
		ssize_t n = read(c->fd, c->buf + c->len, sizeof c->buf - 1 - c->len);
		if (n > 0) {
			c->len += (size_t)n;
			split_lines(c, on_line, ctx);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		/* End of file (or a broken pipe): the last line may lack its
		 * newline. */
		if (c->len > 0) {
			c->buf[c->len] = '\0';
			on_line(ctx, c->buf);
			c->len = 0;
		}
		close(c->fd);
		c->fd = -1;
	}
}

bool sync_child_poll(struct sync_child *c, void (*on_line)(void *ctx, const char *line),
                     void *ctx, int *status)
{
	if (c->pid <= 0)
		return false;
	sync_child_read(c, on_line, ctx);
	int ws;
	pid_t r = waitpid(c->pid, &ws, WNOHANG);
	if (r == 0 || (r < 0 && errno == EINTR))
		return false;
	*status = r < 0              ? 1
	          : WIFEXITED(ws)   ? WEXITSTATUS(ws)
	          : WIFSIGNALED(ws) ? 128 + WTERMSIG(ws)
	                            : 1;
	/* Its last lines may have come after the read above. */
	sync_child_read(c, on_line, ctx);
	sync_child_release(c);
	return true;
}

void sync_child_release(struct sync_child *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->pid = 0;
	c->len = 0;
}
