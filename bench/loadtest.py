"""`make loadtest`: the production-like server under 50 concurrent clients, then one table.

1. With its own MAILLAGE_VAR_DIR (var/loadtest/): `make setup` the first time (database, demo
   territory, search index; only the migrations later), then `make serve` (collectstatic, then
   gunicorn with production settings and WhiteNoise) on a free loopback port; the log of both in
   var/loadtest/serve.log.
2. Finds its URLs on the running site: structures and the report from the sitemap, events from
   the agenda, directory filters from the directory's form, searches from the search page's
   examples, the static file from the home page's stylesheet; requests each once (warm-up).
3. Runs locust (bench/locustfile.py) headless three times against it: the visitors' mix, then a
   static file alone and the home page alone with the same client and number of users.
4. Prints per kind of page: requests/s, p50/p95/p99 (ms), errors; then "home / static".
The server is stopped at the end, whatever happens.

Environment: LOADTEST_USERS (50), LOADTEST_SECONDS (60, the mix), LOADTEST_SOLO_SECONDS (20,
static and home alone), LOADTEST_WORKERS (gunicorn workers, 2 per core), LOADTEST_VAR_DIR.
"""

import csv
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
BIN = ROOT / ".venv" / "bin"

USERS = int(os.environ.get("LOADTEST_USERS", "50"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
SOLO_SECONDS = int(os.environ.get("LOADTEST_SOLO_SECONDS", "20"))
# Two sync workers per core: a worker busy with a search or a page to render leaves another
# free for pages from the cache (2 workers: about half the throughput of the mix).
WORKERS = os.environ.get("LOADTEST_WORKERS", str(2 * (os.cpu_count() or 1)))
VAR_DIR = Path(os.environ.get("LOADTEST_VAR_DIR") or ROOT / "var" / "loadtest")
# The first run builds the demo territory and its index: minutes on a busy machine.
START_TIMEOUT = int(os.environ.get("LOADTEST_START_TIMEOUT", "1200"))
KINDS = [
    "home",
    "directory",
    "directory filtered",
    "agenda",
    "event",
    "structure",
    "search",
    "report",
]
PER_KIND = 12  # URLs of each kind, at most


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


def prepare(log):
    """The first time, `make setup` (database, demo territory, search index) in VAR_DIR; later,
    only the migrations: the demo and its index stay from the first run (remove VAR_DIR to
    start again)."""
    env = {**os.environ, "MAILLAGE_VAR_DIR": str(VAR_DIR)}
    if (VAR_DIR / "db.sqlite3").exists():
        command = [str(BIN / "python"), "manage.py", "migrate", "--no-input"]
    else:
        print("First run: building the demo territory and its index (a few minutes)…")
        command = ["make", "--no-print-directory", "setup"]
    subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, check=True)


def start_server(port, log):
    """`make serve` without its set-up (done by `prepare`), in a process group of its own."""
    env = {**os.environ, "MAILLAGE_VAR_DIR": str(VAR_DIR), "WORKERS": WORKERS}
    return subprocess.Popen(
        ["make", "--no-print-directory", "--old-file=setup", "serve"]
        + ["HOST=127.0.0.1", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: make, gunicorn and its workers
    )


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def stop_server(server):
    """Stop make, gunicorn and its workers: TERM (gunicorn finishes its requests), then KILL."""
    for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        if not group_alive(server.pid):
            break
        os.killpg(server.pid, sig)
        deadline = time.monotonic() + wait
        while group_alive(server.pid) and time.monotonic() < deadline:
            server.poll()  # reaps make once it has exited
            time.sleep(0.2)
    server.poll()


def wait_until_up(server, base, log_path):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"The server stopped (exit {server.returncode}); see {log_path}.")
        try:
            fetch(base + "/", timeout=5)
            return
        except (urllib.error.URLError, OSError):
            time.sleep(2)
    sys.exit(f"The server did not answer within {START_TIMEOUT} s; see {log_path}.")


def site_paths(base, html, pattern):
    """Paths of the links of a page that match a pattern, in order, without duplicates."""
    paths = []
    for href in re.findall(r'href="([^"#]+)"', html):
        path = urlsplit(href).path if href.startswith(base) else href
        if re.fullmatch(pattern, path) and path not in paths:
            paths.append(path)
    return paths


def select_options(html, name):
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S)
    return [v for v in re.findall(r'value="([^"]+)"', select.group()) if v] if select else []


