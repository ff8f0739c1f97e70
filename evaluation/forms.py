"""Forms of the indicator entry screens: numbers as French readers type them, one row per
indicator of the grid, a detailed period (quarter or event), and the indicator's own
admin form (its targets checked against the contract and the indicator's range)."""

import decimal
import re

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from .computed import METRICS
from .entry import value_errors
from .models import Frequency, contract_of

# "12", "12,5", "-3", "1 234,50", "0.5": digits, an optional decimal comma (or point).
NUMBER = re.compile(r"^-?(\d+([.,]\d*)?|[.,]\d+)$")
# Spaces readers put between thousands: plain, no-break and narrow no-break.
THOUSANDS_SEPARATORS = re.compile(r"[ \u00a0\u202f]")

NUMBER_ERROR = "Saisissez un nombre, par exemple 12 ou 12,5."


def parse_number(text):
    """The Decimal a person typed ("1 234,5" → 1234.5); None when empty; ValidationError else."""
    text = THOUSANDS_SEPARATORS.sub("", (text or "").strip())
    if not text:
        return None
    if not NUMBER.match(text):
        raise ValidationError(NUMBER_ERROR, code="invalid")
    try:
        return decimal.Decimal(text.replace(",", "."))
    except decimal.InvalidOperation:
        raise ValidationError(NUMBER_ERROR, code="invalid") from None


def input_number(value):
    """A stored Decimal as it is typed back in a form: 12, 12,5 (no thousands separator)."""
    if value is None:
        return ""
    text = f"{decimal.Decimal(value).normalize():f}"
    return text.replace(".", ",")


class FrenchDecimalField(forms.CharField):
    """A number typed with a decimal comma and spaces between thousands, as a Decimal."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        attrs = {"inputmode": "decimal", "autocomplete": "off", "maxlength": "30"}
        return {**super().widget_attrs(widget), **attrs}

    def to_python(self, value):
        if isinstance(value, decimal.Decimal):
            return value
        value = super().to_python(value)
        if len(value) > 30:
            raise ValidationError(NUMBER_ERROR, code="invalid")
        return parse_number(value)

    def prepare_value(self, value):
        return input_number(value) if isinstance(value, decimal.Decimal) else value


class TextLineField(forms.CharField):
    """One line of text; line ends of pasted text are folded into spaces."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if value else value


# The per-action grid -------------------------------------------------------------------------


class GridRowForm(forms.Form):
    """One indicator's value for the year, in the grid; prefixed by the indicator's pk.

    The hidden initials let the grid tell a row the person touched from one they only looked
    at: an untouched row is never written (and so never refused as stale).
    """

    value = FrenchDecimalField(label="Valeur", required=False, show_hidden_initial=True)
    comment = TextLineField(
        label="Commentaire", required=False, max_length=2000, show_hidden_initial=True
    )
    source = TextLineField(label="Source", required=False, max_length=200, show_hidden_initial=True)
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    delete = forms.BooleanField(label="Supprimer", required=False)

    TOUCHABLE = ("value", "comment", "source", "delete")

    def __init__(self, *args, indicator, year, current, contract, may_delete, **kwargs):
        self.indicator = indicator
        self.year = year
        self.current = current
        self.contract = contract
        initial = {"version": None, "value": None, "comment": "", "source": ""}
        if current is not None:
            initial = {
                "version": current.version,
                "value": current.value,
                "comment": current.comment,
                "source": current.source,
            }
        super().__init__(*args, initial=initial, prefix=f"i{indicator.pk}", **kwargs)
        if not (may_delete and current is not None):
            del self.fields["delete"]
        self.fields["source"].widget.attrs["placeholder"] = indicator.source

    @property
    def touched(self):
        return any(name in self.changed_data for name in self.TOUCHABLE if name in self.fields)

    def clean(self):
        cleaned = super().clean()
        value = cleaned.get("value")
        if value is not None:
            for field, message in value_errors(
                self.indicator, self.year, value, contract=self.contract
            ).items():
                self.add_error("value" if field == "value" else None, message)
        elif (
            self.current is None
            and (cleaned.get("comment") or cleaned.get("source"))
            and "value" not in self.errors
        ):
            self.add_error("value", "Saisissez une valeur pour enregistrer ce commentaire.")
        return cleaned


# Detailed periods: quarters and events ---------------------------------------------------------


