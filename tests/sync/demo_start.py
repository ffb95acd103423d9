"""Two laptops that both start from the demo network (samordne demo-db)
and then join one network: a change of a demo value on one laptop is no
conflict, since the demo's ops were on both laptops before either synced;
two changes of the same field made offline on both laptops still are."""
import os, subprocess, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import SAMORDNE, Server, Device, check

srv = Server()
tmp = tempfile.mkdtemp(prefix="samordne-demostart.")
a, b = Device(tmp, "a"), Device(tmp, "b")
for d in (a, b):
    subprocess.run([SAMORDNE, "demo-db", d.db], env=d.env, check=True, timeout=60)
a.run("network", "create", srv.url, want=0)
b.run("network", "join", srv.url, want=0)
for d in (a, b):
    d.run("sync", want=0)

csv = a.run("list", "settlements", "--municipality", "Moss", "--year", "2016", "--format", "csv",
            want=0).stdout.splitlines()
sid = csv[1].rsplit(",", 1)[1]

a.run("set", sid, "decided=50", want=0)
for d in (a, b, a):
    d.run("sync", want=0)
check(b.sql("SELECT decided FROM settlement WHERE id = ?", sid) == [(50,)], "b did not get 50")
for d in (a, b):
    out = d.run("conflicts", want=0).stdout
    check("50" not in out and "47" not in out, "%s lists a conflict with the demo: %r" % (d.name, out))

a.run("set", sid, "decided=51", want=0)
b.run("set", sid, "decided=52", want=0)
for d in (a, b, a):
    d.run("sync", want=0)
ca, cb = a.run("conflicts", want=0).stdout, b.run("conflicts", want=0).stdout
check(ca == cb and "51" in ca and "52" in ca, "the real conflict: %r / %r" % (ca, cb))
check("47" not in ca and "50" not in ca, "older values listed as conflicts: %r" % ca)
print("ok")
