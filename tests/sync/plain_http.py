"""Plain http is refused for any address but loopback, since the password
and the network's data would cross the network unencrypted; the config's
allow_plain_http lets a county use it on purpose. A refused URL changes
nothing in the database."""
import os, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Device, check

tmp = tempfile.mkdtemp(prefix="samordne-plain.")
a = Device(tmp, "a")
a.run("add", "municipality", "name=Moss", "number=0104", want=0)
before = open(a.db, "rb").read()

p = a.run("network", "join", "http://samordne.invalid/net/", want=1)
lines = p.stderr.strip().splitlines()
check(len(lines) == 1 and "unencrypted" in lines[0] and "allow_plain_http" in lines[0], p.stderr)
check(open(a.db, "rb").read() == before, "a refused URL changed the database")

os.makedirs(a.home + "/.config/samordne", exist_ok=True)
with open(a.home + "/.config/samordne/config", "w") as f:
    f.write("set allow_plain_http yes\n")
p = a.run("network", "join", "http://samordne.invalid/net/")
check(p.returncode != 0 and "unencrypted" not in p.stderr,
      "allow_plain_http did not let the request go: %d %s" % (p.returncode, p.stderr))
print("ok")
