#!/bin/sh
# NO_COLOR: a readable screen with no colour at all (attributes only).
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
start 80 24 NO_COLOR=1
wait_for "Settlement 2015"
$TMUX_CMD capture-pane -p -e >"$SCREEN"
grep -q "$(printf '\033')\[[0-9;]*3[0-7]m\|38;5;" "$SCREEN" && fail "colour codes with NO_COLOR"
grep -q "$(printf '\033')\[[0-9;]*7m" "$SCREEN" || fail "no reverse video for the selection"
keys 5; wait_for "The county in 2015"
screen_has "░░ requested"
quit
# With colour: colour codes are there.
start 80 24
$TMUX_CMD capture-pane -p -e >"$SCREEN"
grep -q "$(printf '\033')\[[0-9;]*3[0-7]m\|38;5;\|$(printf '\033')\[[0-9;]*4[0-7]m" "$SCREEN" ||
	fail "no colour codes with colour on"
quit
