"""The coordination's admin screen for relay requests: "Demandes de relais".

Coordination and Communication (partners/migrations/0004_wall_roles.py) list the requests sent
from the wall, filter and export them, and decide on each one: relayed or declined, with a note
e-mailed to the partner. Everything the partner wrote is shown, never editable. Nobody creates a
request here: requests come from the wall (/reseau/relais/).

A request that names a campaign and carries a file is a proposal for the campaign's kit: "Ajouter
au kit de la campagne" copies the file into the media library and appends a kit item to the
campaign's draft (partners/relay_kit.py), then opens the page editor so that the item is
reviewed and published by hand.

Partners have no permission on the model: every URL of the viewset answers them 403 (Wagtail's
permission checks on the generic views, explicit checks on the extra ones).
"""

from functools import wraps

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import RelayAudience, RelayRequest, RelayStatus
from .relay_forms import RelayDecisionForm
from .relay_kit import KitProposalError, add_to_kit
from .relay_notifications import send_relay_decision
from .views.relay import serve_attachment


class RelayRequestPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that nobody adds a request from the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(RelayRequest, RelayRequestPermissionPolicy(RelayRequest))


def can_handle(user):
    return user.has_perm("partners.change_relayrequest")


def campaign_of(relay):
    """The request's campaign as a CampaignPage; None without one (or if it is another page)."""
    from events.models import CampaignPage

    if not relay.campaign_id:
        return None
    return CampaignPage.objects.filter(pk=relay.campaign_id).first()


# The decision screen ---------------------------------------------------------------------------


class RelayRequestSummaryPanel(Panel):
    """What the partner sent, read-only, with the kit action when the request is a proposal."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "partners/admin/relay_summary_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            relay = self.instance
            campaign = campaign_of(relay)
            user = self.request.user
            context.update(
                relay=relay,
                campaign=campaign,
                file_url=(
                    reverse("relay_requests:attachment", args=[relay.pk])
                    if relay.attachment
                    else ""
                ),
                can_add_to_kit=bool(
                    campaign is not None
                    and relay.attachment
                    and relay.is_new
                    and can_handle(user)
                    and campaign.permissions_for_user(user).can_edit()
                ),
                kit_url=reverse("relay_requests:add_to_kit", args=[relay.pk]),
                campaign_edit_url=(
                    reverse("wagtailadmin_pages:edit", args=[campaign.pk]) if campaign else ""
                ),
            )
            return context


class RelayDecisionView(EditView):
    """Saving a decision records who took it and when, and e-mails the partner once committed."""

    success_message = "Décision enregistrée pour « %(object)s »."

    def save_instance(self):
        relay = self.form.instance
        decided = "status" in self.form.changed_data and relay.status != RelayStatus.NEW
        if "status" in self.form.changed_data:
            relay.handled_by = self.request.user if decided else None
            relay.handled_at = timezone.now() if decided else None
        instance = super().save_instance()
        self.notified = decided
        if decided:
            transaction.on_commit(lambda: send_relay_decision(instance))
        return instance

    def get_success_message(self):
        message = super().get_success_message()
        if getattr(self, "notified", False):
            message += " Le partenaire en est informé par courriel."
        return message


# The list --------------------------------------------------------------------------------------


class RelayRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="État", choices=RelayStatus.choices, empty_label="Tous"
    )
    audience = django_filters.ChoiceFilter(
        label="À qui", choices=RelayAudience.choices, empty_label="Tous"
    )
    wanted_by = django_filters.DateFromToRangeFilter(
        label="À relayer avant le", widget=DateRangePickerWidget
    )
    kit_proposal = django_filters.BooleanFilter(
        label="Propositions pour un kit",
        method="filter_kit_proposal",
        widget=forms.Select(choices=[("", "Toutes"), ("true", "Oui"), ("false", "Non")]),
    )

    class Meta:
        model = RelayRequest
        fields = ["status", "audience", "wanted_by"]

    def filter_kit_proposal(self, queryset, name, value):
        proposals = queryset.exclude(campaign=None).exclude(attachment="")
        if value:
            return proposals
        return queryset.exclude(pk__in=proposals.values("pk"))


class RelayRequestIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("structure", "campaign", "requested_by")


def requester_label(relay):
    return relay.requester_name or "—"


# Extra views -----------------------------------------------------------------------------------


def permission_first(codename):
    """Refuse users without `codename` before anything else (method, object): one answer, 403."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not request.user.has_perm(codename):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return checked

    return decorator


@permission_first("partners.view_relayrequest")
@require_GET
def attachment_view(request, pk):
    """The attachment, for those who may read requests (the same headers as the wall's view)."""
    relay = get_object_or_404(RelayRequest.objects.exclude(attachment=""), pk=pk)
    return serve_attachment(relay)


