"""The annual report's figures: one build for the page, its CSV and JSON downloads and its PDF.

`build_report(page)` reads, in a constant number of queries whatever the number of axes, actions,
indicators and years: the contract above the report, its live public axes (ordered by number),
their live public action sheets (ordered by number, with their carrying structure), the
indicators of those actions and their targets, every VALIDATED value of the contract's years
(one query), the report's narratives, the published reports of the contract, and the site's own
figures (evaluation.computed, a constant number of queries too).

The value of an indicator for a year is its whole-year value (quarter 0, no event) when there is
one; otherwise its quarter and event values, added up for counts and euros
(`Indicator.is_additive`), averaged for percentages and scores. Values waiting for validation or
refused never count. A year without any value is None (a gap, never 0).

The year is compared with the previous one by default, or with another year of the contract
(`?comparer=` on the page); the first year of a contract has nothing to compare with.
Targets are read as "at least": a target is met when the value reaches it.

Numbers are formatted the French way here (`fr_number`, `fr_value`), so that the page, the
charts and the PDF write them alike: 1 234,5 ; 85 % ; 1 200 €.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

from home.models import outside_private_sections

from . import computed
from .models import (
    ActionSheetPage,
    ActionStatus,
    AnnualReportPage,
    AxisPage,
    ContractPage,
    Indicator,
    IndicatorTarget,
    IndicatorUnit,
    IndicatorValue,
    ReportNarrative,
    ValueStatus,
)

NBSP = "\u00a0"
MINUS = "\u2212"
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


# French numbers -------------------------------------------------------------------------------


def fr_number(value, places=2):
    """1234.5 -> "1 234,5"; 85 -> "85"; None -> "". At most `places` decimals, zeros dropped."""
    if value is None:
        return ""
    number = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = MINUS if number < 0 else ""
    number = abs(number)
    whole = int(number)
    text = f"{whole:,}".replace(",", NBSP)
    fraction = number - whole
    if fraction:
        text += "," + f"{fraction:f}"[2:].rstrip("0")
    return sign + text


def fr_value(value, unit, score_max=None):
    """A value with its unit: "1 200", "85 %", "1 200 €", "7,5/10"; "" for None."""
    if value is None:
        return ""
    places = 0 if unit == IndicatorUnit.COUNT else 2
    text = fr_number(value, places)
    if unit == IndicatorUnit.PERCENT:
        return f"{text}{NBSP}%"
    if unit == IndicatorUnit.EURO:
        return f"{text}{NBSP}€"
    if unit == IndicatorUnit.SCORE:
        return f"{text}/{score_max or 10}"
    return text


def fr_change(change, unit):
    """The signed difference between two values: "+3", "−2,5 points", "=" for none."""
    if change is None:
        return ""
    if change == 0:
        return "="
    sign = "+" if change > 0 else MINUS
    places = 0 if unit == IndicatorUnit.COUNT else 2
    text = sign + fr_number(abs(change), places)
    if unit == IndicatorUnit.PERCENT:
        return f"{text}{NBSP}points"
    if unit == IndicatorUnit.EURO:
        return f"{text}{NBSP}€"
    return text


def fr_percent(rate):
    """A rate of target reached: 85 -> "85 %"."""
    return "" if rate is None else f"{fr_number(rate, 0)}{NBSP}%"


def number_for_export(value):
    """A Decimal as a JSON number: an int when whole, a float otherwise; None stays None."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


# Computing a year's value -----------------------------------------------------------------------


def year_value(entries, additive):
    """The year's value from its validated entries [(quarter, occasion, value)], or None."""
    if not entries:
        return None
    for quarter, occasion, value in entries:
        if quarter == 0 and not occasion:
            return value
    total = sum((value for _quarter, _occasion, value in entries), Decimal(0))
    if additive:
        return total
    return (total / len(entries)).quantize(CENT, rounding=ROUND_HALF_UP)


def rate_of(value, target):
    """How much of the target is reached, in percent (one decimal), or None."""
    if value is None or not target:
        return None
    return (Decimal(value) * 100 / Decimal(target)).quantize(TENTH, rounding=ROUND_HALF_UP)


