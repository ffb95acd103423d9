# The full-screen program's figures (sourced by run.sh): the first frame
# in a 120x40 tmux pane, the time from a key to its frame at the end of
# the 50,000-row contact list, the instructions each key costs (callgrind),
# and incremental search per typed character. Each waits on the real
# binary; when `samordne` shows no full screen, every line says "not
# implemented yet", and they start measuring once it does.

TMUX_SOCK=samordne-bench-$$
tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }

now_ms() { _us=${EPOCHREALTIME/[.,]/}; echo "$((_us / 1000)).$((_us % 1000 / 100))"; }

# The time from starting COMMAND in a new 120x40 window until its first
# and last lines both show something; fails if that never happens in 10 s.
# One tmux call per poll, the rest in the shell itself, so the floor is
# what tmux costs and little else.
frame_once() {
	_t0=$(now_ms)
	_pane=$(tm new-window -d -P -F '#{pane_id}' "$1")
	_until=$((${EPOCHREALTIME%[.,]*} + 10))
	while [ "${EPOCHREALTIME%[.,]*}" -lt "$_until" ]; do
		mapfile -t _lines < <(tm capture-pane -p -t "$_pane" 2>/dev/null)
		if [ "${#_lines[@]}" -ge 40 ] && [ -n "${_lines[0]// /}" ] &&
			[ -n "${_lines[39]// /}" ]; then
			_t1=$(now_ms)
			tm kill-pane -t "$_pane" 2>/dev/null
			minus "$_t1" "$_t0"
			return 0
		fi
	done
	tm kill-pane -t "$_pane" 2>/dev/null
	return 1
}

# Median of RUNS first frames after a warm-up; FRAME_MS, or 1 if none.
frame_median() {
	frame_once "$1" >/dev/null || return 1
	_all=""
	_i=0
	while [ $_i -lt "$RUNS" ]; do
		_t=$(frame_once "$1") || return 1
		_all="$_all $_t"
		_i=$((_i + 1))
	done
	FRAME_MS=$(printf '%s\n' $_all | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
}

first_frames() {
	tm new-session -d -x 120 -y 40 -s bench "sleep 100000"
	# The floor: a program that fills the pane at once. What tmux,
	# capture-pane and this loop cost is in it; it is subtracted.
	if ! frame_median "i=1; while [ \$i -le 40 ]; do printf 'line %s' \$i; [ \$i -lt 40 ] && echo; i=\$((i+1)); done; sleep 100"; then
		absent first_frame_floor ms - "tmux shows no screen at all"
		tm kill-server
		return
	fi
	_floor=$FRAME_MS
	figure first_frame_floor "$_floor" ms
	# national_ahead: the same data seen from 2020, when most of its
	# meetings are still to come (from today all of them are over, which
	# would hide what the meetings to come cost the first screen).
	for _scale in demo national national_ahead; do
		_db=$DEMO_DB _env=""
		[ $_scale != demo ] && _db=$NATIONAL
		[ $_scale = national_ahead ] && _env="SAMORDNE_NOW=2020-01-01T00:00:00Z "
		if frame_median "$_env$SAMORDNE --db $_db"; then
			figure "first_frame_$_scale" "$(minus "$FRAME_MS" "$_floor")" ms "<=30"
		else
			absent "first_frame_$_scale" ms "<=30" "not implemented yet (no full screen)"
		fi
	done
	tm kill-server
}

# ptykeys at the end of the contact list: 2 (contacts), G (the end), then
# up and down. KEYS_* are set; returns 3 when there is no full screen.
KEYS=1000
keys_at_end() { # DB [ptykeys options]
	_db=$1
	shift
	_out=$("$PTYKEYS" -s '2,G' -k 'k,j' -n "$KEYS" "$@" -- "$SAMORDNE" --db "$_db" 2>"$WORK/pty.err")
	_rc=$?
	[ $_rc -ne 0 ] && return $_rc
	# shellcheck disable=SC2086
	set -- $_out
	KEYS_MEDIAN=$1 KEYS_P90=$2 KEYS_MISSED=$5
}

keystrokes() {
	for _scale in demo national; do
		_db=$DEMO_DB
		[ $_scale = national ] && _db=$NATIONAL
		if keys_at_end "$_db"; then
			figure "key_$_scale" "$KEYS_MEDIAN" ms "<=2"
			figure "key_${_scale}_p90" "$KEYS_P90" ms
			eval "KEY_$_scale=\$KEYS_MEDIAN"
		else
			absent "key_$_scale" ms "<=2" "not implemented yet (no full screen)"
			return
		fi
	done
	# Flat: the national list of 50,000 costs a key what the demo's does.
	figure key_national_vs_demo "$(ratio "$KEY_national" "$KEY_demo")" x "<=1.5"
}

# Instructions per key: callgrind over the program with 200 keys and
# with none; the difference per key leaves out the start.
callgrind_ir() { # DB NKEYS OUTFILE
	rm -f "$3"
	"$PTYKEYS" -q 300 -s '2,G' -k 'k,j' -n "$2" -- valgrind --tool=callgrind \
		--callgrind-out-file="$3" "$SAMORDNE" --db "$1" >/dev/null 2>"$WORK/cg.err" || return 1
	awk '/^(summary|totals):/ { print $2; exit }' "$3"
}

key_instructions() {
	if ! have valgrind; then
		peer_missing key_instructions_national Ir - valgrind
		return
	fi
	_n=200
	_with=$(callgrind_ir "$NATIONAL" $_n "$WORK/cg.keys") &&
		_without=$(callgrind_ir "$NATIONAL" 0 "$WORK/cg.start") &&
		[ -n "$_with" ] && [ -n "$_without" ] || {
		absent key_instructions_national Ir - "not implemented yet (no full screen)"
		return
	}
	figure key_instructions_national "$(awk -v a="$_with" -v b="$_without" -v n=$_n \
		'BEGIN { printf "%.0f", (a - b) / n }')" Ir
}

# Incremental search: / in the contacts, then a name one character at a
# time; each character's time to its frame.
search() {
	_out=$("$PTYKEYS" -s '2,/' -t 'Sølvi Ødegård' -- "$SAMORDNE" --db "$NATIONAL" \
		2>"$WORK/pty.err") || {
		absent search_char_national ms "<=10" "not implemented yet (no full screen)"
		return
	}
	# shellcheck disable=SC2086
	set -- $_out
	figure search_char_national "$1" ms "<=10"
	figure search_char_national_max "$3" ms
}

bench_tui() {
	if ! have tmux; then
		peer_missing first_frame_national ms "<=30" tmux
	else
		first_frames
	fi
	keystrokes
	key_instructions
	search
}
