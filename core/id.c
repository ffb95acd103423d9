/* Record and device ids (see id.h). */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>

#include "core/common.h"
#include "core/id.h"

void sam_random_bytes(void *buf, unsigned n)
{
	unsigned char *p = buf;
	while (n > 0) {
		ssize_t got = getrandom(p, n, 0);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			fatal("no random numbers from the kernel: %s", strerror(errno));
		}
		p += got;
		n -= (unsigned)got;
	}
}

static void hex(char *out, const unsigned char *b, unsigned n)
{
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

void sam_id_new(char out[SAM_ID_BUF])
{
	unsigned char b[SAM_ID_LEN / 2];
	sam_random_bytes(b, sizeof b);
	hex(out, b, sizeof b);
}

void sam_dev_new(char out[SAM_DEV_BUF])
{
	unsigned char b[SAM_DEV_LEN / 2];
	sam_random_bytes(b, sizeof b);
	hex(out, b, sizeof b);
}

/* Two 64-bit FNV-1a hashes with different offsets over the parts, each
 * part followed by a separator byte that cannot occur in UTF-8 text. A
 * derived id needs to be stable and spread, not secret. */
void sam_id_derive(char out[SAM_ID_BUF], const char *const *parts, int nparts)
{
	uint64_t h[2] = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL};
	const uint64_t prime = 0x100000001b3ULL;
	for (int k = 0; k < 2; k++) {
		for (int i = 0; i < nparts; i++) {
			for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++)
				h[k] = (h[k] ^ *p) * prime;
			h[k] = (h[k] ^ 0xff) * prime;
		}
		/* A final mix so that the low bits depend on every byte too. */
		h[k] ^= h[k] >> 33;
		h[k] *= 0xff51afd7ed558ccdULL;
		h[k] ^= h[k] >> 33;
	}
	unsigned char b[16];
	for (int i = 0; i < 8; i++) {
		b[i] = (unsigned char)(h[0] >> (56 - 8 * i));
		b[8 + i] = (unsigned char)(h[1] >> (56 - 8 * i));
	}
	hex(out, b, sizeof b);
}

static bool hex_of_len(const char *s, size_t n)
{
	if (!s || strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

bool sam_id_valid(const char *s)
{
	return hex_of_len(s, SAM_ID_LEN);
}

bool sam_dev_valid(const char *s)
{
	return hex_of_len(s, SAM_DEV_LEN);
}