def difference(value, other):
    if value is None or other is None:
        return None
    return value - other


# The report's pieces --------------------------------------------------------------------------


@dataclass
class Point:
    """One year of an indicator: its value (None: no value) and its target (None: none set)."""

    year: int
    value: Decimal | None
    target: Decimal | None
    # True when no value was entered and the value is the site's own figure (computed_metric).
    computed: bool = False


@dataclass
class IndicatorFigures:
    indicator: Indicator
    year: int
    compare_year: int | None
    series: list[Point]
    # The site's own figure for the indicator's computed_metric (None when it has none).
    computed_label: str = ""
    computed_value: object = None

    @cached_property
    def _by_year(self):
        return {point.year: point for point in self.series}

    def _point(self, year):
        return self._by_year.get(year) or Point(year, None, None)

    @property
    def pk(self):
        return self.indicator.pk

    @property
    def label(self):
        return self.indicator.label

    @cached_property
    def kind_label(self):
        return self.indicator.get_kind_display()

    @property
    def unit(self):
        return self.indicator.unit

    @cached_property
    def unit_label(self):
        if self.unit == IndicatorUnit.SCORE:
            return f"Score sur {self.indicator.score_max or 10}"
        return self.indicator.get_unit_display()

    @cached_property
    def value(self):
        return self._point(self.year).value

    @cached_property
    def target(self):
        return self._point(self.year).target

    @cached_property
    def value_is_computed(self):
        return self._point(self.year).computed

    @cached_property
    def rate(self):
        return rate_of(self.value, self.target)

    @cached_property
    def met(self):
        """True or False when the year has both a value and a target; None otherwise."""
        if self.value is None or self.target is None:
            return None
        return self.value >= self.target

    @cached_property
    def previous(self):
        return self._point(self.compare_year).value if self.compare_year else None

    @cached_property
    def previous_met(self):
        if not self.compare_year:
            return None
        point = self._point(self.compare_year)
        if point.value is None or point.target is None:
            return None
        return point.value >= point.target

    @cached_property
    def change(self):
        return difference(self.value, self.previous)

    def text(self, value):
        return fr_value(value, self.unit, self.indicator.score_max)

    @cached_property
    def value_text(self):
        return self.text(self.value)

    @cached_property
    def target_text(self):
        return self.text(self.target)

    @cached_property
    def previous_text(self):
        return self.text(self.previous)

    @cached_property
    def rate_text(self):
        return fr_percent(self.rate)

    @cached_property
    def change_text(self):
        return fr_change(self.change, self.unit)

    @cached_property
    def computed_text(self):
        return fr_number(self.computed_value, 2) if self.computed_value is not None else ""

    @property
    def anchor(self):
        return f"indicateur-{self.pk}"

    @cached_property
    def points(self):
        """The series as the chart and its table write it (evaluation.charts.TrendPoint)."""
        from .charts import TrendPoint

        return [
            TrendPoint(
                label=str(point.year),
                value=point.value,
                value_text=self.text(point.value),
                target=point.target,
                target_text=self.text(point.target),
                highlighted=point.year == self.year,
            )
            for point in self.series
        ]

    @cached_property
    def chart(self):
        from .charts import trend_chart

        return trend_chart(
            f"graphique-{self.anchor}",
            f"{self.label} : valeurs et cibles par année",
            trend_description(self),
            self.points,
        )


def trend_description(figures):
    parts = []
    for point in figures.series:
        value = figures.text(point.value) if point.value is not None else "pas de valeur"
        if point.computed:
            value += ", calculée par le site"
        if point.target is not None:
            value += f" (cible {figures.text(point.target)})"
        parts.append(f"{point.year} : {value}")
    return (
        "Barres : valeurs validées ; trait pointillé : cible. "
        + " ; ".join(parts)
        + ". Les mêmes chiffres figurent dans le tableau qui suit."
    )


