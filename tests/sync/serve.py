"""For the shell tests: a private lighttpd + mod_webdav (harness.Server)
with the fault proxy in front, kept up until this process is signalled or
its parent goes away. Prints two lines, the server's folder URL and the
proxy's, then waits. --delay S slows every request through the proxy by
S seconds (a sync slow enough to watch). Exit 77 if lighttpd is missing."""
import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Proxy

delay = 0.0
if len(sys.argv) == 3 and sys.argv[1] == "--delay":
    delay = float(sys.argv[2])
elif len(sys.argv) != 1:
    sys.exit("usage: serve.py [--delay SECONDS]")

srv = Server()
proxy = Proxy(srv)
if delay > 0:
    proxy.faults.take = lambda method, path: "delay:%g" % delay
print(srv.url, flush=True)
print(proxy.url, flush=True)
parent = os.getppid()
deadline = time.time() + 600  # never outlive a test by much
while os.getppid() == parent and time.time() < deadline:
    time.sleep(0.2)
