/* The config file (see config.h). */
#include <config.h>

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/batch.h"
#include "core/config.h"
#include "core/db.h"

/* The settings `set` knows. Numbers are checked when the file is read. */
struct setting {
	const char *name;
	bool number;
};

static const struct setting settings[] = {
	{"user", false},             /* the person, shown in history */
	{"device_label", false},     /* this laptop, shown in history */
	{"sync_url", false},         /* the shared WebDAV folder */
	{"sync_user", false},
	{"password", false},         /* allowed only in a file of mode 0600 */
	{"password_command", false}, /* prints the password on stdout */
	{"ca_file", false},          /* a county's own certificate authority */
	{"allow_plain_http", false}, /* yes: http:// beyond loopback */
	{"sync_interval", true},     /* seconds between syncs while open; 0: off */
	{"colors", false},           /* auto, never */
};

static const struct setting *find_setting(const char *name)
{
	for (size_t i = 0; i < SAM_ARRAY_LEN(settings); i++)
		if (strcmp(settings[i].name, name) == 0)
			return &settings[i];
	return NULL;
}

char *sam_config_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/samordne/config", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.config/samordne/config", home && *home ? home : ".");
}

void sam_config_problem(struct sam_config *cfg, int lineno, const char *fmt, ...)
{
	struct strbuf sb = {0};
	sb_addf(&sb, "%s:%d: ", cfg->path, lineno);
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	cfg->problems = xrealloc(cfg->problems, (size_t)(cfg->nproblems + 1) * sizeof *cfg->problems);
	cfg->problems[cfg->nproblems++] = sb_steal(&sb);
}

static bool whole_number(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Checks a `set` line; other commands are checked by their users. */
static bool set_line_ok(struct sam_config *cfg, int lineno, char **w, int n)
{
	if (n != 3) {
		sam_config_problem(cfg, lineno, _("'set' takes a name and one value (quote a value "
		                                  "with spaces)"));
		return false;
	}
	const struct setting *s = find_setting(w[1]);
	if (!s) {
		sam_config_problem(cfg, lineno, _("unknown setting '%s'"), w[1]);
		return false;
	}
	if (s->number && !whole_number(w[2])) {
		sam_config_problem(cfg, lineno, _("'%s' is not a whole number (setting '%s')"), w[2],
		                   w[1]);
		return false;
	}
	return true;
}

static void add_line(struct sam_config *cfg, int lineno, char **w, int n)
{
	cfg->lines = xrealloc(cfg->lines, (size_t)(cfg->nlines + 1) * sizeof *cfg->lines);
	cfg->lines[cfg->nlines++] = (struct sam_config_line){lineno, w, n};
}

static void parse_line(struct sam_config *cfg, int lineno, const char *line)
{
	const char *p = line + strspn(line, " \t");
	if (*p == '#' || *p == '\0')
		return;
	char **w;
	struct sam_err why;
	int n = sam_words_split(p, &w, &why);
	if (n < 0) {
		sam_config_problem(cfg, lineno, "%s", why.msg);
		return;
	}
	if (n == 0 || (strcmp(w[0], "set") == 0 && !set_line_ok(cfg, lineno, w, n))) {
		sam_words_free(w, n);
		return;
	}
	add_line(cfg, lineno, w, n);
}

static char *read_file(FILE *f)
{
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	return sb_steal(&sb);
}

/* A password readable by others is refused whole: better no sync than a
 * password left open on a shared machine. */
static void drop_setting(struct sam_config *cfg, const char *name)
{
	int kept = 0;
	for (int i = 0; i < cfg->nlines; i++) {
		struct sam_config_line *l = &cfg->lines[i];
		if (strcmp(l->words[0], "set") == 0 && strcmp(l->words[1], name) == 0)
			sam_words_free(l->words, l->nwords);
		else
			cfg->lines[kept++] = *l;
	}
	cfg->nlines = kept;
}

/* The password is dropped as well as reported, so no caller can use it
 * after a warning. */
static int check_password_mode(struct sam_config *cfg, int fd, struct sam_err *err)
{
	struct stat st;
	if (!sam_config_get(cfg, "password") || fstat(fd, &st) < 0)
		return 0;
	if ((st.st_mode & 077) == 0)
		return 0;
	drop_setting(cfg, "password");
	return sam_fail(err, _("%s holds a password but others may read it: run chmod 600 %s, "
	                       "or use password_command or ~/.netrc instead"),
	                cfg->path, cfg->path);
}

int sam_config_load(const char *path, struct sam_config *cfg, struct sam_err *err)
{
	*cfg = (struct sam_config){0};
	cfg->path = path ? xstrdup(path) : sam_config_default_path();
	FILE *f = fopen(cfg->path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		return sam_fail(err, _("cannot read %s: %s"), cfg->path, strerror(errno));
	}
	char *text = read_file(f);
	bool failed = ferror(f);
	int lineno = 0;
	for (char *line = text, *next; !failed && line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		parse_line(cfg, lineno, line);
	}
	free(text);
	int rc = failed ? sam_fail(err, _("cannot read %s: %s"), cfg->path, strerror(errno))
	                : check_password_mode(cfg, fileno(f), err);
	fclose(f);
	return rc;
}

void sam_config_free(struct sam_config *cfg)
{
	for (int i = 0; i < cfg->nlines; i++)
		sam_words_free(cfg->lines[i].words, cfg->lines[i].nwords);
	free(cfg->lines);
	for (int i = 0; i < cfg->nproblems; i++)
		free(cfg->problems[i]);
	free(cfg->problems);
	free(cfg->path);
	free(cfg->author_name);
	free(cfg->author_label);
	*cfg = (struct sam_config){0};
}

const char *sam_config_get(const struct sam_config *cfg, const char *name)
{
	const char *v = NULL;
	for (int i = 0; i < cfg->nlines; i++) {
		const struct sam_config_line *l = &cfg->lines[i];
		if (strcmp(l->words[0], "set") == 0 && strcmp(l->words[1], name) == 0)
			v = l->words[2];
	}
	return v;
}

long sam_config_get_long(const struct sam_config *cfg, const char *name, long dflt)
{
	const char *v = sam_config_get(cfg, name);
	return v ? strtol(v, NULL, 10) : dflt;
}

/* The login's full name: the GECOS field up to its first comma, else the
 * login name. */
static char *login_name(void)
{
	const struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_gecos && *pw->pw_gecos && *pw->pw_gecos != ',')
		return xstrndup(pw->pw_gecos, strcspn(pw->pw_gecos, ","));
	return xstrdup(pw && pw->pw_name ? pw->pw_name : "");
}

static char *host_name(void)
{
	char host[256] = "";
	if (gethostname(host, sizeof host - 1) < 0)
		host[0] = '\0';
	return xstrdup(host);
}

static char *first_of(const char *env, const char *configured, char *(*fallback)(void))
{
	const char *e = getenv(env);
	if (e && *e)
		return xstrdup(e);
	if (configured && *configured)
		return xstrdup(configured);
	return fallback();
}

void sam_config_author(struct sam_config *cfg, struct sam_author *out)
{
	if (!cfg->author_name) {
		cfg->author_name = first_of("SAMORDNE_USER", sam_config_get(cfg, "user"), login_name);
		cfg->author_label = first_of("SAMORDNE_DEVICE_LABEL", sam_config_get(cfg, "device_label"),
		                             host_name);
	}
	out->name = cfg->author_name;
	out->label = cfg->author_label;
}
