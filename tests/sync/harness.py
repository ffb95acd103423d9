"""Shared by the sync integration tests: a private lighttpd with mod_webdav
on a free 127.0.0.1 port (its files in a temp dir owned by the user it runs
as; stopped by its pid on every exit path), an in-process fault-injecting
proxy in front of it, and devices (database files) driven through the real
samordne binary."""
import atexit, http.client, os, random, re, shutil, signal, socket, sqlite3, subprocess
import sys, tempfile, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SAMORDNE = os.environ.get("SAMORDNE", "samordne")
LIGHTTPD = shutil.which("lighttpd") or "/usr/sbin/lighttpd"
MODDIR = "/usr/lib/lighttpd"


def skip(why):
    print("SKIP:", why, file=sys.stderr)
    sys.exit(77)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """lighttpd + mod_webdav in the foreground; auth=(user, password) adds
    Basic auth; tls=True serves https with a self-signed certificate made
    here (self.cert)."""

    def __init__(self, auth=None, tls=False):
        if not os.path.exists(LIGHTTPD) or not os.path.exists(MODDIR + "/mod_webdav.so"):
            skip("lighttpd with mod_webdav is not installed")
        if tls and (not os.path.exists(MODDIR + "/mod_openssl.so") or not shutil.which("openssl")):
            skip("lighttpd-mod-openssl or openssl is not installed")
        self.tmp = tempfile.mkdtemp(prefix="samordne-sync.")
        self.root = os.path.join(self.tmp, "www")
        os.makedirs(os.path.join(self.root, "net"))
        self.port = free_port()
        conf = os.path.join(self.tmp, "lighttpd.conf")
        mods = '"mod_webdav"' + (', "mod_auth", "mod_authn_file"' if auth else "") + \
            (', "mod_openssl"' if tls else "")
        lines = [
            'server.modules = (%s)' % mods,
            'server.document-root = "%s"' % self.root,
            'server.bind = "127.0.0.1"',
            'server.port = %d' % self.port,
            'server.errorlog = "%s/error.log"' % self.tmp,
            'server.upload-dirs = ("%s")' % self.tmp,
            # Files are replaced behind its back between scenarios.
            'server.stat-cache-engine = "disable"',
            'webdav.activate = "enable"',
            'webdav.is-readonly = "disable"',
        ]
        if auth:
            pw = os.path.join(self.tmp, "htpasswd")
            with open(pw, "w") as f:
                f.write("%s:%s\n" % auth)
            lines += [
                'auth.backend = "plain"',
                'auth.backend.plain.userfile = "%s"' % pw,
                'auth.require = ("/" => ("method" => "basic", "realm" => "samordne", "require" => "valid-user"))',
            ]
        if tls:
            lines += self.self_signed()
        with open(conf, "w") as f:
            f.write("\n".join(lines) + "\n")
        self.proc = subprocess.Popen([LIGHTTPD, "-D", "-f", conf, "-m", MODDIR],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        atexit.register(self.stop)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, lambda *_: sys.exit(1))
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            self.stop()
            raise SystemExit("lighttpd did not start")
        self.url = "%s://127.0.0.1:%d/net/" % ("https" if tls else "http", self.port)

    def self_signed(self):
        """A certificate for 127.0.0.1 that no system trusts."""
        self.cert = os.path.join(self.tmp, "cert.pem")
        key = os.path.join(self.tmp, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", key, "-out", self.cert], check=True, timeout=30,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return ['ssl.engine = "enable"', 'ssl.pemfile = "%s"' % self.cert,
                'ssl.privkey = "%s"' % key]

    def clear(self):
        """Empties the shared folder between scenarios."""
        d = os.path.join(self.root, "net")
        shutil.rmtree(d)
        os.makedirs(d)

    def path(self, rel):
        return os.path.join(self.root, "net", rel)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()  # by its pid; bounded wait
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        self.proc = None
        shutil.rmtree(self.tmp, ignore_errors=True)


