"""Who may enter the wall: members (partners, communication, coordination), nobody else.

Every address of /reseau/ is tried over HTTP, anonymously and as a logged-in non-member.
"""

import pytest

from .wall import WallCardFactory, wall_url

pytest_plugins = ["tests.partners.wall_fixtures"]

pytestmark = pytest.mark.django_db

ROUTES = [
    ("cards", ()),
    ("post_card", ()),
    ("edit_card", ("{card}",)),
    ("withdraw_card", ("{card}",)),
    ("card_file", ("{card}", "image")),
    ("card_file", ("{card}", "piece-jointe")),
    ("my_cards", ()),
    ("preferences", ()),
    ("relay_request", ()),
    ("my_relay_requests", ()),
    ("relay_request_file", ("1",)),
]


def every_wall_url(wall, card):
    for route, args in ROUTES:
        values = [
            int(arg.format(card=card.pk)) if arg.startswith("{") or arg.isdigit() else arg
            for arg in args
        ]
        yield wall_url(wall, route, *values)


def test_anonymous_visitors_are_sent_to_log_in_from_every_wall_address(client, wall, partner):
    card = WallCardFactory(author=partner)

    for url in every_wall_url(wall, card):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert "/login/" in response.url, url


def test_a_logged_in_non_member_is_refused(client, make_user, wall, partner):
    card = WallCardFactory(author=partner)
    client.force_login(make_user("visiteur"))  # an account without admin access

    for url in every_wall_url(wall, card):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", ["partner", "communicant", "coordinator"])
def test_members_see_the_wall(client, request, wall, role):
    user = request.getfixturevalue(role)
    client.force_login(user)

    response = client.get(wall_url(wall))

    assert response.status_code == 200
    assert "Réseau des partenaires" in response.content.decode()


def test_an_inactive_member_is_refused(client, wall, partner):
    partner.is_active = False
    partner.save()
    client.force_login(partner)

    response = client.get(wall_url(wall))

    assert response.status_code in (302, 403)
