"""Anonymous pages' rates beside a static file's, cached and uncached, in one run.

    uv run python bench/page_rates.py [--seconds 5] [--connections 8] [--workers 2] [--port 8106]

Sets up the portal as `make run` does (SQLite, the seed content, collected static files) in a temporary folder and
starts gunicorn twice with 2 sync workers: once as deployed (the anonymous page cache on, on files as for
`make run`) and once with PAGE_CACHE_ENABLED=false. Search's per-address limit is raised (bench/page_rates_settings.py):
the load comes from one address. A Python load generator (threads, one connection per request, as sync workers close
them) requests each page type for a few seconds and prints its rate and its ratio to the static CSS file's rate
measured in the same run. Issue 16 asks for every cached page type at 30% of the static file's rate or more.
"""

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PAGES_SCRIPT = """
import json
from markets.models import MarketPage
from notices.models import NoticePage
from policies.models import PolicyPage
from wages.models import WageGuidePage
policy = next(p for p in PolicyPage.objects.live() if not p.is_consultation_draft)
print(json.dumps({
    "home": "/",
    "a policy page": policy.url,
    "/policies/": "/policies/",
    "/markets/": "/markets/",
    "a market page": MarketPage.objects.live().first().url,
    "a wage guide": WageGuidePage.objects.live().first().url,
    "/notices/": "/notices/",
    "a notice": NoticePage.objects.live().first().url,
    "search": "/search/?q=运维补助",
}))
"""


def environment(tmp, cache_on):
    return {
        **os.environ,
        "SECRET_KEY": "bench-only",
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "STATIC_ROOT": f"{tmp}/static",
        "MEDIA_ROOT": f"{tmp}/media",
        "PRIVATE_MEDIA_ROOT": f"{tmp}/private",
        "HTTPS_ONLY": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PAGE_CACHE_ENABLED": "true" if cache_on else "false",
        "PAGE_CACHE_URL": f"filecache://{tmp}/page-cache",
        "DJANGO_SETTINGS_MODULE": "bench.page_rates_settings",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args, capture=False):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=capture, text=True)  # noqa: S603 - fixed arguments
    return result.stdout


def prepare(tmp):
    env = environment(tmp, True)
    manage(env, "migrate", "--noinput", capture=True)
    manage(env, "load_seed_content", capture=True)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return json.loads(manage(env, "shell", "-c", PAGES_SCRIPT, capture=True).strip().splitlines()[-1])


def start_server(tmp, cache_on, port, workers):
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=environment(tmp, cache_on))  # noqa: S603 - fixed arguments
    for _attempt in range(100):
        try:
            get(port, "/healthz")
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", quote(path, safe="/?=&"), headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status}")
    return response, body


def rate(port, path, seconds, connections):
    """Requests per second with ``connections`` clients requesting ``path`` for ``seconds``."""
    counts = [0] * connections
    stop = time.monotonic() + seconds

    def client(index):
        while time.monotonic() < stop:
            get(port, path)
            counts[index] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started)


def static_path(port):
    _response, body = get(port, "/")
    marker = b'href="/static/portal/css/'
    start = body.index(marker) + len(b'href="')
    return body[start : body.index(b'"', start)].decode()


def measure(port, pages, seconds, connections):
    static = static_path(port)
    for path in pages.values():
        get(port, path)  # the first hit fills the cache
    figures = {"static CSS": rate(port, static, seconds, connections)}
    for name, path in pages.items():
        figures[name] = rate(port, path, seconds, connections)
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8106)
    args = parser.parse_args(argv or [])
    with tempfile.TemporaryDirectory() as tmp:
        pages = prepare(tmp)
        results = {}
        for cache_on in (True, False):
            server = start_server(tmp, cache_on, args.port, args.workers)
            try:
                results[cache_on] = measure(args.port, pages, args.seconds, args.connections)
            finally:
                server.terminate()
                server.wait()
    report(results)


def report(results):
    cached, uncached = results[True], results[False]
    static = cached["static CSS"]
    print(f"{'page':<16}{'cached req/s':>14}{'÷ static':>10}{'uncached req/s':>16}{'÷ static':>10}")
    for name in cached:
        print(
            f"{name:<16}{cached[name]:>14.0f}{cached[name] / static:>10.0%}"
            f"{uncached[name]:>16.0f}{uncached[name] / uncached['static CSS']:>10.0%}"
        )
    slow = [name for name in cached if name != "static CSS" and cached[name] / static < 0.30]
    print("every cached page type ≥ 30% of the static file's rate" if not slow else f"below 30%: {', '.join(slow)}")


if __name__ == "__main__":
    main(sys.argv[1:])