@dataclass
class ActionFigures:
    page: ActionSheetPage
    url: str
    carrier_url: str
    indicators: list[IndicatorFigures] = field(default_factory=list)

    @property
    def number(self):
        return self.page.number

    @property
    def title(self):
        return self.page.title

    @property
    def status(self):
        return self.page.status

    @property
    def status_label(self):
        return self.page.get_status_display()

    @property
    def carrier(self):
        return self.page.carrier_label

    @property
    def anchor(self):
        return f"fiche-{self.number}"


@dataclass
class AxisFigures:
    page: AxisPage
    actions: list[ActionFigures] = field(default_factory=list)
    narratives: list[ReportNarrative] = field(default_factory=list)

    @property
    def number(self):
        return self.page.number

    @property
    def title(self):
        return self.page.title

    @property
    def anchor(self):
        return f"axe-{self.number}"

    @property
    def indicators(self):
        return [indicator for action in self.actions for indicator in action.indicators]


@dataclass
class Comparable:
    """A headline count for the year and the compared year."""

    label: str
    value: object
    previous: object = None
    compared: bool = False
    description: str = ""
    key: str = ""

    @property
    def value_text(self):
        return fr_number(self.value, 2) if self.value is not None else "–"

    @property
    def previous_text(self):
        return fr_number(self.previous, 2) if self.previous is not None else "–"

    @property
    def change(self):
        if not self.compared or self.value is None or self.previous is None:
            return None
        return Decimal(self.value) - Decimal(self.previous)

    @property
    def change_text(self):
        return fr_change(self.change, unit=None)


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


@dataclass
class AudienceRow:
    section: str
    professionals: int
    habitants: int

    @property
    def professionals_text(self):
        return fr_number(self.professionals)

    @property
    def habitants_text(self):
        return fr_number(self.habitants)


@dataclass
class PublishedReport:
    year: int
    title: str
    url: str
    current: bool


@dataclass
class Report:
    page: AnnualReportPage
    contract: ContractPage
    year: int
    compare_year: int | None
    compare_choices: list[int]
    axes: list[AxisFigures]
    general_narratives: list[ReportNarrative]
    statuses: list[StatusCount]
    headline: list[Comparable]
    site_figures: list[Comparable]
    site_years: list[int]
    site_figures_by_year: dict
    audience: list[AudienceRow]
    reports: list[PublishedReport]

    @property
    def actions(self):
        return [action for axis in self.axes for action in axis.actions]

    @property
    def indicators(self):
        return [indicator for axis in self.axes for indicator in axis.indicators]

    @property
    def has_values(self):
        return any(indicator.value is not None for indicator in self.indicators)

    @property
    def period_label(self):
        return self.contract.period_label

    @property
    def published_on(self):
        moment = self.page.first_published_at or self.page.last_published_at
        return timezone.localdate(moment) if moment else None

    @property
    def updated_on(self):
        moment = self.page.last_published_at
        day = timezone.localdate(moment) if moment else None
        return day if day and day != self.published_on else None

    @property
    def filename(self):
        return f"rapport-{self.year}"

    @cached_property
    def status_chart(self):
        from .charts import Bar, bar_chart

        described = " ; ".join(f"{row.label} : {row.count}" for row in self.statuses)
        return bar_chart(
            "graphique-avancement",
            f"Avancement des {sum(row.count for row in self.statuses)} fiches actions",
            f"Nombre de fiches par état d'avancement. {described}.",
            [Bar(row.label, row.count, fr_number(row.count)) for row in self.statuses],
        )

    @property
    def has_audience(self):
        """Whether any page view was counted in the year (every section is listed, even at 0)."""
        return any(row.professionals or row.habitants for row in self.audience)

    @cached_property
    def audience_chart(self):
        from .charts import Group, grouped_bar_chart

        if not self.has_audience:
            return ""
        described = " ; ".join(
            f"{row.section} : {fr_number(row.professionals)} par des professionnels, "
            f"{fr_number(row.habitants)} par des habitants"
            for row in self.audience
        )
        return grouped_bar_chart(
            "graphique-frequentation",
            f"Pages consultées en {self.year}, par rubrique : professionnels et habitants",
            f"Pages vues par rubrique. {described}.",
            ("Professionnels", "Habitants"),
            [
                Group(
                    row.section,
                    (row.professionals, row.habitants),
                    (row.professionals_text, row.habitants_text),
                )
                for row in self.audience
            ],
        )


