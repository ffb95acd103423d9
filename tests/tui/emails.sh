#!/bin/sh
# The contacts view: y puts the e-mail addresses of every contact shown on
# one line, in a box on the screen and in the terminal's clipboard by OSC
# 52 (tmux, with set-clipboard on, keeps it as a paste buffer).
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
cli set "Lars Håkon Larsen" email=lars@hvaler.no >/dev/null || fail "cannot set an e-mail"
cli set "Silje Hobbel" email=silje@moss.no >/dev/null || fail "cannot set an e-mail"
start 80 24
$TMUX_CMD set -g set-clipboard on
keys 2
wait_for "contacts — municipality: all"
keys y
wait_for "2 addresses copied"
screen_has "lars@hvaler.no, silje@moss.no"
[ "$($TMUX_CMD show-buffer)" = "lars@hvaler.no, silje@moss.no" ] ||
	fail "the clipboard holds '$($TMUX_CMD show-buffer 2>&1)'"
# The box closes first; then the program quits as usual.
keys q
wait_gone "lars@hvaler.no, silje@moss.no"
quit
