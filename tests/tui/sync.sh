#!/bin/sh
# The sync in the full-screen program, against a private lighttpd with
# mod_webdav behind a proxy that slows each request: S starts a sync
# while the program stays usable (a view switch is honoured meanwhile),
# the status bar shows its progress and then "synced …"; the conflict
# with a second laptop shows in the Sync view (7), r makes the value that
# lost current again as a normal change; a database without a network
# says so; with sync_interval set, a second laptop's change appears
# without a key; and a sync running at quit finishes by itself.
. "$TESTS_SRCDIR/tui/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3" >&2; exit 77; }

SERVE_PID=
stop_server() {
	if [ -n "$SERVE_PID" ]; then
		kill "$SERVE_PID" 2>/dev/null
		# bounded: the server stops lighttpd on its way out
		i=0
		while kill -0 "$SERVE_PID" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		SERVE_PID=
	fi
}
trap 'stop_server; cleanup' EXIT

: >"$T/urls"
python3 "$TESTS_SRCDIR/sync/serve.py" --delay 0.3 >"$T/urls" 2>"$T/serve.err" &
SERVE_PID=$!
i=0
while [ "$(wc -l <"$T/urls")" -lt 2 ]; do
	if ! kill -0 "$SERVE_PID" 2>/dev/null; then
		wait "$SERVE_PID"
		rc=$?
		SERVE_PID=
		[ $rc -eq 77 ] && { echo "SKIP: no lighttpd with mod_webdav" >&2; exit 77; }
		fail "the test server did not start: $(cat "$T/serve.err")"
	fi
	[ $i -lt 200 ] || fail "the test server did not start in 20 s"
	sleep 0.1
	i=$((i + 1))
done
DIRECT_URL=$(sed -n 1p "$T/urls")
SLOW_URL=$(sed -n 2p "$T/urls")

# The second laptop: its own file and name, straight to the server.
B_DB=$T/b.db
b() {
	SAMORDNE_USER='Other Person' SAMORDNE_DEVICE_LABEL=laptop-b \
		"$SAMORDNE" --db "$B_DB" "$@"
}
# This laptop's command line, as the program's own name and real clock.
a() {
	SAMORDNE_USER='Test Person' SAMORDNE_DEVICE_LABEL=test-laptop cli "$@"
}

# wait_no_sync: until no sync child of this laptop runs (one left
# running by a quit finishes by itself); 40 s at most.
wait_no_sync() {
	i=0
	while ps -eo args= | awk -v db="$DB" 'index($0, "--db " db " sync --progress-fd") { n++ }
	                                     END { exit n == 0 }'; do
		[ $i -lt 400 ] || fail "a sync left running never finished"
		sleep 0.1
		i=$((i + 1))
	done
}

make_db
"$SAMORDNE" demo-db "$B_DB" >/dev/null || fail "demo-db for laptop b failed"

# No network yet: the sync key says what to do instead of trying.
start 80 24 SAMORDNE_NOW=
keys S
wait_for "no network: run samordne network join URL"
quit

a network create "$SLOW_URL" >/dev/null || fail "network create failed"
b network join "$DIRECT_URL" >/dev/null || fail "network join failed"
id=$(cli list settlements --year 2016 --format csv | grep '^Moss,' | sed 's/.*,//')
[ -n "$id" ] || fail "no settlement row of Moss 2016"
# This laptop first, the other later: the other's value wins everywhere.
a set "$id" decided=53 >/dev/null || fail "set on this laptop failed"
b set "$id" decided=61 >/dev/null || fail "set on laptop b failed"
b sync >/dev/null 2>&1 || fail "laptop b's sync failed"

start 80 24 SAMORDNE_NOW=
screen_has "never synced"
keys S
wait_for "syncing: "
# The program answers keys while the child works.
keys 2
wait_for "contacts — municipality: all"
screen_has "syncing"
wait_for " sent, " 40
line_of " sent, " | grep -q "synced .* 0 changes not synced" ||
	fail "the status bar lacks the outcome or still counts changes"
screen_has "sent"
screen_has "received"

# The conflict in the Sync view; the other laptop's value won.
keys 7
wait_for "Network: $SLOW_URL"
screen_has "Other Person, laptop-b"
wait_for "conflict"
[ "$(cli show "$id" | grep -c 'decided.*61')" -ge 1 ] || fail "the other laptop's value did not win"
# Select the conflict this laptop lost, and restore its value.
keys /
type_text "Test Person"
keys Enter
wait_for "lost: 53"
keys r
wait_for "again?"
keys y
wait_for "is 53 again"
cli show "$id" | grep -q 'decided.*53' || fail "the restored value is not current"
cli history "$id" | grep 'decided' | tail -n 1 | grep -q '61.*53' ||
	fail "the restore is not a change in history: $(cli history "$id")"
screen_has "1 change not synced"
# One sync at a time.
keys S
wait_for "syncing"
keys S
wait_for "a sync is already running"
wait_for " sent, " 40
quit

# The interval: the other laptop's change appears with no key pressed.
b sync >/dev/null 2>&1 || fail "laptop b's second sync failed"
b show "$id" | grep -q 'decided.*53' || fail "laptop b did not receive the restored value"
printf 'set sync_interval 1\n' >"$XDG_CONFIG_HOME/samordne/config"
start 80 24 SAMORDNE_NOW=
keys :; type_text "go Moss"; keys Enter
wait_for "Moss 0104"
b set "$id" decided=77 >/dev/null || fail "the second set on laptop b failed"
b sync >/dev/null 2>&1 || fail "laptop b's third sync failed"
wait_for "decided 77" 40
wait_for " sent, " 40
quit
wait_no_sync

# Quitting during a sync lets it finish in the background.
: >"$XDG_CONFIG_HOME/samordne/config"
a set "$id" settled=3 >/dev/null || fail "set before the last sync failed"
a sync --status | grep -q "not pushed:   0 " && fail "the change counts as pushed already"
start 80 24 SAMORDNE_NOW=
keys S
wait_for "syncing"
quit
grep -q "in the background" "$T/stderr" || fail "no word about the sync going on: $(cat "$T/stderr")"
wait_no_sync
a sync --status | grep -q "not pushed:   0 " || fail "the sync left running did not push"
