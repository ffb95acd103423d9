/* The config file: settings in the user's own words; a bad line is
 * reported with its number and the rest still applies; a password is
 * refused in a file others may read. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "core/db.h"

static char *write_config(const char *text, mode_t mode)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/samordne-config-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
	return path;
}

/* A user's settings come back as written, quotes and all; the last
 * `set` of a name wins. */
static void settings_read_back(void **state)
{
	(void)state;
	char *path = write_config("# who I am\n"
	                          "set user \"Kari Nordmann\"\n"
	                          "set device_label laptop-moss\n"
	                          "  set sync_interval 300\n"
	                          "set device_label laptop-halden\n"
	                          "bind C-s sync\n",
	                          0644);
	struct sam_config cfg;
	struct sam_err err;
	assert_int_equal(sam_config_load(path, &cfg, &err), 0);
	assert_int_equal(cfg.nproblems, 0);
	assert_string_equal(sam_config_get(&cfg, "user"), "Kari Nordmann");
	assert_string_equal(sam_config_get(&cfg, "device_label"), "laptop-halden");
	assert_int_equal(sam_config_get_long(&cfg, "sync_interval", 0), 300);
	assert_null(sam_config_get(&cfg, "sync_url"));
	/* Lines for others (the TUI's bind) are kept with their numbers. */
	int binds = 0;
	for (int i = 0; i < cfg.nlines; i++)
		if (strcmp(cfg.lines[i].words[0], "bind") == 0) {
			assert_int_equal(cfg.lines[i].lineno, 6);
			assert_string_equal(cfg.lines[i].words[1], "C-s");
			binds++;
		}
	assert_int_equal(binds, 1);
	sam_config_free(&cfg);
	unlink(path);
	free(path);
}

/* Each bad line is named by number; the good ones still count. */
static void bad_lines_are_reported_and_skipped(void **state)
{
	(void)state;
	char *path = write_config("set colour blue\n"
	                          "set user \"Kari\n"
	                          "set sync_interval often\n"
	                          "set user Ola\n"
	                          "set device_label\n",
	                          0600);
	struct sam_config cfg;
	struct sam_err err;
	assert_int_equal(sam_config_load(path, &cfg, &err), 0);
	assert_int_equal(cfg.nproblems, 4);
	char *want = xasprintf("%s:1: unknown setting 'colour'", path);
	assert_string_equal(cfg.problems[0], want);
	free(want);
	assert_non_null(strstr(cfg.problems[1], ":2: "));
	assert_non_null(strstr(cfg.problems[2], ":3: 'often' is not a whole number"));
	assert_non_null(strstr(cfg.problems[3], ":5: "));
	assert_string_equal(sam_config_get(&cfg, "user"), "Ola");
	assert_int_equal(sam_config_get_long(&cfg, "sync_interval", 7), 7);
	sam_config_free(&cfg);
	unlink(path);
	free(path);
}

/* A password in a file others can read is refused whole. */
static void password_needs_private_file(void **state)
{
	(void)state;
	char *path = write_config("set password hemmelig\n", 0644);
	struct sam_config cfg;
	struct sam_err err;
	assert_int_equal(sam_config_load(path, &cfg, &err), -1);
	assert_non_null(strstr(err.msg, "chmod 600"));
	/* and it cannot be used by mistake after the warning */
	assert_null(sam_config_get(&cfg, "password"));
	sam_config_free(&cfg);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(sam_config_load(path, &cfg, &err), 0);
	assert_string_equal(sam_config_get(&cfg, "password"), "hemmelig");
	sam_config_free(&cfg);
	unlink(path);
	free(path);
}

/* No file is an empty config, not an error. */
static void missing_file_is_empty(void **state)
{
	(void)state;
	struct sam_config cfg;
	struct sam_err err;
	assert_int_equal(sam_config_load("/nonexistent/samordne/config", &cfg, &err), 0);
	assert_int_equal(cfg.nlines, 0);
	assert_int_equal(cfg.nproblems, 0);
	sam_config_free(&cfg);
}

/* The environment beats the file, the file beats the login. */
static void author_order(void **state)
{
	(void)state;
	char *path = write_config("set user \"Kari Nordmann\"\nset device_label laptop-moss\n", 0600);
	struct sam_config cfg;
	struct sam_err err;
	struct sam_author who;
	unsetenv("SAMORDNE_USER");
	unsetenv("SAMORDNE_DEVICE_LABEL");
	assert_int_equal(sam_config_load(path, &cfg, &err), 0);
	sam_config_author(&cfg, &who);
	assert_string_equal(who.name, "Kari Nordmann");
	assert_string_equal(who.label, "laptop-moss");
	sam_config_free(&cfg);
	setenv("SAMORDNE_USER", "Ola Nordmann", 1);
	assert_int_equal(sam_config_load(path, &cfg, &err), 0);
	sam_config_author(&cfg, &who);
	assert_string_equal(who.name, "Ola Nordmann");
	assert_string_equal(who.label, "laptop-moss");
	sam_config_free(&cfg);
	unsetenv("SAMORDNE_USER");
	unlink(path);
	free(path);
}

/* XDG_CONFIG_HOME, else ~/.config. */
static void default_path(void **state)
{
	(void)state;
	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	char *p = sam_config_default_path();
	assert_string_equal(p, "/x/cfg/samordne/config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/kari", 1);
	p = sam_config_default_path();
	assert_string_equal(p, "/home/kari/.config/samordne/config");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(settings_read_back),
		cmocka_unit_test(bad_lines_are_reported_and_skipped),
		cmocka_unit_test(password_needs_private_file),
		cmocka_unit_test(missing_file_is_empty),
		cmocka_unit_test(author_order),
		cmocka_unit_test(default_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
