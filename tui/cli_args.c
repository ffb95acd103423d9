/* What every subcommand shares: messages and exit codes, option parsing,
 * opening the database, output formats, finding a record, and the one way
 * a subcommand writes. */
#include <config.h>

#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/common.h"
#include "core/demo.h"
#include "core/record.h"
#include "core/write.h"
#include "tui/cli.h"

/* ------------------------------------------------------------ messages */

static void vmessage(const char *fmt, va_list ap, const char *tail)
{
	fflush(stdout);
	fputs("samordne: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs(tail, stderr);
	fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap, "");
	va_end(ap);
}

int cli_fail(const struct sam_err *err)
{
	cli_error("%s", err->msg);
	return CLI_FAILED;
}

int cli_usage_error(const char *fmt, ...)
{
	char *tail = xasprintf(" (%s)", _("see samordne --help"));
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap, tail);
	va_end(ap);
	free(tail);
	return CLI_USAGE;
}

/* ------------------------------------------------------------ options */

void cli_getopt_reset(void)
{
	optind = 0; /* glibc: start afresh, also forgetting a half-read "-abc" */
	opterr = 0; /* the messages are ours */
}

/* The option as the person typed it, without a value after '='. */
static char *typed_option(char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	if (strncmp(arg, "--", 2) == 0)
		return xstrndup(arg, strcspn(arg, "="));
	return xasprintf("-%c", optopt ? optopt : '?');
}

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	/* ':' leads (after a '+'): a missing value is told apart from an
	 * unknown option. */
	bool in_order = shortopts[0] == '+';
	char *opts = xasprintf("%s:%s", in_order ? "+" : "", shortopts + in_order);
	int c = getopt_long(argc, argv, opts, longopts, NULL);
	free(opts);
	if (c != '?' && c != ':')
		return c;
	char *typed = typed_option(argv);
	if (c == ':')
		cli_usage_error(_("option '%s' needs a value"), typed);
	else
		cli_usage_error(_("unknown option '%s'"), typed);
	free(typed);
	return '?';
}

int cli_parse_options(int argc, char **argv, enum cli_format *format)
{
	static const struct option with_format[] = {
		{"help", no_argument, NULL, CLI_HELP},
		{"format", required_argument, NULL, CLI_FORMAT},
		{NULL, 0, NULL, 0},
	};
	static const struct option help_only[] = {
		{"help", no_argument, NULL, CLI_HELP},
		{NULL, 0, NULL, 0},
	};
	int c;
	cli_getopt_reset();
	while ((c = cli_getopt(argc, argv, "", format ? with_format : help_only)) != -1) {
		if (c == CLI_HELP) {
			cli_print_usage(stdout, argv[0]);
			return CLI_HELP_SHOWN;
		}
		if (c != CLI_FORMAT || cli_parse_format(optarg, format) != CLI_OK)
			return CLI_USAGE;
	}
	return CLI_OK;
}

int cli_operands(int argc, char **argv, int min, int max)
{
	int n = argc - optind;
	if (n < min)
		return cli_usage_error(_("%s: an argument is missing"), argv[0]);
	if (max >= 0 && n > max)
		return cli_usage_error(_("%s: unexpected argument '%s'"), argv[0], argv[optind + max]);
	return CLI_OK;
}

int cli_parse_format(const char *text, enum cli_format *out)
{
	static const char *const names[] = {"table", "csv", "json"};
	for (size_t i = 0; i < SAM_ARRAY_LEN(names); i++) {
		if (strcmp(text, names[i]) == 0) {
			*out = (enum cli_format)i;
			return 0;
		}
	}
	return cli_usage_error(_("unknown format '%s' for --format (choose: table, csv, json)"), text);
}

int cli_print_table(const struct sam_table *t, enum cli_format format)
{
	int rc;
	switch (format) {
	case CLI_FORMAT_CSV:
		rc = sam_table_write_csv(stdout, t);
		break;
	case CLI_FORMAT_JSON:
		rc = sam_table_write_json(stdout, t);
		break;
	default:
		rc = sam_table_write_text(stdout, t);
		break;
	}
	return cli_output_done(rc);
}

