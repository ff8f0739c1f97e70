"""The index follows what editors do, without `update_index`: publishing, unpublishing, editing,
moving and deleting pages through Wagtail's own operations (and its admin) change what visitors
find at once. Counts are asked too: they come from the index alone, not from the database."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from modelsearch.backends import get_search_backend
from wagtail.models import Page, PageViewRestriction, Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from partners.models import WallCard
from tests.home.factories import StandardPageFactory
from tests.partners.factories import StructureIndexPageFactory, StructurePageFactory, ThemeFactory
from tests.partners.wall import WallCardFactory

pytestmark = pytest.mark.django_db


def live(query, queryset=None):
    results = (queryset if queryset is not None else Page.objects).live().public().search(query)
    titles = [page.title for page in results]
    assert results.count() == len(titles)  # the index agrees with the database
    return titles


@pytest.fixture
def home(home_page, search_index):
    """The home page, the index matching the database before the test changes it."""
    return home_page


def test_publishing_a_draft_makes_it_findable(home):
    page = StandardPageFactory(parent=home, title="Permanence tabacologie", live=False)
    assert live("tabacologie") == []

    page.get_latest_revision().publish()

    assert live("tabacologie") == ["Permanence tabacologie"]


def test_unpublishing_a_page_removes_it_from_live_results(home):
    page = StandardPageFactory(parent=home, title="Permanence tabacologie")
    assert live("tabacologie") == ["Permanence tabacologie"]

    page.unpublish()

    assert live("tabacologie") == []


def test_a_new_title_published_replaces_the_old_one(home):
    page = StandardPageFactory(parent=home, title="Atelier relaxation")

    page.title = "Atelier sommeil"
    page.save_revision().publish()

    assert live("sommeil") == ["Atelier sommeil"]
    assert live("relaxation") == []


def test_a_draft_revision_changes_nothing_until_it_is_published(home):
    page = StandardPageFactory(parent=home, title="Atelier relaxation")

    page.title = "Atelier sommeil"
    revision = page.save_revision()

    assert live("relaxation") == ["Atelier relaxation"]
    assert live("sommeil") == []
    revision.publish()
    assert live("sommeil") == ["Atelier sommeil"]


def test_a_search_made_before_an_edit_does_not_keep_the_old_version(home):
    page = StandardPageFactory(parent=home, title="Atelier relaxation")
    assert live("atelier") == ["Atelier relaxation"]  # this thread's searcher is now open

    page.title = "Atelier sommeil"
    page.save_revision().publish()

    assert live("relaxation") == []
    assert [page.title for page in Page.objects.live().search("atelier")] == ["Atelier sommeil"]


def test_a_moved_page_and_its_subpages_are_found_under_their_new_parent_only(home):
    before = StandardPageFactory(parent=home, title="Rubrique prévention")
    after = StandardPageFactory(parent=home, title="Rubrique santé")
    moved = StandardPageFactory(parent=before, title="Ateliers nutrition")
    StandardPageFactory(parent=moved, title="Nutrition des seniors")

    moved.move(after, pos="last-child")

    assert sorted(live("nutrition", Page.objects.descendant_of(after))) == [
        "Ateliers nutrition",
        "Nutrition des seniors",
    ]
    assert live("nutrition", Page.objects.descendant_of(before)) == []


def test_a_deleted_page_and_its_subpages_are_gone(home):
    kept = StandardPageFactory(parent=home, title="Nutrition à l'école")
    deleted = StandardPageFactory(parent=home, title="Ateliers nutrition")
    StandardPageFactory(parent=deleted, title="Nutrition des seniors")
    assert len(live("nutrition")) == 3

    deleted.delete()

    assert live("nutrition") == [kept.title]


def test_a_page_published_in_the_admin_is_found_under_its_new_title(client, home, make_user):
    page = StandardPageFactory(parent=home, title="Atelier relaxation")
    coordinator = Client()
    coordinator.force_login(make_user("coordinatrice", "Coordination"))

    response = coordinator.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        nested_form_data(
            {
                "title": "Atelier sommeil",
                "slug": page.slug,
                "intro": "Bien dormir à tout âge.",
                "body": streamfield([("paragraph", rich_text("<p>Le mardi.</p>"))]),
                "action-publish": "action-publish",
            }
        ),
    )

    assert response.status_code == 302
    assert live("sommeil") == ["Atelier sommeil"]
    assert live("relaxation") == []
    assert "Atelier sommeil" in client.get("/recherche/", {"q": "dormir"}).text


def test_a_view_restriction_hides_a_page_and_its_subpages_at_once(home):
    section = StandardPageFactory(parent=home, title="Nutrition des partenaires")
    StandardPageFactory(parent=section, title="Nutrition : compte rendu")
    assert len(live("nutrition")) == 2

    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    assert live("nutrition") == []

    restriction.delete()
    assert len(live("nutrition")) == 2


def test_a_structure_is_found_by_the_theme_it_was_created_with(home):
    directory = StructureIndexPageFactory(parent=home)
    StructurePageFactory(parent=directory, title="Relais", themes=[ThemeFactory(name="Nutrition")])

    assert live("nutrition") == ["Relais"]


def test_a_theme_added_in_a_published_revision_is_found(home):
    directory = StructureIndexPageFactory(parent=home)
    structure = StructurePageFactory(parent=directory, title="Relais")

    structure.themes = [ThemeFactory(name="Périnatalité")]
    structure.save_revision().publish()

    assert live("périnatalité") == ["Relais"]


def test_a_wall_card_is_found_by_its_theme(home):
    card = WallCardFactory(title="Places libres", text="Atelier portage.", themes=[])
    card.themes.set([ThemeFactory(name="Allaitement")])  # as the card form's save_m2m()

    backend = get_search_backend()
    assert list(backend.search("portage", WallCard.objects.all())) == [card]
    assert list(backend.search("allaitement", WallCard.objects.all())) == [card]


def test_an_expired_page_leaves_the_results_when_scheduled_publishing_runs(home):
    page = StandardPageFactory(parent=home, title="Collecte de sang")
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))

    call_command("publish_scheduled", verbosity=0)

    assert live("collecte") == []


def test_a_page_scheduled_for_later_is_found_once_its_time_has_come(home):
    page = StandardPageFactory(parent=home, title="Collecte de sang", live=False)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # scheduled: the revision waits
    assert live("collecte") == []

    # Two hours later:
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=revision.pk).update(
        content=revision.content, approved_go_live_at=past
    )
    call_command("publish_scheduled", verbosity=0)

    assert live("collecte") == ["Collecte de sang"]


def test_a_copied_page_is_found_under_its_new_title_and_parent(home):
    before = StandardPageFactory(parent=home, title="Rubrique prévention")
    after = StandardPageFactory(parent=home, title="Rubrique santé")
    page = StandardPageFactory(parent=before, title="Collecte de sang")

    page.copy(to=after, update_attrs={"title": "Collecte de sang à Clamecy", "slug": "clamecy"})

    assert live("collecte", Page.objects.descendant_of(after)) == ["Collecte de sang à Clamecy"]
    assert live("collecte", Page.objects.descendant_of(before)) == ["Collecte de sang"]
