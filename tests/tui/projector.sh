#!/bin/sh
# The overview on a projector uses the whole screen at 200x60: every
# municipality gets its three bars on lines of their own, down to the
# bottom, and the next meetings stand at the right edge.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
start 200 60
keys 5
wait_for "The county in 2015"
capture
line=$(grep -n "^Våler" "$SCREEN" | cut -d: -f1)
[ -n "$line" ] && [ "$line" -ge 50 ] || fail "the bars end at line ${line:-none}, not near the bottom"
grep -n "^Halden" "$SCREEN" >/dev/null || fail "Halden is not on the overview"
awk '/^Halden/{getline; print; exit}' "$SCREEN" | grep -q "▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒ *48 " ||
	fail "Halden's decided bar is not drawn wide on its own line"
line_of "Next meetings" | cut -c1-150 | grep -q "Next meetings" &&
	fail "the next meetings are not at the right edge"
screen_has "Next meetings"
quit
