"""What the entry screens share: the contract and its years, axes by path, admin page furniture."""

from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..computed import figures_by_year
from ..entry import format_number
from ..models import ActionSheetPage, AxisPage, ContractPage, IndicatorUnit, ValueStatus

STATUS_LABELS = {
    ValueStatus.VALIDATED: "validée",
    ValueStatus.PENDING: "à valider",
    ValueStatus.REJECTED: "refusée",
}


def current_contract():
    return ContractPage.objects.order_by("path").first()


def default_year(contract):
    """This year if the contract covers it, else the contract's last year."""
    this_year = timezone.localdate().year
    return this_year if this_year in contract.years else contract.end_year


def year_from_query(request, contract):
    """The year of `?annee=`: any junk, or a year outside the contract, gives the default."""
    try:
        year = int(request.GET.get("annee", ""))
    except ValueError:
        return default_year(contract)
    return year if year in contract.years else default_year(contract)


def axes_by_path(contract):
    """{path: AxisPage} of the contract's axes, to place action sheets without a query each."""
    return {axis.path: axis for axis in AxisPage.objects.child_of(contract).order_by("number")}


def axis_of(action, axes):
    return axes.get(action.path[: -ActionSheetPage.steplen])


def group_by_axis(items, axes, action_of=lambda item: item):
    """[(axis or None, [items])] in axis order, items keeping their order."""
    groups = {}
    for item in items:
        groups.setdefault(axis_of(action_of(item), axes), []).append(item)
    return sorted(
        groups.items(), key=lambda pair: (pair[0] is None, pair[0].number if pair[0] else 0)
    )


def grid_url(action, year):
    return reverse("evaluation_entry_grid", args=[action.pk, year])


def computed_figures(year, indicators):
    """{metric key: figure} the site computed for `year`, if some indicator shows one."""
    if not any(indicator.computed_metric for indicator in indicators):
        return {}
    try:
        return figures_by_year([year]).get(year, {})
    except NotImplementedError:
        return {}


def range_label(indicator):
    """The values an indicator accepts, in words: "nombre entier, 0 ou plus", "0 à 100 %"."""
    low, high = indicator.value_range
    if indicator.unit == IndicatorUnit.COUNT:
        return "nombre entier, 0 ou plus"
    if indicator.unit == IndicatorUnit.PERCENT:
        return "de 0 à 100 %"
    if indicator.unit == IndicatorUnit.EURO:
        return "en euros, 0 ou plus"
    return f"score de 0 à {high.normalize():f}"


def value_change_of(change):
    """An IndicatorValueChange's value in words: "12", or "12 → 15" when it changed."""
    if change.old_value is None or change.old_value == change.new_value:
        return format_number(change.new_value)
    return f"{format_number(change.old_value)} → {format_number(change.new_value)}"


def who_label(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class EvaluationAdminView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page of the evaluation, under "Évaluation" in the breadcrumbs."""

    header_icon = "table"
    parent_crumbs = ()

    def get_breadcrumbs_items(self):
        crumbs = [{"url": url, "label": label} for url, label in self.parent_crumbs]
        return self.breadcrumbs_items + crumbs + [{"url": "", "label": self.get_page_title()}]
