"""The search engine is chosen at start-up from the environment: the embedded Whoosh index by
default, Wagtail's Elasticsearch or OpenSearch backend for a larger site (SEARCH_BACKEND,
SEARCH_URL, SEARCH_INDEX, SEARCH_TIMEOUT), and a clear refusal for a name it does not know.

Each case imports a settings module in a fresh Python process with a controlled environment, as
a server would (the pattern of tests/config/test_settings.py).
"""

import importlib.util
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

STRONG_KEY = "k" * 40 + "0123456789abcdefghij"
PRODUCTION = {"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "sante.exemple.fr"}
READ_SETTINGS = (
    "import importlib, json, sys\n"
    "module = importlib.import_module(sys.argv[1])\n"
    "print(json.dumps({name: getattr(module, name, None) for name in sys.argv[2:]}, default=str))\n"
)
SCALE_OUT = ["elasticsearch7", "elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3"]


def run_settings(tmp_path, module, env, names=("WAGTAILSEARCH_BACKENDS",)):
    # Nothing of the caller's own search, secret or host configuration leaks in.
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SEARCH_")
        and key not in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    clean["MAILLAGE_VAR_DIR"] = str(tmp_path)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", READ_SETTINGS, f"config.settings.{module}", *names],
        env=clean,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def search_backend(tmp_path, module="base", env=None):
    result = run_settings(tmp_path, module, env or {})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["WAGTAILSEARCH_BACKENDS"]["default"]


@pytest.mark.parametrize("module", ["base", "production"])
def test_default_is_the_embedded_whoosh_index_under_the_var_folder(tmp_path, module):
    backend = search_backend(tmp_path, module, PRODUCTION if module == "production" else {})

    assert backend == {
        "BACKEND": "search.backends.whoosh",
        "PATH": str(tmp_path / "search-index"),
    }


def test_the_whoosh_index_folder_can_be_moved(tmp_path):
    backend = search_backend(tmp_path, env={"SEARCH_INDEX_PATH": str(tmp_path / "ailleurs")})

    assert backend["PATH"] == str(tmp_path / "ailleurs")


def test_tests_keep_their_index_in_a_temporary_folder(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()

    backend = search_backend(tmp_path, "test", {"TMPDIR": str(temporary)})

    assert backend["PATH"].startswith(str(temporary / "maillage-test-index-"))


@pytest.mark.parametrize("name", SCALE_OUT)
def test_an_environment_variable_selects_wagtails_elasticsearch_or_opensearch_backend(
    tmp_path, name
):
    backend = search_backend(
        tmp_path,
        "production",
        {
            **PRODUCTION,
            "SEARCH_BACKEND": name,
            "SEARCH_URL": "https://search-1.internal:9200, https://search-2.internal:9200",
            "SEARCH_INDEX": "maillage-prod",
            "SEARCH_TIMEOUT": "12",
        },
    )

    assert backend["BACKEND"] == f"wagtail.search.backends.{name}"
    assert backend["URLS"] == ["https://search-1.internal:9200", "https://search-2.internal:9200"]
    assert backend["INDEX"] == "maillage-prod"
    assert backend["TIMEOUT"] == 12
    assert "PATH" not in backend
    # The module named is Wagtail's own (its client library is installed by whoever scales out).
    assert importlib.util.find_spec(backend["BACKEND"]) is not None


def test_a_search_cluster_has_sensible_defaults(tmp_path):
    backend = search_backend(tmp_path, env={"SEARCH_BACKEND": "elasticsearch8"})

    assert backend["URLS"] == ["http://localhost:9200"]
    assert backend["INDEX"] == "maillage"
    assert backend["TIMEOUT"] == 5


def test_the_database_backend_needs_no_option(tmp_path):
    backend = search_backend(
        tmp_path, env={"SEARCH_BACKEND": "database", "SEARCH_URL": "https://ignored:9200"}
    )

    assert backend == {"BACKEND": "wagtail.search.backends.database"}


def test_whoosh_ignores_the_cluster_variables(tmp_path):
    backend = search_backend(
        tmp_path, env={"SEARCH_BACKEND": "whoosh", "SEARCH_URL": "https://ignored:9200"}
    )

    assert set(backend) == {"BACKEND", "PATH"}


@pytest.mark.parametrize("value", ["solr", "Elasticsearch8", "elasticsearch", "meilisearch"])
def test_an_unknown_backend_is_refused_with_the_known_names(tmp_path, value):
    result = run_settings(tmp_path, "base", {"SEARCH_BACKEND": value})

    assert result.returncode != 0, "these settings should have refused to load"
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("django.core.exceptions.ImproperlyConfigured")
    assert f"SEARCH_BACKEND={value!r} is unknown" in message
    assert all(name in message for name in ["whoosh", "database", *SCALE_OUT])
