"""The anonymous audience counter: what is counted, for whom, at what cost, how it is written."""

import datetime

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluation import audience
from evaluation.audience import ViewBuffer, flush, section_of
from evaluation.models import PageViewCount

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def empty_buffer():
    audience.buffer.take()
    yield
    audience.buffer.take()


def pending():
    """{(section, audience): views} waiting in this process's buffer."""
    return {(key[1], key[2]): views for key, views in audience.buffer.pending().items()}


def visit(client, path, **extra):
    extra.setdefault("HTTP_USER_AGENT", BROWSER)
    return client.get(path, **extra)


def test_a_visitors_page_view_is_counted_as_habitant(client, home_page):
    response = visit(client, "/")

    assert response.status_code == 200
    assert pending() == {("accueil", "public"): 1}
    assert flush() == 1
    row = PageViewCount.objects.get()
    assert (row.day, row.section, row.audience, row.views) == (
        timezone.localdate(),
        "accueil",
        "public",
        1,
    )
    assert audience.buffer.pending() == {}


def test_a_members_page_view_is_counted_as_professional(client, home_page, partner):
    client.force_login(partner)
    visit(client, "/")
    visit(client, "/")

    assert pending() == {("accueil", "pro"): 2}


def test_a_logged_in_user_without_admin_access_is_a_habitant(client, home_page, make_user):
    client.force_login(make_user("habitante"))
    visit(client, "/")

    assert pending() == {("accueil", "public"): 1}


@pytest.mark.parametrize(
    ("method", "path", "extra"),
    [
        ("head", "/", {}),
        ("post", "/", {}),
        ("get", "/page-qui-n-existe-pas/", {}),
        ("get", "/static/css/maillage.css", {}),
        ("get", "/robots.txt", {}),
        ("get", "/", {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"}),
        ("get", "/", {"HTTP_USER_AGENT": "curl/8.5.0"}),
        ("get", "/", {"HTTP_USER_AGENT": "python-requests/2.32"}),
        ("get", "/", {"HTTP_USER_AGENT": "Mozilla/5.0 HeadlessChrome/120.0"}),
        ("get", "/", {"HTTP_USER_AGENT": ""}),
    ],
)
def test_what_is_not_a_visitors_page_view_is_not_counted(client, home_page, method, path, extra):
    extra.setdefault("HTTP_USER_AGENT", BROWSER)
    getattr(client, method)(path, **extra)

    assert pending() == {}


def test_admin_pages_are_not_counted(client, home_page, make_user):
    client.force_login(make_user("coordinatrice", "Coordination"))
    response = visit(client, "/admin/")

    assert response.status_code == 200
    assert pending() == {}


def test_sections_come_from_a_fixed_list_never_the_raw_path():
    assert section_of("/") == "accueil"
    assert section_of("/structures/ccas-clamecy/") == "annuaire"
    assert section_of("/Agenda/2026/03/") == "agenda"
    assert section_of("/evaluation/rapport-2025/") == "evaluation"
    assert section_of("/recherche/") == "recherche"
    assert section_of("/une-page-quelconque/") == "autres"
    assert section_of("/%3Cscript%3E/") == "autres"


def test_the_counter_sets_no_cookie(client, home_page):
    response = visit(client, "/")

    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert pending() == {("accueil", "public"): 1}


def test_a_page_view_costs_no_query(
    client, home_page, partner, settings, django_assert_num_queries
):
    settings.AUDIENCE_COUNTER_ENABLED = False
    visit(client, "/")
    with CaptureQueriesContext(connection) as without_counter:
        visit(client, "/")
    settings.AUDIENCE_COUNTER_ENABLED = True
    with django_assert_num_queries(len(without_counter)):
        visit(client, "/")
    assert pending() == {("accueil", "public"): 1}

    # A member: the first view learns the session's audience, the next ones ask nothing more.
    client.force_login(partner)
    visit(client, "/")
    settings.AUDIENCE_COUNTER_ENABLED = False
    with CaptureQueriesContext(connection) as member_without_counter:
        visit(client, "/")
    settings.AUDIENCE_COUNTER_ENABLED = True
    with django_assert_num_queries(len(member_without_counter)):
        visit(client, "/")
    assert pending() == {("accueil", "public"): 1, ("accueil", "pro"): 2}


def test_disabled_counter_counts_nothing(client, home_page, settings):
    settings.AUDIENCE_COUNTER_ENABLED = False
    visit(client, "/")

    assert pending() == {}


def test_flush_adds_to_existing_rows(db):
    today = timezone.localdate()
    PageViewCount.objects.create(day=today, section="agenda", audience="public", views=5)
    audience.buffer.add(today, "agenda", "public", 3)
    audience.buffer.add(today, "agenda", "pro")

    assert flush() == 4
    assert flush() == 0
    counts = dict(PageViewCount.objects.values_list("audience", "views"))
    assert counts == {"public": 8, "pro": 1}


def test_two_processes_flushing_the_same_row_add_up(db):
    day = datetime.date(2026, 3, 2)
    first, second = ViewBuffer(), ViewBuffer()
    first.add(day, "annuaire", "public", 2)
    second.add(day, "annuaire", "public", 3)

    first.flush()
    second.flush()

    assert PageViewCount.objects.get(day=day, section="annuaire").views == 5


def test_a_row_created_by_another_process_meanwhile_is_added_to(db, monkeypatch):
    day = datetime.date(2026, 3, 2)
    # The other process inserted the row just after our UPDATE found none.
    PageViewCount.objects.create(day=day, section="agenda", audience="pro", views=4)
    real_update = QuerySet.update
    calls = []

    def update_before_the_other_insert(queryset, **fields):
        calls.append(fields)
        return 0 if len(calls) == 1 else real_update(queryset, **fields)

    monkeypatch.setattr(QuerySet, "update", update_before_the_other_insert)
    buffer = ViewBuffer()
    buffer.add(day, "agenda", "pro", 3)

    assert buffer.flush() == 3
    assert len(calls) == 2  # the insert failed on the unique constraint; the update retried
    assert PageViewCount.objects.get(day=day, section="agenda").views == 7


def test_a_database_error_keeps_the_counts_and_the_page(client, home_page, settings, monkeypatch):
    def broken(counts):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(audience, "write_counts", broken)
    settings.AUDIENCE_FLUSH_SECONDS = 0
    response = visit(client, "/")

    assert response.status_code == 200
    assert pending() == {("accueil", "public"): 1}
    assert PageViewCount.objects.count() == 0


def test_counts_are_written_once_the_buffer_is_old_enough(client, home_page, settings):
    settings.AUDIENCE_FLUSH_SECONDS = 0
    visit(client, "/")

    assert pending() == {}
    assert PageViewCount.objects.get().views == 1


def test_flush_audience_command_writes_the_buffer(db, capsys):
    audience.buffer.add(timezone.localdate(), "recherche", "public", 2)

    call_command("flush_audience")

    assert PageViewCount.objects.get().views == 2
    assert "2 page(s) vue(s)" in capsys.readouterr().out
