"""A directory page and partner accounts bound to their structures, for every partners test."""

import pytest

from partners.accounts import add_member, open_partner_space

from .factories import StructureIndexPageFactory, StructurePageFactory


@pytest.fixture
def directory(home_page):
    return StructureIndexPageFactory(parent=home_page)


@pytest.fixture
def structure(directory):
    return StructurePageFactory(parent=directory, title="CCAS de Clamecy", slug="ccas-clamecy")


@pytest.fixture
def other_structure(directory):
    return StructurePageFactory(parent=directory, title="CPTS du Morvan", slug="cpts-morvan")


@pytest.fixture
def make_partner(make_user):
    """make_partner("alice", structure) -> a user who is a member of that structure."""

    def make(username, structure):
        user = make_user(username, "Partenaires")
        add_member(open_partner_space(structure), user)
        return user

    return make


@pytest.fixture
def partner(make_partner, structure):
    return make_partner("partenaire-ccas", structure)


@pytest.fixture
def other_partner(make_partner, other_structure):
    return make_partner("partenaire-cpts", other_structure)
