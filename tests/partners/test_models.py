"""Structures and actions sit where the page tree says, and validate what partners type."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from partners.accounts import open_partner_space
from partners.models import ActionPage, StructureIndexPage, StructurePage, validate_siret

from .factories import ClosureFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db


class TestTree(WagtailPageTestCase):
    def test_directory_lives_under_home_and_holds_structures(self):
        self.assertAllowedParentPageTypes(StructureIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(StructureIndexPage, {StructurePage})

    def test_structures_hold_actions(self):
        self.assertAllowedParentPageTypes(StructurePage, {StructureIndexPage})
        self.assertIn(ActionPage, StructurePage.allowed_subpage_models())


def test_reserved_slug_is_refused(directory):
    page = StructurePage(title="Carte", slug="carte", short_description="x")
    page.path, page.depth = directory.path + "0001", directory.depth + 1
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "slug" in error.value.message_dict


def test_half_coordinates_are_refused():
    page = StructurePage(title="X", slug="x", short_description="x", latitude=47)
    with pytest.raises(ValidationError):
        page.clean()


@pytest.mark.parametrize("siret", ["73282932000074", "35600000000048"])
def test_valid_siret_is_accepted(siret):
    validate_siret(siret)


@pytest.mark.parametrize("siret", ["73282932000075", "1234", "7328293200007A"])
def test_invalid_siret_is_refused(siret):
    with pytest.raises(ValidationError):
        validate_siret(siret)


def test_open_now_follows_slots_and_closures(structure):
    OpeningHoursFactory(structure=structure, weekday=0, opens="09:00", closes="12:00")
    closure = ClosureFactory(
        structure=structure,
        start_date=datetime.date(2026, 12, 21),
        end_date=datetime.date(2026, 12, 21),
    )
    paris = timezone.get_current_timezone()
    monday_10 = datetime.datetime(2026, 11, 30, 10, tzinfo=paris)
    monday_13 = datetime.datetime(2026, 11, 30, 13, tzinfo=paris)
    closed_monday = datetime.datetime(2026, 12, 21, 10, tzinfo=paris)

    assert structure.is_open_at(monday_10)
    assert not structure.is_open_at(monday_13)
    assert not structure.is_open_at(closed_monday)
    assert structure.closure_on(closed_monday.date()) == closure


def test_partner_space_is_opened_once_with_rights_on_the_structure_only(structure):
    space = open_partner_space(structure)

    assert open_partner_space(structure) == space
    codenames = set(
        space.group.page_permissions.filter(page=structure).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}
    assert space.group.page_permissions.exclude(page=structure).count() == 0


def test_factory_themes_reach_the_published_revision(directory):
    from .factories import StructurePageFactory, ThemeFactory

    theme = ThemeFactory(name="Nutrition test")
    page = StructurePageFactory(parent=directory, themes=[theme])

    assert list(page.themes.all()) == [theme]
    assert list(page.get_latest_revision_as_object().themes.all()) == [theme]
    assert list(StructurePage.objects.filter(themes=theme)) == [page]