int cli_output_done(int rc)
{
	if (rc < 0) {
		cli_error(_("cannot write the output"));
		return CLI_FAILED;
	}
	return CLI_OK;
}

/* ------------------------------------------------------------ the database */

/* The demo's throwaway files, for a signal handler to remove: Ctrl-C
 * during a --demo run must not leave personal-looking data in $TMPDIR. */
static char *demo_files[3];

static void remove_demo_and_die(int sig)
{
	for (size_t i = 0; i < SAM_ARRAY_LEN(demo_files); i++)
		if (demo_files[i])
			unlink(demo_files[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void remove_demo_on_signals(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < SAM_ARRAY_LEN(demo_files); i++)
		demo_files[i] = xasprintf("%s%s", path, suffixes[i]);
	struct sigaction sa = {.sa_handler = remove_demo_and_die};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

struct sam_db *cli_db(struct cli *cli)
{
	if (cli->db)
		return cli->db;
	struct sam_err err;
	int rc;
	if (cli->demo) {
		rc = sam_demo_open(&cli->db, &cli->demo_path, &err);
		if (rc == 0)
			remove_demo_on_signals(cli->demo_path);
	} else {
		char *path = cli->db_path ? xstrdup(cli->db_path) : sam_db_default_path();
		rc = sam_db_open(path, SAM_DB_CREATE, &cli->db, &err);
		free(path);
	}
	if (rc < 0) {
		cli_fail(&err);
		cli->db = NULL;
	}
	return cli->db;
}

void cli_close(struct cli *cli)
{
	sam_db_close(cli->db);
	cli->db = NULL;
	if (cli->demo_path)
		sam_demo_remove(cli->demo_path);
	free(cli->demo_path);
	cli->demo_path = NULL;
	for (size_t i = 0; i < SAM_ARRAY_LEN(demo_files); i++) {
		char *file = demo_files[i];
		demo_files[i] = NULL; /* before the free: a signal may come between */
		free(file);
	}
	if (cli->config_loaded)
		sam_config_free(&cli->config);
	cli->config_loaded = false;
}

int cli_find(struct sam_db *db, const char *text, const struct sam_entity **e,
             char id[SAM_ID_BUF])
{
	struct sam_err err;
	if (sam_record_find(db, NULL, text, e, id, &err) < 0)
		return cli_fail(&err);
	return CLI_OK;
}

/* ------------------------------------------------------------ writing */

struct sam_config *cli_config(struct cli *cli)
{
	if (cli->config_loaded)
		return &cli->config;
	struct sam_err err;
	if (sam_config_load(NULL, &cli->config, &err) < 0)
		cli_error("%s", err.msg);
	for (int i = 0; i < cli->config.nproblems; i++)
		cli_error("%s", cli->config.problems[i]);
	cli->config_loaded = true;
	return &cli->config;
}

int cli_write(struct cli *cli, cli_change_fn *change, void *ctx)
{
	struct sam_db *db = cli_db(cli);
	if (!db)
		return CLI_FAILED;
	struct sam_author who;
	sam_config_author(cli_config(cli), &who);
	struct sam_err err;
	int rc = sam_tx_begin(db, &err);
	if (rc == 0) {
		rc = sam_db_set_author(db, &who, &err) < 0 || change(db, ctx, &err) < 0 ? -1 : 0;
		if (rc < 0)
			sam_tx_rollback(db);
		else
			rc = sam_tx_commit(db, &err);
	}
	return rc < 0 ? cli_fail(&err) : CLI_OK;
}

/* ------------------------------------------------------------ values */

char *cli_value_text(struct sam_db *db, const struct sam_field *f, const struct sam_value *v)
{
	return sam_record_value_text(db, f, v);
}
