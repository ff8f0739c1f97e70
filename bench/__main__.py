"""python -m bench: run every benchmark of this folder (make bench).

Benchmarks work on their own database under var/bench/, never on the site's or the tests'.
"""

import importlib
import os
import pkgutil
from pathlib import Path

import django

BENCH_DIR = Path(__file__).resolve().parent


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["MAILLAGE_VAR_DIR"] = str(BENCH_DIR.parent / "var" / "bench")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    names = [module.name for module in pkgutil.iter_modules([str(BENCH_DIR)])]
    for name in sorted(names):
        module = importlib.import_module(f"bench.{name}")
        if hasattr(module, "run"):
            module.run()


if __name__ == "__main__":
    main()
