"""The anonymous page cache (home/page_cache.py), over HTTP: served without a query to visitors
without cookies, fresh the moment something is published, never for or from a logged-in user."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from evaluation import audience
from home.models import SiteSettings, Theme
from tests.evaluation.factories import (
    ActionSheetPageFactory,
    AnnualReportPageFactory,
    AxisPageFactory,
    ContractPageFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)
from tests.events.factories import AgendaPageFactory, EventPageFactory
from tests.partners.conftest import directory, make_partner, partner, structure  # noqa: F401
from tests.partners.test_moderation import edit_form

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
USERBAR = "wagtail-userbar"


def visit(client, path, **extra):
    extra.setdefault("HTTP_USER_AGENT", BROWSER)
    return client.get(path, **extra)


def cached(client, path):
    """The page's HTML once it is in the cache: a first visit fills it, the second reads it."""
    visit(client, path)
    response = visit(client, path)
    assert response["X-Cache"] == "hit", path
    return response.content.decode()


def edit_in_admin(browser, page, **fields):
    """POST the standard page's editor (a draft, unless `fields` has "action-publish")."""
    return browser.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        nested_form_data(
            {"title": page.title, "slug": page.slug, "body": streamfield([]), **fields}
        ),
    )


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True  # off in the test settings (see site/settings/test.py)


@pytest.fixture(autouse=True)
def empty_audience_buffer():
    """Page views counted here are never written (at exit) into the test database."""
    audience.buffer.take()
    yield
    audience.buffer.take()


@pytest.fixture(autouse=True)
def site_settings(site):
    """Created by the site's first request otherwise: a write that forgets the cache."""
    return SiteSettings.for_site(site)


@pytest.fixture
def page(home_page):
    return StandardPageFactory(parent=home_page, title="Le contrat", slug="le-contrat")


@pytest.fixture
def coordinator(make_user):
    browser = Client()
    browser.force_login(make_user("coordinatrice", "Coordination"))
    return browser


# Hits and misses ----------------------------------------------------------------------------


def test_a_second_anonymous_visit_is_a_hit_without_any_query(
    client, page, django_assert_num_queries
):
    first = visit(client, page.url)
    with django_assert_num_queries(0):
        second = visit(client, page.url)

    assert first.status_code == second.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert "<h1>Le contrat</h1>" in second.content.decode()
    assert not second.cookies


def test_head_requests_are_served_from_the_cache(client, page):
    visit(client, page.url)

    assert client.head(page.url)["X-Cache"] == "hit"


def test_each_query_string_is_a_page_of_its_own(client, page):
    visit(client, page.url)

    assert visit(client, page.url + "?page=2")["X-Cache"] == "miss"
    assert visit(client, page.url + "?page=2")["X-Cache"] == "hit"


def test_cached_page_views_are_still_counted_by_the_audience_counter(client, page):
    for _ in range(3):
        visit(client, page.url)

    counts = audience.buffer.take()
    assert sum(counts.values()) == 3
    assert {key[2] for key in counts} == {"public"}


def test_the_cache_can_be_turned_off(client, page, settings):
    settings.PAGE_CACHE_ENABLED = False
    visit(client, page.url)

    response = visit(client, page.url)
    assert response.status_code == 200
    assert "X-Cache" not in response


# Fresh the moment something is published ----------------------------------------------------


def test_publishing_a_revision_shows_the_new_content_at_once(client, page):
    cached(client, page.url)

    page.title = "Le contrat local de santé"
    page.save_revision().publish()

    response = visit(client, page.url)
    assert response["X-Cache"] == "miss"
    assert "<h1>Le contrat local de santé</h1>" in response.content.decode()


def test_publishing_in_the_admin_over_http_shows_the_new_content_at_once(client, coordinator, page):
    assert "Édition 2026" not in cached(client, page.url)

    response = edit_in_admin(
        coordinator, page, intro="Édition 2026 du contrat.", **{"action-publish": "action-publish"}
    )

    assert response.status_code == 302
    assert "Édition 2026 du contrat." in visit(client, page.url).content.decode()