@permission_first("partners.change_relayrequest")
@require_POST
def add_to_kit_view(request, pk):
    """Copy a proposal into its campaign's kit, as a draft, then open the page editor."""
    relay = get_object_or_404(RelayRequest.objects.select_related("structure"), pk=pk)
    edit_url = reverse("relay_requests:edit", args=[relay.pk])
    campaign = campaign_of(relay)
    if campaign is None or not relay.attachment:
        messages.error(
            request, "Cette demande ne propose pas de fichier pour le kit d'une campagne."
        )
        return redirect(edit_url)
    if not campaign.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if not relay.is_new:
        messages.warning(request, "Cette demande a déjà été traitée.")
        return redirect(edit_url)
    try:
        with transaction.atomic():
            add_to_kit(relay, campaign, request.user)
            added = f"Ajouté au kit de la campagne « {campaign.title} »"
            relay.status = RelayStatus.RELAYED
            relay.note = (
                f"{added} : il paraîtra sur la page de la campagne une fois relu et publié."
                + (f"\n\n{relay.note}" if relay.note else "")
            )
            relay.handled_by = request.user
            relay.handled_at = timezone.now()
            relay.save(update_fields=["status", "note", "handled_by", "handled_at"])
            log(relay, "wagtail.edit", user=request.user)
            transaction.on_commit(lambda: send_relay_decision(relay))
    except KitProposalError as error:
        messages.error(request, str(error))
        return redirect(edit_url)
    messages.success(
        request,
        f"« {relay.subject} » est ajouté au brouillon du kit de « {campaign.title} ». "
        "Relisez l'élément (description, texte alternatif d'un visuel), puis publiez la page. "
        "Le partenaire est informé par courriel.",
    )
    return redirect("wagtailadmin_pages:edit", campaign.pk)


# The viewset -----------------------------------------------------------------------------------


class RelayRequestViewSet(ModelViewSet):
    model = RelayRequest
    name = "relay_requests"
    url_prefix = "reseau/relais"
    icon = "mail"
    menu_label = "Demandes de relais"
    menu_name = "demandes-de-relais"
    index_view_class = RelayRequestIndexView
    edit_view_class = RelayDecisionView
    filterset_class = RelayRequestFilterSet
    copy_view_enabled = False
    list_display = [
        TitleColumn(
            "subject",
            label="Quoi",
            get_url=lambda relay: reverse("relay_requests:edit", args=[relay.pk]),
        ),
        Column("structure", label="Structure"),
        Column("requester", label="Demandée par", accessor=requester_label),
        Column("audience", label="À qui", accessor="get_audience_display"),
        DateColumn("wanted_by", label="Avant le", sort_key="wanted_by"),
        Column("campaign", label="Campagne"),
        Column("status", label="État", accessor="get_status_display", sort_key="status"),
        DateColumn("created_at", label="Reçue le", sort_key="created_at"),
    ]
    search_fields = ["subject", "message", "structure__title", "requested_by__email"]
    search_backend_name = None  # plain database lookups: requests are not in the search index
    ordering = ["-created_at"]
    list_export = [
        "subject",
        "details_text",
        "structure",
        "requester_name",
        "audience",
        "wanted_by",
        "link",
        "campaign",
        "status",
        "note",
        "created_at",
        "handled_at",
        "handled_by",
    ]
    export_headings = {
        "subject": "Quoi",
        "details_text": "Détails",
        "structure": "Structure",
        "requester_name": "Demandée par",
        "audience": "À qui",
        "wanted_by": "À relayer avant le",
        "link": "Lien",
        "campaign": "Campagne",
        "status": "État",
        "note": "Note de la coordination",
        "created_at": "Reçue le",
        "handled_at": "Traitée le",
        "handled_by": "Traitée par",
    }
    export_filename = "demandes-de-relais"
    edit_handler = ObjectList(
        [
            RelayRequestSummaryPanel(heading="La demande"),
            FieldPanel("status", heading="Décision"),
            FieldPanel("note"),
        ],
        base_form_class=RelayDecisionForm,
    )

    @cached_property
    def menu_item_class(self):
        """The menu item, with the number of requests still to handle in its label."""
        base = super().menu_item_class

        class RelayMenuItem(base):
            def render_component(self, request):
                count = RelayRequest.objects.new().count()
                label = f"{self.label} ({count})" if count else self.label
                return LinkMenuItemComponent(
                    self.name,
                    label,
                    self.url,
                    icon_name=self.icon_name,
                    classname=self.classname,
                    attrs=self.attrs,
                )

        return RelayMenuItem

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("fichier/<int:pk>/", attachment_view, name="attachment"),
            path("ajouter-au-kit/<int:pk>/", add_to_kit_view, name="add_to_kit"),
        ]
