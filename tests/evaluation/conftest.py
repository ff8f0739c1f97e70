"""A contract with one axis and two action sheets: one carried by a partner's structure."""

import pytest

# The directory, two structures and their partner accounts, as in the partners' tests.
from tests.partners.conftest import (  # noqa: F401
    directory,
    make_partner,
    other_partner,
    other_structure,
    partner,
    structure,
)

from .factories import ActionSheetPageFactory, AxisPageFactory, ContractPageFactory


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinatrice", "Coordination")


@pytest.fixture
def contract(home_page):
    return ContractPageFactory(parent=home_page)


@pytest.fixture
def axis(contract):
    return AxisPageFactory(parent=contract, number=1, title="Prévenir et dépister")


@pytest.fixture
def action(axis, structure):  # noqa: F811 (the imported fixture)
    """An action sheet carried by `structure` (the partner's)."""
    return ActionSheetPageFactory(
        parent=axis, number=1, title="Ateliers nutrition", carrying_structure=structure
    )


@pytest.fixture
def other_action(axis, other_structure):  # noqa: F811
    """An action sheet carried by `other_structure`."""
    return ActionSheetPageFactory(
        parent=axis, number=2, title="Forum santé mentale", carrying_structure=other_structure
    )
