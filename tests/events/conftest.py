"""The agenda page, for every events test (the directory fixtures come from tests/partners)."""

import pytest

from events.models import AgendaPage
from home.models import HomePage
from tests.conftest import rolled_back_after_module
from tests.partners.conftest import (  # noqa: F401 (fixtures)
    directory,
    make_partner,
    other_partner,
    other_structure,
    partner,
    structure,
)

from .factories import AgendaPageFactory


@pytest.fixture(scope="module")
def module_agenda(django_db_setup, django_db_blocker):
    """The agenda, published once per test module and rolled back after its last test."""
    with rolled_back_after_module(django_db_blocker):
        yield AgendaPageFactory(parent=HomePage.objects.get(depth=2))


@pytest.fixture
def agenda(module_agenda, db):
    """The module's agenda, read afresh: what a test changes is rolled back after it."""
    return AgendaPage.objects.get(pk=module_agenda.pk)
