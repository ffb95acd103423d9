#!/bin/sh
# A crash gives the terminal back: after SIGABRT the program's own screen
# is gone (the alternate screen is left) and the cursor shows again, and
# the crash is still reported as one (status 134, not a clean exit).
# SIGABRT rather than SIGSEGV: AddressSanitizer keeps SIGSEGV for itself.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db
start 80 24
pane=$($TMUX_CMD list-panes -F '#{pane_pid}')
# The program is the pane's shell's child; /proc, since ps may be missing.
pid=
for stat in /proc/[0-9]*/stat; do
	set -- $(cat "$stat" 2>/dev/null)
	[ "$4" = "$pane" ] && [ "$2" = "(samordne)" ] && pid=$1
done
[ -n "$pid" ] || fail "no samordne process under the pane"
[ "$($TMUX_CMD display -p '#{alternate_on}')" = 1 ] || fail "samordne is not on the alternate screen"
kill -ABRT "$pid"
wait_for "EXITED 134"
[ "$($TMUX_CMD display -p '#{alternate_on}')" = 0 ] || fail "the terminal is left on the alternate screen"
[ "$($TMUX_CMD display -p '#{cursor_flag}')" = 1 ] || fail "the cursor is left hidden"
screen_lacks "samordne │"
exit 0
