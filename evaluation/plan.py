"""What the action plan's pages (contract, axis, action sheet) show, in constant queries.

Each page's get_context calls one function here. Every list is read with its related rows in a
fixed number of queries (select_related / prefetch_related), whatever the number of axes,
action sheets, indicators or years. Only validated indicator values are public: values "à
valider" or refused never reach these pages.

The contract's filters are read leniently, like the directory's: a value the form does not know
is ignored and named in a notice, never an error page.
"""

import decimal
from dataclasses import dataclass, field

from django import forms
from django.db.models import Prefetch
from django.utils import timezone

from .entry import format_number
from .models import (
    ActionSheetPage,
    ActionStatus,
    AnnualReportPage,
    AxisPage,
    ContractPage,
    HealthDeterminant,
    Indicator,
    IndicatorKind,
    IndicatorUnit,
    IndicatorValue,
    PlanAxis,
    ValueStatus,
)

# A short symbol beside each status's words, so that no status is told by colour alone.
STATUS_SYMBOLS = {
    ActionStatus.NOT_STARTED: "○",
    ActionStatus.ONGOING: "◐",
    ActionStatus.DONE: "●",
    ActionStatus.ABANDONED: "✕",
}
STATUS_PLURALS = {
    ActionStatus.NOT_STARTED: ("non démarrée", "non démarrées"),
    ActionStatus.ONGOING: ("en cours", "en cours"),
    ActionStatus.DONE: ("réalisée", "réalisées"),
    ActionStatus.ABANDONED: ("abandonnée", "abandonnées"),
}
KIND_HEADINGS = {
    IndicatorKind.PROCESS: "Indicateurs de processus",
    IndicatorKind.RESULT: "Indicateurs de résultat",
    IndicatorKind.IMPACT: "Indicateurs d'impact",
}
NBSP = "\u00a0"


# Numbers as French readers write them ------------------------------------------------------


def format_euros(value):
    """12500 -> "12 500 €"; 1234.5 -> "1 234,50 €"."""
    if value is None:
        return ""
    value = decimal.Decimal(value)
    if value == value.to_integral_value():
        return f"{format_number(value)}{NBSP}€"
    text = f"{value.quantize(decimal.Decimal('0.01')):,f}".replace(",", "\u202f")
    return f"{text.replace('.', ',')}{NBSP}€"


def format_value(indicator, value):
    """A value in its indicator's unit: "12", "45 %", "3 200 €", "7,5 / 10"."""
    if value is None:
        return ""
    if indicator.unit == IndicatorUnit.EURO:
        return format_euros(value)
    value = decimal.Decimal(value)
    if indicator.unit != IndicatorUnit.COUNT:
        value = value.quantize(decimal.Decimal("0.1"))
    text = format_number(value)
    if indicator.unit == IndicatorUnit.PERCENT:
        return f"{text}{NBSP}%"
    if indicator.unit == IndicatorUnit.SCORE:
        return f"{text}{NBSP}/{NBSP}{indicator.score_max or 10}"
    return text


def years_label(start, end):
    if not start:
        return ""
    if not end or end == start:
        return str(start)
    return f"{start}–{end}"


# Action sheets as lists show them ------------------------------------------------------------


@dataclass
class StatusCount:
    status: str
    label: str
    symbol: str
    count: int

    @property
    def words(self):
        singular, plural = STATUS_PLURALS[self.status]
        return singular if self.count <= 1 else plural


def status_counts(actions):
    """One StatusCount per status, in the choices' order (zero counts included)."""
    counts = dict.fromkeys(ActionStatus.values, 0)
    for action in actions:
        counts[action.status] = counts.get(action.status, 0) + 1
    return [
        StatusCount(status, ActionStatus(status).label, STATUS_SYMBOLS[status], counts[status])
        for status in ActionStatus.values
    ]


def listed_actions(queryset):
    """Action sheets as cards show them: carrier, themes and publics read with them."""
    return list(
        queryset.live()
        .select_related("carrying_structure")
        .prefetch_related("themes", "publics")
        .order_by("number", "pk")
    )


def decorate(action):
    """Names the templates read on an action sheet (no query)."""
    action.status_symbol = STATUS_SYMBOLS.get(action.status, "")
    action.years_label = years_label(action.start_year, action.end_year)
    structure = action.carrying_structure
    action.carrier_page = structure if structure is not None and structure.live else None
    return action


# The contract's filters ------------------------------------------------------------------------


