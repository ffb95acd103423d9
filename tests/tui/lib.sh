# Shared by the terminal tests: the real binary in a private tmux server
# (its own -L socket name, no user config), keys typed with send-keys and
# the screen read with capture-pane. Every wait is a bounded poll, never a
# bare sleep. Sourced with `. "$TESTS_SRCDIR/tui/lib.sh"`; a test exits 0
# on success, 1 on failure, 77 when skipped.

: "${SAMORDNE:?SAMORDNE must name the samordne binary}"
command -v tmux >/dev/null 2>&1 || { echo "SKIP: no tmux" >&2; exit 77; }

T=$(mktemp -d "${TMPDIR:-/tmp}/samordne-tui.XXXXXX") || exit 1
# Each start gets a server of its own: a killed one may still be going.
SOCK_BASE="samordne-test-$$-$(basename "$T")"
NSERVERS=0
TMUX_CMD="tmux -L $SOCK_BASE-0 -f /dev/null"
cleanup() {
	n=0
	while [ $n -le $NSERVERS ]; do
		tmux -L "$SOCK_BASE-$n" -f /dev/null kill-server >/dev/null 2>&1
		n=$((n + 1))
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
unset TMUX

HOME=$T/home
XDG_DATA_HOME=$T/home/.local/share
XDG_CONFIG_HOME=$T/home/.config
TMPDIR=$T/tmp
export HOME XDG_DATA_HOME XDG_CONFIG_HOME TMPDIR
mkdir -p "$HOME" "$TMPDIR" "$XDG_CONFIG_HOME/samordne"
unset SAMORDNE_USER SAMORDNE_DEVICE_LABEL SAMORDNE_LOCALEDIR LANGUAGE NO_COLOR
DB=$T/demo.db
SCREEN=$T/screen

fail() {
	echo "FAIL: $*" >&2
	if [ -s "$SCREEN" ]; then echo "--- screen:" >&2; cat "$SCREEN" >&2; fi
	exit 1
}

# make_db: the demo network in $DB.
make_db() {
	"$SAMORDNE" demo-db "$DB" || fail "samordne demo-db failed"
}

# start COLS ROWS [ENV…]: samordne on $DB in a new tmux server of that
# size; the clock stands at 1 October 2015, so "today" and "next meeting"
# are the same on every run.
start() {
	cols=$1 rows=$2
	shift 2
	NSERVERS=$((NSERVERS + 1))
	TMUX_CMD="tmux -L $SOCK_BASE-$NSERVERS -f /dev/null"
	$TMUX_CMD new-session -d -x "$cols" -y "$rows" \
		"env TERM=xterm-256color LC_ALL=C.UTF-8 SAMORDNE_NOW=2015-10-01T10:00:00Z \
		 SAMORDNE_USER='Test Person' SAMORDNE_DEVICE_LABEL=test-laptop $* \
		 '$SAMORDNE' --db '$DB' 2>'$T/stderr'; echo EXITED \$?; sleep 60" ||
		fail "tmux would not start"
	wait_for "samordne │"
}

keys() {
	$TMUX_CMD send-keys "$@"
}

# type TEXT: the text as literal keys.
type_text() {
	$TMUX_CMD send-keys -l "$1"
}

capture() {
	$TMUX_CMD capture-pane -p >"$SCREEN"
}

# wait_for TEXT [SECONDS]: polls the screen until it shows TEXT. The bound
# is 20 s unless SECONDS says more (a sync through a slow server): under
# AddressSanitizer on a busy two-core machine a form can take seconds to
# appear, and a passing test never waits that long.
wait_for() {
	i=0
	while [ $i -lt $((${2:-20} * 20)) ]; do
		capture
		grep -qF -- "$1" "$SCREEN" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "the screen never showed '$1'"
}

# wait_gone TEXT: polls until the screen no longer shows TEXT.
wait_gone() {
	i=0
	while [ $i -lt 400 ]; do
		capture
		grep -qF -- "$1" "$SCREEN" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "the screen still shows '$1'"
}

# screen_has TEXT / screen_lacks TEXT: on the screen as captured last.
screen_has() {
	grep -qF -- "$1" "$SCREEN" || fail "the screen lacks '$1'"
}
screen_lacks() {
	grep -qF -- "$1" "$SCREEN" && fail "the screen shows '$1'"
	return 0
}

# line_of TEXT: the first screen line holding TEXT.
line_of() {
	grep -F -- "$1" "$SCREEN" | head -n 1
}

# resize COLS ROWS
resize() {
	$TMUX_CMD resize-window -x "$1" -y "$2" >/dev/null 2>&1 ||
		$TMUX_CMD resize-pane -x "$1" -y "$2"
}

# quit: q, and the program must end with status 0 and a clean terminal.
quit() {
	keys q
	wait_for "EXITED 0"
}

# cli ARGS…: samordne's command line on the same database.
cli() {
	"$SAMORDNE" --db "$DB" "$@"
}