class Faults:
    """What the proxy does to the next requests: a list of (predicate,
    action) consumed in order; action is one of 'status:CODE' (with
    Retry-After: self.retry_after unless None; a 3xx with a Location),
    'drop:N' (cut after N bytes of the answer), 'truncate', 'html404',
    'delay:S', 'cutput' (the server stores half of a PUT's body and
    answers as usual: a cut-off upload under the final name). self.log lists (method, path, status) of every answer.
    self.no_etags: leave every getetag out of listings (a server without
    ETags)."""

    def __init__(self):
        self.rules = []
        self.log = []
        self.retry_after = "1"
        self.lock = threading.Lock()
        self.rng = random.Random(1)
        self.rate = 0.0
        self.seen = 0
        self.no_etags = False

    def add(self, action, method=None, path=None, times=1):
        """Fault the next `times` requests of method whose path contains
        path (None: any)."""
        pred = lambda m, p: (method is None or m == method) and (path is None or path in p)
        with self.lock:
            self.rules += [(pred, action)] * times

    def reset(self):
        with self.lock:
            self.rules, self.log, self.rate = [], [], 0.0

    def answered(self, method, path, status):
        with self.lock:
            self.log.append((method, path, status))

    def take(self, method, path):
        with self.lock:
            self.seen += 1
            for i, (pred, action) in enumerate(self.rules):
                if pred(method, path):
                    del self.rules[i]
                    return action
            if self.rate and self.rng.random() < self.rate:
                return self.rng.choice(["status:500", "status:503", "status:423", "status:429",
                                        "drop:40", "truncate", "delay:0.2"] +
                                       (["html404"] if method == "GET" else []))
        return None


class Proxy:
    """A small HTTP/1.1 proxy in front of lighttpd that injects faults."""

    def __init__(self, server):
        faults = self.faults = Faults()
        backend = ("127.0.0.1", server.port)

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in separate writes: without this,
            # Nagle and delayed ACKs stall every answer by 40 ms.
            disable_nagle_algorithm = True

            def log_message(self, *a):
                pass

            def handle_one_request(self):
                self.raw_requestline = self.rfile.readline(65537)
                if not self.raw_requestline:
                    self.close_connection = True
                    return
                if not self.parse_request():
                    return
                self.forward()
                self.wfile.flush()

            def send_raw(self, status, headers, body):
                self.send_response(status)
                for k, v in headers:
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def forward(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                action = faults.take(self.command, self.path)
                if action and action.startswith("status:"):
                    code = int(action[7:])
                    hdrs = [("Content-Length", "0")]
                    if faults.retry_after is not None:
                        hdrs.append(("Retry-After", faults.retry_after))
                    if 300 <= code < 400:
                        hdrs.append(("Location", "http://127.0.0.1:%d/elsewhere/" % backend[1]))
                    faults.answered(self.command, self.path, code)
                    self.send_raw(code, hdrs, b"")
                    return
                if action == "html404" and self.command == "GET":
                    faults.answered(self.command, self.path, 200)
                    page = b"<html><body>Not here</body></html>"
                    self.send_raw(200, [("Content-Type", "text/html"),
                                        ("Content-Length", str(len(page)))], page)
                    return
                if action == "cutput" and self.command == "PUT" and len(body) > 1:
                    body = body[: len(body) // 2]
                    self.headers.replace_header("Content-Length", str(len(body)))
                if action and action.startswith("delay:"):
                    time.sleep(float(action[6:]))
                c = http.client.HTTPConnection(*backend, timeout=30)
                hdrs = {k: v for k, v in self.headers.items()
                        if k.lower() not in ("connection", "keep-alive")}
                c.request(self.command, self.path, body=body, headers=hdrs)
                r = c.getresponse()
                data = r.read()
                c.close()
                faults.answered(self.command, self.path, r.status)
                out = [(k, v) for k, v in r.getheaders()
                       if k.lower() not in ("connection", "keep-alive", "transfer-encoding",
                                            "content-length")]
                if action and action.startswith("drop:"):
                    cut = int(action[5:])
                    self.send_response(r.status)
                    for k, v in out:
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data[:cut])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if faults.no_etags and self.command == "PROPFIND":
                    data = re.sub(rb"<([A-Za-z0-9]+:)?getetag>[^<]*</([A-Za-z0-9]+:)?getetag>",
                                  b"", data)
                if action == "truncate" and len(data) > 2:
                    # A shorter body with a matching length: only the
                    # content's own checks can catch it.
                    data = data[: len(data) // 2]
                self.send_raw(r.status, out + [("Content-Length", str(len(data)))], data)

        class Quiet(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                # A client killed mid-request (the kill tests) is expected.
                if not isinstance(sys.exc_info()[1], ConnectionError):
                    super().handle_error(request, client_address)

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = "http://127.0.0.1:%d/net/" % self.port
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        atexit.register(self.httpd.shutdown)


class Device:
    """One laptop: a database file of its own and a private home."""

    def __init__(self, tmp, name, env=None):
        self.name = name
        self.home = os.path.join(tmp, "home-" + name)
        os.makedirs(self.home, exist_ok=True)
        self.db = os.path.join(tmp, name + ".db")
        self.env = dict(os.environ)
        self.env.update({"HOME": self.home, "XDG_CONFIG_HOME": self.home + "/.config",
                         "XDG_DATA_HOME": self.home + "/.local/share",
                         "SAMORDNE_USER": "User " + name, "SAMORDNE_DEVICE_LABEL": "laptop-" + name,
                         "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1",
                         "SAMORDNE_SYNC_LOW_SPEED_TIME": "5", "SAMORDNE_SYNC_CONNECT_TIMEOUT": "3",
                         "SAMORDNE_SYNC_BACKOFF_MS": "5",
                         "LC_ALL": "C.UTF-8"})
        for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "SAMORDNE_DB",
                  "SAMORDNE_NOW", "SAMORDNE_TEST_KILL_AT"):
            self.env.pop(k, None)
        if env:
            self.env.update(env)

    def killed_at(self, point, *args):
        """Runs a command that SIGKILLs itself at the test point."""
        p = self.run(*args, env={"SAMORDNE_TEST_KILL_AT": point})
        check(p.returncode == -signal.SIGKILL, "%s: not killed at %s (exit %d): %s" % (
            self.name, point, p.returncode, p.stderr))

    def copy_to(self, other):
        """other becomes a copy of this database (a restored backup)."""
        src, dst = sqlite3.connect(self.db), sqlite3.connect(other.db)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()

    def run(self, *args, want=None, env=None, timeout=60):
        e = dict(self.env)
        if env:
            e.update(env)
        p = subprocess.run([SAMORDNE, "--db", self.db] + list(args), env=e, timeout=timeout,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if want is not None and p.returncode != want:
            raise AssertionError("%s: samordne %s exited %d, not %d\nstdout: %s\nstderr: %s" % (
                self.name, " ".join(args), p.returncode, want, p.stdout, p.stderr))
        return p

    def sql(self, q, *params):
        c = sqlite3.connect(self.db)
        try:
            rows = c.execute(q, params).fetchall()
            c.commit()
            return rows
        finally:
            c.close()

    def dump(self):
        """The canonical state: every field's winner, and the record rows."""
        c = sqlite3.connect(self.db)
        try:
            out = [repr(r) for r in c.execute(
                "SELECT entity, rid, field, hlc, dev, seq, quote(value) FROM field_clock "
                "ORDER BY entity, rid, field")]
            for (t,) in c.execute("SELECT name FROM sqlite_schema WHERE type = 'table' AND "
                                  "sql LIKE '%deleted INTEGER%' ORDER BY name"):
                out += [repr(r) for r in c.execute('SELECT * FROM "%s" ORDER BY id' % t)]
            return "\n".join(out)
        finally:
            c.close()

    def ops(self):
        return set(self.sql("SELECT dev, seq, hlc, entity, rid, field, quote(value) FROM op"))


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def network(srv_url, tmp, names, env=None):
    """Devices of a new network at srv_url: the first creates it, the
    others join."""
    devs = [Device(tmp, n, env) for n in names]
    devs[0].run("network", "create", srv_url, want=0)
    for d in devs[1:]:
        d.run("network", "join", srv_url, want=0)
    return devs


def sync_all(devs, rounds=2):
    for _ in range(rounds):
        for d in devs:
            d.run("sync", want=0)


def op_content(ops):
    """Ops without their (dev, seq): what was made, whoever carries it
    (a clone's ops move to a new device id)."""
    return {o[2:] for o in ops}


def check_converged(devs, made=None):
    """Every device holds the same state and the same ops, and every op in
    made (a set of op rows) is among them."""
    dumps = [d.dump() for d in devs]
    for d, du in zip(devs, dumps):
        check(du == dumps[0], "%s differs from %s" % (d.name, devs[0].name))
    ops = [d.ops() for d in devs]
    for d, o in zip(devs, ops):
        check(o == ops[0], "%s has other ops than %s: %d vs %d" % (d.name, devs[0].name,
                                                                   len(o), len(ops[0])))
    if made is not None:
        lost = op_content(made) - op_content(ops[0])
        check(not lost, "ops lost: %r" % sorted(lost)[:5])


def server_ops(srv):
    """(dev, seq) of every op in the server's segments; fails on an op
    stored twice or a gap in a device's numbering."""
    import json
    seen = {}
    log = srv.path("log")
    for dev in sorted(os.listdir(log)) if os.path.isdir(log) else []:
        seqs = []
        for name in sorted(os.listdir(os.path.join(log, dev))):
            with open(os.path.join(log, dev, name), "rb") as f:
                for line in f.read().splitlines()[1:-1]:
                    o = json.loads(line)
                    key = (o["h"], o["e"], o["id"], o["f"])
                    check(key not in seen, "op %r stored twice (%s, %s)" % (key, seen.get(key), dev))
                    seen[key] = dev
                    seqs.append(o["s"])
        check(seqs == list(range(1, len(seqs) + 1)), "%s: ops not numbered 1..n: %r" % (dev, seqs))
    return seen
