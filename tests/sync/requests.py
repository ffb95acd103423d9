"""The requests a sync makes (SYNC.md: "A sync that changes nothing costs
one PROPFIND plus a GET per changed head"): nothing new is exactly the
PROPFIND of heads/; one edit pushed is that listing, the upload, its
check and our head; one received is the listing, the head that changed,
the segment and our head. Also without ETags (length and time stand in).
Heads are hints: a head that changed behind a listing that looks
unchanged is fetched by the periodic full check, and its change arrives
then."""
import os, re, shutil, sys, tempfile, time, urllib.request
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Proxy, Server, check, network, sync_all

srv = Server()
proxy = Proxy(srv)
faults = proxy.faults
tmp = tempfile.mkdtemp(prefix="samordne-requests.")
a, b = network(proxy.url, tmp, ["a", "b"])
sync_all([a, b])
HEADS = "/net/heads/"


def requests(dev):
    """(method, path) of each request of dev's sync."""
    faults.reset()
    dev.run("sync", want=0)
    return [(m, p) for (m, p, s) in faults.log]


def dev_id(dev):
    return dev.sql("SELECT value FROM local WHERE key = 'dev'")[0][0]


def has_org(dev, name):
    return dev.sql("SELECT count(*) FROM organisation WHERE name = ? AND deleted = 0",
                   name)[0][0] == 1


def listed_etag(name):
    """The ETag lighttpd lists for heads/NAME (asked directly, not through
    the proxy)."""
    req = urllib.request.Request(srv.url + "heads/", method="PROPFIND", headers={
        "Depth": "1", "Content-Type": "application/xml; charset=utf-8"})
    body = urllib.request.urlopen(req, timeout=10).read().decode()
    m = re.search(r"heads/%s</D:href>.*?<D:getetag>([^<]*)</D:getetag>" % re.escape(name), body,
                  re.S)
    check(m, "no ETag listed for %s" % name)
    return m.group(1)


adev, bdev = dev_id(a), dev_id(b)


def settle():
    """Without ETags a head's time tells only once its second is over."""
    if faults.no_etags:
        time.sleep(1.1)


def nothing_new(what):
    settle()
    for d in (a, b):
        got = requests(d)
        check(got == [("PROPFIND", HEADS)], "%s, nothing new%s: %r" % (d.name, what, got))


def one_edit(name, what):
    a.run("add", "organisation", "name=" + name, want=0)
    got = requests(a)
    check(len(got) == 4 and got[0] == ("PROPFIND", HEADS) and got[1][0] == "PUT" and
          got[1][1].startswith("/net/log/%s/s-" % adev) and got[2] == ("GET", got[1][1]) and
          got[3] == ("PUT", HEADS + adev + ".json"), "a pushes one edit%s: %r" % (what, got))
    seg = got[1][1]
    settle()
    got = requests(b)
    check(got == [("PROPFIND", HEADS), ("GET", HEADS + adev + ".json"), ("GET", seg),
                  ("PUT", HEADS + bdev + ".json")], "b receives one edit%s: %r" % (what, got))
    check(has_org(b, name), "b lacks %s" % name)
    # a sees b's head change once.
    settle()
    got = requests(a)
    check(got == [("PROPFIND", HEADS), ("GET", HEADS + bdev + ".json")],
          "a, b's head changed%s: %r" % (what, got))
    nothing_new(what)


nothing_new("")
one_edit("Benk 1", "")

# A head that changed behind a listing that looks unchanged (a server may
# reuse an ETag): a takes the new listing for the head it has seen.
b.run("add", "organisation", "name=Benk 2", want=0)
b.run("sync", want=0)
a.sql("UPDATE sync_device SET head_etag = ? WHERE dev = ?", listed_etag(bdev + ".json"), bdev)
got = requests(a)
check(got == [("PROPFIND", HEADS)], "a, the head looks unchanged: %r" % got)
check(not has_org(a, "Benk 2"), "a fetched b's change without its head")
# The periodic full check is due (an hour later).
a.sql("UPDATE local SET value = value - 3600 * 1000 WHERE key = 'full_check_ms'")
got = requests(a)
check(("GET", HEADS + bdev + ".json") in got and ("PROPFIND", "/net/log/") in got,
      "a's full check: %r" % got)
check(has_org(a, "Benk 2"), "the full check did not bring b's change")
sync_all([a, b], 1)

# A server without ETags: every head is fetched once (nothing to compare
# yet), then length and time say it did not change.
faults.no_etags = True
settle()
for d in (a, b):
    d.run("sync", want=0)
nothing_new(" without ETags")
one_edit("Benk 3", " without ETags")

shutil.rmtree(tmp)
print("ok")
