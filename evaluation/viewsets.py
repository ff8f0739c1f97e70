"""The evaluation's admin listings: indicators (with their targets), the history of values, and
the reference lists (health determinants, regional plan axes).

All follow model permissions: evaluation/migrations/0002_reference_lists_and_rights.py gives the
coordination its rights on these models and partners none, so partners are refused by Wagtail
itself. The history of values is read-only whoever looks at it: it is written by entry.py only.
"""

import django_filters
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .forms import IndicatorAdminForm
from .models import (
    ActionSheetPage,
    AxisPage,
    EnteredBy,
    HealthDeterminant,
    Indicator,
    IndicatorKind,
    IndicatorValueChange,
    PlanAxis,
)
from .views.common import STATUS_LABELS, value_change_of, who_label

# Indicators ------------------------------------------------------------------------------------


def action_choices(request):
    return ActionSheetPage.objects.order_by("number")


class IndicatorFilterSet(WagtailFilterSet):
    axis = django_filters.ModelChoiceFilter(
        label="Axe",
        queryset=lambda request: AxisPage.objects.order_by("number"),
        method="filter_axis",
    )
    action = django_filters.ModelChoiceFilter(label="Fiche action", queryset=action_choices)
    kind = django_filters.ChoiceFilter(label="Type", choices=IndicatorKind.choices)
    entered_by = django_filters.ChoiceFilter(label="Saisi par", choices=EnteredBy.choices)

    class Meta:
        model = Indicator
        fields = ["axis", "action", "kind", "entered_by"]

    def filter_axis(self, queryset, name, value):
        return queryset.filter(action__path__startswith=value.path)


def refuse_deleting_indicators_with_values(request, instances):
    """The `before_delete_snippet` hook: an indicator with values is not deleted (single and
    bulk deletion alike); the coordination is told how many values it holds."""
    indicators = [instance for instance in instances if isinstance(instance, Indicator)]
    if not indicators:
        return None
    counts = dict(
        Indicator.objects.filter(pk__in=[indicator.pk for indicator in indicators])
        .annotate(n=Count("values"))
        .values_list("pk", "n")
    )
    held = [(indicator, counts.get(indicator.pk, 0)) for indicator in indicators]
    held = [(indicator, count) for indicator, count in held if count]
    if not held:
        return None
    for indicator, count in held:
        messages.error(
            request,
            f"L'indicateur « {indicator.label} » a {count} valeur{'s' if count > 1 else ''} "
            "saisie" + ("s" if count > 1 else "") + " : il n'est pas supprimé. Supprimez d'abord "
            "ses valeurs (grille de saisie) si elles sont erronées.",
        )
    if len(indicators) == 1:
        return redirect(reverse("evaluation_indicators:edit", args=[indicators[0].pk]))
    return redirect(reverse("evaluation_indicators:list"))


class IndicatorIndexView(SnippetViewSet.index_view_class):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("action")


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "list-ul"
    menu_label = "Indicateurs"
    admin_url_namespace = "evaluation_indicators"
    base_url_path = "evaluation/indicateurs"
    index_view_class = IndicatorIndexView
    filterset_class = IndicatorFilterSet
    list_display = [
        "label",
        Column(
            "action",
            label="Fiche",
            accessor=lambda i: f"Fiche {i.action.number}",
            sort_key="action__number",
        ),
        Column("kind", label="Type", accessor="get_kind_display"),
        Column("unit", label="Unité", accessor="get_unit_display"),
        Column("entered_by", label="Saisi par", accessor="get_entered_by_display"),
    ]
    list_export = ["action", "label", "kind", "unit", "frequency", "entered_by", "source"]
    export_headings = {
        "action": "Fiche action",
        "label": "Intitulé",
        "kind": "Type",
        "unit": "Unité",
        "frequency": "Fréquence",
        "entered_by": "Saisi par",
        "source": "Source",
    }
    export_filename = "indicateurs"
    search_fields = ["label"]
    search_backend_name = None  # plain database lookups: indicators are not in the index
    ordering = ["action__number", "sort_order", "pk"]
    list_per_page = 50
    copy_view_enabled = False
    edit_handler = ObjectList(Indicator.panels, base_form_class=IndicatorAdminForm)


# The history of values -------------------------------------------------------------------------


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Viewing follows `view_<model>`; nobody adds, changes or deletes from the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


def year_choices(request):
    years = IndicatorValueChange.objects.order_by("year").values_list("year", flat=True)
    return [(year, str(year)) for year in sorted(set(years))]


