"""The coordination moderates the wall's cards in the admin ("Réseau" → "Cartes du mur").

Who may do what follows model permissions (partners/migrations/0004_wall_roles.py): the
coordination changes a card's status (change_wallcard), communication officers only look at
cards (view_wallcard: the list and each card), partners have neither and get a refusal. The
edit form holds the status and the moderation note alone; what the author wrote is shown, not
editable. Publishing or refusing a card e-mails its author.

The "Réseau" menu group is meant to grow: other screens of the network (relay requests) append
their viewset to `ReseauViewSetGroup.items` before wagtail_hooks.py registers the group.
"""

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import wall_mail
from .members import is_member, require_member
from .models import WallCard, WallCardStatus, WallPage
from .relay_admin import RelayRequestViewSet


class CardPreviewPanel(Panel):
    """The card as members see it (text, image, attachment), read-only."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "partners/admin/wall_card_preview.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            card = self.instance
            context["card"] = card
            wall = WallPage.objects.live().first()
            if wall is not None and card.pk:
                base = wall.get_url()
                for which, key in (("image", "image_url"), ("piece-jointe", "attachment_url")):
                    context[key] = base + wall.reverse_subpage("card_file", args=[card.pk, which])
            return context


class WallCardEditView(EditView):
    """Saving a new status dates the decision and tells the author once the data is committed."""

    def save_instance(self):
        previous = (
            WallCard.objects.filter(pk=self.object.pk).values_list("status", flat=True).first()
        )
        card = self.form.instance
        changed = card.status != previous
        if changed:
            card.set_status(card.status, by=self.request.user)
        card = super().save_instance()
        if changed and card.status in (WallCardStatus.PUBLISHED, WallCardStatus.REJECTED):
            transaction.on_commit(lambda: wall_mail.send_card_decision(card))
        return card

    def get_success_message(self):
        return f"Carte « {self.object} » enregistrée : {self.object.get_status_display().lower()}."


class WallCardViewSet(ModelViewSet):
    model = WallCard
    name = "wall_cards"
    url_prefix = "reseau/cartes"
    icon = "comment"
    menu_label = "Cartes du mur"
    add_view_enabled = False  # cards are posted from the wall itself
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "kind",
        "title",
        "text",
        "link",
        "image_alt",
        "themes",
        "expires_on",
        "author",
        "structure",
        "status",
        "moderation_note",
        "moderated_by",
        "moderated_at",
        "created_at",
        "updated_at",
    ]
    edit_view_class = WallCardEditView
    list_display = ["title", "kind", "status", "structure", "author", "created_at", "expires_on"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "text"]
    search_backend_name = None  # plain database lookups: cards are not in the search index
    ordering = ["-created_at"]
    list_per_page = 30
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("kind", read_only=True),
                FieldPanel("title", read_only=True),
                FieldPanel("author", read_only=True),
                FieldPanel("structure", read_only=True),
                FieldPanel("expires_on", read_only=True),
                FieldPanel("themes", read_only=True),
                FieldPanel("link", read_only=True),
                CardPreviewPanel(heading="Texte et fichiers"),
            ],
            heading="La carte",
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("moderation_note")],
            heading="Modération",
        ),
    ]

    def get_queryset(self, request):
        return WallCard.objects.select_related("author", "structure")


class ReseauViewSetGroup(ModelViewSetGroup):
    """The network's admin screens: the wall's cards, and more appended by other modules."""

    items = [WallCardViewSet, RelayRequestViewSet]
    menu_icon = "group"
    menu_label = "Réseau"
    menu_name = "reseau"
    menu_order = 250


# A link from the admin to the wall itself, for every member -----------------------------------


def open_wall(request):
    """/admin/reseau/: on to the wall (it has no fixed address: it is a page of the tree)."""
    refusal = require_member(request)
    if refusal is not None:
        return refusal
    wall = WallPage.objects.live().first()
    if wall is None:
        return redirect("wagtailadmin_home")
    return redirect(wall.get_url(request))


class WallMenuItem(MenuItem):
    def is_shown(self, request):
        return is_member(request.user) and WallPage.objects.live().exists()


def wall_menu_item():
    return WallMenuItem(
        "Mur du réseau",
        reverse("partners_wall"),
        name="mur-du-reseau",
        icon_name="group",
        order=260,
    )
