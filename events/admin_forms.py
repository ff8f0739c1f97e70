"""django-recurrence's form field and widget, as the page editor uses them.

The widget: the package's own asks for Django admin's copy of jQuery (`admin/js/vendor/jquery/…`
and `admin/js/jquery.init.js`); this site does not install django.contrib.admin, so those files
do not exist (a 404 in development, a missing manifest entry — a server error — with the
production storage). Wagtail's admin loads jQuery on every screen; a small script hands it to
the widget under the name it expects (`django.jQuery`). The French labels come from the
package's JavaScript catalogue, added to every admin screen by events/wagtail_hooks.py before
the form's scripts run.

The field: the package's answers to a broken rule are English ("bad frequency value"), and some
rules it accepts cannot be saved or expanded (BYMONTHDAY=40, INTERVAL=0: a server error at
publication). Here every such rule gets one French message, and only the frequencies the
widget offers are accepted.
"""

import datetime

import recurrence
from django import forms
from recurrence import exceptions as recurrence_exceptions
from recurrence.forms import RecurrenceField, RecurrenceWidget

# Enough for any real series (a year of weekly sessions, with every holiday excluded).
MAX_RULES = 10
MAX_DATES = 400

UNREADABLE = (
    "La répétition est illisible : reprenez-la avec les boutons du champ « Répétition » "
    "(ajouter une règle, ajouter une date)."
)
# A date to try a rule from: expansion errors (a 30 February) show from the first dates.
TRIAL_START = datetime.datetime(2027, 1, 4, 12, 0)


class AdminRecurrenceWidget(RecurrenceWidget):
    @property
    def media(self):
        return forms.Media(
            js=[
                "events/admin/recurrence-jquery.js",
                "recurrence/js/recurrence.js",
                "recurrence/js/recurrence-widget.js",
                "recurrence/js/recurrence-widget.init.js",
            ],
            css={"all": ["recurrence/css/recurrence.css", "events/admin/recurrence.css"]},
        )


class AdminRecurrenceField(RecurrenceField):
    widget = AdminRecurrenceWidget

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "frequencies",
            (recurrence.YEARLY, recurrence.MONTHLY, recurrence.WEEKLY, recurrence.DAILY),
        )
        for name, limit in (
            ("max_rrules", MAX_RULES),
            ("max_exrules", MAX_RULES),
            ("max_rdates", MAX_DATES),
            ("max_exdates", MAX_DATES),
        ):
            kwargs.setdefault(name, limit)
        kwargs["widget"] = AdminRecurrenceWidget
        super().__init__(*args, **kwargs)
        self.error_messages.update(
            {
                "invalid_frequency": (
                    "Une répétition revient chaque année, mois, semaine ou jour, pas plus souvent."
                ),
                "max_rrules_exceeded": "%(limit)s règles au plus.",
                "max_exrules_exceeded": "%(limit)s règles d'exclusion au plus.",
                "max_rdates_exceeded": "%(limit)s dates ajoutées au plus.",
                "max_exdates_exceeded": "%(limit)s dates exclues au plus.",
                "recurrence_required": "Indiquez une règle ou une date.",
            }
        )

    def clean(self, value):
        try:
            recurrence.deserialize(value)
        except recurrence_exceptions.DeserializationError:
            # The package would answer in English ("bad frequency value: …").
            raise forms.ValidationError(UNREADABLE, code="unreadable") from None
        except TypeError:
            pass  # no value: the package's field handles it
        cleaned = super().clean(value)
        if cleaned is not None:
            check_expandable(cleaned)
        return cleaned


def check_expandable(value):
    """Refuse a rule that could not be saved or expanded (it would fail at publication)."""
    if any(rule.count is not None and rule.count < 1 for rule in value.rrules):
        raise forms.ValidationError(
            "Le nombre de répétitions doit être d'au moins 1.", code="count"
        )
    try:
        recurrence.serialize(value)
        dates = iter(value.to_dateutil_rruleset(dtstart=TRIAL_START))
        for _ in range(3):
            next(dates, None)
    except (recurrence_exceptions.RecurrenceError, ValueError, TypeError, OverflowError):
        raise forms.ValidationError(UNREADABLE, code="unreadable") from None