# Building it ------------------------------------------------------------------------------------


def compare_year_for(contract, year, requested=None):
    """The year to compare with: `requested` if it is another year of the contract (given as
    text from a query string, or an int), else the previous year when the contract has one."""
    try:
        requested = int(str(requested).strip()) if requested not in (None, "") else None
    except (TypeError, ValueError):
        requested = None
    if requested is not None and requested != year and requested in contract.years:
        return requested
    return year - 1 if year - 1 in contract.years else None


def _values_by_indicator(indicator_ids, years):
    """{indicator id: {year: [(quarter, occasion, value)]}} for VALIDATED values, one query."""
    found = {}
    rows = (
        IndicatorValue.objects.filter(
            indicator_id__in=indicator_ids, year__in=years, status=ValueStatus.VALIDATED
        )
        .order_by()
        .values_list("indicator_id", "year", "quarter", "occasion", "value")
    )
    for indicator_id, year, quarter, occasion, value in rows:
        found.setdefault(indicator_id, {}).setdefault(year, []).append((quarter, occasion, value))
    return found


def site_point(point, metric, by_year):
    """`point`, or, when nothing was entered for that year, the site's own figure for it."""
    if point.value is not None or metric is None:
        return point
    figure = by_year.get(point.year, {}).get(metric.key)
    if figure is None:
        return point
    return Point(point.year, Decimal(figure), point.target, computed=True)


def site_years_for(contract, year, compare_year):
    """The years whose site figures are shown: the contract's years up to this one, and the
    report's and compared years (a future year's figures would only be zeros)."""
    this_year = timezone.localdate().year
    years = {y for y in contract.years if y <= max(this_year, year)}
    years.update(y for y in (year, compare_year) if y)
    return sorted(years)


