/* sha256 of sync files (see hash.h), by libsodium. */
#include <config.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "sync/hash.h"

void sync_sha256_hex(const void *data, size_t n, char out[SYNC_SHA_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, n);
	sodium_bin2hex(out, SYNC_SHA_HEX, h, sizeof h);
}

bool sync_sha_valid(const char *s)
{
	if (!s || strlen(s) != SYNC_SHA_HEX - 1)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

int64_t sync_hash_key(const void *data, size_t n)
{
	char sha[SYNC_SHA_HEX];
	sync_sha256_hex(data, n, sha);
	return (int64_t)strtoull(sha + SYNC_SHA_HEX - 16, NULL, 16);
}
