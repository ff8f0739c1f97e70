"""Login throttling (django-axes) over HTTP, on Wagtail's admin login, the site's login form.

After AXES_FAILURE_LIMIT failures for one username from one address, that pair gets a French
429 page, even with the right password, until the cool-off is over; a success before the limit
clears the count. The address is REMOTE_ADDR unless TRUSTED_PROXY_COUNT says how many proxies
stand in front of the site.
"""

import importlib

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

PASSWORD = "Bonne-Clef-2026!"
CLIENT_IP = "81.64.12.7"
OTHER_IP = "92.184.100.3"
PROXY_IP = "10.0.0.2"


@pytest.fixture
def login_url():
    return reverse("wagtailadmin_login")


@pytest.fixture
def member(make_user):
    user = make_user("coordinatrice", "Coordination")
    user.set_password(PASSWORD)
    user.save()
    return user


def attempt(client, login_url, username, password, ip=CLIENT_IP, **headers):
    return client.post(
        login_url, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers
    )


def fail(client, login_url, times, username="coordinatrice", ip=CLIENT_IP, **headers):
    """`times` wrong passwords: the login form again with its error, until the failure that
    reaches the limit, already answered with the lockout page."""
    for n in range(1, times + 1):
        response = attempt(client, login_url, username, "pas-le-bon", ip=ip, **headers)
        expected = 429 if n >= settings.AXES_FAILURE_LIMIT else 200
        assert response.status_code == expected, n


def text_of(response):
    """The words of the page's main content, as a visitor reads them."""
    main = BeautifulSoup(response.content.decode(), "html.parser").find("main")
    return " ".join(main.get_text(" ").split())


def locked_at_the_limit():
    """Statuses of AXES_FAILURE_LIMIT failures from one client: the last one locks."""
    return [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]


def is_logged_in(client):
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_limit_and_cool_off_come_from_the_environment(monkeypatch):
    from config.settings import base

    monkeypatch.setenv("AXES_FAILURE_LIMIT", "3")
    monkeypatch.setenv("AXES_COOLOFF_MINUTES", "40")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.AXES_FAILURE_LIMIT == 3
        assert reloaded.AXES_COOLOFF_TIME.total_seconds() == 40 * 60
    finally:
        monkeypatch.delenv("AXES_FAILURE_LIMIT")
        monkeypatch.delenv("AXES_COOLOFF_MINUTES")
        importlib.reload(base)
    assert base.AXES_FAILURE_LIMIT == 5
    assert base.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_the_right_password_is_refused_with_429_after_the_limit(client, member, login_url):
    fail(client, login_url, settings.AXES_FAILURE_LIMIT)

    response = attempt(client, login_url, "coordinatrice", PASSWORD)

    assert response.status_code == 429
    assert not is_logged_in(client)


def test_the_lockout_page_is_french_and_says_when_to_retry(client, member, login_url):
    fail(client, login_url, settings.AXES_FAILURE_LIMIT)

    response = attempt(client, login_url, "coordinatrice", PASSWORD)

    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    page = text_of(response)
    assert "Connexion momentanément bloquée" in page
    assert "Vous pourrez réessayer dans 15 minutes" in page
    assert "coordinatrice" not in page


def test_the_lockout_page_does_not_tell_whether_the_account_exists(client, member, login_url):
    fail(client, login_url, settings.AXES_FAILURE_LIMIT, username="coordinatrice")
    fail(client, login_url, settings.AXES_FAILURE_LIMIT, username="personne-de-ce-nom")

    existing = attempt(client, login_url, "coordinatrice", PASSWORD)
    unknown = attempt(client, login_url, "personne-de-ce-nom", PASSWORD)

    assert existing.status_code == unknown.status_code == 429
    assert text_of(existing) == text_of(unknown)


