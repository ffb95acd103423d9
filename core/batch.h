/* The batch format: a text of changes, one a line, in the CLI's words.
 *
 *   # a comment
 *   add municipality @moss number=0104 name=Moss county=Østfold
 *   add settlement municipality=@moss year=2016 decided=47 status=decided
 *   add contact name="Silje Hobbel" municipality=Moss
 *
 * A value with spaces is quoted with "…" (\" and \\ inside). `@label`
 * after the entity names the new record; a reference field can then say
 * `=@label`. The built-in demo network is written in it, and it is the
 * ground for imports. All lines apply in one transaction, or none. */
#ifndef SAMORDNE_BATCH_H
#define SAMORDNE_BATCH_H

#include "core/db.h"

struct sam_batch_opts {
	/* If set, records named with @label get ids derived from (seed,
	 * label), so the same text always makes the same ids (the demo). */
	const char *id_seed;
};

/* Runs text; on a bad line fails with "SOURCE:LINE: message" and changes
 * nothing. */
int sam_batch_run(struct sam_db *db, const char *text, const char *source,
                  const struct sam_batch_opts *opts, struct sam_err *err);

/* Splits one line into words (quotes and escapes as above). Returns the
 * number of words, or -1 with a message. *words is newly allocated, each
 * word too; free with sam_words_free. */
int sam_words_split(const char *line, char ***words, struct sam_err *err);
void sam_words_free(char **words, int n);

#endif
