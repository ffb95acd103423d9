/* A sync's working state (see session.h). */
#include <config.h>

#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "sync/auth.h"
#include "sync/session.h"

#define MAX_ATTEMPTS 4
#define MAX_WAIT_S 30
#define BACKOFF_MS 100L

/* Whether only its owner may read the file. */
static bool private_file(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0 && (st.st_mode & 077) == 0;
}

void sam_sync_settings_from_config(const struct sam_config *cfg, struct sam_sync_settings *out)
{
	*out = (struct sam_sync_settings){0};
	out->user = sam_config_get(cfg, "sync_user");
	/* The config loader reports a password in a file others may read but
	 * keeps the file's settings (a bad line never stops the program), so
	 * the refusal is here: such a password is never sent. */
	out->password = private_file(cfg->path) ? sam_config_get(cfg, "password") : NULL;
	out->password_command = sam_config_get(cfg, "password_command");
	out->ca_file = sam_config_get(cfg, "ca_file");
	const char *plain = sam_config_get(cfg, "allow_plain_http");
	out->allow_plain_http = plain && (strcmp(plain, "yes") == 0 || strcmp(plain, "true") == 0);
	out->netrc_file = getenv("SAMORDNE_NETRC");
}

int sync_network_set(struct sam_db *db, const char *ws, const char *url, struct sam_err *err)
{
	sqlite3_stmt *st = sam_db_stmt(db, "INSERT INTO sync_network (id, ws, url) VALUES (1, ?, ?) "
	                                   "ON CONFLICT (id) DO UPDATE SET ws = excluded.ws, "
	                                   "url = excluded.url");
	sqlite3_bind_text(st, 1, ws, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, url, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sam_db_fail(db, err);
}

int sync_session_open(struct sync_session *s, struct sam_db *db,
                      const struct sam_sync_settings *set, const char *url, struct sam_err *err)
{
	*s = (struct sync_session){.db = db, .err = err};
	if (sodium_init() < 0)
		return sam_fail(err, _("cannot start the crypto library"));
	char *own_url = NULL;
	if (!url) {
		if (!sync_network_get(db, s->ws, &own_url))
			return sam_fail(err, _("this database is not part of a network yet: run "
			                       "'samordne network join URL' (or 'network create URL')"));
		url = own_url;
	}
	int rc = sync_url_check(url, set->allow_plain_http, err);
	char *password = NULL;
	if (rc == 0 && set->password_command && *set->password_command)
		rc = sync_password_from_command(set->password_command, &password, err);
	else if (rc == 0 && set->password)
		password = xstrdup(set->password);
	if (rc == 0) {
		struct webdav_opts o = {.url = url, .user = set->user, .password = password,
		                        .ca_file = set->ca_file, .netrc_file = set->netrc_file};
		rc = webdav_open(&o, &s->w, err);
	}
	sync_secret_free(password);
	free(own_url);
	return rc;
}

void sync_session_close(struct sync_session *s)
{
	webdav_close(s->w);
	s->w = NULL;
}

void sync_progress(struct sync_session *s, const char *fmt, ...)
{
	if (!s->opts || !s->opts->progress)
		return;
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	s->opts->progress(s->opts->progress_ctx, sb.buf);
	sb_free(&sb);
}

/* The first backoff step; the tests, which fault hundreds of requests,
 * shorten it with $SAMORDNE_SYNC_BACKOFF_MS. */
static long backoff_ms(void)
{
	const char *v = getenv("SAMORDNE_SYNC_BACKOFF_MS");
	long ms = v && *v ? strtol(v, NULL, 10) : 0;
	return ms > 0 && ms <= BACKOFF_MS ? ms : BACKOFF_MS;
}

bool sync_retry_wait(struct sync_session *s, enum webdav_result r, int *attempt)
{
	if (!webdav_retryable(r) || ++*attempt >= MAX_ATTEMPTS)
		return false;
	long wait_ms = webdav_last(s->w)->retry_after * 1000;
	if (wait_ms <= 0)
		wait_ms = (backoff_ms() << *attempt) + (long)randombytes_uniform((uint32_t)backoff_ms());
	if (wait_ms > MAX_WAIT_S * 1000L)
		wait_ms = MAX_WAIT_S * 1000L;
	sync_progress(s, "progress waiting %ld", wait_ms);
	struct timespec ts = {wait_ms / 1000, (wait_ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
	return true;
}

enum sam_sync_outcome sync_fail_request(struct sync_session *s, enum webdav_result r,
                                        const char *path)
{
	webdav_explain(s->w, r, path, s->err);
	return r == WD_UNREACHABLE ? SAM_SYNC_OFFLINE : SAM_SYNC_FAILED;
}

void sync_test_point(const char *name)
{
	const char *at = getenv("SAMORDNE_TEST_KILL_AT");
	if (at && strcmp(at, name) == 0)
		raise(SIGKILL);
}
