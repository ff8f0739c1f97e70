"""E-mails of the partners' wall: a card to moderate, a moderation decision, the digest's link.

They go through partners.notifications.send (plain-text templates under
templates/partners/emails/, failures logged and reported, never an error page). Links are
absolute: e-mails are read outside the site.
"""

from django.core import signing
from django.urls import reverse

from . import notifications
from .models import WallCardStatus, WallPage

UNSUBSCRIBE_SALT = "partners.wall.digest-unsubscribe"


def absolute(url):
    """An absolute address for a page URL that may already be one (several sites)."""
    if url.startswith(("http://", "https://")):
        return url
    return notifications.absolute_url(url)


def wall_url(route=None, *args):
    """The wall's address, or one of its screens'; "" if there is no live wall."""
    wall = WallPage.objects.live().first()
    if wall is None or wall.get_url() is None:
        return ""
    url = absolute(wall.get_url())
    if route:
        url = url + wall.reverse_subpage(route, args=args)
    return url


def send_card_to_moderate(card):
    """Tell the coordination that a card waits for its review."""
    return notifications.send(
        "wall_card_to_moderate",
        notifications.coordination_addresses(),
        {
            "card": card,
            "admin_url": notifications.absolute_url(reverse("wall_cards:edit", args=[card.pk])),
        },
    )


def send_card_decision(card):
    """Tell the author that their card was published or refused (with the note)."""
    if card.author is None or not card.author.email:
        return False
    template = {
        WallCardStatus.PUBLISHED: "wall_card_published",
        WallCardStatus.REJECTED: "wall_card_rejected",
    }.get(card.status)
    if template is None:
        return False
    return notifications.send(
        template,
        [card.author.email],
        {
            "card": card,
            "wall_url": wall_url(),
            "my_cards_url": wall_url("my_cards"),
            "edit_url": wall_url("edit_card", card.pk),
        },
    )


# The digest's one-click unsubscribe link ----------------------------------------------------


def unsubscribe_token(user):
    """A signed token naming the user: it can only turn off that user's weekly digest."""
    return signing.dumps({"user": user.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def user_id_from_token(token):
    """The user id a token names, or None if it was not signed here."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    user_id = data.get("user") if isinstance(data, dict) else None
    return user_id if isinstance(user_id, int) else None


def unsubscribe_url(user):
    return notifications.absolute_url(
        reverse("wall_digest_unsubscribe", args=[unsubscribe_token(user)])
    )
