/* The user's config file, $XDG_CONFIG_HOME/samordne/config (or
 * ~/.config/samordne/config), in the words a user types, one a line:
 *
 *   # who I am, shown in history
 *   set user "Kari Nordmann"
 *   set device_label laptop-moss
 *   # the shared folder
 *   set sync_url https://sky.example.no/remote.php/dav/files/kari/samordne/
 *   set sync_user kari
 *   set password_command "pass show samordne"
 *   # keys of the full-screen program
 *   bind C-s sync
 *   unbind q
 *
 * Values with spaces are quoted ("…", with \" and \\). The file is read
 * whole; a bad line is reported with its number and skipped, and the
 * rest still applies, so a typo never keeps the program from starting.
 * Which `set` names exist is this module's table; what `bind` means is the
 * full-screen program's. */
#ifndef SAMORDNE_CONFIG_H
#define SAMORDNE_CONFIG_H

#include <stdbool.h>

#include "core/common.h"

struct sam_config_line {
	int lineno;
	char **words; /* words[0] is the command: "set", "bind", "unbind" … */
	int nwords;
};

struct sam_config {
	char *path;
	struct sam_config_line *lines; /* the well-formed lines, in order */
	int nlines;
	char **problems; /* "config:12: unknown setting 'colour'" */
	int nproblems;
	char *author_name, *author_label; /* filled by sam_config_author */
};

/* The default path (XDG). Newly allocated. */
char *sam_config_default_path(void);

/* Reads the file (path NULL: the default). A missing file is an empty
 * config. Problems with single lines are collected in cfg->problems;
 * -1 only if the file exists but cannot be read, or holds a password
 * while others may read it (its mode must then be 0600). */
int sam_config_load(const char *path, struct sam_config *cfg, struct sam_err *err);
void sam_config_free(struct sam_config *cfg);

/* The value of `set NAME …` (the last one wins), or NULL. */
const char *sam_config_get(const struct sam_config *cfg, const char *name);
/* A whole number setting, or dflt if unset (a bad number was reported as a
 * problem at load and is taken as unset). */
long sam_config_get_long(const struct sam_config *cfg, const char *name, long dflt);

/* Adds a problem found by a user of a line (e.g. the TUI refusing a key
 * name in a `bind` line): "PATH:LINE: message". */
void sam_config_problem(struct sam_config *cfg, int lineno, const char *fmt, ...)
	SAM_PRINTF(3, 4);

/* Who is making changes: $SAMORDNE_USER, else `set user`, else the login's
 * full name; the device: $SAMORDNE_DEVICE_LABEL, else `set device_label`,
 * else the host name. The strings live as long as cfg. */
struct sam_author;
void sam_config_author(struct sam_config *cfg, struct sam_author *out);

#endif