class PeriodValueForm(forms.Form):
    """A quarter's or an event's value of one indicator; the period is fixed once saved."""

    quarter = forms.TypedChoiceField(
        label="Trimestre",
        required=False,
        coerce=int,
        empty_value=0,
        choices=[("", "—"), (1, "1er trimestre"), (2, "2e trimestre")]
        + [(3, "3e trimestre"), (4, "4e trimestre")],
    )
    occasion = TextLineField(
        label="Événement",
        required=False,
        max_length=200,
        help_text="Ex. « Forum du 12 mars ». Un trimestre ou un événement, pas les deux.",
    )
    value = FrenchDecimalField(label="Valeur")
    comment = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    source = TextLineField(label="Source", required=False, max_length=200)
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, indicator, year, contract, instance=None, **kwargs):
        self.indicator = indicator
        self.year = year
        self.contract = contract
        self.instance = instance
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "quarter": instance.quarter or "",
                    "occasion": instance.occasion,
                    "value": instance.value,
                    "comment": instance.comment,
                    "source": instance.source,
                    "version": instance.version,
                },
            )
        super().__init__(*args, **kwargs)
        if instance is not None:
            # The period of a saved value does not change: delete it and add another instead.
            self.fields["quarter"].disabled = True
            self.fields["occasion"].disabled = True
        elif indicator.frequency == Frequency.PER_EVENT:
            self.fields["occasion"].required = True
            self.fields["quarter"].help_text = "Facultatif : le trimestre où l'événement a eu lieu."
        self.fields["source"].widget.attrs["placeholder"] = indicator.source

    def clean(self):
        cleaned = super().clean()
        quarter, occasion = cleaned.get("quarter") or 0, cleaned.get("occasion") or ""
        both_read = "quarter" in cleaned and "occasion" in cleaned
        if self.instance is None and both_read and not quarter and not occasion:
            raise ValidationError("Choisissez un trimestre ou nommez l'événement.")
        value = cleaned.get("value")
        if value is not None:
            errors = value_errors(
                self.indicator, self.year, value, quarter=quarter, contract=self.contract
            )
            for field, message in errors.items():
                self.add_error(field if field in ("value", "quarter") else None, message)
        return cleaned


# The indicator's own admin form ------------------------------------------------------------------


DUPLICATE_TARGET = "Une seule cible par année : cette année en a déjà une."


def metric_choices():
    return [("", "Aucun")] + [(key, metric.label) for key, metric in METRICS.items()]


class IndicatorAdminForm(WagtailAdminModelForm):
    """An indicator and its targets: a computed figure from the list, one target per year of the
    contract, each within the indicator's range."""

    computed_metric = forms.ChoiceField(
        label="Calculé par le site",
        required=False,
        choices=metric_choices,
        help_text="Le site affiche ce chiffre à côté des valeurs saisies.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Targets are typed as the grid's values are: "12,5", "1 500".
        formset = self.formsets.get("targets")
        for form in formset.forms if formset is not None else []:
            field = form.fields.get("value")
            if field is not None:
                form.fields["value"] = FrenchDecimalField(
                    label=field.label, required=field.required, help_text=field.help_text
                )

    @staticmethod
    def raw_year(form):
        """A target's year when Django's duplicate check took it out of its cleaned data."""
        try:
            return form.fields["year"].clean(form["year"].value())
        except ValidationError:
            return None

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("targets")
        if formset is None or not formset.is_bound:
            return cleaned
        formset.is_valid()  # cleans each target, so that its fields can be checked here
        action = cleaned.get("action")
        contract = contract_of(action) if action is not None else None
        probe = self.instance
        for field in ("unit", "score_max"):
            if field in cleaned:
                setattr(probe, field, cleaned[field])
        years_seen, duplicated = set(), False
        for form in formset.forms:
            if formset.can_delete and formset._should_delete_form(form):
                continue
            if not form.has_changed() and not form.instance.pk:
                continue
            target = getattr(form, "cleaned_data", None) or {}
            year, value = target.get("year", self.raw_year(form)), target.get("value")
            if year is not None:
                if contract is not None and year not in contract.years:
                    form.add_error(
                        "year", f"Choisissez une année du contrat ({contract.period_label})."
                    )
                elif year in years_seen:
                    duplicated = True
                    if "year" not in form.errors:
                        form.add_error("year", DUPLICATE_TARGET)
                years_seen.add(year)
            message = probe.value_error(value) if value is not None else None
            if message is not None and "unit" in cleaned:
                form.add_error("value", message)
        if duplicated:
            # Django's own message names the model's fields ("indicator et year"): say it in
            # French, once.
            formset._non_form_errors = formset.error_class([DUPLICATE_TARGET])
        return cleaned
