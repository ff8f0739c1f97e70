"""Material proposed by partners for a campaign's kit (issue 5, item 1: "through moderation").

A relay request that names a campaign and carries a file is a proposal. When the coordination or
communication accepts it, the file becomes a Wagtail document (or image, for a picture) in the
"Campagnes" collection, and a kit item pointing at it is appended to the campaign's latest
revision, as a draft: the live page does not change until someone who may publish the campaign
reviews the item (its description, its alternative text) and publishes. Nothing is published here.
"""

import html

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import Truncator
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.sanitize import plain_text

CAMPAIGNS_COLLECTION = "Campagnes"


class KitProposalError(Exception):
    """A proposal that cannot be added; the message says why, in French."""


def campaigns_collection():
    """The "Campagnes" collection under the root, created the first time it is needed."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=CAMPAIGNS_COLLECTION).first()
    return collection or root.add_child(name=CAMPAIGNS_COLLECTION)


def media_from_attachment(relay, user, collection):
    """A new Wagtail image or document holding a copy of the request's attachment."""
    image = relay.has_image_attachment
    model = get_image_model() if image else get_document_model()
    wrapper = ImageFile if image else File
    with relay.attachment.open("rb") as source:
        item = model(
            title=relay.subject[:255],
            collection=collection,
            uploaded_by_user=user,
            file=wrapper(source, name=relay.attachment_name),
        )
        # Size and hash, as Wagtail's own upload forms record them.
        if image:
            item._set_image_file_metadata()
        else:
            item._set_document_file_metadata()
        item.save()
    return item


def kit_item_for(relay, media):
    from events.models import KitItem, KitItemKind

    description = html.unescape(plain_text(relay.message))
    by = relay.structure.title if relay.structure_id else "un membre du réseau"
    fields = {
        "title": relay.subject[:160],
        "description": Truncator(" ".join(description.split())).chars(500),
        "language": "fr",
        "usage_note": Truncator(f"Support proposé par {by}.").chars(300),
    }
    if relay.has_image_attachment:
        # The alternative text is left for the reviewer: the editor refuses to publish without it.
        return KitItem(kind=KitItemKind.IMAGE, image=media, image_alt="", **fields)
    return KitItem(kind=KitItemKind.DOCUMENT, document=media, **fields)


@transaction.atomic
def add_to_kit(relay, campaign, user):
    """Append the proposal to `campaign`'s kit in a new draft revision; return that revision.

    Raises KitProposalError when the page cannot take it (locked by someone else, or a draft
    that no longer validates).
    """
    lock = campaign.get_lock()
    if lock is not None and lock.for_user(user):
        raise KitProposalError(
            "La page de la campagne est verrouillée par quelqu'un d'autre : "
            "réessayez une fois qu'elle sera déverrouillée."
        )
    if not relay.attachment:
        raise KitProposalError("Cette demande n'a pas de pièce jointe à ajouter au kit.")
    try:
        relay.attachment.open("rb").close()
    except OSError as error:
        raise KitProposalError("Le fichier de cette demande est introuvable.") from error

    media = media_from_attachment(relay, user, campaigns_collection())
    draft = campaign.get_latest_revision_as_object()
    items = list(draft.kit_items.all())
    item = kit_item_for(relay, media)
    item.sort_order = max((other.sort_order or 0 for other in items), default=-1) + 1
    draft.kit_items.add(item)
    try:
        return draft.save_revision(user=user, log_action=True)
    except ValidationError as error:
        raise KitProposalError(
            "Le brouillon de la campagne contient des erreurs ; corrigez-les dans l'éditeur, "
            "puis réessayez : " + "; ".join(error.messages)
        ) from error
