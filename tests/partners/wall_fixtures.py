"""Fixtures of the partners' wall tests (loaded with `pytest_plugins`, see wall.py)."""

import pytest

from .wall import WallPageFactory


@pytest.fixture
def wall(home_page):
    return WallPageFactory(parent=home_page)


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinatrice", "Coordination")


@pytest.fixture
def communicant(make_user):
    return make_user("chargee-com", "Communication")


@pytest.fixture
def partner_client(client, partner):
    client.force_login(partner)
    return client
