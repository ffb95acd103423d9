/* The built-in demo: the Østfold 2015 network, embedded in the binary. */
#ifndef SAMORDNE_DEMO_H
#define SAMORDNE_DEMO_H

#include "core/db.h"

/* The network in the batch format (core/demo_data.c). */
extern const char sam_demo_script[];

/* Loads the demo into db as the changes of a demo device, stamped at a
 * fixed time in 2015, with ids derived from the script's labels (so Moss
 * has the same id in every demo). */
int sam_demo_load(struct sam_db *db, struct sam_err *err);

/* Makes a throwaway database file in $TMPDIR holding the demo and opens
 * it; *path_out is the file to remove (with its -wal and -shm) at exit.
 * The user's own database is never touched. */
int sam_demo_open(struct sam_db **out, char **path_out, struct sam_err *err);
void sam_demo_remove(const char *path);

#endif
