# Sync over loopback lighttpd + mod_webdav (sourced by run.sh): a new
# laptop's bootstrap of the 200,000-op history of 30 devices (a snapshot
# plus the segments after it), a sync that finds nothing new, and the push
# of one edit — each with its HTTP requests and beside the raw floor: one
# curl process moving the same bytes over the same server.
#
# The server's folder is made once per data set, by the devices
# themselves through `samordne sync`, and kept in $DATA/server. Each device
# pushes into a folder of its own holding only the network's FORMAT.json,
# so it pulls nothing (thirty devices each pulling all the others before
# it would take half an hour); the folders are then merged into one, which
# is sound because no two devices ever write the same name (SYNC.md). A
# collector laptop pulls the merged history once and writes the snapshot;
# then each device's later edits (gen --device-tail) are pushed the same
# way, as segments after it.

LIGHTTPD=${LIGHTTPD:-$(command -v lighttpd || echo /usr/sbin/lighttpd)}
LIGHTTPD_MODS=${LIGHTTPD_MODS:-/usr/lib/lighttpd}

sync_start_server() { # ROOT
	SRV=$WORK/lighttpd
	mkdir -p "$SRV"
	# One port for the whole run: the devices keep the URL they joined.
	: "${SYNC_PORT:=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18931)}"
	cat >"$SRV/lighttpd.conf" <<-EOF
	server.modules = ("mod_webdav", "mod_accesslog")
	server.document-root = "$1"
	server.bind = "127.0.0.1"
	server.port = $SYNC_PORT
	server.errorlog = "$SRV/error.log"
	server.upload-dirs = ("$SRV")
	accesslog.filename = "$SRV/access.log"
	accesslog.format = "%m %U %s %I %O"
	webdav.activate = "enable"
	webdav.is-readonly = "disable"
	EOF
	: >"$SRV/access.log"
	"$LIGHTTPD" -D -f "$SRV/lighttpd.conf" -m "$LIGHTTPD_MODS" &
	SRV_PID=$!
	for _i in $(seq 100); do
		curl -s -o /dev/null "http://127.0.0.1:$SYNC_PORT/" && break
		sleep 0.05
	done
	URL=http://127.0.0.1:$SYNC_PORT/net/
}

sync_stop_server() {
	[ -n "${SRV_PID:-}" ] && kill "$SRV_PID" 2>/dev/null && wait "$SRV_PID" 2>/dev/null
	SRV_PID=""
}

# lighttpd buffers its access log and writes it out now and then, not
# after each request (waiting for that let one run's lines land in the
# next one's count, or in none); SIGHUP, which reopens its logs, writes
# them out at once. The requests of a run are the lines it gained.
log_flush() { kill -HUP "$SRV_PID" && sleep 0.3; }
log_mark() { log_flush; LOG_MARK=$(wc -l <"$SRV/access.log"); }
log_since() { log_flush; tail -n +"$((LOG_MARK + 1))" "$SRV/access.log"; }

sam() { "$SAMORDNE" "$@" >>"$WORK/sync.log" 2>&1; }

# Every device pushes into roots/dev-NN/net/, then all are merged into
# www/net/.
seed_push_all() { # SRV
	for _d in "$DATA"/devices/dev-*.db; do
		_root=$1/roots/$(basename "$_d" .db)/net
		if [ ! -d "$_root" ]; then
			mkdir -p "$_root/heads" "$_root/log" "$_root/snap"
			cp "$1/www/net/FORMAT.json" "$_root/"
			sam --db "$_d" network join "http://127.0.0.1:$SYNC_PORT/roots/$(basename "$_d" .db)/net/" ||
				return 1
		fi
		sam --db "$_d" sync || return 1
	done
	cp -a "$1"/roots/dev-*/net/. "$1/www/net/"
}

sync_seed() {
	_srv=$DATA/server
	if [ -f "$_srv/seeded" ] && [ ! "$_srv/seeded" -ot "$DATA/stamp" ]; then
		return 0
	fi
	echo "bench: writing the sync history to the server (30 devices)…" >&2
	rm -rf "$_srv"
	mkdir -p "$_srv/www/net"
	# Fresh device databases: a half-done earlier seeding may have joined them.
	# shellcheck disable=SC2086
	"$GEN" --seed "$SEED" $GEN_SCALE --only devices "$DATA" >&2 || return 1
	sync_start_server "$_srv"
	_t0=${EPOCHREALTIME%[.,]*}
	_collector=$_srv/collector.db
	sam --db "$_collector" network create "http://127.0.0.1:$SYNC_PORT/www/net/" || return 1
	seed_push_all "$_srv" || return 1
	sam --db "$_collector" sync || return 1
	sam --db "$_collector" sync --snapshot || return 1
	# shellcheck disable=SC2086
	"$GEN" --seed "$SEED" $GEN_SCALE --device-tail "$DATA" >&2 || return 1
	seed_push_all "$_srv" || return 1
	sync_stop_server
	echo "bench: server seeded in $((${EPOCHREALTIME%[.,]*} - _t0)) s" >&2
	touch "$_srv/seeded"
}

