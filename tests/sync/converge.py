"""Randomised convergence with a fixed seed: 200 scenarios of 3–5 laptops
making random adds, edits and deletes and syncing in random order, some
syncs through injected faults (the proxy's random 5xx/423/429, cut
connections, truncated bodies, HTML for missing files, delays) and some
killed with SIGKILL at a random step of push or pull. After every laptop
has synced twice without faults, all hold the same state and the same
ops, every op made is among them, and the server holds each op once.

The scenarios run in two processes (one lighttpd and proxy each) to use
both cores. Starting a laptop and joining are tested elsewhere: here each
laptop starts as a copy of a new database with its own random device id,
and a joining laptop's network row is written directly, which saves two
runs of samordne per laptop. A failing scenario prints its number;
SAMORDNE_CONVERGE_ONLY=N reruns just it."""
import os, random, shutil, signal, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Device, Proxy, Server, check, check_converged, server_ops)

SEED = 4


def sanitized():
    """Whether the binary is built with AddressSanitizer."""
    try:
        with open(os.environ.get("SAMORDNE", ""), "rb") as f:
            return b"libasan" in f.read()
    except OSError:
        return False


# Under ASan every run of samordne costs ~4x (about 11 minutes for 200
# scenarios on 2 busy cores): that build runs 60, which still reach every
# fault and kill point, for memory errors; the 200 run in the others.
SCENARIOS = int(os.environ.get("SAMORDNE_CONVERGE_SCENARIOS", 60 if sanitized() else 200))
PARTS = 2
KILL_POINTS = ["push-after-seal", "push-before-upload", "push-after-upload",
               "push-before-bookkeeping", "push-after-bookkeeping", "pull-before-commit",
               "pull-after-commit"]
TMP_BASE = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None  # no fsync cost


def municipalities(d):
    return [r for (r,) in d.sql("SELECT id FROM municipality WHERE deleted = 0 ORDER BY id")]


class Scenario:
    def __init__(self, srv, proxy, template, i):
        self.srv, self.proxy, self.template, self.i = srv, proxy, template, i
        self.rng = random.Random(SEED * 100003 + i)
        self.made = set()
        self.number = 100

    def edit(self, d):
        rng = self.rng
        ids = municipalities(d)
        what = "add" if not ids else rng.choice(["add", "set", "set", "delete"])
        if what == "add":
            self.number += 1
            d.run("add", "municipality", "name=K%d" % self.number, "number=%04d" % self.number,
                  want=0)
        elif what == "set":
            fields = rng.sample(["note=n%d" % rng.randint(0, 9), "county=c%d" % rng.randint(0, 9),
                                 "name=N%d" % rng.randint(0, 99)], rng.randint(1, 2))
            d.run("set", rng.choice(ids), *fields, want=0)
        else:
            d.run("delete", rng.choice(ids), want=0)
        self.made |= d.ops()

    def sync(self, d):
        rng, faults = self.rng, self.proxy.faults
        roll = rng.random()
        # A random kill point (one this sync may not reach: nothing to pull).
        env = {"SAMORDNE_TEST_KILL_AT": rng.choice(KILL_POINTS)} if roll < 0.2 else None
        faults.rate = 0.3 if 0.2 <= roll < 0.5 else 0.0
        p = d.run("sync", env=env)
        faults.rate = 0.0
        check(p.returncode in (0, 1, 3, -signal.SIGKILL), "%s: sync exited %d: %s" % (
            d.name, p.returncode, p.stderr))
        self.made |= d.ops()  # its device record, made at its first sync

    def run(self):
        rng, srv = self.rng, self.srv
        srv.clear()
        self.proxy.faults.reset()
        self.proxy.faults.rng = random.Random(self.i)
        tmp = tempfile.mkdtemp(prefix="samordne-converge.", dir=TMP_BASE)
        try:
            devs = [Device(tmp, "d%d" % k) for k in range(rng.randint(3, 5))]
            for d in devs:
                self.template.copy_to(d)
                d.sql("UPDATE local SET value = ? WHERE key = 'dev'", "%016x" % rng.getrandbits(64))
            devs[0].run("network", "create", self.proxy.url, want=0)
            net = devs[0].sql("SELECT ws, url FROM sync_network")[0]
            for d in devs[1:]:
                d.sql("INSERT INTO sync_network (id, ws, url) VALUES (1, ?, ?)", *net)
            self.edit(devs[0])
            for _ in range(rng.randint(3, len(devs) + 2)):
                d = rng.choice(devs)
                if rng.random() < 0.5:
                    self.edit(d)
                else:
                    self.sync(d)
            # Without faults the proxy is only overhead: the same folder, direct.
            for d in devs:
                d.sql("UPDATE sync_network SET url = ?", srv.url)
            for d in devs + devs[:-1]:
                d.run("sync", want=0)
            check_converged(devs, self.made)
            on_server = server_ops(srv)
            held = devs[0].ops()
            check(len(on_server) == len(held), "%d ops on the server, %d on the laptops" % (
                len(on_server), len(held)))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def part(k, only):
    srv = Server()
    proxy = Proxy(srv)
    proxy.faults.retry_after = "0"
    todo = [only] if only is not None else range(k, SCENARIOS, PARTS)
    # A new database as samordne makes it; each laptop starts as a copy
    # with a device id of its own (what a first run would have drawn).
    tmp = tempfile.mkdtemp(prefix="samordne-converge.", dir=TMP_BASE)
    template = Device(tmp, "template")
    try:
        template.run("list", "municipalities", want=0)
        check(template.sql("SELECT count(*) FROM op") == [(0,)], "a new database holds ops")
        for i in todo:
            try:
                Scenario(srv, proxy, template, i).run()
            except AssertionError as e:
                print("scenario %d failed (SAMORDNE_CONVERGE_ONLY=%d): %s" % (i, i, e))
                raise SystemExit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("part %d: %d scenarios converged" % (k, len(todo)))


def main():
    only = os.environ.get("SAMORDNE_CONVERGE_ONLY")
    if only:
        return part(0, int(only))
    if len(sys.argv) == 3 and sys.argv[1] == "--part":
        return part(int(sys.argv[2]), None)
    # Stopped from outside: the kids (and their servers) go too.
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: sys.exit(1))
    kids = [subprocess.Popen([sys.executable, __file__, "--part", str(k)]) for k in range(PARTS)]
    deadline = time.time() + 1200
    failed = False
    try:
        for p in kids:
            p.wait(timeout=max(1, deadline - time.time()))
            failed |= p.returncode != 0
    finally:
        for p in kids:
            if p.poll() is None:
                p.terminate()  # by its pid; its atexit stops its servers
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait(timeout=10)
                failed = True
    if failed:
        raise SystemExit(1)
    print("ok: %d scenarios" % SCENARIOS)


main()
