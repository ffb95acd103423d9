#!/bin/sh
# `sync` and `network` run in samordne-webdav, found beside samordne (a
# build tree) or where it is installed; to a person they are samordne's
# own commands. `sync --status` and `conflicts` need no helper.
# shellcheck source=tests/cli/lib.sh
. "$TESTS_SRCDIR/cli/lib.sh"

no_network="this database is not part of a network yet: run 'samordne network join URL'"

# No network yet: the helper's message, status and silence on stdout.
run 1 sync
err_one_line
err_has "$no_network"
[ -s "$OUT" ] && fail "sync printed on stdout"

run 1 sync --snapshot --progress-fd 3 3>"$T/progress"
err_has "$no_network"

run 2 network join
err_one_line
err_has "network join: give the folder's URL (or set sync_url) (see samordne --help)"

# Bad usage is answered before any helper runs.
run 2 sync --progress-fd 1
err_has "--progress-fd needs a file descriptor number above 2"

ok sync --status
out_has "none (samordne network join URL)"

# samordne alone: the commands that need no server still work, the others
# say which files were looked for.
mkdir "$T/alone"
cp "$SAMORDNE" "$T/alone/samordne"
SAMORDNE=$T/alone/samordne
ok sync --status
out_has "none (samordne network join URL)"
ok conflicts
run 1 sync
grep -qF "$no_network" "$ERR" && skip "a samordne-webdav is installed: the missing-helper check is skipped"
err_one_line
err_has "cannot find the program that talks to the server (looked for $T/alone/samordne-webdav, "
run 1 network create http://127.0.0.1:9/network
err_has "cannot find the program that talks to the server"
exit 0
