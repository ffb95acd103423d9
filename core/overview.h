/* The county's figures for one year, for the overview: each
 * municipality's requested, decided and settled, and the totals. */
#ifndef SAMORDNE_OVERVIEW_H
#define SAMORDNE_OVERVIEW_H

#include <stdint.h>

#include "core/db.h"

#define SAM_NO_FIGURE (-1) /* the figure is not known (yet) */

struct sam_overview_row {
	char id[SAM_ID_BUF]; /* the municipality */
	char *name;
	int64_t requested, decided, settled; /* SAM_NO_FIGURE if unknown */
};

struct sam_overview {
	int year;
	struct sam_overview_row *rows; /* in Norwegian order of name */
	int n;
	/* Sums of the known figures. */
	int64_t requested, decided, settled;
};

int sam_overview_load(struct sam_db *db, int year, struct sam_overview *out,
                      struct sam_err *err);
void sam_overview_free(struct sam_overview *o);

/* The year a view opens on: the one with the most records in table
 * ("settlement", "grant_application"), the newest among equals; this
 * year by the clock if there are none. */
int sam_default_year(struct sam_db *db, const char *table);

#endif
