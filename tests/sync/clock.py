"""A laptop whose clock is 3 hours ahead (an injected clock) still
converges with the others: it is told its clock is off, the others flag
it in `sync --status`, its future-stamped changes are applied everywhere
(never dropped, never stalling sync), and the others' own clocks are not
dragged into the future by its stamps. A laptop whose clock says 2019 is
flagged too, and converges."""
import os, re, shutil, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Device, Server, check, check_converged, sync_all

HOURS3 = 3 * 3600 * 1000
srv = Server()
tmp = tempfile.mkdtemp(prefix="samordne-clock.")
ahead = str(int(time.time() * 1000) + HOURS3)
a = Device(tmp, "a", env={"SAMORDNE_NOW": ahead})
b, c = Device(tmp, "b"), Device(tmp, "c")
old = Device(tmp, "old", env={"SAMORDNE_NOW": "2019-06-01T12:00:00Z"})
a.run("add", "municipality", "name=Moss", "number=0104", want=0)
a.run("network", "create", srv.url, want=0)
b.run("network", "join", srv.url, want=0)
p = a.run("sync", want=0)
# (179: the clock has run on a little since it was set)
check(re.search(r"clock is 1(79|80) minutes ahead of the server's", p.stderr),
      "a not warned: %r" % p.stderr)
b.run("sync", want=0)
# Concurrent edits: a's stamp is hours ahead, so a's value wins everywhere.
a.run("set", "Moss", "note=fra a", want=0)
b.run("set", "Moss", "note=fra b", "county=Østfold", want=0)
sync_all([a, b])
c.run("network", "join", srv.url, want=0)
old.run("network", "join", srv.url, want=0)
old.run("add", "municipality", "name=Rygge", "number=0136", want=0)
sync_all([c, old, a, b])
check_converged([a, b, c, old], a.ops() | b.ops() | c.ops() | old.ops())
check(b.sql("SELECT note, county FROM municipality WHERE name = 'Moss'") == [("fra a", "Østfold")], "the winner")
adev = a.sql("SELECT value FROM local WHERE key = 'dev'")[0][0]
for d in (b, c):
    st = d.run("sync", "--status", want=0).stdout
    lines = st.splitlines()
    at = [i for i, l in enumerate(lines) if adev in l]
    check(at and "note:" in lines[at[0] + 1] and "ahead" in lines[at[0] + 1],
          "%s does not flag a: %s" % (d.name, st))
    odev = old.sql("SELECT value FROM local WHERE key = 'dev'")[0][0]
    at = [i for i, l in enumerate(lines) if odev in l]
    check(at and "behind" in lines[at[0] + 1], "%s does not flag old: %s" % (d.name, st))
    # Receiving future stamps does not move the others' clocks.
    own = d.sql("SELECT max(hlc) FROM op WHERE dev = (SELECT value FROM local WHERE key = 'dev')")
    check((own[0][0] >> 16) < time.time() * 1000 + 10 * 60 * 1000, "%s stamps in the future" % d.name)
shutil.rmtree(tmp)
print("ok")
