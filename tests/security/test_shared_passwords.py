"""Shared-password pages and document collections over HTTP: the site's layout, and throttled.

An editor may protect a page (Wagtail's page privacy) or a collection of documents with one
password. Wagtail's forms for them never go through django.contrib.auth, so django-axes does
not count them: home/shared_passwords.py does, per restriction and client address, with the
login's limit and cool-off.
"""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.shared_passwords import throttled
from tests.home.factories import DocumentFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

SECRET = "Comite-de-pilotage-2026"
SECRET_TEXT = "Ordre du jour confidentiel du comité de pilotage"
CLIENT_IP = "81.64.12.7"
OTHER_IP = "92.184.100.3"


@pytest.fixture
def private_page(site):
    page = StandardPageFactory(
        parent=site.root_page, title="Espace du comité de pilotage", intro=SECRET_TEXT
    )
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=SECRET
    )
    return page


@pytest.fixture
def private_document():
    collection = Collection.get_first_root_node().add_child(name="Comité de pilotage")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password=SECRET
    )
    return DocumentFactory(
        title="Compte rendu du comité", collection=collection, file__filename="compte-rendu.pdf"
    )


def page_form_url(page):
    restriction = page.view_restrictions.get()
    return reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])


def document_form_url(document):
    restriction = document.collection.view_restrictions.get()
    return reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])


def answer(client, form_url, password, return_url, ip=CLIENT_IP, **headers):
    return client.post(
        form_url, {"password": password, "return_url": return_url}, REMOTE_ADDR=ip, **headers
    )


def fail(client, form_url, return_url, times, ip=CLIENT_IP, **headers):
    """`times` wrong passwords: the form again with its error, until the wrong answer that
    reaches the limit, already answered with the page that suspends the form (as django-axes
    does for the login)."""
    for n in range(1, times + 1):
        response = answer(client, form_url, "pas-le-bon", return_url, ip=ip, **headers)
        if n < settings.AXES_FAILURE_LIMIT:
            assert response.status_code == 200, n
            assert "Mot de passe incorrect" in response.content.decode(), n
        else:
            assert response.status_code == 429, n


def counted_keys():
    """The keys of the wrong answers' counts in the test settings' LocMemCache."""
    return [key for key in cache._cache if "shared-password:" in key]


def main_text(response):
    main = BeautifulSoup(response.content.decode(), "html.parser").find("main")
    return " ".join(main.get_text(" ").split())


# The form, in the site's layout ----------------------------------------------------------------


def test_a_private_page_asks_for_its_password_in_the_sites_layout(client, private_page):
    response = client.get(private_page.url)
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")

    assert response.status_code == 200
    assert soup.html["lang"] == "fr"
    assert soup.select_one("a.skip-link, a[href='#contenu']") is not None
    assert soup.h1.get_text(strip=True) == "Accès protégé par un mot de passe"
    assert "Espace du comité de pilotage" in main_text(response)
    assert SECRET_TEXT not in html
    field = soup.find("input", {"name": "password"})
    assert field["type"] == "password"
    assert soup.find("label", {"for": field["id"]}).get_text(strip=True) == "Mot de passe"
    assert soup.find("form", method="post")["action"] == page_form_url(private_page)
    assert soup.find("input", {"name": "return_url"})["value"] == private_page.url
    assert soup.find("meta", {"name": "robots"})["content"] == "noindex"


def test_the_right_password_opens_the_page(client, private_page):
    response = answer(client, page_form_url(private_page), SECRET, private_page.url)

    assert response.status_code == 302 and response["Location"] == private_page.url
    assert SECRET_TEXT in client.get(private_page.url).content.decode()


def test_a_wrong_password_shows_the_form_again_with_a_french_error_linked_to_the_field(
    client, private_page
):
    response = answer(client, page_form_url(private_page), "pas-le-bon", private_page.url)
    soup = BeautifulSoup(response.content.decode(), "html.parser")

    assert response.status_code == 200
    assert soup.select_one("[role=alert] h2").get_text(strip=True) == "Mot de passe incorrect"
    field = soup.find("input", {"name": "password"})
    assert field.get("aria-invalid") == "true"
    assert f"{field['id']}_error" in field["aria-describedby"]
    assert SECRET_TEXT not in response.content.decode()


def test_a_document_of_a_protected_collection_asks_for_its_password(client, private_document):
    response = client.get(private_document.url)

    assert response.status_code == 200
    assert "Ce document est réservé" in main_text(response)
    opened = answer(client, document_form_url(private_document), SECRET, private_document.url)
    assert opened.status_code == 302
    assert client.get(private_document.url).status_code == 200
    assert "Content-Disposition" in client.get(private_document.url).headers


# Throttling ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["page", "document"])
def test_the_right_password_is_refused_with_429_after_the_limit(
    client, kind, private_page, private_document
):
    target = private_page if kind == "page" else private_document
    form_url = page_form_url(target) if kind == "page" else document_form_url(target)
    fail(client, form_url, target.url, settings.AXES_FAILURE_LIMIT)

    response = answer(client, form_url, SECRET, target.url)

    assert response.status_code == 429
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "Accès momentanément suspendu" in main_text(response)
    assert "Vous pourrez réessayer dans 15 minutes" in main_text(response)
    # Still closed: the refused right password did not open anything.
    assert "Accès protégé par un mot de passe" in main_text(client.get(target.url))


