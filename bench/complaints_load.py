"""Complaints under load with a worker killed and the mail server down, on SQLite and on PostgreSQL.

    uv run python bench/complaints_load.py [--databases sqlite,postgres] [--clients 50] [--submissions 500]
                                           [--workers 3] [--port 8104]

For each database: a fresh database, seeded; gunicorn with several workers, Redis as the shared cache (as
``check --deploy`` requires), mail pointed at a closed port and the background worker running. Concurrent
clients each open the form (CSRF cookie), post it (every fifth with a photo; every tenth twice at once, as a
double click) and read the receipt page. Half-way, one gunicorn worker is killed with SIGKILL; a client whose
request died with it sends the same form again, as a person pressing 提交 again would. Then it checks, and prints:
every answered submission stored exactly once, receipts unique, every submitter shown a receipt number and a
query code that opens their case, no server errors, and the county's notices queued for the mail server.
Exits non-zero if any check fails.
"""

import argparse
import io
import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import requests
from cryptography.fernet import Fernet
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RECEIPT = re.compile(r'id="receipt-no">([^<]+)<')
CODE = re.compile(r'id="query-code">(\d+)<')
POSTGRES_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE = "portal_bench_complaints"
REDIS_URL = "rediscache://127.0.0.1:6379/14"
CLOSED_SMTP_PORT = 2599  # nothing listens here: the mail server is down


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


PHOTO = png()


def database_url(kind, tmp):
    if kind == "sqlite":
        return f"sqlite:///{tmp}/bench.sqlite3"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return f"postgres://postgres@127.0.0.1:5432/{BENCH_DATABASE}"


def environment(kind, tmp):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.complaints_settings",
        SECRET_KEY=secrets.token_urlsafe(40),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        DATABASE_URL=database_url(kind, tmp),
        CACHE_URL=REDIS_URL,
        EMAIL_URL=f"smtp://127.0.0.1:{CLOSED_SMTP_PORT}",
        TRUSTED_PROXY_HOPS="0",
        MEDIA_ROOT=f"{tmp}/media",
        PRIVATE_MEDIA_ROOT=f"{tmp}/private",
        STATIC_ROOT=f"{tmp}/static",
        HTTPS_ONLY="false",
        DEMO_MODE="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    Path(tmp, "static").mkdir()
    return env


def manage(env, *command, **kwargs):
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True, text=True, **kwargs
    )


HANDLER = """
from django.contrib.auth.models import Group, User
from django.core.cache import cache
handler = User.objects.create_user("bench-handler", email="handler@jinjiang.example.gov.cn")
handler.groups.add(Group.objects.get(name="晋江市县级办案人员"))
cache.clear()
"""


def prepare(env):
    """A seeded database with one case handler in 晋江市 (who is e-mailed of each new case)."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_seed_content")
    manage(env, "shell", "-c", HANDLER)


def start(env, port, workers, mail_worker=True):
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers), "--timeout", "60", "--log-level", "error"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    worker = subprocess.Popen(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "db_worker", "--backend", "background", "--queue-name", "*", "--no-reload"]
        if mail_worker
        else ["sleep", "infinity"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(60):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200:
                return server, worker
        except requests.RequestException:
            pass
        time.sleep(1)
    stop(server, worker)
    raise SystemExit("gunicorn did not start")


def stop(*processes):
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def busy_worker(master_pid):
    """A gunicorn worker that is running (most likely in the middle of a request), else any."""
    children = [int(pid) for pid in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()]
    for _ in range(200):
        for pid in children:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "R":
                return pid
        time.sleep(0.01)
    return children[0]


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = {}
        self.latencies = []
        self.shown = {}  # token -> (receipt number, query code) as the submitter's browser showed them
        self.resent = 0
        self.reloaded = 0
        self.unanswered = []

    def add(self, status, seconds):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.latencies.append(seconds)


class Submitter:
    """One person filling in the form once (maybe double-clicking, maybe pressing 提交 again after a failure)."""

    def __init__(self, base, county_id, category_id, number, results):
        self.base, self.number, self.results = base, number, results
        self.session = requests.Session()
        self.token = secrets.token_urlsafe(24)
        csrf = CSRF.search(self.get(f"{base}/feedback/complaint/").text).group(1)
        self.data = {
            "csrfmiddlewaretoken": csrf,
            "category": category_id,
            "county": county_id,
            "happened_on": "2026-11-20",
            "description": f"压力测试第{number}件：拖欠工资。",
            "contact_name": "测试",
            "contact_phone": "13800000000",
            "contact_email": "bench@example.com",
            "captcha_0": "bench",
            "captcha_1": "PASSED",
            "token": self.token,
        }
        self.files = {"attachment_1": ("photo.png", PHOTO, "image/png")} if number % 5 == 0 else None

    def get(self, url, attempts=3):
        for attempt in range(attempts):
            try:
                return self.session.get(url, timeout=60)
            except requests.ConnectionError:  # the worker died under the request: load the page again
                if attempt == attempts - 1:
                    raise
                with self.results.lock:
                    self.results.reloaded += 1
                time.sleep(0.5 * (attempt + 1))
        return None

    def post(self):
        started = time.perf_counter()
        response = self.session.post(
            f"{self.base}/feedback/complaint/",
            data=self.data,
            files=self.files,
            headers={"Referer": f"{self.base}/feedback/complaint/"},
            allow_redirects=False,
            timeout=60,
        )
        self.results.add(response.status_code, time.perf_counter() - started)
        return response

    def post_until_answered(self, attempts=3):
        for attempt in range(attempts):
            try:
                return self.post()
            except requests.ConnectionError:  # the worker died under the request: press 提交 again
                with self.results.lock:
                    self.results.resent += 1
                time.sleep(0.5 * (attempt + 1))
        return None

    def run(self):
        if self.number % 10 == 0:  # a double click: the same form sent twice at once
            with ThreadPoolExecutor(2) as pair:
                answers = list(pair.map(lambda _: self.post_until_answered(), range(2)))
            answer = answers[-1] or answers[0]
        else:
            answer = self.post_until_answered()
        if answer is None or answer.status_code != 302:
            with self.results.lock:
                self.results.unanswered.append(self.token)
            return
        receipt_page = self.get(self.base + answer.headers["Location"]).text
        receipt, code = RECEIPT.search(receipt_page), CODE.search(receipt_page)
        with self.results.lock:
            self.results.shown[self.token] = (receipt and receipt.group(1), code and code.group(1))


CHECK_STORED = """
import json, sys
from django_tasks_db.models import DBTaskResult
from forms.complaints.models import Complaint
shown = json.load(sys.stdin)
rows = list(Complaint.objects.values_list("submission_token", "receipt_no"))
cases = {case.submission_token: case for case in Complaint.objects.all()}
opens = sum(1 for token, (receipt, code) in shown.items()
            if token in cases and cases[token].receipt_no == receipt and code and cases[token].matches_query_code(code))
print("STORED", json.dumps({
    "stored": len(rows),
    "tokens_stored_twice": len(rows) - len({token for token, _ in rows}),
    "receipts_unique": len({receipt for _, receipt in rows}) == len(rows),
    "codes_open_their_case": opens,
    "mail_tasks": DBTaskResult.objects.count(),
    "mail_failed_attempts": DBTaskResult.objects.failed().count(),
    "mail_sent": DBTaskResult.objects.successful().count(),
}))
"""


def county_and_category(env):
    script = (
        "from portal.regions import County; from forms.complaints.models import Category; "
        "print('IDS', County.objects.get(name='晋江市').pk, Category.objects.get(code='unpaid-wages').pk)"
    )
    return marked_line(manage(env, "shell", "-c", script).stdout, "IDS").split()


def marked_line(output, marker):
    """The script's own line of output (settings may log to stdout too)."""
    return next(line for line in output.splitlines() if line.startswith(marker + " ")).removeprefix(marker + " ")


