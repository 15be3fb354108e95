"""Benchmark serving load: a fixed page mix at fixed request rates, page cache off (baseline) and on.

Run: .venv/bin/python benchmarks/http_load.py [--duration 60] [--steps 50,100,150,200] [--step-duration 10]

Starts gunicorn (2 sync workers, as in production) on a free loopback port with a fresh SQLite
database in a temporary folder (`poles migrate`, `poles demo`), then drives the mix below at each
rate step: the lower steps for --step-duration seconds, the last (top) step for --duration seconds.
It runs the whole ladder twice in one run, first with PAGE_CACHE=0 (the named baseline: every page
and PDF rendered afresh) and then with PAGE_CACHE=1, and prints achieved rate, errors and
p50/p95/p99 for both and their ratios.

The load generator is open-loop: request i of a step is due at start + i/rate whether or not earlier
ones have answered, and its latency is measured from that due time. A slow server therefore shows as
latency instead of being hidden by a generator that waits (coordinated omission). The generator runs
on the same machine and shares its cores with the server; the numbers include that contention.
Latency also suffers from anything else running on the machine, so each step reports the server's
CPU time per request (from /proc) too, which does not. The server gets the project's defaults; the
environment passes through, e.g. CONN_MAX_AGE=60 to keep database connections across requests.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

BIN = Path(sys.executable).parent
PASSWORD = "creative-poles-demo"
MANAGER = "manager@demo.creativepoles.eu"
TIMEOUT_S = 10.0
THREADS = 96


@dataclass(frozen=True)
class Page:
    """One entry of the mix: a name for the report, a path, and whether it needs the manager's session."""

    name: str
    path: str
    signed_in: bool = False


@dataclass
class Outcome:
    """One request: its page, latency from its due time (s) and whether it failed."""

    page: str
    latency: float
    error: str = ""


@dataclass
class StepResult:
    """All outcomes of one rate step, the wall time until the last answer, and the CPU seconds spent."""

    rate: int
    duration: float
    outcomes: list[Outcome] = field(default_factory=list)
    wall: float = 0.0
    server_cpu: float = 0.0
    generator_cpu: float = 0.0


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its live children, from /proc (0 where unavailable)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    try:
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return 0.0
    for one in pids:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request(port: int, path: str, cookie: str = "", method: str = "GET", body: str = "",
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One HTTP request on a new connection (gunicorn's sync workers close each one anyway)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    try:
        all_headers = {"Accept-Language": "en", **(headers or {})}
        if cookie:
            all_headers["Cookie"] = cookie
        conn.request(method, path, body=body or None, headers=all_headers)
        response = conn.getresponse()
        data = response.read()
        cookies = "; ".join(v.split(";", 1)[0] for k, v in response.getheaders() if k.lower() == "set-cookie")
        return response.status, {"set-cookie": cookies, "location": response.getheader("Location", "")}, data
    finally:
        conn.close()


def log_in(port: int) -> str:
    """The manager's session cookie, through the real login form (CSRF included)."""
    status, headers, body = request(port, "/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or token is None:
        raise SystemExit(f"login page answered {status} without a CSRF token")
    csrf_cookie = headers["set-cookie"]
    form = urllib.parse.urlencode({"login": MANAGER, "password": PASSWORD,
                                   "csrfmiddlewaretoken": token.group(1).decode()})
    status, headers, _body = request(port, "/accounts/login/", csrf_cookie, "POST", form, {
        "Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{port}/accounts/login/"})
    session = [c for c in headers["set-cookie"].split("; ") if c.startswith("sessionid=")]
    if status != 302 or not session:
        raise SystemExit(f"login answered {status} without a session (location {headers['location']!r})")
    return session[0]


def build_mix(port: int, cookie: str) -> list[Page]:
    """The fixed mix, one cycle of 20 requests, with ids taken from the demo data through the API."""
    _s, _h, body = request(port, "/api/spaces/sites/?is_published=true&ordering=name")
    site = json.loads(body)["results"][0]["id"]
    _s, _h, body = request(port, "/api/programme/projects/", cookie)
    acronym = json.loads(body)["results"][0]["acronym"]
    _s, _h, body = request(port, "/api/cities/?ordering=slug")
    city = json.loads(body)["results"][0]["slug"]
    weighted = [
        (Page("home", "/"), 3),
        (Page("public site list", f"/spaces/public/{city}/"), 2),
        (Page("site page", f"/spaces/sites/{site}/"), 2),
        (Page("dossier page", f"/spaces/sites/{site}/dossier/"), 2),
        (Page("dossier PDF", f"/spaces/sites/{site}/dossier.pdf"), 2),
        (Page("dossier map", f"/spaces/sites/{site}/map.png"), 2),
        (Page("API sites", "/api/spaces/sites/"), 2),
        (Page("API cities", "/api/cities/"), 1),
        (Page("API indicators", "/api/programme/indicators/"), 1),
        (Page("API partners", "/api/programme/partners/"), 1),
        (Page("dashboard (signed in)", f"/programme/{acronym}/", signed_in=True), 2),
    ]
    # Interleave rather than group, so every second of a step sees the same mix.
    slots = [page for page, weight in weighted for _ in range(weight)]
    return [slots[(i * 7) % len(slots)] for i in range(len(slots))]


def run_step(port: int, cookie: str, mix: list[Page], rate: int, duration: float, server_pid: int) -> StepResult:
    """Send rate requests/s for duration seconds on an open-loop schedule; wait for the stragglers."""
    result = StepResult(rate, duration)
    total = int(rate * duration)
    jobs: queue.Queue[tuple[Page, float] | None] = queue.Queue()
    lock = threading.Lock()

    def worker() -> None:
        while (job := jobs.get()) is not None:
            page, due = job
            if time.perf_counter() - due > TIMEOUT_S:
                # Hopelessly behind: count it as failed rather than let the backlog spill into the next step.
                with lock:
                    result.outcomes.append(Outcome(page.name, time.perf_counter() - due, "not sent in time"))
                continue
            error = ""
            try:
                status, _h, _b = request(port, page.path, cookie if page.signed_in else "")
                if status >= 400:
                    error = f"HTTP {status}"
            except (OSError, http.client.HTTPException) as exc:
                error = type(exc).__name__
            outcome = Outcome(page.name, time.perf_counter() - due, error)
            with lock:
                result.outcomes.append(outcome)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    cpu_before, own_before = process_cpu(server_pid), time.process_time()
    start = time.perf_counter() + 0.05
    for i in range(total):
        due = start + i / rate
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        jobs.put((mix[i % len(mix)], due))
    for _thread in threads:
        jobs.put(None)
    for thread in threads:
        thread.join(TIMEOUT_S + duration)
    result.wall = time.perf_counter() - start
    result.server_cpu = process_cpu(server_pid) - cpu_before
    result.generator_cpu = time.process_time() - own_before
    return result


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of values, in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))] * 1000


