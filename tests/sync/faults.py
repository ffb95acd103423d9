"""A proxy between the laptops and lighttpd answers 500/503/423/429 (with
Retry-After), cuts the connection after a few bytes, truncates a body,
answers 200 text/html for a missing file, delays, stores half of an
upload, or refuses a size (413), on the requests of push and pull (and
lighttpd itself answers 409 to a first upload: the folders are made). The
client never applies a bad segment, never loses an op, and completes on
the next run. Also: Retry-After is honoured, and a database restored
from a copy (a segment name already taken by other bytes: 412) goes on as
a new device without losing either copy's changes."""
import os, shutil, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Device, Proxy, Server, check, check_converged, network, server_ops,
                     sync_all, SAMORDNE)

srv = Server()
proxy = Proxy(srv)
faults = proxy.faults
faults.retry_after = "0"  # backoff, not Retry-After, except where tested
tmp = tempfile.mkdtemp(prefix="samordne-faults.")
a, b = network(proxy.url, tmp, ["a", "b"])
a.run("add", "municipality", "name=Moss", "number=0104", want=0)
faults.reset()
sync_all([a, b], 1)
# A first upload into a folder that is not there yet (409): MKCOL, again.
answers = [(m, s) for (m, p, s) in faults.log if m in ("PUT", "MKCOL") and "/log/" in p]
check(answers[0] == ("PUT", 409) and ("MKCOL", 201) in answers and
      answers.index(("PUT", 201)) > answers.index(("MKCOL", 201)), "409: %r" % answers)
made = a.ops() | b.ops()

ACTIONS = ["status:500", "status:503", "status:423", "status:429", "drop:40", "truncate",
           "html404", "delay:0.3", "cutput"]
# (method, path part): a's upload and head, b's listing, head and segment.
TARGETS = [("PUT", "/log/"), ("PUT", "/heads/"), ("PROPFIND", "/heads/"), ("GET", "/heads/"),
           ("GET", "/log/")]

n = 0
for action in ACTIONS:
    for method, path in TARGETS:
        if (action == "cutput") != (method == "PUT") or (action == "html404" and method != "GET"):
            continue
        # Once (retried within the run); on every attempt (the run fails,
        # the next completes) where it matters: segments and the listing.
        every = "/log/" in path or method == "PROPFIND"
        for times in (1, 10) if every and not action.startswith("delay") else (1,):
            n += 1
            a.run("set", "Moss", "note=%d" % n, want=0)
            made |= a.ops()
            who = a if method == "PUT" else b
            if who is b:
                a.run("sync", want=0)
            faults.reset()
            faults.add(action, method, path, times)
            p = who.run("sync")
            what = "%s on %s %s x%d" % (action, method, path, times)
            check(p.returncode in (0, 1, 3), "%s: exit %d %s" % (what, p.returncode, p.stderr))
            if p.returncode:
                check(len(p.stderr.strip().splitlines()) == 1, "%s: %s" % (what, p.stderr))
            if action == "cutput" and method == "PUT" and path == "/log/" and times > 1:
                check("does not keep" in p.stderr, "%s: %s" % (what, p.stderr))
            # Never a bad op: every op b holds is one a made.
            check(b.ops() <= made, "%s: b holds an op no one made" % what)
            # The next run completes.
            faults.reset()
            if p.returncode:
                who.run("sync", want=0)
    sync_all([a, b], 1)
    check_converged([a, b], made)
print("faults ok:", n)

# Retry-After is honoured (and the wait shown to the full-screen program).
a.run("set", "Moss", "note=retry-after", want=0)
faults.reset()
faults.retry_after = "2"
faults.add("status:503", "PUT", "/log/")
r, w = os.pipe()
t0 = time.time()
p = subprocess.run([SAMORDNE, "--db", a.db, "sync", "--progress-fd", str(w)], env=a.env,
                   pass_fds=(w,), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
os.close(w)
lines = os.read(r, 65536).decode().splitlines()
os.close(r)
check(p.returncode == 0 and "progress waiting 2000" in lines and time.time() - t0 >= 2,
      "Retry-After: %r %s" % (lines, p.stderr))
faults.retry_after = "0"

# 413: the server refuses the size; the ops are sealed again, smaller.
a.run("set", "Moss", "note=smaller", want=0)
faults.reset()
faults.add("status:413", "PUT", "/log/")
a.run("sync", want=0)
check(a.sql("SELECT value FROM local WHERE key = 'seal_max_bytes'") == [(512 * 1024,)],
      "not re-sealed smaller after 413")
sync_all([b, a], 1)
check_converged([a, b], a.ops() | made)

# A restored copy of a: both go on editing; the copy's first upload meets
# a's segment under the same name (412) and it becomes a new device.
a2 = Device(tmp, "a2")
a.copy_to(a2)
a.run("set", "Moss", "county=Østfold", want=0)
a2.run("add", "municipality", "name=Rygge", "number=0136", want=0)
made = a.ops() | a2.ops() | b.ops()
a.run("sync", want=0)
p = a2.run("sync", want=0)
check("another copy of this database" in p.stderr, p.stderr)
check(a2.sql("SELECT value FROM local WHERE key = 'dev'") !=
      a.sql("SELECT value FROM local WHERE key = 'dev'"), "the copy kept a's device id")
sync_all([a, a2, b])
check_converged([a, a2, b], made)
server_ops(srv)
shutil.rmtree(tmp)
print("ok")
