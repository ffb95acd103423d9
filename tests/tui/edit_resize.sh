#!/bin/sh
# Resizing inside a form keeps what was typed: larger, below the smallest
# size (a "too small" line, the form waiting), and back; then it saves.
# Also inside the yes/no question. Without colour (NO_COLOR), at 80x24
# and 160x50.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db

figures() {
	cli list settlements --municipality Moss --year 2016 --format csv | sed -n 2p
}
# decided_shows N: the form's "decided" line (after the box's border,
# which capture-pane gives as x or │) holds N.
decided_shows() {
	capture
	grep -Eq "(x|│) decided +$1 " "$SCREEN"
}

start 80 24 NO_COLOR=1
wait_for "Settlement 2015"
keys ']'; wait_for "Settlement 2016"
keys :; type_text "go Moss"; keys Enter
wait_for "Moss 0104"
keys e
wait_for " Moss 2016 "
keys Down Down Down Down C-u
type_text "55"
wait_for "✓"
decided_shows 55 || fail "55 is not in the decided field"

resize 160 50
# the form's top line, with the screen behind it, is wider than 80 columns
i=0
until capture; [ "$(line_of " Moss 2016 " | wc -m)" -gt 120 ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the form was not redrawn at 160x50"
	sleep 0.05
done
decided_shows 55 || fail "the typed value was lost at 160x50"

resize 60 20
wait_for "The form needs at least 80×24"

resize 80 24
wait_for " Moss 2016 "
decided_shows 55 || fail "the typed value was lost below 80x24"
keys BSpace
type_text "6"
keys F2
wait_gone " Moss 2016 "
case $(figures) in Moss,2016,*,56,*) ;; *) fail "56 not saved: $(figures)" ;; esac

# The question keeps its place through a resize.
keys d
wait_for "Delete Moss 2016?"
resize 100 30
wait_for "Delete Moss 2016?"
keys n
wait_gone "Delete Moss 2016?"
[ -n "$(figures)" ] || fail "n deleted the figures"
quit
