"""Run every benchmark in this folder: `uv run python -m bench` (or `make bench`).

Each module bench/<name>.py with a ``main()`` prints its own figures.
"""

import importlib
import pkgutil
from pathlib import Path


def main():
    for module in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        benchmark = importlib.import_module(f"bench.{module.name}")
        if hasattr(benchmark, "main"):
            print(f"== bench/{module.name}.py ==", flush=True)
            benchmark.main()


if __name__ == "__main__":
    main()
