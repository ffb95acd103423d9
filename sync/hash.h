/* sha256 as 64 lowercase hex digits: the identity of every sync file. */
#ifndef SAMORDNE_SYNC_HASH_H
#define SAMORDNE_SYNC_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SYNC_SHA_HEX 65

void sync_sha256_hex(const void *data, size_t n, char out[SYNC_SHA_HEX]);
bool sync_sha_valid(const char *s); /* 64 lowercase hex digits */
/* 64 bits of the sha256 of n bytes: a key to keep in the local table. */
int64_t sync_hash_key(const void *data, size_t n);

#endif
