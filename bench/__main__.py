"""python -m bench [NAME…]: run every benchmark of this folder (make bench), or those named.

Benchmarks run with production settings (no DEBUG, cached template loaders, hashed static
files) on their own database and files under var/bench/, never on the site's or the tests'.
"""

import importlib
import os
import pkgutil
import secrets
import sys
from pathlib import Path

import django

BENCH_DIR = Path(__file__).resolve().parent


def main():
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            # BENCH_VAR_DIR: another folder, e.g. to run two benchmarks side by side.
            "MAILLAGE_VAR_DIR": os.environ.get("BENCH_VAR_DIR")
            or str(BENCH_DIR.parent / "var" / "bench"),
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "testserver",
            "FORCE_HTTPS": "false",
            "LOG_LEVEL": "WARNING",
            # Benchmarks measure rendering; `make loadtest` measures the anonymous page cache.
            "PAGE_CACHE": "false",
        }
    )
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    # The load test has its own target (make loadtest): it starts a server and imports locust.
    names = [
        module.name
        for module in pkgutil.iter_modules([str(BENCH_DIR)])
        if module.name not in ("loadtest", "locustfile")
    ]
    wanted = sys.argv[1:] or names
    unknown = set(wanted) - set(names)
    if unknown:
        sys.exit(f"Unknown benchmark(s): {', '.join(sorted(unknown))} (known: {', '.join(names)})")
    for name in sorted(wanted):
        module = importlib.import_module(f"bench.{name}")
        if hasattr(module, "run"):
            module.run()


if __name__ == "__main__":
    main()
