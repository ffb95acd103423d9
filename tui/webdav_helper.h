/* samordne-webdav, the program that talks to the sync server. samordne
 * links no network code, as git leaves HTTP to git-remote-http: loading
 * libcurl and the libraries it needs would be most of the start-up of
 * every command and of the full-screen program. Its command line is
 *
 *   samordne-webdav [--db PATH | --demo] sync|network ARGUMENTS…
 *
 * with the command's arguments as given to samordne (see cli_sync.h). */
#ifndef SAMORDNE_TUI_WEBDAV_HELPER_H
#define SAMORDNE_TUI_WEBDAV_HELPER_H

#include "core/common.h"

#define WEBDAV_HELPER "samordne-webdav"

/* Its path, newly allocated: beside the running program first (a build
 * tree, run uninstalled), else in the directory it is installed to. NULL
 * with err naming the paths looked for if it is in neither. */
char *webdav_helper_find(struct sam_err *err);

#endif
