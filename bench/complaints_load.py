"""Bounded load test of complaint submission against gunicorn with several workers on SQLite.

    uv run python bench/complaints_load.py [--workers 4] [--clients 16] [--submissions 200] [--port 8104]

Builds a fresh SQLite database in a temporary directory, seeds it, starts gunicorn and
sends complaints from concurrent clients (each: GET the form for the CSRF cookie, then
POST, every fifth with a photo).  One in ten submissions is sent twice at once with the
same one-time form token, as a double click would.  Then it checks that every accepted
submission is stored exactly once, that no double-click created two cases, and that no
request failed with a server error.  Exits non-zero if any check fails.
"""

import argparse
import io
import os
import re
import secrets
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


PHOTO = png()


def environment(tmp):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.complaints_settings",
        SECRET_KEY=secrets.token_urlsafe(40),
        FIELD_ENCRYPTION_KEYS="YmVuY2gtb25seS1maWVsZC1rZXktbm90LWZvci1wcm9kLg==",
        DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
        MEDIA_ROOT=f"{tmp}/media",
        PRIVATE_MEDIA_ROOT=f"{tmp}/private",
        STATIC_ROOT=f"{tmp}/static",
        HTTPS_ONLY="false",
        DEMO_MODE="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    Path(tmp, "static").mkdir()
    return env


def prepare(env):
    for command in (["migrate", "--noinput", "-v0"], ["load_seed_content"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603 - fixed arguments


def start_gunicorn(env, port, workers):
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(60):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200:
                return process
        except requests.RequestException:
            pass
        time.sleep(1)
    stop(process)
    raise SystemExit("gunicorn did not start")


def stop(server):
    """Stop gunicorn and its workers (its own process group), forcefully if it lingers."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = {}
        self.latencies = []
        self.accepted_tokens = []
        self.double_click_tokens = []

    def add(self, status, seconds, token=None):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.latencies.append(seconds)
            if token and status == 302:
                self.accepted_tokens.append(token)


def submit(base, county_id, category_id, number, results):
    session = requests.Session()
    page = session.get(f"{base}/feedback/complaint/", timeout=60)
    csrf = CSRF.search(page.text).group(1)
    token = secrets.token_urlsafe(24)
    data = {
        "csrfmiddlewaretoken": csrf,
        "category": category_id,
        "county": county_id,
        "happened_on": "2026-11-20",
        "description": f"压力测试第{number}件：拖欠工资。",
        "contact_name": "测试",
        "contact_phone": "13800000000",
        "captcha_0": "bench",
        "captcha_1": "PASSED",
        "token": token,
    }
    files = {"attachment_1": ("photo.png", PHOTO, "image/png")} if number % 5 == 0 else None
    headers = {"Referer": f"{base}/feedback/complaint/"}

    def post():
        started = time.perf_counter()
        response = session.post(
            f"{base}/feedback/complaint/", data=data, files=files, headers=headers, allow_redirects=False, timeout=60
        )
        results.add(response.status_code, time.perf_counter() - started, token)
        return response.status_code

    if number % 10 == 0:  # a double click: the same form sent twice at once
        with ThreadPoolExecutor(2) as pair:
            list(pair.map(lambda _: post(), range(2)))
        with results.lock:
            results.double_click_tokens.append(token)
    else:
        post()


def ids(db_path):
    with sqlite3.connect(db_path) as connection:
        county = connection.execute("SELECT id FROM portal_county WHERE name = '晋江市'").fetchone()[0]
        category = connection.execute("SELECT id FROM forms_category WHERE code = 'unpaid-wages'").fetchone()[0]
    return county, category


def stored_tokens(db_path):
    with sqlite3.connect(db_path) as connection:
        return [row[0] for row in connection.execute("SELECT submission_token FROM forms_complaint")]


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("interrupted"))  # so gunicorn is stopped on the way out
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--port", type=int, default=8104)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="complaints-bench-") as tmp:
        env = environment(tmp)
        print("preparing database …", flush=True)
        prepare(env)
        county, category = ids(f"{tmp}/bench.sqlite3")
        print("starting gunicorn …", flush=True)
        server = start_gunicorn(env, args.port, args.workers)
        base = f"http://127.0.0.1:{args.port}"
        results = Results()
        try:
            requests.get(f"{base}/feedback/complaint/", timeout=60)  # warm every worker's first page load
            print("sending …", flush=True)
            started = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                futures = [
                    pool.submit(submit, base, county, category, n, results) for n in range(1, args.submissions + 1)
                ]
                errors = [future.exception() for future in futures if future.exception()]
            elapsed = time.perf_counter() - started
        finally:
            stop(server)

        tokens = stored_tokens(f"{tmp}/bench.sqlite3")
        counts = {token: tokens.count(token) for token in set(tokens)}
        accepted = set(results.accepted_tokens)
        missing = [token for token in accepted if counts.get(token, 0) != 1]
        duplicated = [token for token, count in counts.items() if count > 1]
        server_errors = sum(count for status, count in results.statuses.items() if status >= 500)
        latencies = sorted(results.latencies)

        print(
            f"workers={args.workers} clients={args.clients} forms={args.submissions} "
            f"(of which {len(results.double_click_tokens)} double-clicked)"
        )
        print(
            f"POST requests: {len(latencies)} in {elapsed:.1f} s = {len(latencies) / elapsed:.1f}/s; "
            f"status counts {dict(sorted(results.statuses.items()))}"
        )
        print(
            f"POST latency p50={statistics.median(latencies) * 1000:.0f} ms "
            f"p95={latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms max={latencies[-1] * 1000:.0f} ms"
        )
        print(
            f"accepted forms: {len(accepted)}; cases stored: {len(tokens)}; "
            f"accepted but not stored exactly once: {len(missing)}; stored twice: {len(duplicated)}; "
            f"client exceptions: {len(errors)}; server errors: {server_errors}"
        )
        ok = not missing and not duplicated and not server_errors and not errors and len(accepted) == args.submissions
        ok = ok and len(tokens) == len(accepted)
        print("RESULT:", "OK" if ok else "FAILED")
        if errors:
            print("first client exception:", repr(errors[0]))
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
