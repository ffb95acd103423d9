#!/bin/sh
# Resizing: below 80x24 a "terminal too small" screen, not a crash; back
# at a good size the view returns with its selection; also inside the
# command line prompt.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
start 80 24
keys :; type_text "go Moss"; keys Enter
wait_for "Moss 0104"
resize 60 20
wait_for "terminal too small"
resize 160 50
wait_for "Moss 0104"
resize 80 24
wait_for "Moss 0104"
# In the prompt.
keys /
type_text "Hval"
resize 100 30
resize 80 24
keys Enter
wait_for "Hvaler 0111"
quit
