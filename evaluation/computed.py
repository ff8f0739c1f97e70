"""Indicators the site computes from itself, per year (structures, events, downloads, audience…).

Interface used by the report and the entry screens:
- METRICS: {key: Metric}, in display order;
- figures_by_year(years) -> {year: {key: number}}, in a constant number of queries;
- audience_by_section(year) -> [(section label, professionals, habitants)].
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    description: str


METRICS = {}


def figures_by_year(years):
    raise NotImplementedError


def audience_by_section(year):
    raise NotImplementedError