def summary(step: StepResult) -> dict[str, float]:
    """Achieved rate (answers without error per second of wall time), errors and latency percentiles."""
    ok = [o.latency for o in step.outcomes if not o.error]
    answered = max(1, len(step.outcomes) - sum(o.error == "not sent in time" for o in step.outcomes))
    return {"rate": step.rate, "achieved": len(ok) / step.wall if step.wall else 0.0,
            "server_ms": step.server_cpu / answered * 1000, "generator_ms": step.generator_cpu / answered * 1000,
            "errors": float(len(step.outcomes) - len(ok) + int(step.rate * step.duration) - len(step.outcomes)),
            "p50": percentile(ok, 50), "p95": percentile(ok, 95), "p99": percentile(ok, 99)}


def start_server(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    """gunicorn on the loopback port; returns once it answers."""
    # The production gunicorn settings when the project ships them; the options below override theirs.
    config = ["-c", "python:creativepoles.gunicorn_conf"] if find_spec("creativepoles.gunicorn_conf") else []
    process = subprocess.Popen(  # noqa: S603 - our own virtualenv's gunicorn with fixed arguments
        [str(BIN / "gunicorn"), *config, "creativepoles.wsgi:application", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--timeout", "60"],
        env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "/")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit(f"gunicorn did not answer within 60 s; see {log}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop the gunicorn we started (its master and workers: the session it leads)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def run_mode(base_env: dict[str, str], page_cache: bool, args: argparse.Namespace, log: Path) -> list[StepResult]:
    """One whole ladder of rate steps against a fresh gunicorn with PAGE_CACHE set as asked."""
    env = {**base_env, "PAGE_CACHE": "1" if page_cache else "0"}
    port = free_port()
    server = start_server(env, port, args.workers, log)
    try:
        cookie = log_in(port)
        mix = build_mix(port, cookie)
        # Warm both workers (imports, templates) equally in both modes; with the cache on this also fills
        # it, as a running server would be.
        for page in mix:
            for _ in range(args.workers):
                request(port, page.path, cookie if page.signed_in else "")
        results = []
        for i, rate in enumerate(args.steps):
            duration = args.duration if i == len(args.steps) - 1 else args.step_duration
            step = run_step(port, cookie, mix, rate, duration, server.pid)
            results.append(step)
            s = summary(step)
            print(f"  {'on ' if page_cache else 'off'} {rate:>4}/s x {duration:>4.0f} s: achieved {s['achieved']:6.1f}/s, "
                  f"errors {s['errors']:.0f}, p50 {s['p50']:7.1f} ms, p95 {s['p95']:7.1f} ms, "
                  f"p99 {s['p99']:7.1f} ms; CPU per request: server {s['server_ms']:.1f} ms, "
                  f"generator {s['generator_ms']:.1f} ms", flush=True)
        return results
    finally:
        stop_server(server)


def prepare(folder: Path) -> dict[str, str]:
    """Environment for a production-like server over a fresh demo database in folder."""
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "CACHE_URL")}
    env.update({
        "VAR_DIR": str(folder), "SECRET_KEY": "benchmark-only-" + os.urandom(16).hex(), "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0", "SECURE_HSTS_SECONDS": "0", "LOG_LEVEL": "ERROR",
    })
    for command in (["migrate", "--noinput", "-v0"], ["createcachetable"], ["demo"]):
        subprocess.run([str(BIN / "poles"), *command], env=env, check=True,  # noqa: S603
                       stdout=subprocess.DEVNULL)
    return env


def by_page(step: StepResult) -> dict[str, tuple[float, float]]:
    """p50 and p95 (ms) per page name of a step."""
    names = sorted({o.page for o in step.outcomes})
    return {n: (percentile([o.latency for o in step.outcomes if o.page == n and not o.error], 50),
                percentile([o.latency for o in step.outcomes if o.page == n and not o.error], 95)) for n in names}


def main() -> None:
    """Run both modes in one run and print their results side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds at the top rate (default 60)")
    parser.add_argument("--step-duration", type=float, default=10.0, help="seconds at each lower rate (default 10)")
    parser.add_argument("--steps", type=lambda v: [int(x) for x in v.split(",")], default=[50, 100, 150, 200],
                        help="request rates per second, comma-separated (default 50,100,150,200)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    args = parser.parse_args()
    if not args.steps or min(args.steps) <= 0 or args.duration <= 0 or args.step_duration <= 0:
        parser.error("rates and durations must be positive")

    cores = os.cpu_count() or 0
    load = os.getloadavg()
    print(f"{cores} cores; load average before the run {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
          "(other users' work on this machine slows both modes alike)")
    print(f"The load generator ({THREADS} threads, open loop) runs on the same machine and shares its "
          f"{cores} cores with gunicorn ({args.workers} workers).")
    folder = Path(tempfile.mkdtemp(prefix="poles-http-load-"))
    log = folder / "gunicorn.log"
    try:
        env = prepare(folder)
        print(f"Fresh SQLite demo database in {folder}; mix per 20 requests: home 3, public site list 2, site page 2, "
              "dossier page 2, dossier PDF 2, dossier map 2, API sites 2, API cities, indicators, partners 1 each, "
              "signed-in dashboard 2.")
        print("Baseline: PAGE_CACHE=0 (everything rendered afresh); then PAGE_CACHE=1.", flush=True)
        off = run_mode(env, False, args, log)
        on = run_mode(env, True, args, log)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    print(f"\n{'rate/s':>7} | {'cache off: achieved':>19} {'err':>5} {'p50':>8} {'p95':>8} {'p99':>8} | "
          f"{'cache on: achieved':>18} {'err':>5} {'p50':>8} {'p95':>8} {'p99':>8} | {'p95 off/on':>10}")
    for a, b in zip(off, on, strict=True):
        x, y = summary(a), summary(b)
        print(f"{a.rate:>7} | {x['achieved']:>19.1f} {x['errors']:>5.0f} {x['p50']:>8.1f} {x['p95']:>8.1f} "
              f"{x['p99']:>8.1f} | {y['achieved']:>18.1f} {y['errors']:>5.0f} {y['p50']:>8.1f} {y['p95']:>8.1f} "
              f"{y['p99']:>8.1f} | {x['p95'] / y['p95']:>10.2f}")
    print("(latencies in ms from each request's due time; achieved = answers without error per second)")
    x, y = summary(off[-1]), summary(on[-1])
    print(f"Server CPU per request at the top rate: {x['server_ms']:.1f} ms off, {y['server_ms']:.1f} ms on "
          f"(ratio {x['server_ms'] / max(y['server_ms'], 1e-9):.2f}); the generator used {y['generator_ms']:.1f} ms "
          "per request of the same cores. CPU time does not depend on other users' load the way latency does.")
    top_off, top_on = by_page(off[-1]), by_page(on[-1])
    print(f"\nAt {off[-1].rate}/s, per page p50/p95 ms:  cache off        cache on")
    for name in top_off:
        (a50, a95), (b50, b95) = top_off[name], top_on.get(name, (float("nan"), float("nan")))
        print(f"  {name:<24} {a50:>7.1f} / {a95:>7.1f}   {b50:>7.1f} / {b95:>7.1f}")
    best = summary(on[-1])
    held = best["errors"] == 0 and best["achieved"] >= 0.98 * on[-1].rate and best["p95"] < 200
    print(f"\nTarget (cache on: {on[-1].rate}/s for {on[-1].duration:.0f} s, 0 errors, p95 < 200 ms): "
          f"{'held' if held else 'NOT held'}; end-of-run load average {os.getloadavg()[0]:.2f}.")


if __name__ == "__main__":
    main()
