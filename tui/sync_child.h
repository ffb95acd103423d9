/* A sync running beside the full-screen program: samordne-webdav (see
 * webdav_helper.h) started as `samordne-webdav --db FILE sync
 * --progress-fd 3`, its progress lines read from a pipe that never blocks
 * the program's loop, and the child reaped with waitpid(WNOHANG). No
 * signal handler is involved: the loop asks each turn. */
#ifndef SAMORDNE_TUI_SYNC_CHILD_H
#define SAMORDNE_TUI_SYNC_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/common.h"

struct sync_child {
	pid_t pid;     /* 0: none */
	int fd;        /* the pipe's read end; −1 once the child closed it */
	char buf[1024]; /* a line not yet complete */
	size_t len;
};

/* Starts the child on db_path. Its stdin, stdout and stderr are
 * /dev/null: it must never write over the screen. */
int sync_child_start(struct sync_child *c, const char *exe, const char *db_path,
                     struct sam_err *err);

/* Reads whatever the child has written so far, without waiting, and
 * calls on_line for each complete line. True once the child has ended:
 * it is then reaped, its last lines read, and c cleared; *status is its
 * exit status, or 128 + the signal that ended it. */
bool sync_child_poll(struct sync_child *c, void (*on_line)(void *ctx, const char *line),
                     void *ctx, int *status);

/* Stops listening without stopping the child (see app_sync_quit). */
void sync_child_release(struct sync_child *c);

#endif