def run(kind, args):
    with tempfile.TemporaryDirectory(prefix="complaints-bench-") as tmp:
        env = environment(kind, tmp)
        print(f"[{kind}] preparing database …", flush=True)
        prepare(env)
        county, category = county_and_category(env)
        server, mail_worker = start(env, args.port, args.workers, not args.no_mail_worker)
        base = f"http://127.0.0.1:{args.port}"
        results = Results()
        killed = None
        try:
            for _ in range(args.workers):
                requests.get(f"{base}/feedback/complaint/", timeout=60)
            print(f"[{kind}] sending {args.submissions} complaints from {args.clients} clients …", flush=True)
            started = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                futures = []
                for number in range(1, args.submissions + 1):
                    futures.append(pool.submit(lambda n: Submitter(base, county, category, n, results).run(), number))
                    if number == args.submissions // 2:
                        time.sleep(1)  # let the first half be in flight
                        killed = busy_worker(server.pid)
                        os.kill(killed, signal.SIGKILL)
                errors = [future.exception() for future in futures if future.exception()]
            elapsed = time.perf_counter() - started
            time.sleep(3)  # the mail worker's first attempts
        finally:
            stop(server, mail_worker)
        output = manage(env, "shell", "-c", CHECK_STORED, input=json.dumps(results.shown)).stdout
        stored = json.loads(marked_line(output, "STORED"))
    return report(kind, args, results, stored, errors, elapsed, killed)


def report(kind, args, results, stored, errors, elapsed, killed):
    latencies = sorted(results.latencies)
    server_errors = sum(count for status, count in results.statuses.items() if status >= 500)
    shown_complete = sum(1 for receipt, code in results.shown.values() if receipt and code)
    answered = len(results.shown)
    print(f"[{kind}] workers={args.workers} (worker {killed} killed half-way) clients={args.clients}")
    print(
        f"[{kind}] POST requests: {len(latencies)} in {elapsed:.1f} s = {len(latencies) / elapsed:.1f}/s; "
        f"status counts {dict(sorted(results.statuses.items()))}; after a dropped connection "
        f"{results.resent} forms sent again and {results.reloaded} pages reloaded"
    )
    print(
        f"[{kind}] POST latency p50={statistics.median(latencies) * 1000:.0f} ms "
        f"p95={latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms max={latencies[-1] * 1000:.0f} ms"
    )
    print(
        f"[{kind}] submitters answered: {answered} of {args.submissions}; cases stored: {stored['stored']}; "
        f"stored twice: {stored['tokens_stored_twice']}; receipts unique: {stored['receipts_unique']}"
    )
    print(
        f"[{kind}] shown a receipt and a query code: {shown_complete}; codes that open their case: "
        f"{stored['codes_open_their_case']}; server errors: {server_errors}; client exceptions: {len(errors)}"
    )
    print(
        f"[{kind}] mail server down: {stored['mail_tasks']} notices queued, {stored['mail_failed_attempts']} "
        f"attempts failed and kept for retry, {stored['mail_sent']} sent"
    )
    ok = (
        answered == args.submissions
        and stored["stored"] == args.submissions
        and stored["tokens_stored_twice"] == 0
        and stored["receipts_unique"]
        and shown_complete == answered
        and stored["codes_open_their_case"] == answered
        and not server_errors
        and not errors
        and stored["mail_sent"] == 0
        and stored["mail_tasks"] >= answered
    )
    print(f"[{kind}] RESULT:", "OK" if ok else "FAILED", flush=True)
    if errors:
        print("first client exception:", repr(errors[0]))
    return ok


def main(argv=None):
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("interrupted"))  # so gunicorn is stopped on the way out
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--no-mail-worker", action="store_true", help="leave the queued mail unattempted")
    args = parser.parse_args(argv)
    outcomes = [run(kind, args) for kind in args.databases.split(",")]
    return 0 if all(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
