"""A new laptop joins a network that has a snapshot and later segments:
it loads the snapshot, fetches only the segments after it, and ends
identical to the others (conflicts and deletes included)."""
import os, re, shutil, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Device, Proxy, Server, check, check_converged, network, sync_all

srv = Server()
proxy = Proxy(srv)
tmp = tempfile.mkdtemp(prefix="samordne-join.")
a, b = network(proxy.url, tmp, ["a", "b"])
for n, name in enumerate(["Moss", "Rygge", "Råde", "Våler"]):
    (a if n % 2 else b).run("add", "municipality", "name=" + name, "number=%04d" % (104 + n),
                            want=0)
    sync_all([a, b], 1)
a.run("set", "Moss", "note=fra a", want=0)
b.run("set", "Moss", "note=fra b", want=0)
b.run("delete", "Råde", want=0)
sync_all([a, b])
a.run("sync", "--snapshot", want=0)
check([n for n in os.listdir(srv.path("snap")) if n.endswith(".snap")], "no snapshot")
# Later segments, after the snapshot.
b.run("set", "Rygge", "county=Østfold", want=0)
a.run("add", "municipality", "name=Sarpsborg", "number=0105", want=0)
sync_all([a, b], 1)

c = Device(tmp, "c")
c.run("network", "join", proxy.url, want=0)
proxy.faults.reset()
c.run("sync", want=0)
got = [p for (m, p, s) in proxy.faults.log if m == "GET"]
check(any(p.endswith(".snap") for p in got), "c did not load the snapshot: %r" % got)
cdev = c.sql("SELECT value FROM local WHERE key = 'dev'")[0][0]
# (c's own upload is read back to verify it)
segs = [int(m.group(2)) for p in got for m in [re.search(r"/log/(\w+)/s-(\d+)\.seg$", p)]
        if m and m.group(1) != cdev]
check(segs and 1 not in segs, "c fetched segments the snapshot covers: %r" % got)
sync_all([a, b, c])
check_converged([a, b, c], a.ops() | b.ops())
check(a.run("conflicts").stdout == c.run("conflicts").stdout != "", "conflicts differ")
shutil.rmtree(tmp)
print("ok")
