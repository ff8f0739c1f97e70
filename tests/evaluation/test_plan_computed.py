"""An action sheet shows the figure the site computes for an indicator where nothing was entered."""

import pytest
from django.utils import timezone

from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


def test_the_sites_own_figure_fills_a_year_without_entered_value(client, action):
    IndicatorFactory(
        action=action, label="Structures en ligne", computed_metric="structures_published"
    )
    html = client.get(action.url).content.decode()
    this_year = timezone.localdate().year
    # The partner's structure, published today, is the directory's only one this year.
    assert f'<th scope="row">{this_year}</th>' in html
    assert '1 <span class="plan-table__note">(calculée par le site)</span>' in html


def test_an_entered_value_wins_over_the_sites_figure(client, action):
    indicator = IndicatorFactory(
        action=action, label="Structures en ligne", computed_metric="structures_published"
    )
    IndicatorValueFactory(indicator=indicator, year=timezone.localdate().year, value=40)
    html = client.get(action.url).content.decode()
    row = html.split(f'<th scope="row">{timezone.localdate().year}</th>')[1].split("</tr>")[0]
    assert "40" in row and "calculée par le site" not in row
