"""Security headers over HTTP: a strict Content-Security-Policy on public pages, the other
headers on every response, HSTS and upgrade-insecure-requests with production settings.
(tests/demo/test_security_headers_demo.py checks every page type of the demo for inline code.)
"""

import importlib
import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from home.blocks import VideoBlock
from home.models import SiteSettings
from tests.security.test_login_throttling import attempt, fail

BASE_DIR = settings.BASE_DIR
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 40 + "abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "sante.exemple.fr",
}


def directives(response):
    policy = response["Content-Security-Policy"]
    parts = (part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def test_a_public_page_gets_a_strict_content_security_policy(client, home_page):
    response = client.get(home_page.url)

    policy = directives(response)
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == "'self'"
    assert policy["script-src"].split()[0] == policy["style-src"].split()[0] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    # The map's tiles, and Wagtail's userbar for editors (from WAGTAILADMIN_BASE_URL).
    assert policy["img-src"].split()[:3] == ["'self'", "data:", "https://tile.openstreetmap.org"]
    assert settings.WAGTAILADMIN_BASE_URL.startswith(policy["script-src"].split()[1])
    # Outside production (HTTP on loopback), nothing is upgraded.
    assert "upgrade-insecure-requests" not in policy


def test_a_public_page_gets_the_other_security_headers(client, home_page):
    response = client.get(home_page.url)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert features[feature] == "()", feature


def test_a_page_from_the_page_cache_keeps_its_headers(client, site, home_page, settings):
    # The headers are added outside the anonymous page cache (home/page_cache.py), so that a
    # cached page never carries stale ones.
    settings.PAGE_CACHE_ENABLED = True  # off in the test settings
    SiteSettings.for_site(site)  # made by the first visit otherwise: a write that empties it
    first, second = client.get(home_page.url), client.get(home_page.url)

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options"):
        assert second[header] == first[header], header


def test_the_lockout_page_is_under_the_policy(client, make_user):
    make_user("coordinatrice", "Coordination")
    login_url = reverse("wagtailcore_login")
    fail(client, login_url, settings.AXES_FAILURE_LIMIT)

    response = attempt(client, login_url, "coordinatrice", "pas-le-bon")

    assert response.status_code == 429
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_wagtail_admin_is_left_out_of_the_policy_but_keeps_the_other_headers(client, db):
    # Wagtail's admin relies on inline scripts and styles of its own (EXCLUDE_URL_PREFIXES).
    response = client.get(reverse("wagtailadmin_login"))

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def reload_base_with(monkeypatch, **env):
    from config.settings import base

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        return importlib.reload(base).CONTENT_SECURITY_POLICY["DIRECTIVES"]
    finally:
        for name in env:
            monkeypatch.delenv(name)
        importlib.reload(base)


def test_the_tile_server_of_map_tile_url_is_allowed_for_images(monkeypatch):
    policy = reload_base_with(
        monkeypatch, MAP_TILE_URL="https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png"
    )

    assert "https://*.tile.openstreetmap.fr" in policy["img-src"]
    assert "https://tile.openstreetmap.org" not in policy["img-src"]


def test_video_players_come_from_the_listed_origins_only(monkeypatch):
    policy = reload_base_with(monkeypatch, VIDEO_PLAYER_ORIGINS="https://video.exemple.fr")

    assert policy["frame-src"] == ["https://video.exemple.fr"]
    assert (
        "https://www.youtube-nocookie.com"
        in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]
    )


def production_headers(**env):
    """Headers that the production settings' middlewares give an HTTPS response, computed in
    a fresh interpreter (settings are read once per process)."""
    script = """
import json
import django
from django.conf import settings
django.setup()
from django.http import HttpResponse
from django.test import RequestFactory
from django.middleware.security import SecurityMiddleware
from csp.middleware import CSPMiddleware

def page(request):
    return HttpResponse("<p>Bonjour</p>")

request = RequestFactory().get("/", secure=True, HTTP_HOST="sante.exemple.fr")
response = SecurityMiddleware(CSPMiddleware(page))(request)
print(json.dumps({"headers": dict(response.headers), "ssl_redirect": settings.SECURE_SSL_REDIRECT,
                  "secure_cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE]}))
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, **PRODUCTION_ENV, **env},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("force_https", [None, "true"])
def test_production_sends_hsts_and_upgrades_insecure_requests(force_https):
    produced = production_headers(**({"FORCE_HTTPS": force_https} if force_https else {}))

    headers = produced["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert produced["ssl_redirect"] is True
    assert produced["secure_cookies"] == [True, True]


def test_production_without_https_on_loopback_sends_no_hsts():
    # `make serve` (FORCE_HTTPS=false): a browser must not remember HTTPS for 127.0.0.1.
    headers = production_headers(FORCE_HTTPS="false")["headers"]

    assert "Strict-Transport-Security" not in headers
    assert "upgrade-insecure-requests" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "url, player",
    [
        (
            "https://www.youtube.com/watch?v=abcdefghijk",
            '<iframe width="200" height="113" src="https://www.youtube.com/embed/abcdefghijk'
            '?feature=oembed" frameborder="0" allowfullscreen title="Dépistage"></iframe>',
        ),
        (
            "https://vimeo.com/76979871",
            '<iframe src="https://player.vimeo.com/video/76979871?app_id=122963" width="640" '
            'height="360" frameborder="0" title="Dépistage"></iframe>',
        ),
        (
            "https://www.dailymotion.com/video/x8abcde",
            '<iframe frameborder="0" width="480" height="270" '
            'src="https://geo.dailymotion.com/player.html?video=x8abcde" allowfullscreen '
            'title="Dépistage"></iframe>',
        ),
    ],
)
def test_video_players_are_allowed_by_the_policy(db, url, player):
    Embed.objects.create(
        url=url, hash=get_embed_hash(url), type="video", html=player, provider_name="Vidéo"
    )
    block = VideoBlock()

    html = block.render(block.to_python({"title": "Dépistage", "url": url, "transcript": ""}))

    iframe = BeautifulSoup(html, "html.parser").find("iframe")
    parts = urlsplit(iframe["src"])
    frame_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]
    assert f"{parts.scheme}://{parts.netloc}" in frame_src
    assert "style" not in iframe.attrs
