"""The agenda page, for every events test (the directory fixtures come from tests/partners)."""

import pytest

from tests.partners.conftest import (  # noqa: F401 (fixtures)
    directory,
    make_partner,
    other_partner,
    other_structure,
    partner,
    structure,
)

from .factories import AgendaPageFactory


@pytest.fixture
def agenda(home_page):
    return AgendaPageFactory(parent=home_page)
