"""Fuzz every public form and JSON API longer than the suite does: no server error, nothing obviously wrong accepted.

    uv run python -m bench.fuzz_public [--cases 2000] [--seed 20261123] [--show 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal uv run python -m bench.fuzz_public

The cases are tests/fuzz_cases.py's (tests/security/test_fuzz_public.py sends a few hundred of them): a public
form's valid submission with fields replaced by random or obviously wrong values, sent as multipart, urlencoded in
UTF-8 or another charset, or plain text, with a valid CSRF token; queries to the GET forms and APIs; JSON bodies,
nested or not, for the evaluate API. It works in a throwaway test database (in memory for SQLite, ``test_<name>``
on PostgreSQL) with the seed content, on the test suite's day, with the captcha in test mode and no rate limits.

Prints the number of cases, of server errors (a 5xx or an exception), and of submissions accepted although they
carried an obviously wrong value, per target, with the first few of each; exits non-zero if there are any.
"""

import argparse
import collections
import io
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Tally:
    def __init__(self):
        self.cases = collections.Counter()
        self.statuses = collections.defaultdict(collections.Counter)
        self.server_errors = collections.Counter()
        self.accepted_bad = collections.Counter()
        self.examples = {"server error": [], "accepted although wrong": []}

    def add(self, case, status, problem=None, detail=""):
        name = case.target.name
        self.cases[name] += 1
        self.statuses[name][status] += 1
        if problem == "server error":
            self.server_errors[name] += 1
        elif problem == "accepted although wrong":
            self.accepted_bad[name] += 1
        if problem:
            self.examples[problem].append(f"{case!r}\n    {detail}")


def send_and_count(sender, case, tally):
    from tests.fuzz_cases import accepted_bad

    try:
        response = sender.send(case)
    except Exception:  # the test client re-raises what the view raised: a 500 for a real client
        tally.add(case, "exception", "server error", traceback.format_exc(limit=-3).strip().replace("\n", "\n    "))
        return
    if response.status_code >= 500:
        tally.add(case, response.status_code, "server error", response.content[:300])
    elif accepted_bad(case, response):
        tally.add(case, response.status_code, "accepted although wrong", f"answered {response.status_code}")
    else:
        tally.add(case, response.status_code)


def fuzz(target, count, seed, tally):
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    from tests.fuzz_cases import Sender, cases

    sender = Sender()

    @hypothesis_seed(seed)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases(target))
    def run(case):
        send_and_count(sender, case, tally)

    run()


def report(tally, elapsed, show):
    total = sum(tally.cases.values())
    errors, accepted = sum(tally.server_errors.values()), sum(tally.accepted_bad.values())
    print(f"cases: {total} over {len(tally.cases)} targets in {elapsed:.0f} s ({total / elapsed:.1f}/s)")
    print(f"server errors (5xx or exception): {errors}")
    print(f"accepted although carrying an obviously wrong value: {accepted}")
    for name in tally.cases:
        statuses = dict(sorted(tally.statuses[name].items(), key=str))
        print(
            f"  {name}: {tally.cases[name]} cases, {tally.server_errors[name]} server errors, "
            f"{tally.accepted_bad[name]} accepted although wrong; statuses {statuses}"
        )
    for problem, examples in tally.examples.items():
        for example in examples[:show]:
            print(f"{problem}: {example}")
    print("RESULT:", "OK" if not errors and not accepted else "FAILED")
    return 0 if not errors and not accepted else 1


def run(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--show", type=int, default=5, help="how many examples of each problem to print")
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ.setdefault("LOG_LEVEL", "CRITICAL")  # every refused request would log a line; the tally counts them
    import django

    django.setup()
    import time_machine
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import setup_test_environment

    from portal.ratelimits import RATES
    from tests.fuzz_cases import TARGETS
    from tests.utils import SUITE_NOW

    time_machine.travel(SUITE_NOW, tick=True).start()
    setup_test_environment()
    original_name = connection.settings_dict["NAME"]
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"fuzzing the public forms and APIs on {connection.vendor}, throwaway database {test_name}", flush=True)
    try:
        call_command("load_seed_content", stdout=io.StringIO())
        tally = Tally()
        started = time.perf_counter()
        with override_settings(RATE_LIMITS={name: "1000000/m" for name in RATES}, AXES_ENABLED=False):
            for target in TARGETS:
                fuzz(target, max(1, args.cases // len(TARGETS)), args.seed, tally)
        return report(tally, time.perf_counter() - started, args.show)
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)


def main():
    """For `python -m bench`: in a fresh interpreter, since the run sets Django up with the test settings, which
    must not carry over into the benchmarks run after it."""
    return subprocess.run([sys.executable, "-m", "bench.fuzz_public"], cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(run())
