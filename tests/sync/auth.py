"""Basic auth on lighttpd: wrong credentials give the clear message, are
sent once (never retried in a loop) and change nothing; the right ones
work from a test .netrc, from a config file of mode 0600, and from a
password_command; a config file others may read must not hold one."""
import os, shutil, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Device, Proxy, Server, check, check_converged

USER, PASSWORD = "kari", "riktig-hest.7"
srv = Server(auth=(USER, PASSWORD))
proxy = Proxy(srv)
faults = proxy.faults
tmp = tempfile.mkdtemp(prefix="samordne-auth.")


def netrc(d, password):
    path = os.path.join(d.home, "netrc")
    with open(path, "w") as f:
        f.write("machine 127.0.0.1 login %s password %s\n" % (USER, password))
    os.chmod(path, 0o600)
    d.env["SAMORDNE_NETRC"] = path


def config(d, text, mode=0o600):
    folder = os.path.join(d.home, ".config", "samordne")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "config")
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def state(d):
    return (d.dump(), d.ops(), d.sql("SELECT * FROM sync_network"),
            d.sql("SELECT dev, seg, verified FROM sync_outbox"))


def refused(d, *args):
    """Wrong credentials: one line saying so, one request, nothing changed."""
    faults.reset()
    before = state(d)
    p = d.run(*args, want=1)
    lines = p.stderr.strip().splitlines()
    check(len(lines) == 1 and "wrong user name or password" in lines[0] and "(401)" in lines[0],
          p.stderr)
    answers = [s for (_, _, s) in faults.log]
    check(answers == [401], "401 retried or not the only answer: %r" % faults.log)
    check(state(d) == before, "a refused %s changed the database" % args[0])


a, b, c, e = (Device(tmp, n) for n in "abce")
for d in (a, b, c, e):
    d.run("add", "municipality", "name=M" + d.name, "number=01%02d" % (ord(d.name[0]) - 90), want=0)
# a: wrong, then right, in ~/.netrc (a test one via $SAMORDNE_NETRC)
netrc(a, "feil")
refused(a, "network", "create", proxy.url)
netrc(a, PASSWORD)
a.run("network", "create", proxy.url, want=0)
a.run("sync", want=0)
netrc(a, "feil")
refused(a, "sync")
netrc(a, PASSWORD)
# b: the password in a config file only its owner can read
config(b, 'set sync_user %s\nset password "%s"\n' % (USER, PASSWORD), mode=0o644)
p = b.run("network", "join", proxy.url)
check(p.returncode != 0 and "chmod 600" in p.stderr, "a readable config with a password: %r" % p.stderr)
config(b, 'set sync_user %s\nset password "wrong"\n' % USER)
refused(b, "network", "join", proxy.url)
config(b, 'set sync_user %s\nset password "%s"\n' % (USER, PASSWORD))
b.run("network", "join", proxy.url, want=0)
# c: a password_command
config(c, 'set sync_user %s\nset password_command "echo %s"\n' % (USER, PASSWORD), mode=0o644)
c.run("network", "join", proxy.url, want=0)
# e: no credentials at all is a 401 too
refused(e, "network", "join", proxy.url)
for d in (a, b, c, a, b):
    d.run("sync", want=0)
check_converged([a, b, c])
srv.stop()
shutil.rmtree(tmp)
print("ok")