class ContractFilterForm(forms.Form):
    """The contract page's filters; all optional, all combinable, choices from the plan."""

    axe = forms.ChoiceField(label="Axe", required=False)
    avancement = forms.ChoiceField(
        label="Avancement",
        required=False,
        choices=[("", "Tous les avancements")] + ActionStatus.choices,
    )
    theme = forms.ChoiceField(label="Thématique", required=False)
    public = forms.ChoiceField(label="Public", required=False)
    porteur = forms.ChoiceField(label="Structure porteuse", required=False)

    def __init__(self, data, *, axes, actions):
        super().__init__(data)
        themes, publics, carriers = {}, {}, {}
        for action in actions:
            themes.update({theme.slug: theme.name for theme in action.themes.all()})
            publics.update({public.slug: public for public in action.publics.all()})
            if action.carrier_page is not None:
                carriers[action.carrier_page.slug] = action.carrier_page.title
        self.fields["axe"].choices = [("", "Tous les axes")] + [
            (str(axis.number), axis.label) for axis in axes
        ]
        self.fields["theme"].choices = [("", "Toutes les thématiques")] + sorted(
            themes.items(), key=lambda item: item[1].casefold()
        )
        # Publics in their own order (ages first), as everywhere on the site.
        self.fields["public"].choices = [("", "Tous les publics")] + [
            (slug, public.name)
            for slug, public in sorted(
                publics.items(), key=lambda item: (item[1].sort_order, item[1].name)
            )
        ]
        self.fields["porteur"].choices = [("", "Toutes les structures")] + sorted(
            carriers.items(), key=lambda item: item[1].casefold()
        )

    def criteria(self):
        """The understood filters; those not understood are dropped (see ignored_fields)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    @property
    def ignored_fields(self):
        return [self.fields[name].label for name in self.errors if name in self.fields]


def matches(action, criteria, axis_number):
    if "axe" in criteria and criteria["axe"] != str(axis_number):
        return False
    if "avancement" in criteria and action.status != criteria["avancement"]:
        return False
    if "theme" in criteria and criteria["theme"] not in {t.slug for t in action.themes.all()}:
        return False
    if "public" in criteria and criteria["public"] not in {p.slug for p in action.publics.all()}:
        return False
    if "porteur" in criteria:
        return action.carrier_page is not None and action.carrier_page.slug == criteria["porteur"]
    return True


@dataclass
class AxisGroup:
    axis: AxisPage
    actions: list = field(default_factory=list)


def published_reports(contract):
    if contract is None or contract.pk is None:
        return []
    return list(AnnualReportPage.objects.child_of(contract).live().order_by("-year"))


def saved(page):
    """A page previewed before it is first saved has no children, no indicators yet."""
    return page.pk is not None and bool(page.path)


def contract_context(page, request):
    axes, actions = [], []
    if saved(page):
        axes = list(AxisPage.objects.child_of(page).live().order_by("number", "path"))
        actions = listed_actions(ActionSheetPage.objects.descendant_of(page))
    for action in actions:
        decorate(action)
    form = ContractFilterForm(
        request.GET if request is not None else {}, axes=axes, actions=actions
    )
    criteria = form.criteria()
    axis_of = {axis.path: axis for axis in axes}
    groups = {axis.pk: AxisGroup(axis) for axis in axes}
    shown = 0
    for action in actions:
        axis = axis_of.get(action.path[: -ActionSheetPage.steplen])
        if axis is None or not matches(action, criteria, axis.number):
            continue
        groups[axis.pk].actions.append(action)
        shown += 1
    axis_groups = [
        group
        for group in groups.values()
        if group.actions or not criteria or criteria.get("axe") == str(group.axis.number)
    ]
    return {
        "signatories": list(page.signatories.all()),
        "axis_groups": axis_groups,
        "axes_count": len(axes),
        "actions_count": len(actions),
        "shown_count": shown,
        "status_counts": status_counts(actions),
        "filter_form": form,
        "filtered": bool(criteria),
        "reports": published_reports(page),
    }


# An axis ----------------------------------------------------------------------------------------


def axis_context(page, request):
    actions = listed_actions(ActionSheetPage.objects.child_of(page)) if saved(page) else []
    for action in actions:
        decorate(action)
    contract = None
    if page.path:
        contract = ContractPage.objects.filter(path=page.path[: -page.steplen]).live().first()
    return {
        "contract": contract,
        "actions": actions,
        "status_counts": status_counts(actions),
    }


# An action sheet -------------------------------------------------------------------------------


@dataclass
class YearRow:
    year: int
    target: str
    value: str
    note: str = ""


@dataclass
class IndicatorView:
    indicator: Indicator
    rows: list
    has_values: bool

    @property
    def metric_label(self):
        from .computed import METRICS

        metric = METRICS.get(self.indicator.computed_metric)
        return metric.label if metric is not None else ""


QUARTER_SHORT = {1: "T1", 2: "T2", 3: "T3", 4: "T4"}


def year_figure(indicator, values):
    """(value, note) for one year from its validated values, or (None, "").

    The figure is the report's (evaluation.report.year_value: a whole-year value, otherwise
    quarter or event values added up or averaged); the note says what a partial figure covers.
    """
    from .report import year_value

    figure = year_value(
        [(value.quarter, value.occasion, value.value) for value in values], indicator.is_additive
    )
    if figure is None or any(not value.quarter and not value.occasion for value in values):
        return figure, ""
    how = "cumul" if indicator.is_additive else "moyenne"
    quarters = sorted({value.quarter for value in values if value.quarter and not value.occasion})
    events = sum(1 for value in values if value.occasion)
    parts = []
    if quarters:
        if len(quarters) == 4:
            parts.append("4 trimestres")
        elif quarters == list(range(quarters[0], quarters[-1] + 1)) and len(quarters) > 1:
            parts.append(f"{QUARTER_SHORT[quarters[0]]} à {QUARTER_SHORT[quarters[-1]]}")
        else:
            parts.append(", ".join(QUARTER_SHORT[quarter] for quarter in quarters))
    if events:
        parts.append(f"{events} événement{'s' if events > 1 else ''}")
    return figure, f"{how} {' et '.join(parts)}"


def indicator_view(indicator, years, site_figures=None):
    """The indicator's targets and validated values per year; where nothing was entered, the
    figure the site computes for it (`site_figures`: evaluation.computed's {year: {key: n}})."""
    by_year = {}
    for value in indicator.public_values:
        by_year.setdefault(value.year, []).append(value)
    rows = []
    for year in years:
        figure, note = year_figure(indicator, by_year.get(year, []))
        computed = (site_figures or {}).get(year, {}).get(indicator.computed_metric)
        if figure is None and computed is not None:
            figure, note = decimal.Decimal(computed), "calculée par le site"
        rows.append(
            YearRow(
                year=year,
                target=format_value(indicator, indicator.target_for(year)),
                value=format_value(indicator, figure),
                note=note,
            )
        )
    return IndicatorView(indicator, rows, has_values=bool(by_year))


def grouped_determinants(determinants):
    """[(family label, [names])] in the families' order."""
    families = {}
    for determinant in determinants:
        families.setdefault(determinant.family, []).append(determinant.name)
    return [
        (HealthDeterminant.Family(family).label, families[family])
        for family in HealthDeterminant.Family.values
        if family in families
    ]


def action_sheet_context(page, request):
    steplen, path = page.steplen, page.path or ""
    axis = AxisPage.objects.filter(path=path[:-steplen]).live().first() if path else None
    contract = None
    if path:
        contract = ContractPage.objects.filter(path=path[: -2 * steplen]).live().first()
    decorate(page)
    indicators = Indicator.objects.none()
    if saved(page):
        indicators = Indicator.objects.filter(action=page)
    indicators = list(
        indicators.order_by("sort_order", "pk").prefetch_related(
            "targets",
            Prefetch(
                "values",
                queryset=IndicatorValue.objects.filter(status=ValueStatus.VALIDATED).order_by(
                    "year", "quarter", "occasion"
                ),
                to_attr="public_values",
            ),
        )
    )
    if contract is not None:
        years = contract.years
    else:
        years = page.years if page.start_year and page.end_year else []
    site_figures = {}
    if any(indicator.computed_metric for indicator in indicators):
        from .computed import cached_figures_by_year

        this_year = timezone.localdate().year
        site_figures = cached_figures_by_year([year for year in years if year <= this_year])
    views = [indicator_view(indicator, years, site_figures) for indicator in indicators]
    kinds = [
        (kind, KIND_HEADINGS[kind], [view for view in views if view.indicator.kind == kind])
        for kind in IndicatorKind.values
    ]
    plan_axes = list(page.plan_axes.all())
    funders = list(page.funders.all())
    return {
        "axis": axis,
        "contract": contract,
        "partner_structures": [s for s in page.partner_structures.all() if s.live],
        "themes": list(page.themes.all()),
        "publics": list(page.publics.all()),
        "communes": list(page.communes.order_by("name")),
        "funders": [(funder, format_euros(funder.amount)) for funder in funders],
        "budget_label": format_euros(page.budget),
        "determinant_families": grouped_determinants(page.determinants.all()),
        "prs_axes": [axis for axis in plan_axes if axis.plan == PlanAxis.Plan.PRS],
        "prse_axes": [axis for axis in plan_axes if axis.plan == PlanAxis.Plan.PRSE],
        "indicator_kinds": [item for item in kinds if item[2]],
        "indicators_count": len(indicators),
        "years": years,
        "reports": published_reports(contract),
    }