def test_an_unpublished_page_is_gone_at_once(client, page):
    cached(client, page.url)

    page.unpublish()

    assert visit(client, page.url).status_code == 404


def test_a_moved_or_deleted_page_is_gone_at_once(client, home_page, page):
    section = StandardPageFactory(parent=home_page, title="Le territoire", slug="territoire")
    cached(client, page.url)

    page.move(section, pos="last-child")
    old_address = visit(client, "/le-contrat/")  # Wagtail redirects it, no cached page
    assert (old_address.status_code, old_address["Location"]) == (301, "/territoire/le-contrat/")
    assert visit(client, "/territoire/le-contrat/").status_code == 200

    cached(client, "/territoire/le-contrat/")
    page.refresh_from_db()
    page.delete()
    assert visit(client, "/territoire/le-contrat/").status_code == 404


def test_a_new_event_and_a_changed_one_show_in_the_agenda_at_once(client, home_page):
    agenda = AgendaPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, title="Atelier mémoire")
    assert "Atelier mémoire" in cached(client, agenda.url)

    EventPageFactory(parent=agenda, title="Dépistage du diabète")
    html = visit(client, agenda.url).content.decode()
    assert "Dépistage du diabète" in html

    event.title = "Atelier mémoire et équilibre"
    event.save_revision().publish()
    assert "Atelier mémoire et équilibre" in visit(client, agenda.url).content.decode()
    assert "Atelier mémoire et équilibre" in visit(client, event.url).content.decode()


def test_an_indicator_value_entered_shows_in_the_report_at_once(client, home_page):
    contract = ContractPageFactory(parent=home_page)
    axis = AxisPageFactory(parent=contract, number=1)
    action = ActionSheetPageFactory(parent=axis, number=1)
    indicator = IndicatorFactory(action=action, label="Ateliers tenus")
    value = IndicatorValueFactory(indicator=indicator, year=2025, value=Decimal(731))
    report = AnnualReportPageFactory(parent=contract, year=2025)
    assert "731" in cached(client, report.url)

    value.value = Decimal(947)
    value.save()

    html = visit(client, report.url).content.decode()
    assert "947" in html
    assert "731" not in html


def test_a_renamed_theme_shows_in_the_directory_at_once(client, directory):  # noqa: F811
    theme = Theme.objects.order_by("pk").first()
    assert theme.name in cached(client, directory.url)

    theme.name = "Prévention des chutes à domicile"
    theme.save()

    assert "Prévention des chutes à domicile" in visit(client, directory.url).content.decode()


def test_counters_written_while_pages_are_read_keep_the_cache(client, page):
    cached(client, page.url)

    audience.flush()  # the audience counter writes its daily counts
    Query.get("vaccination").add_hit()  # a search is counted

    assert visit(client, page.url)["X-Cache"] == "hit"


def test_pages_change_with_the_day(client, page, monkeypatch):
    monday = datetime.date(2026, 3, 2)
    monkeypatch.setattr(timezone, "localdate", lambda *args: monday)
    cached(client, page.url)

    monkeypatch.setattr(timezone, "localdate", lambda *args: monday + datetime.timedelta(days=1))

    assert visit(client, page.url)["X-Cache"] == "miss"


# Never for, nor from, anybody else ----------------------------------------------------------


def test_a_logged_in_user_never_gets_nor_fills_the_cache(client, partner, structure):  # noqa: F811
    member = Client()
    member.force_login(partner)

    first = visit(member, structure.url)
    second = visit(member, structure.url)
    assert "X-Cache" not in first and "X-Cache" not in second
    assert USERBAR in second.content.decode()  # the partner may edit its structure

    anonymous = visit(client, structure.url)
    assert anonymous["X-Cache"] == "miss"  # the member's visits left nothing behind
    assert USERBAR not in anonymous.content.decode()
    visit(client, structure.url)

    member_again = visit(member, structure.url)
    assert "X-Cache" not in member_again
    assert USERBAR in member_again.content.decode()
    assert USERBAR not in visit(client, structure.url).content.decode()


