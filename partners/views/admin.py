"""The coordination's admin screens for partner accounts.

- "Demandes de compte": the requests sent from the public form, with a decision screen to
  accept (structure, partner space and user in one go) or refuse them with a note;
- "Membres des structures": each structure's partner space and its members, who can be added by
  e-mail, removed, deactivated or invited again;
- "Fiches à vérifier": structures nobody has verified for a year.

Who sees them follows model permissions (partners/migrations/0002_coordination_permissions.py
gives them to Coordination); every view checks them, not only the menu.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import (
    CreateView,
    IndexView,
    InspectView,
    PermissionCheckedMixin,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from ..accounts import open_partner_space, remove_member
from ..forms import AddMemberForm, ApproveRequestForm, RejectRequestForm
from ..models import (
    PartnerRequest,
    PartnerSpace,
    StructureIndexPage,
    StructurePage,
    stale_structures,
)
from ..notifications import COORDINATION_GROUP, send_welcome

# Partner requests ------------------------------------------------------------------------------


class PartnerRequestIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_pending and self.user_has_permission("change"):
            buttons += [
                MenuItem(
                    "Accepter",
                    url=reverse("partner_requests:approve", args=[instance.pk]),
                    icon_name="check",
                    priority=1,
                ),
                MenuItem(
                    "Refuser",
                    url=reverse("partner_requests:reject", args=[instance.pk]),
                    icon_name="cross",
                    priority=2,
                ),
            ]
        return buttons


class PartnerRequestInspectView(InspectView):
    """The request in full, with the two decisions while it is pending."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "j F Y à H:i")
        return value

    @cached_property
    def header_buttons(self):
        if not (self.object.is_pending and self.user_has_permission("change")):
            return []
        return [
            HeaderButton(
                "Accepter",
                url=reverse("partner_requests:approve", args=[self.object.pk]),
                icon_name="check",
            ),
            HeaderButton(
                "Refuser",
                url=reverse("partner_requests:reject", args=[self.object.pk]),
                icon_name="cross",
            ),
        ]


class DecisionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Accept or refuse a pending request (GET: the decision form; POST: the decision)."""

    model = PartnerRequest
    permission_required = "change"
    template_name = "partners/admin/request_decision.html"
    header_icon = "user"
    decision_label = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(PartnerRequest, pk=kwargs["pk"])

    @property
    def inspect_url(self):
        return reverse("partner_requests:inspect", args=[self.object.pk])

    def get(self, request, *args, **kwargs):
        if not self.object.is_pending:
            messages.warning(request, "Cette demande a déjà été traitée.")
            return redirect(self.inspect_url)
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.decision_label} la demande"

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("partner_requests:index"), "label": "Demandes de compte partenaire"},
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.decision_label},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            action_url=self.request.path,
            submit_button_label=self.decision_label,
            **kwargs,
        )


class ApproveRequestView(DecisionView):
    form_class = ApproveRequestForm
    decision_label = "Accepter"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "directory": StructureIndexPage.objects.first()}

    def form_valid(self, form):
        space = form.save(by=self.request.user)
        if space is None:
            messages.warning(self.request, "Cette demande a déjà été traitée.")
            return redirect(self.inspect_url)
        user = form.instance.user
        messages.success(
            self.request,
            f"Demande acceptée : {user.email} est membre de « {space.structure.title} » et "
            "reçoit un courriel pour accéder à son compte. La fiche reste en brouillon jusqu'à "
            "sa validation par la coordination.",
            buttons=[
                messages.button(
                    reverse("wagtailadmin_pages:edit", args=[space.structure_id]), "Voir la fiche"
                )
            ],
        )
        return redirect("partner_requests:index")


class RejectRequestView(DecisionView):
    form_class = RejectRequestForm
    decision_label = "Refuser"

    def form_valid(self, form):
        if form.save(by=self.request.user) is None:
            messages.warning(self.request, "Cette demande a déjà été traitée.")
            return redirect(self.inspect_url)
        messages.success(
            self.request, f"Demande refusée ; le motif est envoyé à {form.instance.email}."
        )
        return redirect("partner_requests:index")


class PartnerRequestViewSet(ModelViewSet):
    model = PartnerRequest
    name = "partner_requests"
    url_prefix = "partenaires/demandes"
    icon = "mail"
    menu_label = "Demandes de compte"
    index_view_class = PartnerRequestIndexView
    inspect_view_class = PartnerRequestInspectView
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["id"]
    copy_view_enabled = False
    list_display = ["structure_name", "typology", "commune", "email", "status", "created_at"]
    list_filter = ["status", "typology"]
    search_fields = ["structure_name", "first_name", "last_name", "email", "contact_role"]
    search_backend_name = None  # plain database lookups: requests are not in the search index
    ordering = ["-created_at"]
    list_export = [
        "structure_name",
        "typology",
        "commune",
        "first_name",
        "last_name",
        "contact_role",
        "email",
        "phone",
        "status",
        "created_at",
        "handled_at",
    ]
    export_filename = "demandes-de-compte-partenaire"
    form_fields = [
        "structure_name",
        "typology",
        "commune",
        "first_name",
        "last_name",
        "contact_role",
        "email",
        "phone",
        "message",
        "existing_structure",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("accepter/<int:pk>/", ApproveRequestView.as_view(), name="approve"),
            path("refuser/<int:pk>/", RejectRequestView.as_view(), name="reject"),
        ]


# Partner spaces and their members --------------------------------------------------------------


class PartnerSpaceIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("structure", "group", "collection")
            .annotate(member_count=models.Count("group__user", distinct=True))
        )


class OpenSpaceForm(WagtailAdminModelForm):
    """Open a partner space for a structure that has none (the group and collection follow)."""

    class Meta:
        model = PartnerSpace
        fields = ["structure"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["structure"]
        field.queryset = StructurePage.objects.filter(partner_space__isnull=True).order_by("title")
        field.label = "Structure"
        field.help_text = (
            "Un groupe (droits d'ajout et de modification sur la fiche et ses actions, jamais "
            "de publication) et une collection d'images et de documents sont créés pour elle."
        )

    def save(self, commit=True):
        return open_partner_space(self.cleaned_data["structure"])


class OpenSpaceView(CreateView):
    def save_instance(self):
        space = self.form.save()
        log(space, "wagtail.create", user=self.request.user)
        return space

    def get_success_url(self):
        return reverse("partner_spaces:edit", args=[self.object.pk])


class MembersView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A structure's members, with the form to add one and an action button on each."""

    model = PartnerSpace
    permission_required = "change"
    template_name = "partners/admin/members.html"
    header_icon = "group"
    index_url_name = None
    edit_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            PartnerSpace.objects.select_related("structure", "group", "collection"),
            pk=kwargs["pk"],
        )

    def get_page_title(self):
        return "Membres"

    def get_page_subtitle(self):
        return self.object.structure.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("partner_spaces:index"), "label": "Espaces partenaires"},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def post(self, request, *args, **kwargs):
        form = AddMemberForm(request.POST, space=self.object)
        if form.is_valid():
            user = form.save()
            messages.success(
                request,
                f"{user.email} est membre de « {self.object.structure.title} » ; "
                "un courriel l'en informe.",
            )
            return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", AddMemberForm(space=self.object))
        return super().get_context_data(
            space=self.object,
            members=self.object.group.user_set.order_by("last_name", "first_name", "email"),
            structure_edit_url=reverse("wagtailadmin_pages:edit", args=[self.object.structure_id]),
            **kwargs,
        )


def can_manage_members(user):
    return user.has_perm("partners.change_partnerspace")


MEMBER_ACTIONS = {
    "retirer": "remove",
    "desactiver": "deactivate",
    "reactiver": "reactivate",
    "inviter": "invite",
}