class ValueChangeFilterSet(WagtailFilterSet):
    action = django_filters.ModelChoiceFilter(
        label="Fiche action", field_name="indicator__action", queryset=action_choices
    )
    indicator = django_filters.NumberFilter(label="Indicateur (n°)", field_name="indicator_id")
    year = django_filters.NumberFilter(label="Année")
    kind = django_filters.ChoiceFilter(
        label="Opération", field_name="action", choices=IndicatorValueChange.Action.choices
    )
    at = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)

    class Meta:
        model = IndicatorValueChange
        fields = ["action", "indicator", "year", "kind", "at"]


def period_of(change):
    label = str(change.year)
    if change.quarter:
        label = f"T{change.quarter} {change.year}"
    if change.occasion:
        label = f"{change.occasion} ({label})"
    return label


class ValueChangeIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("indicator__action", "user")


class ValueHistoryViewSet(ModelViewSet):
    model = IndicatorValueChange
    name = "evaluation_value_history"
    url_prefix = "evaluation/historique"
    icon = "history"
    menu_label = "Historique des valeurs"
    index_view_class = ValueChangeIndexView
    filterset_class = ValueChangeFilterSet
    ordering = ["-at", "-pk"]
    list_per_page = 50
    list_display = [
        Column(
            "at",
            label="Date",
            accessor=lambda c: date_format(timezone.localtime(c.at), "d/m/Y H:i"),
            sort_key="at",
        ),
        Column("kind", label="Opération", accessor="get_action_display"),
        Column(
            "indicator",
            label="Indicateur",
            accessor=lambda c: f"Fiche {c.indicator.action.number} – {c.indicator.label}",
        ),
        Column("period", label="Période", accessor=period_of),
        Column("value", label="Valeur", accessor=value_change_of),
        Column("new_status", label="Statut", accessor=lambda c: STATUS_LABELS.get(c.new_status)),
        Column("user", label="Par", accessor=lambda c: who_label(c.user)),
        Column("comment", label="Commentaire"),
    ]
    search_fields = None
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_urlpatterns(self):
        # Only the listing: the history is written by evaluation/entry.py alone.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


# Reference lists ---------------------------------------------------------------------------------


class HealthDeterminantViewSet(SnippetViewSet):
    model = HealthDeterminant
    icon = "tag"
    menu_label = "Déterminants de santé"
    admin_url_namespace = "evaluation_determinants"
    base_url_path = "evaluation/determinants"
    list_display = ["name", "family", "sort_order"]
    list_filter = ["family"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["family", "sort_order", "name"]
    copy_view_enabled = False


class PlanAxisViewSet(SnippetViewSet):
    model = PlanAxis
    icon = "tag"
    menu_label = "Axes du PRS et du PRSE"
    admin_url_namespace = "evaluation_plan_axes"
    base_url_path = "evaluation/axes-plans-regionaux"
    list_display = ["name", "plan", "code", "sort_order"]
    list_filter = ["plan"]
    search_fields = ["name", "code"]
    search_backend_name = None
    ordering = ["plan", "sort_order", "code"]
    copy_view_enabled = False


class ReferenceListsGroup(SnippetViewSetGroup):
    """A submenu inside "Évaluation" (not a menu of its own)."""

    items = (HealthDeterminantViewSet, PlanAxisViewSet)
    menu_label = "Référentiels de l'évaluation"
    menu_name = "evaluation-referentiels"
    menu_icon = "folder-inverse"
    add_to_admin_menu = False
    menu_item_is_registered = True  # listed here, not in the "Snippets" menu
    menu_order = 900


# The "Évaluation" menu ----------------------------------------------------------------------

# Other modules add their items to the "Évaluation" menu through this hook (see entry_admin.py).
EVALUATION_MENU_HOOK = "register_evaluation_menu_item"


class EvaluationViewSetGroup(SnippetViewSetGroup):
    """The "Évaluation" menu: the viewsets above, plus every MenuItem returned by a function
    registered with the `register_evaluation_menu_item` hook (the entry screens, attendance…)."""

    items = (IndicatorViewSet, ValueHistoryViewSet, ReferenceListsGroup)
    menu_label = "Évaluation"
    menu_name = "evaluation"
    menu_icon = "table"
    menu_order = 270
    submenu_hook = EVALUATION_MENU_HOOK

    def get_submenu_items(self):
        # Listings after the entry screens (orders 100–300) and other modules' items (400–800).
        orders = {IndicatorViewSet: 810, ValueHistoryViewSet: 820, ReferenceListsGroup: 900}
        return [
            registerable.get_menu_item(order=orders.get(type(registerable), 850))
            for registerable in self.registerables
        ]