# The floor of a run: one curl process that makes the run's PROPFINDs
# and GETs again and PUTs as many bytes as it PUT (to scratch names),
# over one connection. Each transfer is a part of its own ("next"): curl
# pairs the n-th upload-file with the n-th url of its part, so in one part
# the first upload went to the run's first GET — a head of the server's,
# overwritten with zeros.
floor_config() { # LOGLINES FILE
	: >"$2"
	_n=0
	printf '%s\n' "$1" | while read -r _m _path _status _in _out; do
		case $_m in
		GET | PUT | PROPFIND) [ "$_n" = 0 ] || echo next ;;
		esac
		case $_m in
		PROPFIND)
			_n=$((_n + 1))
			printf 'url = "http://127.0.0.1:%s%s"\nrequest = "PROPFIND"\nheader = "Depth: 1"\noutput = "/dev/null"\n' \
				"$SYNC_PORT" "$_path" ;;
		GET)
			_n=$((_n + 1))
			printf 'url = "http://127.0.0.1:%s%s"\noutput = "/dev/null"\n' "$SYNC_PORT" "$_path" ;;
		PUT)
			_n=$((_n + 1))
			head -c "$_in" /dev/zero >"$WORK/floor-$_n"
			printf 'url = "%sfloor/f%s"\nupload-file = "%s"\noutput = "/dev/null"\n' \
				"$URL" "$_n" "$WORK/floor-$_n" ;;
		esac
	done >"$2"
}

requests() { printf '%s\n' "$1" | grep -c .; }
requests_of() { printf '%s\n' "$1" | grep -c "^$2 "; }

# sync_case NAME PRE TARGET_MS TARGET_REQUESTS TARGET_VS_FLOOR: the
# laptop's `samordne sync` after the shell command PRE (untimed, before
# every run): its time, the requests of one run (read from the access
# log), its peak RSS, and the raw floor of the same bytes beside it.
sync_case() {
	_name=$1 _pre=$2
	[ -n "$_pre" ] && sh -c "$_pre"
	log_mark
	sam --db "$LAPTOP" sync
	_log=$(log_since)
	if ! timed ${_pre:+-p "$_pre"} -- "$SAMORDNE" --db "$LAPTOP" sync; then
		absent "$_name" ms "$3" "failed: $T_ERR"
		return 1
	fi
	_ms=$T_MS
	figure "$_name" "$_ms" ms "$3"
	figure "${_name}_requests" "$(requests "$_log")" requests "$4"
	figure "${_name}_propfinds" "$(requests_of "$_log" PROPFIND)" requests
	figure "${_name}_rss" "$(mb "$T_RSS")" MB "<=32"
	floor_config "$_log" "$WORK/floor-$_name.curl"
	[ -s "$WORK/floor-$_name.curl" ] || return 0
	if timed -- curl -s -K "$WORK/floor-$_name.curl"; then
		figure "${_name}_floor" "$T_MS" ms
		figure "${_name}_vs_floor" "$(ratio "$_ms" "$T_MS")" x "$5"
	fi
}

bench_sync() {
	if ! "$SAMORDNE" sync --help >/dev/null 2>&1; then
		for _f in sync_bootstrap sync_nochange sync_push_one; do
			absent "$_f" ms - "not implemented yet (no samordne sync)"
		done
		return
	fi
	if [ ! -x "$LIGHTTPD" ] || [ ! -f "$LIGHTTPD_MODS/mod_webdav.so" ]; then
		peer_missing sync_bootstrap ms - "lighttpd lighttpd-mod-webdav"
		return
	fi
	sync_seed || {
		sync_stop_server
		absent sync_bootstrap ms - "the devices could not write the history: $(tail -n 1 "$WORK/sync.log")"
		return
	}
	sync_start_server "$DATA/server/www"
	curl -s -o /dev/null -X MKCOL "${URL}floor/"

	# A new laptop: joined (untimed), then its first sync.
	_tmpl=$WORK/laptop-joined.db
	LAPTOP=$WORK/laptop.db
	rm -f "$_tmpl"*
	sam --db "$_tmpl" network join "$URL"
	sync_case sync_bootstrap \
		"rm -f '$LAPTOP' '$LAPTOP-wal' '$LAPTOP-shm' && cp '$_tmpl' '$LAPTOP'" - - "<=3" ||
		{ sync_stop_server; return; }
	# Nothing new: the laptop is up to date after its bootstrap.
	sam --db "$LAPTOP" sync
	sync_case sync_nochange "" "<=20" "=1" -
	# One edit pushed: a new organisation (one field) before each run. The
	# history's records hold only the fields its edits touched, so an edit
	# of one of them could be refused as incomplete.
	sync_case sync_push_one \
		"'$SAMORDNE' --db '$LAPTOP' add organisation name=\"Benk \$(date +%s%N)\" >/dev/null" - - -
	sync_stop_server
}
