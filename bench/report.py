"""The annual report of a contract of 50 actions × 10 indicators × 5 years: time and queries.

Inside a transaction rolled back at the end (so the bench database is left as it was, and each
run rebuilds the same contract): a contract of its own (/evaluation-mesure/, 2025–2029) with 5
axes of 10 action sheets each, every sheet with 10 indicators of every unit, each with a target
and validated values for the 5 years (even indicators a whole-year value, odd ones four
quarters, plus a pending value that must not count), 5 texts, and its 2027 report.

Pages are added with Wagtail's add_child, without revisions, search or reference indexing: the
bench measures reading. Each URL goes through Django's full stack (middleware, Wagtail routing,
the report's route, templates): one warm-up request, then timed ones; median and 95th
percentile, server-side.
"""

import statistics
import time
from decimal import Decimal

from django.db import connection, transaction
from django.db.models.signals import post_save
from django.test import Client
from django.test.utils import CaptureQueriesContext
from modelsearch.signal_handlers import post_save_signal_handler as search_index_on_save
from wagtail.models import Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from evaluation.models import (
    ActionSheetPage,
    ActionStatus,
    AnnualReportPage,
    AxisPage,
    ContractPage,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    IndicatorUnit,
    IndicatorValue,
    ReportNarrative,
    ValueStatus,
)
from partners.models import StructurePage

AXES, ACTIONS_PER_AXIS, INDICATORS, YEARS = 5, 10, 10, 5
FIRST_YEAR, REPORT_YEAR = 2025, 2027
URLS = [("page", "", 20), ("page, compared with 2025", "?comparer=2025", 10)]
URLS += [("CSV", "csv/", 20), ("JSON", "json/", 20), ("PDF", "pdf/", 3)]
UNITS = [IndicatorUnit.COUNT, IndicatorUnit.PERCENT, IndicatorUnit.EURO, IndicatorUnit.SCORE]
KINDS = [IndicatorKind.PROCESS, IndicatorKind.RESULT, IndicatorKind.IMPACT]
PAGE_MODELS = [ContractPage, AxisPage, ActionSheetPage, AnnualReportPage]
STATUSES = [choice for choice, _label in ActionStatus.choices]


class Rollback(Exception):
    pass


def build():
    """The contract, its plan, indicators, values and report; returns the report page."""
    home = Site.objects.get(is_default_site=True).root_page
    structures = list(StructurePage.objects.live()[:20])
    contract = home.add_child(
        instance=ContractPage(
            title="Contrat local de santé de mesure",
            slug="evaluation-mesure",
            territory="Territoire de mesure",
            start_year=FIRST_YEAR,
            end_year=FIRST_YEAR + YEARS - 1,
        )
    )
    actions = []
    for a in range(AXES):
        axis = contract.add_child(
            instance=AxisPage(title=f"Axe de mesure {a + 1}", slug=f"axe-{a + 1}", number=a + 1)
        )
        for n in range(ACTIONS_PER_AXIS):
            number = a * ACTIONS_PER_AXIS + n + 1
            structure = structures[number % len(structures)] if structures else None
            actions.append(
                axis.add_child(
                    instance=ActionSheetPage(
                        title=f"Fiche de mesure {number}",
                        slug=f"fiche-{number}",
                        number=number,
                        status=STATUSES[number % len(STATUSES)],
                        carrying_structure=structure,
                        carrier_name="" if structure else "Porteur de mesure",
                        start_year=FIRST_YEAR,
                        end_year=FIRST_YEAR + YEARS - 1,
                        fights_inequalities=number % 3 == 0,
                        participatory=number % 4 == 0,
                    )
                )
            )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            action=action,
            kind=KINDS[i % len(KINDS)],
            label=f"Indicateur {i + 1} de la fiche {action.number}",
            unit=UNITS[i % len(UNITS)],
            sort_order=i,
            computed_metric="participants" if i == 0 else "",
        )
        for action in actions
        for i in range(INDICATORS)
    )
    targets, values = [], []
    for index, indicator in enumerate(indicators):
        high = 100 if indicator.unit == IndicatorUnit.PERCENT else 10
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            value = Decimal((index * 7 + year) % high)
            targets.append(IndicatorTarget(indicator=indicator, year=year, value=Decimal(high - 2)))
            if index % 2 == 0:
                values.append(IndicatorValue(indicator=indicator, year=year, value=value))
            else:
                values += [
                    IndicatorValue(indicator=indicator, year=year, quarter=q, value=value)
                    for q in (1, 2, 3, 4)
                ]
            values.append(
                IndicatorValue(
                    indicator=indicator,
                    year=year,
                    occasion="En attente",
                    value=value,
                    status=ValueStatus.PENDING,
                )
            )
    IndicatorTarget.objects.bulk_create(targets)
    IndicatorValue.objects.bulk_create(values)
    report = contract.add_child(
        instance=AnnualReportPage(
            title=f"Rapport d'activité {REPORT_YEAR}",
            slug=f"rapport-{REPORT_YEAR}",
            year=REPORT_YEAR,
            introduction="<p>Une année de mesure.</p>",
        )
    )
    axes = list(AxisPage.objects.child_of(contract))
    ReportNarrative.objects.bulk_create(
        ReportNarrative(report=report, axis=axis, heading="Texte", text="<p>Un texte.</p>")
        for axis in axes
    )
    return report, len(indicators), len(values)


def measure(client, url, repeat):
    """(queries, median ms, p95 ms, kB) after one warm-up request."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Counted now: the next request empties the connection's query log.
    query_count = len(queries.captured_queries)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return query_count, statistics.median(timings), p95, len(response.content)


def run():
    client = Client()
    figures = {}
    for model in PAGE_MODELS:
        post_save.disconnect(search_index_on_save, sender=model)
    try:
        with transaction.atomic(), disable_reference_index_auto_update():
            start = time.perf_counter()
            report, indicator_count, value_count = build()
            built = time.perf_counter() - start
            for name, path, repeat in URLS:
                figures[name] = measure(client, report.url + path, repeat)
            raise Rollback
    except Rollback:
        pass
    finally:
        for model in PAGE_MODELS:
            post_save.connect(search_index_on_save, sender=model)
    print(
        f"\nAnnual report: {AXES * ACTIONS_PER_AXIS} actions × {INDICATORS} indicators × {YEARS} "
        f"years ({indicator_count} indicators, {value_count:,} values, {connection.vendor}, "
        f"production settings; built in {built:.1f} s): queries and server-side time"
    )
    print(f"{'':<26} {'queries':>8} {'median ms':>10} {'p95 ms':>8} {'kB':>7} {'runs':>5}")
    for name, _path, repeat in URLS:
        queries, median, p95, size = figures[name]
        print(
            f"{name:<26} {queries:>8} {median:>10.0f} {p95:>8.0f} {size / 1024:>7.0f} {repeat:>5}"
        )
