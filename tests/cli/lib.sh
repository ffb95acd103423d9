# Shared by the CLI tests: a private temporary home for each test, and
# checks on what a person sees. Sourced with `. "$TESTS_SRCDIR/cli/lib.sh"`.
# automake sets $SAMORDNE (the built binary) and $TESTS_SRCDIR; a test
# exits 0 on success, 1 on failure, 77 when skipped.

: "${SAMORDNE:?SAMORDNE must name the samordne binary}"

T=$(mktemp -d "${TMPDIR:-/tmp}/samordne-cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

# Nothing a test does may touch the real home or database.
HOME=$T/home
XDG_DATA_HOME=$T/home/.local/share
XDG_CONFIG_HOME=$T/home/.config
XDG_CACHE_HOME=$T/home/.cache
XDG_STATE_HOME=$T/home/.local/state
TMPDIR=$T/tmp
SAMORDNE_DB=$T/samordne.db
export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME TMPDIR SAMORDNE_DB
mkdir -p "$HOME" "$TMPDIR"
unset SAMORDNE_USER SAMORDNE_DEVICE_LABEL SAMORDNE_NOW SAMORDNE_LOCALEDIR LANGUAGE

OUT=$T/stdout
ERR=$T/stderr

fail() {
	echo "FAIL: $*" >&2
	if [ -s "$OUT" ]; then echo "--- stdout:" >&2; cat "$OUT" >&2; fi
	if [ -s "$ERR" ]; then echo "--- stderr:" >&2; cat "$ERR" >&2; fi
	exit 1
}

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# run STATUS ARGS…: runs samordne with ARGS, stdout in $OUT and stderr in
# $ERR, and checks its exit status.
run() {
	want=$1
	shift
	"$SAMORDNE" "$@" >"$OUT" 2>"$ERR"
	got=$?
	[ "$got" -eq "$want" ] || fail "samordne $* exited $got, not $want"
}

# ok ARGS…: runs samordne, which must succeed and print nothing on stderr.
ok() {
	run 0 "$@"
	[ -s "$ERR" ] && fail "samordne $* printed on stderr"
	return 0
}

# What samordne printed (stdout) holds, or does not hold, a fixed string.
out_has() {
	grep -qF -- "$1" "$OUT" || fail "stdout lacks '$1'"
}

out_lacks() {
	grep -qF -- "$1" "$OUT" && fail "stdout has '$1'"
	return 0
}

err_has() {
	grep -qF -- "$1" "$ERR" || fail "stderr lacks '$1'"
}

# err_one_line: stderr is exactly one line, beginning "samordne: ".
err_one_line() {
	n=$(wc -l <"$ERR")
	[ "$n" -eq 1 ] || fail "stderr has $n lines, not 1"
	grep -q '^samordne: ' "$ERR" || fail "stderr does not begin with 'samordne: '"
}

# out_lines N: stdout has N lines.
out_lines() {
	n=$(wc -l <"$OUT")
	[ "$n" -eq "$1" ] || fail "stdout has $n lines, not $1"
}

# line_of TEXT: the number of the first stdout line holding TEXT.
line_of() {
	grep -nF -- "$1" "$OUT" | head -n 1 | cut -d: -f1
}

# in_order A B …: each text appears on a later stdout line than the one before.
in_order() {
	prev=0
	for text in "$@"; do
		n=$(line_of "$text")
		[ -n "$n" ] || fail "stdout lacks '$text'"
		[ "$n" -gt "$prev" ] || fail "'$text' is not after the one before it"
		prev=$n
	done
}

# json_parses FILE: true if python3 reads FILE as JSON; status 77 if there
# is no python3 to ask.
json_parses() {
	command -v python3 >/dev/null 2>&1 || return 77
	python3 -c 'import json, sys; json.load(sys.stdin)' <"$1"
}

# csv_parses FILE COLUMNS: every record of FILE has COLUMNS fields (python3's
# csv module reads it; without python3 this check is skipped).
csv_parses() {
	command -v python3 >/dev/null 2>&1 || return 0
	python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
sys.exit(0 if rows and all(len(r) == int(sys.argv[2]) for r in rows) else 1)' "$1" "$2"
}

# The Norwegian locale, if this machine has one; empty if not.
nb_locale() {
	locale -a 2>/dev/null | grep -i -E '^nb_NO\.utf-?8$' | head -n 1
}

# db_query SQL: what the database file holds, asked of sqlite3 (or of
# python3's sqlite3 module); status 77 if neither is there.
db_query() {
	if command -v sqlite3 >/dev/null 2>&1; then
		sqlite3 -batch "$SAMORDNE_DB" "$1"
	elif command -v python3 >/dev/null 2>&1; then
		python3 -c '
import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))' "$SAMORDNE_DB" "$1"
	else
		return 77
	fi
}

# db_is SQL VALUE: the query's answer is VALUE (skipped without a client).
db_is() {
	got=$(db_query "$1")
	case $? in
	77) return 0 ;;
	0) [ "$got" = "$2" ] || fail "database: '$1' gave '$got', not '$2'" ;;
	*) fail "database: '$1' failed" ;;
	esac
}
