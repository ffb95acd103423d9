/* The sync protocol over a shared WebDAV folder (see SYNC.md in the
 * design notes). Uses core; never curses.
 *
 * The full-screen program runs a sync without blocking by starting
 * `samordne-webdav --db FILE sync --progress-fd N` as a child and reading its
 * one-line messages (see sam_sync_run's progress lines); the status bar
 * reads sam_sync_last, which needs no network. */
#ifndef SAMORDNE_SYNC_H
#define SAMORDNE_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "core/db.h"

/* Exit statuses of `samordne sync` (and sam_sync_run's result). */
enum sam_sync_outcome {
	SAM_SYNC_OK = 0,
	SAM_SYNC_FAILED = 1,  /* a server answer or data the user must act on */
	SAM_SYNC_OFFLINE = 3, /* no network, or the server cannot be reached */
};

/* Where and how to connect: from the config file. */
struct sam_sync_settings {
	const char *user;
	const char *password;         /* only from a config file of mode 0600 */
	const char *password_command; /* first line of its output */
	const char *ca_file;
	bool allow_plain_http;
	const char *netrc_file; /* $SAMORDNE_NETRC, else ~/.netrc */
};

void sam_sync_settings_from_config(const struct sam_config *cfg, struct sam_sync_settings *out);

/* One line for a progress reader ("progress pushing 2/5"). */
typedef void sam_sync_progress_fn(void *ctx, const char *line);

struct sam_sync_opts {
	sam_sync_progress_fn *progress;
	void *progress_ctx;
	bool write_snapshot; /* also write a snapshot now */
};

struct sam_sync_result {
	int pushed;    /* segments uploaded */
	int pulled;    /* changes applied from others */
	int conflicts; /* concurrent edits where a typed value lost */
	int parked;    /* devices whose log cannot be applied now */
	char warning[512]; /* a clock or parking notice, or "" */
};

/* `samordne network create URL`: writes FORMAT.json in an empty folder;
 * refuses one that holds another network. `join` never writes it. The
 * network's identity and URL are stored in the database. */
int sam_sync_network_create(struct sam_db *db, const struct sam_sync_settings *set,
                            const char *url, struct sam_err *err);
int sam_sync_network_join(struct sam_db *db, const struct sam_sync_settings *set,
                          const char *url, struct sam_err *err);

/* Push, pull, heads; returns an outcome, with err filled unless OK. */
enum sam_sync_outcome sam_sync_run(struct sam_db *db, const struct sam_sync_settings *set,
                                   const struct sam_sync_opts *opts, struct sam_sync_result *res,
                                   struct sam_err *err);

/* For the status bar: no network. */
struct sam_sync_last {
	bool joined;          /* the database belongs to a network */
	int64_t finished_ms;  /* 0: never synced */
	int64_t last_ok_ms;   /* 0: never succeeded */
	char outcome[16];     /* "ok", "failed", "offline" */
	char message[512];
	int64_t unpushed;     /* changes not yet on the server */
};
int sam_sync_last(struct sam_db *db, struct sam_sync_last *out);

/* `samordne sync --status`. */
struct sam_sync_device_status {
	char dev[SAM_DEV_BUF];
	char *label;       /* "Kari Nordmann, laptop-moss", or "" */
	int64_t last_seen_ms;
	int64_t applied_seg, head_seg; /* how far we are; how far it says it is */
	char *parked;      /* why its log is not applied further, or NULL */
	char *flag;        /* e.g. its clock is ahead, or NULL */
};
struct sam_sync_status {
	struct sam_sync_last last;
	char *url;
	struct sam_sync_device_status *dev;
	int ndev;
};
int sam_sync_status_load(struct sam_db *db, struct sam_sync_status *out, struct sam_err *err);
void sam_sync_status_free(struct sam_sync_status *s);

#endif
