"""The report's query count does not grow with its axes, actions, indicators and years."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluation.models import IndicatorTarget, IndicatorUnit, IndicatorValue, ReportNarrative

from .factories import (
    ActionSheetPageFactory,
    AnnualReportPageFactory,
    AxisPageFactory,
    IndicatorFactory,
)

UNITS = [IndicatorUnit.COUNT, IndicatorUnit.PERCENT, IndicatorUnit.EURO, IndicatorUnit.SCORE]


def grow(contract, axes, actions, indicators, years, first_number=1):
    """Add `actions` action sheets spread over `axes` new axes, each with `indicators`
    indicators having a target and a value (whole year, or quarters) for `years` years."""
    axis_pages = [
        AxisPageFactory(parent=contract, number=first_number + n, title=f"Axe {first_number + n}")
        for n in range(axes)
    ]
    targets, values = [], []
    for n in range(actions):
        action = ActionSheetPageFactory(
            parent=axis_pages[n % axes],
            number=first_number * 10 + n,
            title=f"Fiche {first_number * 10 + n}",
        )
        for i in range(indicators):
            indicator = IndicatorFactory(
                action=action,
                unit=UNITS[i % len(UNITS)],
                computed_metric="participants" if i == 0 else "",
            )
            for year in contract.years[:years]:
                targets.append(IndicatorTarget(indicator=indicator, year=year, value=Decimal(5)))
                if i % 2:
                    values += [
                        IndicatorValue(indicator=indicator, year=year, quarter=q, value=q)
                        for q in (1, 2)
                    ]
                else:
                    values.append(IndicatorValue(indicator=indicator, year=year, value=4))
    IndicatorTarget.objects.bulk_create(targets)
    IndicatorValue.objects.bulk_create(values)
    return axis_pages


def count_queries(client, url):
    client.get(url)  # warm: Wagtail caches the site's root paths
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_report_queries_do_not_grow_with_its_size(client, contract, django_assert_num_queries):
    page = AnnualReportPageFactory(parent=contract, year=2026)
    axes = grow(contract, axes=1, actions=2, indicators=2, years=2)
    ReportNarrative.objects.create(report=page, axis=axes[0], text="<p>Un texte.</p>")
    urls = [page.url, page.url + "csv/", page.url + "json/", page.url + "?comparer=2025"]
    counts = [count_queries(client, url) for url in urls]

    axes = grow(contract, axes=3, actions=6, indicators=5, years=5, first_number=5)
    ReportNarrative.objects.create(report=page, axis=axes[2], text="<p>Un autre.</p>")
    ReportNarrative.objects.create(report=page, text="<p>Général.</p>")
    AnnualReportPageFactory(parent=contract, year=2025)
    for url, count in zip(urls, counts, strict=True):
        client.get(url)
        with django_assert_num_queries(count):
            response = client.get(url)
        assert response.status_code == 200
    assert response.content.count(b"report-chart--trend") == 2 * 2 + 6 * 5  # one per indicator