def test_attempts_below_the_limit_still_log_in(client, member, login_url):
    fail(client, login_url, settings.AXES_FAILURE_LIMIT - 1)

    response = attempt(client, login_url, "coordinatrice", PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_a_success_clears_the_failures(client, member, login_url):
    fail(client, login_url, settings.AXES_FAILURE_LIMIT - 1)
    assert attempt(client, login_url, "coordinatrice", PASSWORD).status_code == 302
    client.logout()

    # As many failures again as the limit allows: the earlier ones no longer count.
    fail(client, login_url, settings.AXES_FAILURE_LIMIT - 1)
    response = attempt(client, login_url, "coordinatrice", PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_other_users_and_other_addresses_are_not_locked(client, member, make_user, login_url):
    colleague = make_user("collegue", "Coordination")
    colleague.set_password(PASSWORD)
    colleague.save()
    fail(client, login_url, settings.AXES_FAILURE_LIMIT)
    assert attempt(client, login_url, "coordinatrice", PASSWORD).status_code == 429

    same_address_other_user = attempt(client, login_url, "collegue", PASSWORD)
    client.logout()
    same_user_other_address = attempt(client, login_url, "coordinatrice", PASSWORD, ip=OTHER_IP)

    assert same_address_other_user.status_code == 302
    assert same_user_other_address.status_code == 302
    assert is_logged_in(client)


def test_a_forged_forwarded_for_does_not_escape_the_lockout(client, member, login_url):
    # No proxy configured: each attempt claims another address in X-Forwarded-For.
    statuses = [
        attempt(
            client, login_url, "coordinatrice", "pas-le-bon", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        ).status_code
        for n in range(1, settings.AXES_FAILURE_LIMIT + 1)
    ]
    assert statuses == locked_at_the_limit()

    response = attempt(
        client, login_url, "coordinatrice", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99"
    )

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {CLIENT_IP}


@pytest.fixture
def behind_one_proxy(settings):
    """What TRUSTED_PROXY_COUNT=1 sets (see site/settings/base.py)."""
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.IPWARE_STRICT = False


def test_trusted_proxy_count_maps_to_ipware_settings(monkeypatch):
    from config.settings import base

    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "1")
    try:
        reloaded = importlib.reload(base)
        behind_one = (
            reloaded.AXES_IPWARE_META_PRECEDENCE_ORDER,
            reloaded.AXES_IPWARE_PROXY_COUNT,
            reloaded.IPWARE_STRICT,
        )
        monkeypatch.setenv("TRUSTED_PROXY_COUNT", "2")
        behind_two = importlib.reload(base).AXES_IPWARE_PROXY_COUNT
    finally:
        monkeypatch.delenv("TRUSTED_PROXY_COUNT")
        importlib.reload(base)
    assert behind_one == (("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"), 0, False)
    assert behind_two == 1
    assert base.AXES_IPWARE_META_PRECEDENCE_ORDER == ("REMOTE_ADDR",)


@pytest.mark.usefixtures("behind_one_proxy")
def test_behind_a_proxy_the_client_address_comes_from_its_header(client, member, login_url):
    # Every request comes from the proxy; the proxy appends the client's address to the header.
    fail(
        client, login_url, settings.AXES_FAILURE_LIMIT, ip=PROXY_IP, HTTP_X_FORWARDED_FOR=CLIENT_IP
    )

    locked = attempt(
        client, login_url, "coordinatrice", PASSWORD, ip=PROXY_IP, HTTP_X_FORWARDED_FOR=CLIENT_IP
    )
    other_client = attempt(
        client, login_url, "coordinatrice", PASSWORD, ip=PROXY_IP, HTTP_X_FORWARDED_FOR=OTHER_IP
    )

    assert locked.status_code == 429
    assert other_client.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {CLIENT_IP}


@pytest.mark.usefixtures("behind_one_proxy")
def test_behind_a_proxy_an_address_written_by_the_client_is_ignored(client, member, login_url):
    # The client writes a different address each time; the proxy appends the real one.
    statuses = [
        attempt(
            client,
            login_url,
            "coordinatrice",
            "pas-le-bon",
            ip=PROXY_IP,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, {CLIENT_IP}",
        ).status_code
        for n in range(1, settings.AXES_FAILURE_LIMIT + 1)
    ]
    assert statuses == locked_at_the_limit()

    response = attempt(
        client,
        login_url,
        "coordinatrice",
        PASSWORD,
        ip=PROXY_IP,
        HTTP_X_FORWARDED_FOR=f"198.51.100.99, {CLIENT_IP}",
    )

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {CLIENT_IP}
