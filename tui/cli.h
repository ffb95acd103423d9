/* The command line: GNU-style subcommands over core, for people at a
 * terminal and for scripts. Exit status: 0 done, 1 a failed operation (a
 * bad value, an unknown record, a database error), 2 bad usage. Messages go
 * to stderr as "samordne: …"; results go to stdout. */
#ifndef SAMORDNE_CLI_H
#define SAMORDNE_CLI_H

#include <getopt.h>
#include <stdio.h>
#include <stdbool.h>

#include "core/config.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/table.h"
#include "core/value.h"

/* CLI_HELP_SHOWN: option parsing printed --help; the program exits 0. */
enum cli_status { CLI_HELP_SHOWN = -1, CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

/* What the global options chose. The database is opened on first need,
 * so a usage error or a --help never touches it. */
struct cli {
	const char *db_path; /* --db, or NULL for $SAMORDNE_DB or the default */
	bool demo;           /* --demo: a throwaway copy of the demo network */
	struct sam_db *db;
	char *demo_path;     /* the throwaway file, removed by cli_close */
	struct sam_config config;
	bool config_loaded;
};

/* The user's config, read on first need; its problems are printed once
 * as messages, and the program goes on. */
struct sam_config *cli_config(struct cli *cli);

/* The open database, or NULL after printing why it cannot be opened. */
struct sam_db *cli_db(struct cli *cli);
void cli_close(struct cli *cli);

/* Messages. cli_fail prints err and returns CLI_FAILED; cli_usage_error
 * adds a pointer to --help and returns CLI_USAGE. */
void cli_error(const char *fmt, ...) SAM_PRINTF(1, 2);
int cli_fail(const struct sam_err *err);
int cli_usage_error(const char *fmt, ...) SAM_PRINTF(1, 2);

/* Usage of one subcommand (from the command table in main.c). */
void cli_print_usage(FILE *out, const char *command);

/* --format table|csv|json */
enum cli_format { CLI_FORMAT_TABLE, CLI_FORMAT_CSV, CLI_FORMAT_JSON };

/* getopt_long over a subcommand's arguments (argv[0] is the subcommand)
 * with samordne's messages: returns the option, -1 after the last, or '?'
 * after printing a usage error. Every subcommand takes --help (CLI_HELP). */
enum { CLI_HELP = 0x100, CLI_FORMAT };
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);
void cli_getopt_reset(void);

/* The options of a subcommand that takes only --help, and --format if
 * format is not NULL; then optind is at the first operand. */
int cli_parse_options(int argc, char **argv, enum cli_format *format);
/* Checks that there are between min and max operands (max -1: any). */
int cli_operands(int argc, char **argv, int min, int max);

int cli_parse_format(const char *text, enum cli_format *out);
int cli_print_table(const struct sam_table *t, enum cli_format format);
/* CLI_OK, or CLI_FAILED saying so if rc (a writer's) is -1. */
int cli_output_done(int rc);

/* A record named by id, id prefix or name; prints why not on failure. */
int cli_find(struct sam_db *db, const char *text, const struct sam_entity **e,
             char id[SAM_ID_BUF]);

/* Runs a change in one transaction together with recording who makes it,
 * so a change that fails leaves the file as it was. */
typedef int cli_change_fn(struct sam_db *db, void *ctx, struct sam_err *err);
int cli_write(struct cli *cli, cli_change_fn *change, void *ctx);

/* A stored value as people read it: references by their record's title. */
char *cli_value_text(struct sam_db *db, const struct sam_field *f, const struct sam_value *v);

/* The subcommands: argv[0] is the subcommand's name. */
int cli_list(struct cli *cli, int argc, char **argv);
int cli_show(struct cli *cli, int argc, char **argv);
int cli_history(struct cli *cli, int argc, char **argv);
int cli_demo_db(struct cli *cli, int argc, char **argv);
int cli_add(struct cli *cli, int argc, char **argv);
int cli_set(struct cli *cli, int argc, char **argv);
int cli_delete(struct cli *cli, int argc, char **argv);

/* For `samordne add --help`: the kinds of record and their fields. */
void cli_print_kinds(FILE *out);

/* A record's history as a table: when (Oslo time), who, field, old, new;
 * also the full-screen program's history view. */
struct sam_history;
void cli_history_table(struct sam_db *db, const struct sam_entity *e,
                       const struct sam_history *h, struct sam_table *t);

#endif
