/* `samordne add`, `set` and `delete`: changes through record.h, each in
 * one transaction with the author (see cli_write). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/common.h"
#include "core/record.h"
#include "tui/cli.h"

struct change {
	const struct sam_entity *e;
	char id[SAM_ID_BUF];
	struct sam_assign *a;
	int n;
};

/* field=value operands from argv[first] on, split in place. */
static int split_assigns(int argc, char **argv, int first, struct change *ch)
{
	ch->n = argc - first;
	ch->a = xcalloc((size_t)ch->n + 1, sizeof(*ch->a));
	for (int i = 0; i < ch->n; i++) {
		struct sam_err err;
		if (sam_assign_split(argv[first + i], &ch->a[i], &err) < 0) {
			free(ch->a);
			ch->a = NULL;
			return cli_usage_error("%s", err.msg);
		}
	}
	return CLI_OK;
}

static int add_change(struct sam_db *db, void *ctx, struct sam_err *err)
{
	struct change *ch = ctx;
	return sam_record_add(db, ch->e, ch->a, ch->n, ch->id, err);
}

static int set_change(struct sam_db *db, void *ctx, struct sam_err *err)
{
	struct change *ch = ctx;
	return sam_record_set(db, ch->e, ch->id, ch->a, ch->n, err);
}

static int delete_change(struct sam_db *db, void *ctx, struct sam_err *err)
{
	struct change *ch = ctx;
	return sam_record_delete(db, ch->e, ch->id, err);
}

static int unknown_kind(const char *kind)
{
	struct strbuf sb = {0};
	for (int i = 0; i < sam_nentities; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "", sam_entities[i]->name);
	cli_usage_error(_("unknown kind of record '%s' (choose: %s)"), kind, sb.buf);
	sb_free(&sb);
	return CLI_USAGE;
}

int cli_add(struct cli *cli, int argc, char **argv)
{
	int rc = cli_parse_options(argc, argv, NULL);
	if (rc == CLI_OK)
		rc = cli_operands(argc, argv, 1, -1);
	if (rc != CLI_OK)
		return rc;
	struct change ch = {.e = sam_entity_find(argv[optind])};
	if (!ch.e)
		return unknown_kind(argv[optind]);
	rc = split_assigns(argc, argv, optind + 1, &ch);
	if (rc != CLI_OK)
		return rc;
	rc = cli_write(cli, add_change, &ch);
	if (rc == CLI_OK)
		printf("%s\n", ch.id);
	free(ch.a);
	return rc;
}

/* The record a set or delete names, found once the operands are right. */
static int find_target(struct cli *cli, const char *text, struct change *ch)
{
	struct sam_db *db = cli_db(cli);
	if (!db)
		return CLI_FAILED;
	return cli_find(db, text, &ch->e, ch->id);
}

int cli_set(struct cli *cli, int argc, char **argv)
{
	int rc = cli_parse_options(argc, argv, NULL);
	if (rc == CLI_OK)
		rc = cli_operands(argc, argv, 2, -1);
	if (rc != CLI_OK)
		return rc;
	const char *target = argv[optind];
	struct change ch = {0};
	rc = split_assigns(argc, argv, optind + 1, &ch);
	if (rc == CLI_OK)
		rc = find_target(cli, target, &ch);
	if (rc == CLI_OK)
		rc = cli_write(cli, set_change, &ch);
	free(ch.a);
	return rc;
}

int cli_delete(struct cli *cli, int argc, char **argv)
{
	int rc = cli_parse_options(argc, argv, NULL);
	if (rc == CLI_OK)
		rc = cli_operands(argc, argv, 1, 1);
	if (rc != CLI_OK)
		return rc;
	struct change ch = {0};
	rc = find_target(cli, argv[optind], &ch);
	return rc == CLI_OK ? cli_write(cli, delete_change, &ch) : rc;
}

/* For `samordne add --help`: every kind of record and its fields, from
 * the data dictionary, so the help never falls behind the schema. */
void cli_print_kinds(FILE *out)
{
	fprintf(out, "\n%s\n", _("Kinds of record and their fields:"));
	for (int i = 0; i < sam_nentities; i++) {
		const struct sam_entity *e = sam_entities[i];
		fprintf(out, "  %s:", e->name);
		for (int k = 0; k < e->nfields; k++)
			fprintf(out, "%s %s", k ? "," : "", e->fields[k].name);
		fputc('\n', out);
	}
}
