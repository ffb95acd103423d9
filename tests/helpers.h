/* What the unit tests share: temporary databases that remove themselves. */
#ifndef SAMORDNE_TESTS_HELPERS_H
#define SAMORDNE_TESTS_HELPERS_H

#include <stdint.h>

#include "core/db.h"

/* A new empty database in a temporary file; aborts the test on failure. */
struct sam_db *th_open_empty(void);
/* The same, loaded with the demo network. */
struct sam_db *th_open_demo(void);
/* Closes and removes the file. */
void th_close(struct sam_db *db);

/* A transaction (sam_tx_begin, sam_tx_commit); aborts on failure. */
void th_begin(struct sam_db *db);
void th_commit(struct sam_db *db);

/* Count of live rows of a table, or of any SQL returning one integer. */
int64_t th_count(struct sam_db *db, const char *sql);

/* The one text value of a query ("" for NULL); aborts if there is no row.
 * Newly allocated. */
char *th_query_text(struct sam_db *db, const char *sql);

/* Appends every row of a query to sb, one line each, every value with
 * its type ("i42", "t'Moss'", "NULL"), so two databases can be compared. */
void th_dump_query(struct strbuf *sb, struct sam_db *db, const char *sql);

/* A fixed clock for tests: th_clock_set(ms) and every read advances 1 ms. */
void th_clock_set(int64_t ms);

#endif
