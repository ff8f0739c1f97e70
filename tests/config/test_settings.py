"""Settings come from the environment; production refuses to start half-configured.

Each case imports a settings module in a fresh Python process with a controlled environment,
as a server would at start-up.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

STRONG_KEY = "k" * 40 + "0123456789abcdefghij"
ENV_VARIABLES = [
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "SEARCH_BACKEND",
    "SEARCH_URL",
    "FORCE_HTTPS",
    "WAGTAILADMIN_BASE_URL",
    "DJANGO_SETTINGS_MODULE",
]
READ_SETTINGS = (
    "import importlib, json, sys\n"
    "module = importlib.import_module(sys.argv[1])\n"
    "print(json.dumps({name: getattr(module, name, None) for name in sys.argv[2:]}, default=str))\n"
)


def run_python(args, env, tmp_path):
    clean = {key: value for key, value in os.environ.items() if key not in ENV_VARIABLES}
    clean["MAILLAGE_VAR_DIR"] = str(tmp_path)
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args],
        env=clean,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(tmp_path, module="base", env=None, names=()):
    result = run_python(
        ["-c", READ_SETTINGS, f"config.settings.{module}", *names], env or {}, tmp_path
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def settings_error(tmp_path, module, env):
    result = run_python(["-c", READ_SETTINGS, f"config.settings.{module}"], env, tmp_path)
    assert result.returncode != 0, "these settings should have refused to load"
    assert "ImproperlyConfigured" in result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    message = settings_error(tmp_path, "production", {"ALLOWED_HOSTS": "sante.exemple.fr"})

    assert "SECRET_KEY" in message


def test_production_refuses_a_weak_secret_key(tmp_path):
    message = settings_error(
        tmp_path, "production", {"SECRET_KEY": "changeme", "ALLOWED_HOSTS": "sante.exemple.fr"}
    )

    assert "too weak" in message


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    message = settings_error(tmp_path, "production", {"SECRET_KEY": STRONG_KEY})

    assert "ALLOWED_HOSTS" in message


def test_production_is_secure_by_default(tmp_path):
    values = read_settings(
        tmp_path,
        "production",
        {"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "sante.exemple.fr, www.sante.exemple.fr"},
        [
            "DEBUG",
            "ALLOWED_HOSTS",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "STORAGES",
        ],
    )

    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["sante.exemple.fr", "www.sante.exemple.fr"]
    assert values["SECURE_SSL_REDIRECT"] and values["SESSION_COOKIE_SECURE"]
    assert values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["STORAGES"]["staticfiles"]["BACKEND"].startswith("whitenoise.")


def test_production_passes_django_deploy_checks(tmp_path):
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "sante.exemple.fr",
        },
        tmp_path,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_embedded_defaults_need_no_service(tmp_path):
    values = read_settings(
        tmp_path,
        names=[
            "DATABASES",
            "CACHES",
            "EMAIL_BACKEND",
            "STORAGES",
            "MEDIA_ROOT",
            "WAGTAILSEARCH_BACKENDS",
            "LANGUAGE_CODE",
            "TIME_ZONE",
            "USE_TZ",
            "DEFAULT_AUTO_FIELD",
        ],
    )

    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["DATABASES"]["default"]["NAME"] == str(tmp_path / "db.sqlite3")
    assert values["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert values["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert values["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert values["MEDIA_ROOT"] == str(tmp_path / "media")
    search = values["WAGTAILSEARCH_BACKENDS"]["default"]
    assert (search["BACKEND"], search["PATH"]) == (
        "search.backends.whoosh",
        str(tmp_path / "search-index"),
    )
    assert (values["LANGUAGE_CODE"], values["TIME_ZONE"], values["USE_TZ"]) == (
        "fr",
        "Europe/Paris",
        True,
    )
    assert values["DEFAULT_AUTO_FIELD"] == "django.db.models.BigAutoField"


def test_database_url_selects_postgresql(tmp_path):
    values = read_settings(
        tmp_path,
        env={"DATABASE_URL": "postgres://maillage:secret@db.internal:5432/maillage"},
        names=["DATABASES"],
    )

    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.internal",
        5432,
        "maillage",
    )


def test_redis_url_holds_cache_and_sessions(tmp_path):
    values = read_settings(
        tmp_path,
        env={"REDIS_URL": "redis://127.0.0.1:6379/1"},
        names=["CACHES", "SESSION_ENGINE"],
    )

    assert values["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert values["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_a_bucket_name_sends_media_to_s3_compatible_storage(tmp_path):
    values = read_settings(
        tmp_path,
        env={
            "AWS_STORAGE_BUCKET_NAME": "maillage-media",
            "AWS_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
        },
        names=["STORAGES", "AWS_S3_ENDPOINT_URL", "AWS_DEFAULT_ACL"],
    )

    assert values["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert values["AWS_S3_ENDPOINT_URL"] == "https://s3.fr-par.scw.cloud"
    assert values["AWS_DEFAULT_ACL"] is None


def test_an_smtp_host_sends_real_email(tmp_path):
    values = read_settings(
        tmp_path,
        env={"EMAIL_HOST": "smtp.exemple.fr", "EMAIL_PORT": "465"},
        names=["EMAIL_BACKEND", "EMAIL_PORT", "EMAIL_USE_SSL", "EMAIL_USE_TLS"],
    )

    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_PORT"], values["EMAIL_USE_SSL"], values["EMAIL_USE_TLS"]) == (
        465,
        True,
        False,
    )


def test_search_backend_can_be_elasticsearch_or_opensearch(tmp_path):
    values = read_settings(
        tmp_path,
        env={"SEARCH_BACKEND": "opensearch2", "SEARCH_URL": "https://search.internal:9200"},
        names=["WAGTAILSEARCH_BACKENDS"],
    )

    backend = values["WAGTAILSEARCH_BACKENDS"]["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.opensearch2"
    assert backend["URLS"] == ["https://search.internal:9200"]
    assert backend["INDEX"] == "maillage"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"SEARCH_BACKEND": "solr"}, "SEARCH_BACKEND"),
        ({"DEBUG": "peut-être"}, "DEBUG must be a boolean"),
        ({"DATABASE_CONN_MAX_AGE": "beaucoup"}, "DATABASE_CONN_MAX_AGE must be an integer"),
    ],
)
def test_a_malformed_variable_is_named_in_a_clear_error(tmp_path, env, expected):
    assert expected in settings_error(tmp_path, "base", env)


def test_production_without_redis_shares_one_cache_between_workers(tmp_path):
    env = {"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "sante.exemple.fr"}

    file_cache = read_settings(tmp_path, "production", env, ["CACHES"])["CACHES"]["default"]
    redis = read_settings(
        tmp_path, "production", {**env, "REDIS_URL": "redis://127.0.0.1:6379/2"}, ["CACHES"]
    )["CACHES"]["default"]

    assert file_cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert file_cache["LOCATION"] == str(tmp_path / "cache")
    assert redis["BACKEND"] == "django_redis.cache.RedisCache"
