"""A segment changed on the server (one byte of an op, or its trailer cut
off) is rejected and reported as damaged; nothing of it, and nothing of
that laptop's later segments, is applied; other laptops' changes still
come in; once the file is whole again, everything arrives."""
import os, shutil, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, check, check_converged, network, sync_all

srv = Server()
tmp = tempfile.mkdtemp(prefix="samordne-tamper.")
a, b, c = network(srv.url, tmp, ["a", "b", "c"])
adev = a.sql("SELECT value FROM local WHERE key = 'dev'")[0][0]
# a's segments 1, 2, 3: one change each
for n, name in enumerate(["Moss", "Rygge", "Råde"]):
    a.run("add", "municipality", "name=" + name, "number=%04d" % (104 + n), want=0)
    a.run("sync", want=0)
c.run("add", "municipality", "name=Våler", "number=0137", want=0)
c.run("sync", want=0)
seg2 = srv.path("log/%s/s-000000000002.seg" % adev)
with open(seg2, "rb") as f:
    whole = f.read()


def names(d):
    return sorted(n for (n,) in d.sql("SELECT name FROM municipality"))


def tampered(damage, label):
    with open(seg2, "wb") as f:
        f.write(damage(whole))
    p = b.run("sync", want=1)
    check("damaged at segment 2" in p.stderr and len(p.stderr.strip().splitlines()) == 1,
          "%s: %r" % (label, p.stderr))
    check(names(b) == ["Moss", "Våler"], "%s: b holds %r" % (label, names(b)))
    st = b.run("sync", "--status", want=0).stdout
    check("parked:" in st and "damaged at segment 2" in st, "%s: %s" % (label, st))
    # Still rejected on the next run; nothing is skipped.
    b.run("sync", want=1)
    check(names(b) == ["Moss", "Våler"], "%s: b skipped ahead: %r" % (label, names(b)))


# one byte of an op's value: "Rygge" -> "Rygga"
tampered(lambda s: s.replace(b'"Rygge"', b'"Rygga"'), "a byte changed")
# the trailer cut off
tampered(lambda s: s[: s.rstrip(b"\n").rfind(b"\n") + 1], "the trailer cut")
# a and c are not held up by it
c.run("set", "Våler", "note=videre", want=0)
sync_all([c, a], 1)
check(names(a) == names(c) == ["Moss", "Rygge", "Råde", "Våler"], "a or c held up")
# Whole again: b gets everything and is not parked any more.
with open(seg2, "wb") as f:
    f.write(whole)
sync_all([b, a, c])
check_converged([a, b, c], a.ops() | b.ops() | c.ops())
check("parked:" not in b.run("sync", "--status", want=0).stdout, "b still parked")
shutil.rmtree(tmp)
print("ok")
