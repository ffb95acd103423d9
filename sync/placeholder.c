/* Keeps libsamsync.a non-empty until the sync modules land. */
#include <config.h>

#include "sync/sync.h"

int sam_sync_placeholder(void);
int sam_sync_placeholder(void)
{
	return 0;
}