def test_attempts_below_the_limit_then_the_right_password_open_the_page(client, private_page):
    form_url = page_form_url(private_page)
    fail(client, form_url, private_page.url, settings.AXES_FAILURE_LIMIT - 1)

    assert answer(client, form_url, SECRET, private_page.url).status_code == 302


def test_the_right_password_clears_the_count(client, private_page):
    form_url = page_form_url(private_page)
    fail(client, form_url, private_page.url, settings.AXES_FAILURE_LIMIT - 1)
    assert answer(client, form_url, SECRET, private_page.url).status_code == 302

    # As many failures again as the limit allows: the earlier ones no longer count.
    fail(client, form_url, private_page.url, settings.AXES_FAILURE_LIMIT - 1)
    assert answer(client, form_url, SECRET, private_page.url).status_code == 302


def test_another_address_and_another_restriction_are_not_locked(
    client, private_page, private_document
):
    form_url = page_form_url(private_page)
    fail(client, form_url, private_page.url, settings.AXES_FAILURE_LIMIT)

    assert answer(client, form_url, SECRET, private_page.url, ip=OTHER_IP).status_code == 302
    document_url = document_form_url(private_document)
    assert answer(client, document_url, SECRET, private_document.url).status_code == 302


def test_a_forged_x_forwarded_for_does_not_escape_the_count(client, private_page):
    form_url = page_form_url(private_page)
    for n in range(settings.AXES_FAILURE_LIMIT):
        answer(client, form_url, "pas-le-bon", private_page.url, HTTP_X_FORWARDED_FOR=f"10.9.8.{n}")

    response = answer(
        client, form_url, SECRET, private_page.url, HTTP_X_FORWARDED_FOR="203.0.113.99"
    )

    assert response.status_code == 429


def test_behind_a_proxy_clients_are_told_apart_by_the_address_it_appends(
    client, settings, private_page
):
    # What TRUSTED_PROXY_COUNT=1 sets (site/settings/base.py): each client writes what it likes
    # to the left of X-Forwarded-For; the proxy appends the address it received the request from.
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.IPWARE_STRICT = False
    form_url = page_form_url(private_page)
    for n in range(settings.AXES_FAILURE_LIMIT):
        forged = f"203.0.113.{n}, {CLIENT_IP}"
        answer(client, form_url, "pas-le-bon", private_page.url, HTTP_X_FORWARDED_FOR=forged)

    locked = answer(client, form_url, SECRET, private_page.url, HTTP_X_FORWARDED_FOR=CLIENT_IP)
    other = answer(client, form_url, SECRET, private_page.url, HTTP_X_FORWARDED_FOR=OTHER_IP)

    assert locked.status_code == 429
    assert other.status_code == 302


def test_each_attempt_during_the_lockout_restarts_the_cool_off(client, private_page):
    form_url = page_form_url(private_page)
    fail(client, form_url, private_page.url, settings.AXES_FAILURE_LIMIT)
    (key,) = counted_keys()
    cache._expire_info[key] -= 600  # ten minutes of the cool-off have gone by (LocMemCache)

    answer(client, form_url, SECRET, private_page.url)

    remaining = cache._expire_info[key] - time.time()
    assert remaining > settings.AXES_COOLOFF_TIME.total_seconds() - 5


def test_attempts_sent_at_once_are_each_counted_before_the_password_is_checked(rf):
    checked = []

    def slow_wrong_answer(request, restriction_id):
        checked.append(restriction_id)
        time.sleep(0.05)  # the others arrive while this one is checked
        return HttpResponse("Mot de passe incorrect")

    view = throttled("test", "restriction_id", slow_wrong_answer)
    request = rf.post("/", REMOTE_ADDR=CLIENT_IP)
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda _: view(request, restriction_id=1).status_code, range(20)))

    assert len(checked) == settings.AXES_FAILURE_LIMIT
    assert statuses.count(200) == settings.AXES_FAILURE_LIMIT - 1
    assert statuses.count(429) == 20 - statuses.count(200)


def test_the_cache_keeps_no_client_address(client, private_page):
    fail(client, page_form_url(private_page), private_page.url, 1)

    keys = counted_keys()
    assert keys and not any(CLIENT_IP in k for k in keys)


def test_an_unknown_restriction_is_a_404_and_counts_nothing(client, private_page):
    url = reverse("wagtailcore_authenticate_with_password", args=[999999, private_page.pk])

    assert answer(client, url, "pas-le-bon", private_page.url).status_code == 404
    assert not any(cache.get(key.split(":", 2)[2]) for key in counted_keys())  # ":1:" prefix


def test_the_form_still_refuses_a_foreign_return_url(client, private_page):
    response = answer(client, page_form_url(private_page), SECRET, "https://ailleurs.example/")

    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL
