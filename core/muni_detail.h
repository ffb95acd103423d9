/* What the municipality view's detail pane shows of one municipality:
 * every year's settlement figures, its contact persons and the grants it
 * is part of. Each part is one indexed query for that municipality alone,
 * so the pane costs the same in a county and in the whole country, and a
 * part the screen has no room for need not be read at all. */
#ifndef SAMORDNE_MUNI_DETAIL_H
#define SAMORDNE_MUNI_DETAIL_H

#include "core/db.h"
#include "core/table.h"

enum sam_muni_part { SAM_MD_FIGURES, SAM_MD_CONTACTS, SAM_MD_GRANTS, SAM_MD_NPARTS };

/* The columns of each part; values formatted for reading. */
enum { SAM_MD_YEAR, SAM_MD_REQUESTED, SAM_MD_EXTRA, SAM_MD_DECIDED, SAM_MD_EMA,
       SAM_MD_SETTLED, SAM_MD_STATUS, SAM_MD_SETTLEMENT_ID };
enum { SAM_MD_NAME, SAM_MD_POSITION, SAM_MD_EMAIL, SAM_MD_PHONE };
enum { SAM_MD_SCHEME, SAM_MD_GRANT_YEAR, SAM_MD_POSITIONS, SAM_MD_AMOUNT, SAM_MD_GRANT_STATUS };

/* One part for the municipality with this id into out: figures by year,
 * contacts in Norwegian order (as `list contacts`), grants in the order
 * of `list grants`. */
int sam_muni_detail_load(struct sam_db *db, enum sam_muni_part part, const char *id,
                         struct sam_table *out, struct sam_err *err);

#endif
