"""Factories for the contract, its axes and action sheets, indicators and their values."""

import decimal

import factory
from django.utils import timezone

from evaluation.models import (
    ActionSheetPage,
    AnnualReportPage,
    AxisPage,
    ContractPage,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    IndicatorUnit,
    IndicatorValue,
    ValueStatus,
)
from tests.home.factories import PublishedPageFactory


class ContractPageFactory(PublishedPageFactory):
    """The contract at /evaluation/; pass parent=<home page>."""

    title = "Contrat local de santé 2025–2029"
    slug = "evaluation"
    territory = "Communauté de communes des Deux Rives"
    start_year = 2025
    end_year = 2029

    class Meta:
        model = ContractPage


class AxisPageFactory(PublishedPageFactory):
    """An axis; pass parent=<contract>."""

    # Axis numbers go up to 99: the sequence wraps (a long test session makes hundreds).
    number = factory.Sequence(lambda n: n % 99 + 1)
    title = factory.LazyAttribute(lambda axis: f"Axe numéro {axis.number}")
    summary = "Un axe stratégique du contrat."

    class Meta:
        model = AxisPage


class ActionSheetPageFactory(PublishedPageFactory):
    """An action sheet; pass parent=<axis> (carrying_structure=… for a partner's action)."""

    number = factory.Sequence(lambda n: n % 999 + 1)  # sheet numbers go up to 999
    title = factory.LazyAttribute(lambda action: f"Action numéro {action.number}")
    summary = "Une action du plan."
    start_year = 2025
    end_year = 2029
    status = "ongoing"

    class Meta:
        model = ActionSheetPage


class AnnualReportPageFactory(PublishedPageFactory):
    """A report; pass parent=<contract> and year=…"""

    year = 2025
    title = factory.LazyAttribute(lambda report: f"Rapport d'activité {report.year}")
    slug = factory.LazyAttribute(lambda report: f"rapport-{report.year}")

    class Meta:
        model = AnnualReportPage


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator; pass action=<action sheet>."""

    kind = IndicatorKind.RESULT
    label = factory.Sequence(lambda n: f"Indicateur {n}")
    unit = IndicatorUnit.COUNT
    source = "Feuille de présence"

    class Meta:
        model = Indicator


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    year = 2025
    value = decimal.Decimal(10)

    class Meta:
        model = IndicatorTarget


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    """A validated whole-year value, written as is (no history: evaluation.entry keeps one)."""

    year = 2025
    value = decimal.Decimal(12)
    status = ValueStatus.VALIDATED
    entered_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = IndicatorValue
