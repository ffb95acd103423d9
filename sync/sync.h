/* The sync protocol over a shared WebDAV folder (see SYNC.md in the
 * design notes). Uses core; never curses. */
#ifndef SAMORDNE_SYNC_H
#define SAMORDNE_SYNC_H

#endif
