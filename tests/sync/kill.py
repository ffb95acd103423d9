"""A sync killed with SIGKILL at each step of push and pull (after
sealing, before and after the upload, before and after the bookkeeping,
before and after a pulled segment's commit) loses nothing and doubles
nothing once it is run again: every op made is on every laptop, and the
server holds each op exactly once, numbered without gaps."""
import os, shutil, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, check, check_converged, network, server_ops, sync_all

PUSH = ["push-after-seal", "push-before-upload", "push-after-upload",
        "push-before-bookkeeping", "push-after-bookkeeping"]
PULL = ["pull-before-commit", "pull-after-commit"]

srv = Server()
for point in PUSH + PULL:
    srv.clear()
    tmp = tempfile.mkdtemp(prefix="samordne-kill.")
    a, b = network(srv.url, tmp, ["a", "b"])
    a.run("add", "municipality", "name=Moss", "number=0104", want=0)
    b.run("add", "municipality", "name=Rygge", "number=0136", want=0)
    b.run("sync", want=0)
    # a's sync pushes a's ops and pulls b's: both halves meet the point.
    a.killed_at(point, "sync")
    # Work goes on after the crash; the next sync carries it too.
    a.run("set", "Moss", "county=Østfold", want=0)
    a.run("sync", want=0)
    sync_all([b, a])
    made = a.ops() | b.ops()
    check_converged([a, b], made)
    on_server = server_ops(srv)
    check(len(on_server) == len(made), "%s: %d ops on the server, %d made" % (
        point, len(on_server), len(made)))
    # Killed twice in a row at the same point, with nothing new: still whole.
    b.run("set", "Rygge", "note=to", want=0)
    if point in PUSH:
        b.killed_at(point, "sync")
    sync_all([b, a])
    check_converged([a, b], made | b.ops())
    server_ops(srv)
    shutil.rmtree(tmp)
    print("ok", point)
print("ok")
