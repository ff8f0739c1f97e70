"""No third party learns who visits: no external script, font, stylesheet, image or avatar."""

import pytest
from django.contrib.auth import get_user_model

from tests.html import LOADED_RESOURCES

from .test_home_accessibility import DEMO_PATHS


@pytest.mark.parametrize("path", DEMO_PATHS)
def test_public_pages_load_nothing_from_another_site(client, demo_territory, db, path):
    html = client.get(path).content.decode()

    assert not LOADED_RESOURCES.search(html)
    assert "<iframe" not in html.split("<template")[0]


def test_admin_shows_no_gravatar(client, demo_territory, db):
    client.force_login(get_user_model().objects.get(username="coordination"))

    html = client.get("/admin/").content.decode()

    assert "gravatar" not in html.lower()
