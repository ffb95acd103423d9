/* Where a sync may go and with what credentials: https always, plain
 * http only to a loopback address unless the user allowed it; the
 * password from a password_command, the 0600 config file, or ~/.netrc
 * (libcurl reads it) — never from or into the database or a log. */
#ifndef SAMORDNE_SYNC_AUTH_H
#define SAMORDNE_SYNC_AUTH_H

#include <stdbool.h>

#include "core/common.h"

/* 0 if url may be used; otherwise why not. */
int sync_url_check(const char *url, bool allow_plain_http, struct sam_err *err);
bool sync_url_is_loopback(const char *url);

/* The first line of cmd's output (run by /bin/sh). Newly allocated. */
int sync_password_from_command(const char *cmd, char **out, struct sam_err *err);

/* Overwrites and frees a secret. */
void sync_secret_free(char *s);

#endif
