/* The batch format (see batch.h). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/batch.h"
#include "core/record.h"
#include "core/write.h"

void sam_words_free(char **words, int n)
{
	for (int i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

int sam_words_split(const char *line, char ***words, struct sam_err *err)
{
	char **w = NULL;
	int n = 0;
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '\n' || *p == '\r')
			break;
		struct strbuf sb = {0};
		bool quoted = false;
		for (; *p && (quoted || (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')); p++) {
			if (*p == '"') {
				quoted = !quoted;
			} else if (*p == '\\' && quoted && (p[1] == '"' || p[1] == '\\')) {
				sb_addc(&sb, *++p);
			} else if (*p == '\\' && quoted && p[1] == 'n') {
				sb_addc(&sb, '\n');
				p++;
			} else {
				sb_addc(&sb, *p);
			}
		}
		if (quoted) {
			sb_free(&sb);
			sam_words_free(w, n);
			return sam_fail(err, _("a quote is not closed"));
		}
		w = xrealloc(w, (size_t)(n + 1) * sizeof *w);
		w[n++] = sb_steal(&sb);
	}
	*words = w;
	return n;
}

struct label {
	char *name;
	char id[SAM_ID_BUF];
};

struct batch {
	struct sam_db *db;
	const struct sam_batch_opts *opts;
	struct label *labels;
	int nlabels;
};

static const char *label_id(const struct batch *b, const char *name)
{
	for (int i = 0; i < b->nlabels; i++)
		if (strcmp(b->labels[i].name, name) == 0)
			return b->labels[i].id;
	return NULL;
}

/* add ENTITY [@label] field=value … */
static int run_add(struct batch *b, char **w, int n, struct sam_err *err)
{
	if (n < 2)
		return sam_fail(err, _("'add' needs a kind of record"));
	const struct sam_entity *e = sam_entity_find(w[1]);
	if (!e)
		return sam_fail(err, _("unknown kind of record '%s'"), w[1]);
	int first = 2;
	const char *label = NULL;
	if (n > 2 && w[2][0] == '@') {
		label = w[2] + 1;
		first = 3;
		if (label_id(b, label))
			return sam_fail(err, _("label @%s is used twice"), label);
	}
	int na = n - first;
	struct sam_assign *a = xcalloc((size_t)na + 1, sizeof *a);
	int rc = 0;
	for (int i = 0; i < na && rc == 0; i++) {
		rc = sam_assign_split(w[first + i], &a[i], err);
		if (rc == 0 && a[i].text[0] == '@') {
			const char *id = label_id(b, a[i].text + 1);
			if (id)
				a[i].text = id;
			else
				rc = sam_fail(err, _("label %s is not defined above"), a[i].text);
		}
	}
	char id[SAM_ID_BUF];
	if (rc == 0) {
		/* With a seed, a labelled record gets an id made from the seed
		 * and its label, the same in every run. */
		char stable[SAM_ID_BUF];
		const char *preset = NULL;
		if (label && b->opts && b->opts->id_seed) {
			const char *parts[] = {b->opts->id_seed, label};
			sam_id_derive(stable, parts, 2);
			preset = stable;
		}
		rc = sam_record_add_as(b->db, e, preset, a, na, id, err);
	}
	free(a);
	if (rc == 0 && label) {
		b->labels = xrealloc(b->labels, (size_t)(b->nlabels + 1) * sizeof *b->labels);
		b->labels[b->nlabels].name = xstrdup(label);
		memcpy(b->labels[b->nlabels].id, id, sizeof id);
		b->nlabels++;
	}
	return rc;
}

static int run_line(struct batch *b, const char *line, struct sam_err *err)
{
	/* A comment is not split into words: a lone " in it is no error. */
	if (line[strspn(line, " \t")] == '#')
		return 0;
	char **w;
	int n = sam_words_split(line, &w, err);
	if (n < 0)
		return -1;
	int rc = 0;
	if (n > 0) {
		if (strcmp(w[0], "add") == 0)
			rc = run_add(b, w, n, err);
		else
			rc = sam_fail(err, _("unknown command '%s' (expected 'add')"), w[0]);
	}
	sam_words_free(w, n);
	return rc;
}

int sam_batch_run(struct sam_db *db, const char *text, const char *source,
                  const struct sam_batch_opts *opts, struct sam_err *err)
{
	struct batch b = {.db = db, .opts = opts};
	if (sam_tx_begin(db, err) < 0)
		return -1;
	int rc = 0, lineno = 0;
	for (const char *p = text; *p && rc == 0;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);
		lineno++;
		struct sam_err why;
		if (run_line(&b, line, &why) < 0)
			rc = sam_fail(err, "%s:%d: %s", source, lineno, why.msg);
		free(line);
		p += len + (nl ? 1 : 0);
	}
	for (int i = 0; i < b.nlabels; i++)
		free(b.labels[i].name);
	free(b.labels);
	if (rc < 0) {
		sam_tx_rollback(db);
		return -1;
	}
	return sam_tx_commit(db, err);
}