def build_report(page, compare=None, request=None):
    """Everything a report page shows, in a constant number of queries."""
    contract = ContractPage.objects.parent_of(page).first()
    if contract is None:
        raise Http404("Ce rapport n'est pas placé sous un contrat.")
    year = page.year
    compare_year = compare_year_for(contract, year, compare)
    years = contract.years

    # outside_private_sections(): Wagtail's .public() as a subquery, not a query of its own.
    public = outside_private_sections()
    axis_pages = list(AxisPage.objects.child_of(contract).live().filter(public).order_by("number"))
    axes = {axis.path: AxisFigures(axis) for axis in axis_pages}
    action_pages = (
        ActionSheetPage.objects.descendant_of(contract)
        .live()
        .filter(public)
        .select_related("carrying_structure")
        .order_by("number")
    )
    actions = {}
    for action in action_pages:
        axis = axes.get(action.path[: -action.steplen])
        if axis is None:  # under an axis that is not live
            continue
        structure = action.carrying_structure
        figures = ActionFigures(
            action,
            url=action.get_url(request) or "",
            carrier_url=(structure.get_url(request) or "") if structure and structure.live else "",
        )
        axis.actions.append(figures)
        actions[action.pk] = figures

    indicators = list(
        Indicator.objects.filter(action_id__in=list(actions)).order_by(
            "action__number", "sort_order", "pk"
        )
    )
    indicator_ids = [indicator.pk for indicator in indicators]
    # Targets as plain rows (one query, like prefetch_related("targets"), but without building
    # a modelcluster manager and a model instance per target: a third of the time at 500).
    targets_of = {}
    for indicator_id, target_year, target in IndicatorTarget.objects.filter(
        indicator_id__in=indicator_ids
    ).values_list("indicator_id", "year", "value"):
        targets_of.setdefault(indicator_id, {})[target_year] = target
    values = _values_by_indicator(indicator_ids, years)

    site_years = site_years_for(contract, year, compare_year)
    by_year = computed.cached_figures_by_year(site_years)
    metrics = computed.METRICS

    for indicator in indicators:
        targets = targets_of.get(indicator.pk, {})
        entries = values.get(indicator.pk, {})
        metric = metrics.get(indicator.computed_metric) if indicator.computed_metric else None
        series = [
            site_point(
                Point(y, year_value(entries.get(y), indicator.is_additive), targets.get(y)),
                metric,
                by_year,
            )
            for y in years
        ]
        figures = IndicatorFigures(indicator, year, compare_year, series)
        if metric is not None:
            figures.computed_label = metric.label
            figures.computed_value = by_year.get(year, {}).get(metric.key)
        actions[indicator.action_id].indicators.append(figures)

    general, by_axis = [], {}
    # Through the page's own relation: a preview reads the texts being edited (modelcluster).
    narratives = sorted(page.narratives.all(), key=lambda n: (n.sort_order or 0, n.pk or 0))
    for narrative in narratives:
        if narrative.axis_id is None:
            general.append(narrative)
        else:
            by_axis.setdefault(narrative.axis_id, []).append(narrative)
    for axis in axes.values():
        # A text about an axis that is not (or no longer) published is left out with its axis.
        axis.narratives = by_axis.get(axis.page.pk, [])

    all_actions = [action for axis in axes.values() for action in axis.actions]
    all_indicators = [i for action in all_actions for i in action.indicators]
    statuses = [
        StatusCount(status, label, sum(1 for a in all_actions if a.status == status))
        for status, label in ActionStatus.choices
    ]
    compared = compare_year is not None

    def count(predicate):
        return sum(1 for indicator in all_indicators if predicate(indicator))

    headline = [
        Comparable("Fiches actions", len(all_actions), key="actions"),
        Comparable(
            "Fiches visant la lutte contre les inégalités sociales de santé",
            sum(1 for a in all_actions if a.page.fights_inequalities),
            key="fights_inequalities",
        ),
        Comparable(
            "Fiches associant les habitants (démarche participative)",
            sum(1 for a in all_actions if a.page.participatory),
            key="participatory",
        ),
        Comparable("Indicateurs suivis", len(all_indicators), key="indicators"),
        Comparable(
            "Indicateurs renseignés",
            count(lambda i: i.value is not None),
            count(lambda i: i.previous is not None) if compared else None,
            compared,
            key="indicators_with_value",
        ),
        Comparable(
            "Cibles atteintes",
            count(lambda i: i.met),
            count(lambda i: i.previous_met) if compared else None,
            compared,
            description="parmi les indicateurs ayant une cible et une valeur pour l'année",
            key="targets_met",
        ),
        Comparable(
            "Indicateurs ayant une cible et une valeur",
            count(lambda i: i.met is not None),
            count(lambda i: i.previous_met is not None) if compared else None,
            compared,
            key="targets_measured",
        ),
    ]
    site_figures = [
        Comparable(
            metric.label,
            by_year.get(year, {}).get(key),
            by_year.get(compare_year, {}).get(key) if compared else None,
            compared,
            description=metric.description,
            key=key,
        )
        for key, metric in metrics.items()
    ]
    audience = [
        AudienceRow(str(section), int(pros or 0), int(habitants or 0))
        for section, pros, habitants in computed.cached_audience_by_section(year)
    ]
    reports = [
        PublishedReport(other.year, other.title, other.get_url(request) or "", other.pk == page.pk)
        for other in AnnualReportPage.objects.child_of(contract)
        .live()
        .filter(public)
        .order_by("year")
    ]
    return Report(
        page=page,
        contract=contract,
        year=year,
        compare_year=compare_year,
        compare_choices=[y for y in years if y != year],
        axes=list(axes.values()),
        general_narratives=general,
        statuses=statuses,
        headline=headline,
        site_figures=site_figures,
        site_years=site_years,
        site_figures_by_year=by_year,
        audience=audience,
        reports=reports,
    )
