"""Two laptops change Moss's 2016 figure differently offline, sync, and both
show the same winner and the conflict; a third laptop joining later (from a
snapshot and later segments) ends identical; deletes and edits of a deleted
record resolve the same everywhere; offline and wrong URLs are reported."""
import os, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Device, check

srv = Server()
tmp = tempfile.mkdtemp(prefix="samordne-conflict.")
a, b, c = Device(tmp, "a"), Device(tmp, "b"), Device(tmp, "c")

a.run("network", "create", srv.url, want=0)
# create refuses a folder that holds a network; join of a folder without one fails
p = b.run("network", "create", srv.url, want=1)
check("already holds" in p.stderr, p.stderr)
os.makedirs(srv.path("../empty"))
p = b.run("network", "join", srv.url.replace("/net/", "/empty/"), want=1)
check("FORMAT.json is missing" in p.stderr, p.stderr)
b.run("network", "join", srv.url, want=0)

a.run("add", "municipality", "name=Moss", "number=0104", "county=Østfold", want=0)
sid = a.run("add", "settlement", "municipality=Moss", "year=2016", "decided=10", want=0).stdout.strip()
a.run("sync", want=0)
b.run("sync", want=0)
a.run("set", sid, "decided=47", want=0)
b.run("set", sid, "decided=52", want=0)
for d in (a, b, a):
    d.run("sync", want=0)
check(a.dump() == b.dump(), "a and b differ after sync")
ca, cb = a.run("conflicts", want=0).stdout, b.run("conflicts", want=0).stdout
check(ca == cb and "decided" in ca and "47" in ca and "52" in ca, "conflicts: %r / %r" % (ca, cb))
won = a.sql("SELECT decided FROM settlement WHERE id = ?", sid)[0][0]
check(won in (47, 52) and won == b.sql("SELECT decided FROM settlement WHERE id = ?", sid)[0][0],
      "winner")

# A delete on one laptop and an edit of the deleted record on the other.
cid = a.run("add", "contact", "name=Silje Hobbel", "municipality=Moss", want=0).stdout.strip()
a.run("sync", want=0)
b.run("sync", want=0)
a.run("delete", cid, want=0)
b.run("set", cid, "phone=69 00 00 00", want=0)
for d in (b, a, b):
    d.run("sync", want=0)
check(a.dump() == b.dump(), "a and b differ after delete/edit")
check(a.sql("SELECT deleted FROM contact WHERE id = ?", cid) == [(1,)], "the delete holds")

# A snapshot, later segments, and a third laptop that joins.
a.run("sync", "--snapshot", want=0)
check(any(n.endswith(".snap") for n in os.listdir(srv.path("snap"))), "no snapshot written")
b.run("set", sid, "settled=5", want=0)
b.run("sync", want=0)
c.run("network", "join", srv.url, want=0)
c.run("sync", want=0)
a.run("sync", want=0)
b.run("sync", want=0)
check(a.dump() == b.dump() == c.dump(), "the third laptop differs")
check(c.run("conflicts").stdout == ca, "the third laptop's conflicts differ")

# Status, and the status bar's facts.
st = a.run("sync", "--status", want=0).stdout
check("laptop-b" in st and "not pushed:   0" in st, st)

# Progress lines for the full-screen program.
r, w = os.pipe()
import subprocess
p = subprocess.run([os.environ["SAMORDNE"], "--db", a.db, "sync", "--progress-fd", str(w)],
                   env=a.env, pass_fds=(w,), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
os.close(w)
lines = os.read(r, 65536).decode().splitlines()
check(p.returncode == 0 and lines and lines[-1].startswith("done pushed="), lines)

# Offline: one line, exit 3, nothing changes.
before = a.dump()
a.sql("UPDATE sync_network SET url = 'http://127.0.0.1:1/net/'")
p = a.run("sync", want=3)
check(len(p.stderr.strip().splitlines()) == 1 and "offline" in p.stderr, p.stderr)
check(a.dump() == before, "offline changed data")
# A wrong URL: 404 on heads/.
a.sql("UPDATE sync_network SET url = ?", srv.url.replace("/net/", "/nothing/"))
p = a.run("sync", want=1)
check("404" in p.stderr, p.stderr)
print("ok")