@require_POST
def member_action(request, pk, user_pk, action):
    """Remove, deactivate, reactivate or invite again one member of a partner space."""
    if not can_manage_members(request.user):
        raise PermissionDenied
    if action not in MEMBER_ACTIONS:
        raise Http404
    space = get_object_or_404(PartnerSpace.objects.select_related("structure"), pk=pk)
    member = get_object_or_404(space.group.user_set.all(), pk=user_pk)
    name = member.get_full_name() or member.email or member.get_username()
    structure = space.structure.title
    action = MEMBER_ACTIONS[action]
    if action in ("remove", "deactivate") and (
        member == request.user
        or member.is_superuser
        or member.groups.filter(name=COORDINATION_GROUP).exists()
    ):
        messages.error(
            request,
            f"{name} fait partie de la coordination ou administre le site : "
            "gérez ce compte depuis l'administration des utilisateurs.",
        )
    elif action == "remove":
        remove_member(space, member)
        messages.success(request, f"{name} n'est plus membre de « {structure} ».")
    elif action == "deactivate":
        member.is_active = False
        member.save(update_fields=["is_active"])
        messages.success(
            request, f"Le compte de {name} est désactivé : il ne peut plus se connecter."
        )
    elif action == "reactivate":
        member.is_active = True
        member.save(update_fields=["is_active"])
        messages.success(request, f"Le compte de {name} est réactivé.")
    elif send_welcome(member, space):
        messages.success(request, f"Un nouveau courriel d'accès est envoyé à {member.email}.")
    else:
        messages.error(request, f"Le courriel à {name} n'a pas pu partir ; réessayez plus tard.")
    return redirect("partner_spaces:edit", pk=space.pk)


class PartnerSpaceViewSet(ModelViewSet):
    """Spaces are opened by accepting a request or from here; never deleted from the admin."""

    model = PartnerSpace
    name = "partner_spaces"
    url_prefix = "partenaires/structures"
    icon = "group"
    menu_label = "Membres des structures"
    index_view_class = PartnerSpaceIndexView
    add_view_class = OpenSpaceView
    edit_view_class = MembersView
    copy_view_enabled = False
    form_fields = ["structure"]
    list_display = [
        TitleColumn(
            "structure",
            label="Structure",
            accessor="structure.title",
            get_url=lambda space: reverse("partner_spaces:edit", args=[space.pk]),
        ),
        Column("member_count", label="Membres", sort_key="member_count"),
        Column("group", label="Groupe"),
        Column("collection", label="Collection"),
        DateColumn("created_at", label="Ouvert le", sort_key="created_at"),
    ]
    search_fields = ["structure__title", "group__name"]
    search_backend_name = None
    ordering = ["structure__title"]

    def get_form_class(self, for_update=False):
        return OpenSpaceForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("membres/<int:pk>/<int:user_pk>/<slug:action>/", member_action, name="member"),
        ]


# Stale structures ------------------------------------------------------------------------------


def space_members(structure):
    """The members of a structure's partner space, from the prefetched relations."""
    space = getattr(structure, "partner_space", None)
    return list(space.group.user_set.all()) if space is not None else []


def member_emails(structure):
    return ", ".join(user.email or user.get_username() for user in space_members(structure))


def verified_on(structure):
    if structure.last_verified is None:
        return "jamais"
    return date_format(structure.last_verified, "j F Y")


class StaleStructuresReportView(ReportView):
    """Live structures not verified for a year, oldest first, with who should check them."""

    page_title = "Fiches à vérifier"
    header_icon = "time"
    index_url_name = "partners_stale_structures"
    index_results_url_name = "partners_stale_structures_results"
    model = PartnerSpace  # managing partner spaces (Coordination) opens the report
    permission_required = "change"
    paginate_by = 50
    columns = [
        TitleColumn(
            "title",
            label="Structure",
            get_url=lambda structure: reverse("wagtailadmin_pages:edit", args=[structure.pk]),
        ),
        Column("last_verified", label="Dernière vérification", accessor=verified_on),
        Column("members", label="Membres à relancer", accessor=member_emails),
    ]
    list_export = ["title", "last_verified", "member_emails", "full_url"]
    export_headings = {
        "title": "Structure",
        "last_verified": "Dernière vérification",
        "member_emails": "Membres",
        "full_url": "Adresse",
    }

    def get_filename(self):
        return "fiches-a-verifier"

    def get_queryset(self):
        return stale_structures().prefetch_related("partner_space__group__user_set")

    def decorate_paginated_queryset(self, object_list):
        for structure in object_list:
            structure.member_emails = member_emails(structure)
        return object_list


# Menu ------------------------------------------------------------------------------------------


class PartnerAccountsViewSetGroup(ModelViewSetGroup):
    items = (PartnerRequestViewSet, PartnerSpaceViewSet)
    menu_icon = "group"
    menu_label = "Partenaires"
    menu_name = "partner_accounts"
    menu_order = 250