def test_a_partners_draft_never_reaches_visitors(client, partner, structure):  # noqa: F811
    live = cached(client, structure.url)
    member = Client()
    member.force_login(partner)

    response = member.post(
        reverse("wagtailadmin_pages:edit", args=[structure.pk]),
        {**edit_form(structure, short_description="Brouillon du partenaire."), "action-submit": ""},
    )
    assert response.status_code == 302

    public = visit(client, structure.url).content.decode()
    assert "Brouillon du partenaire." not in public
    assert structure.short_description in public and structure.short_description in live


def test_a_visitor_with_any_cookie_goes_past_the_cache(client, page):
    cached(client, page.url)
    client.cookies["csrftoken"] = "x" * 32

    response = visit(client, page.url)

    assert response.status_code == 200
    assert "X-Cache" not in response


def test_a_page_that_sets_a_cookie_is_never_kept(client, directory):  # noqa: F811
    join = directory.url + "devenir-partenaire/"
    first = Client().get(join)
    assert first.status_code == 200
    assert "csrftoken" in first.cookies  # the form's CSRF cookie

    second = Client().get(join)
    assert second["X-Cache"] == "miss"
    assert "csrftoken" in second.cookies


def test_private_pages_are_never_kept(client, home_page):
    members_only = StandardPageFactory(parent=home_page, title="Réservé", slug="reserve")
    PageViewRestriction.objects.create(page=members_only, restriction_type="login")
    secret = StandardPageFactory(parent=home_page, title="Secret", slug="secret", intro="Caché")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="pw")

    for _ in range(2):
        assert visit(Client(), members_only.url).status_code == 302
        response = visit(Client(), secret.url)
        assert response["X-Cache"] == "miss"
        assert "Caché" not in response.content.decode()
    assert visit(Client(), members_only.url)["X-Cache"] == "miss"


def test_searches_are_never_cached_and_each_is_counted(client, page):
    for _ in range(2):
        response = visit(client, "/recherche/?q=contrat")
        assert response.status_code == 200
        assert "X-Cache" not in response

    assert Query.get("contrat").hits == 2


def test_errors_and_posts_are_never_kept(client, page):
    for _ in range(2):
        assert visit(client, "/nulle-part/").status_code == 404
    assert visit(client, "/nulle-part/")["X-Cache"] == "miss"

    client.post(page.url)
    assert visit(client, page.url)["X-Cache"] == "miss"


def test_the_admin_is_never_cached(client):
    for _ in range(2):
        response = client.get(reverse("wagtailadmin_login"))
        assert "X-Cache" not in response


# Drafts -------------------------------------------------------------------------------------


def test_a_draft_saved_by_an_editor_keeps_the_cache(client, page):
    cached(client, page.url)

    page.title = "Titre en cours de rédaction"
    page.save_revision()

    response = visit(client, page.url)
    assert response["X-Cache"] == "hit"
    assert "Titre en cours de rédaction" not in response.content.decode()


def test_saving_a_draft_in_the_admin_over_http_keeps_the_cache(client, coordinator, page):
    cached(client, page.url)

    response = edit_in_admin(coordinator, page, intro="Brouillon de la coordinatrice.")

    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).has_unpublished_changes
    after = visit(client, page.url)
    assert after["X-Cache"] == "hit"
    assert "Brouillon de la coordinatrice." not in after.content.decode()


def test_a_page_locked_for_editing_keeps_the_cache(client, coordinator, page):
    cached(client, page.url)

    response = coordinator.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))

    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).locked
    assert visit(client, page.url)["X-Cache"] == "hit"


def test_publishing_the_draft_later_shows_it_at_once(client, page):
    page.title = "Le contrat signé"
    revision = page.save_revision()
    cached(client, page.url)

    revision.publish()

    response = visit(client, page.url)
    assert response["X-Cache"] == "miss"
    assert "<h1>Le contrat signé</h1>" in response.content.decode()