def discover(base):
    sitemap = fetch(base + "/sitemap.xml")
    pages = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    home = fetch(base + "/")
    directory = fetch(base + "/structures/")
    agenda = fetch(base + "/agenda/")
    search = fetch(base + "/recherche/")

    structures = [p for p in pages if re.fullmatch(r"/structures/[^/]+/", p)]
    events = [
        p
        for p in site_paths(base, agenda, r"/(structures|agenda)/[^/]+/[^/]+/|/agenda/[^/]+/")
        if p in pages
    ]
    themes, places = select_options(directory, "theme"), select_options(directory, "lieu")
    filtered = [f"/structures/?{urlencode({'theme': t})}" for t in themes[:4]]
    filtered += [f"/structures/?{urlencode({'lieu': p})}" for p in places[:4]]
    filtered += [
        f"/structures/?{urlencode({'theme': t, 'lieu': p})}"
        for t, p in zip(themes[4:8], places[4:8], strict=False)
    ]
    searches = [
        "/recherche/" + q.replace("&amp;", "&") for q in re.findall(r'href="(\?q=[^"]+)"', search)
    ]
    stylesheet = re.search(r'<link[^>]+href="(/static/[^"]+\.css)"', home)
    urls = {
        "home": ["/"],
        "directory": ["/structures/"],
        "directory filtered": filtered,
        "agenda": ["/agenda/"],
        "event": events,
        "structure": structures,
        "search": searches,
        "report": [p for p in pages if re.fullmatch(r"/evaluation/rapport-\d{4}/", p)],
        "static": [stylesheet.group(1)] if stylesheet else [],
    }
    urls = {kind: paths[:PER_KIND] for kind, paths in urls.items()}
    missing = [kind for kind, paths in urls.items() if not paths]
    if missing:
        sys.exit(f"No URL found for: {', '.join(missing)} (is the demo territory loaded?)")
    return urls


def warm_up(base, urls):
    for kind, paths in urls.items():
        for path in paths:
            try:
                fetch(base + path)
            except urllib.error.HTTPError as error:
                sys.exit(f"{kind} {path} answered {error.code} before the test.")


def run_locust(base, urls, user_class, seconds, prefix):
    env = {**os.environ, "LOADTEST_URLS": json.dumps(urls)}
    command = [
        str(BIN / "locust"),
        "--locustfile",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(USERS),
        "--spawn-rate",
        str(USERS),
        "--run-time",
        f"{seconds}s",
        "--host",
        base,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "ERROR",
        "--exit-code-on-error",
        "0",
        user_class,
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"locust failed ({done.returncode}):\n{done.stderr[-3000:]}")
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def row(label, stats):
    """(label, requests/s, p50, p95, p99, errors) from a line of locust's statistics."""
    return (
        label,
        float(stats["Requests/s"]),
        float(stats["50%"]),
        float(stats["95%"]),
        float(stats["99%"]),
        int(stats["Failure Count"]),
    )


def print_table(rows):
    print()
    print(f"{'page kind':<22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for label, rate, p50, p95, p99, errors in rows:
        print(f"{label:<22} {rate:>8.1f} {p50:>8.0f} {p95:>8.0f} {p99:>8.0f} {errors:>7}")


def main():
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    log_path = VAR_DIR / "serve.log"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "w") as log:
        prepare(log)
        server = start_server(port, log)
        try:
            print(f"Starting `make serve` on {base} ({WORKERS} workers, log: {log_path})…")
            wait_until_up(server, base, log_path)
            urls = discover(base)
            print("URLs: " + ", ".join(f"{len(paths)} {kind}" for kind, paths in urls.items()))
            warm_up(base, urls)
            with tempfile.TemporaryDirectory(prefix="maillage-loadtest-") as folder:
                folder = Path(folder)
                print(f"Visitors' mix: {USERS} users, {SECONDS} s…")
                mix = run_locust(base, urls, "VisitorUser", SECONDS, folder / "mix")
                print(f"Static file alone, then home page alone: {SOLO_SECONDS} s each…")
                static = run_locust(base, urls, "StaticUser", SOLO_SECONDS, folder / "static")
                home = run_locust(base, urls, "HomeUser", SOLO_SECONDS, folder / "home")
        finally:
            stop_server(server)

    rows = [row(kind, mix[kind]) for kind in KINDS if kind in mix]
    rows += [
        row("all (mix)", mix["Aggregated"]),
        row("static file alone", static["static"]),
        row("home alone", home["home"]),
    ]
    print_table(rows)
    print(f"\nhome / static = {rows[-1][1] / rows[-2][1]:.2f}")
    errors = sum(errors for *_, errors in rows[-3:])
    print(f"{USERS} concurrent clients, {WORKERS} gunicorn workers: {errors} error(s).")


if __name__ == "__main__":
    main()
