/* Record ids: 128 random bits as 32 lowercase hex digits, so two offline
 * laptops never make the same id. Records that are a natural pair (Moss ×
 * 2016, contact × group) get an id derived from the pair instead, so two
 * laptops adding the same pair offline edit one record, not two. */
#ifndef SAMORDNE_ID_H
#define SAMORDNE_ID_H

#include <stdbool.h>

#define SAM_ID_LEN 32
#define SAM_ID_BUF (SAM_ID_LEN + 1)
#define SAM_DEV_LEN 16
#define SAM_DEV_BUF (SAM_DEV_LEN + 1)

void sam_id_new(char out[SAM_ID_BUF]);
void sam_dev_new(char out[SAM_DEV_BUF]);

/* A stable id from parts (the entity name and its key values). */
void sam_id_derive(char out[SAM_ID_BUF], const char *const *parts, int nparts);

bool sam_id_valid(const char *s);  /* 32 lowercase hex digits */
bool sam_dev_valid(const char *s); /* 16 lowercase hex digits */

/* Fills buf with n random bytes from the kernel; aborts if it cannot. */
void sam_random_bytes(void *buf, unsigned n);

#endif
