"""Every failure names its cause in one line, changes nothing local, and
is not retried when retrying cannot help: no access (403), a wrong URL
(404 on FORMAT.json, or a 3xx), the server full (507: pushing stops, the
changes stay local, others' changes still come in), a certificate
problem, a DNS failure, a timeout, and offline or the server down (exit
status 3). Wrong passwords (401) are in auth.py."""
import os, shutil, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Device, Proxy, Server, check, check_converged, free_port, network

srv = Server()
proxy = Proxy(srv)
tmp = tempfile.mkdtemp(prefix="samordne-errors.")
faults = proxy.faults
a, b = network(proxy.url, tmp, ["a", "b"])
a.run("add", "municipality", "name=Moss", "number=0104", want=0)
a.run("sync", want=0)
b.run("sync", want=0)


def state(d):
    """Everything a failed sync must leave alone."""
    return (d.dump(), d.ops(), d.sql("SELECT dev, seg, sha256, verified FROM sync_outbox"),
            d.sql("SELECT * FROM sync_device"), d.sql("SELECT * FROM sync_network"))


def fails(d, want, cause, *args):
    """A sync (or args) that ends with exit status want and one line
    holding cause, leaving d as it was."""
    before = state(d)
    p = d.run(*(args or ("sync",)), want=want)
    lines = p.stderr.strip().splitlines()
    check(len(lines) == 1 and cause in lines[0], "%s: %r" % (cause, p.stderr))
    check(state(d) == before, "%s changed the database" % cause)
    return lines[0]


def count(status):
    return sum(1 for (_, _, s) in faults.log if s == status)


# No access: 403 is said once and never retried.
faults.reset()
faults.add("status:403", "PROPFIND", "/heads/", times=10)
fails(a, 1, "(403)")
check(count(403) == 1, "403 was retried: %r" % faults.log)
faults.reset()

# A wrong URL: a folder without FORMAT.json, and a server that sends us on.
c = Device(tmp, "c")
c.run("add", "municipality", "name=Råde", "number=0135", want=0)
fails(c, 1, "FORMAT.json is missing", "network", "join", proxy.url.replace("/net/", "/nett/"))
faults.reset()
faults.add("status:301", "GET", "FORMAT.json", times=10)
line = fails(c, 1, "(301)", "network", "join", proxy.url)
check("/elsewhere/" in line and count(301) == 1, line)
faults.add("status:302", "PROPFIND", "/heads/", times=10)
fails(a, 1, "(302)")
check(count(302) == 1, "a 3xx was retried")
faults.reset()

# The server full: a's change stays local and is said to; b's still come in.
a.run("set", "Moss", "county=Østfold", want=0)
b.run("add", "municipality", "name=Rygge", "number=0136", want=0)
b.run("sync", want=0)
faults.reset()
faults.add("status:507", "PUT", "/log/", times=10)
p = a.run("sync", want=1)
check("full (507)" in p.stderr and count(507) == 1, p.stderr)
faults.reset()
check(a.sql("SELECT count(*) FROM municipality WHERE name = 'Rygge'") == [(1,)],
      "b's change did not come in while the server was full")
check("not pushed:   0" not in a.run("sync", "--status", want=0).stdout, "nothing left to push?")
a.run("sync", want=0)
b.run("sync", want=0)
check_converged([a, b])

# A timeout: the server accepts the connection and then says nothing.
faults.reset()
faults.add("delay:8", "PROPFIND")
before = state(a)
p = a.run("sync", env={"SAMORDNE_SYNC_LOW_SPEED_TIME": "1"}, want=3)
check(len(p.stderr.strip().splitlines()) == 1 and "did not answer in time" in p.stderr, p.stderr)
check(state(a) == before, "a timeout changed the database")

# DNS: a name that cannot exist.
a.sql("UPDATE sync_network SET url = 'https://samordne.invalid/net/'")
fails(a, 3, "(DNS)")

# Offline, or the server down: nothing listens there.
a.sql("UPDATE sync_network SET url = ?", "http://127.0.0.1:%d/net/" % free_port())
fails(a, 3, "offline")
a.sql("UPDATE sync_network SET url = ?", proxy.url)

# A certificate no one vouches for; with it as ca_file, the same server works.
tls = Server(tls=True)
d = Device(tmp, "d")
d.run("add", "municipality", "name=Våler", "number=0137", want=0)
fails(d, 1, "certificate problem", "network", "create", tls.url)
os.makedirs(os.path.join(d.home, ".config", "samordne"))
with open(os.path.join(d.home, ".config", "samordne", "config"), "w") as f:
    f.write('set ca_file "%s"\n' % tls.cert)
d.run("network", "create", tls.url, want=0)
d.run("sync", want=0)
tls.stop()
shutil.rmtree(tmp)
print("ok")
