/* URL policy and credentials (see auth.h). */
#include <config.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>

#include "sync/auth.h"

/* The host part of a URL, lowercase, without port or brackets. */
static char *url_host(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	const char *at = strpbrk(p, "@/");
	if (at && *at == '@')
		p = at + 1;
	size_t n;
	if (*p == '[') {
		p++;
		n = strcspn(p, "]");
	} else {
		n = strcspn(p, ":/?#");
	}
	char *h = xstrndup(p, n);
	for (char *c = h; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return h;
}

bool sync_url_is_loopback(const char *url)
{
	char *h = url_host(url);
	bool lo = strcmp(h, "localhost") == 0 || strncmp(h, "127.", 4) == 0 ||
	          strcmp(h, "::1") == 0;
	free(h);
	return lo;
}

int sync_url_check(const char *url, bool allow_plain_http, struct sam_err *err)
{
	if (strncasecmp(url, "https://", 8) == 0)
		return 0;
	if (strncasecmp(url, "http://", 7) != 0)
		return sam_fail(err, _("'%s' is not an https:// URL"), url);
	if (sync_url_is_loopback(url) || allow_plain_http)
		return 0;
	return sam_fail(err, _("%s is plain http: the password and the data would travel "
	                       "unencrypted; use https (or set allow_plain_http yes)"),
	                url);
}

int sync_password_from_command(const char *cmd, char **out, struct sam_err *err)
{
	*out = NULL;
	fflush(NULL);
	FILE *f = popen(cmd, "r");
	if (!f)
		return sam_fail(err, _("cannot run the password_command"));
	char buf[1024];
	bool got = fgets(buf, sizeof buf, f) != NULL;
	/* Read the rest so the command does not die of SIGPIPE. */
	char rest[256];
	while (fgets(rest, sizeof rest, f))
		;
	int status = pclose(f);
	if (!got || status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		sodium_memzero(buf, sizeof buf);
		return sam_fail(err, _("the password_command failed or printed nothing"));
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	*out = xstrdup(buf);
	sodium_memzero(buf, sizeof buf);
	return 0;
}

void sync_secret_free(char *s)
{
	if (!s)
		return;
	sodium_memzero(s, strlen(s));
	free(s);
}
