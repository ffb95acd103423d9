#!/bin/sh
# / finds Moss as it is typed and n finds the next match; s sorts by the
# column under the cursor in Norwegian order (æ, ø, å after z), again
# reversed.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
start 80 24

keys /
type_text "mos"
keys Enter
wait_for "Moss 0104"
keys /
type_text "r"
keys Enter
wait_for "Rakkestad 0128"
keys n
wait_for "Rygge 0136"
keys N
wait_for "Rakkestad 0128"

# The name column (l moves the column cursor), sorted.
keys l s
keys G
wait_for "Våler 0137"
capture
rygge=$(grep -n "^0136 " "$SCREEN" | cut -d: -f1)
romskog=$(grep -n "^0121 " "$SCREEN" | cut -d: -f1)
rade=$(grep -n "^0135 " "$SCREEN" | cut -d: -f1)
sarpsborg=$(grep -n "^0105 " "$SCREEN" | cut -d: -f1)
[ -n "$rygge" ] && [ -n "$romskog" ] && [ -n "$rade" ] && [ -n "$sarpsborg" ] ||
	fail "not all of Rygge, Rømskog, Råde, Sarpsborg on the screen"
[ "$rygge" -lt "$romskog" ] && [ "$romskog" -lt "$rade" ] && [ "$rade" -lt "$sarpsborg" ] ||
	fail "not in Norwegian order: Rygge $rygge, Rømskog $romskog, Råde $rade, Sarpsborg $sarpsborg"
# Again: reversed, Våler first.
keys s g g
wait_for "Våler 0137"
first=$(grep -n "^0" "$SCREEN" | head -n 1)
case $first in *Våler*) ;; *) fail "reversed order does not start with Våler: $first" ;; esac
quit
