"""How many people came to each past date of an event, entered by whoever may edit the event.

Who may enter: Wagtail's page permissions decide, as in the page editor. A partner edits the
events under its structure's page, the coordination every event, communication officers those
of the agenda. The form lists the past occurrences of one month for those events; each row
carries only the occurrence's id, from which the event and the date are read again on saving,
so a tampered form cannot name another structure's event or a date to come.

Saving is all or nothing: one invalid row and no row is saved. A number replaces the one
entered before (update_or_create keyed by event and date); a number erased deletes the entry.
"""

import calendar
import datetime
import re

from django import forms
from django.db import transaction
from django.utils import timezone
from wagtail.permission_policies.pages import PagePermissionPolicy

from events.models import EventPage, Occurrence, OccurrenceStatus

from .models import Attendance

MAX_PARTICIPANTS = 100_000
MAX_ROWS = 500
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


def editable_events(user):
    """The events `user` may edit (page permissions: change, or add on pages they own)."""
    return PagePermissionPolicy(EventPage).instances_user_has_permission_for(user, "change")


def may_enter_attendance(user):
    return editable_events(user).exists()


# The month shown ------------------------------------------------------------------------------


def parse_month(value, today=None):
    """(year, month) from "2026-03"; the current month for anything else."""
    today = today or timezone.localdate()
    match = MONTH_PATTERN.match((value or "").strip())
    if match:
        year, month = int(match[1]), int(match[2])
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    return today.year, today.month


def month_bounds(year, month):
    """The month's first instant and the next month's, in the site's time zone."""
    start = timezone.make_aware(datetime.datetime(year, month, 1))
    days = calendar.monthrange(year, month)[1]
    end = timezone.make_aware(datetime.datetime(year, month, days) + datetime.timedelta(days=1))
    return start, end


def shift_month(year, month, delta):
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def past_occurrences(user, year, month, now=None):
    """The month's held occurrences (started, neither cancelled nor postponed) of `user`'s
    events, by date, each with its event."""
    start, end = month_bounds(year, month)
    return (
        Occurrence.objects.filter(
            event__in=editable_events(user).values("pk"),
            start__gte=start,
            start__lt=end,
            start__lte=now or timezone.now(),
        )
        .exclude(status__in=[OccurrenceStatus.CANCELLED, OccurrenceStatus.POSTPONED])
        .select_related("event")
        .order_by("start", "event__title", "pk")
    )


def attendances_for(occurrences):
    """{(event id, start): Attendance} of these occurrences, in one query."""
    occurrences = list(occurrences)
    if not occurrences:
        return {}
    rows = Attendance.objects.filter(
        event_id__in={occurrence.event_id for occurrence in occurrences},
        occurrence_start__in={occurrence.start for occurrence in occurrences},
    ).select_related("entered_by")
    return {(row.event_id, row.occurrence_start): row for row in rows}


# The form ---------------------------------------------------------------------------------------


class AttendanceRowForm(forms.Form):
    occurrence = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    participants = forms.IntegerField(
        label="Participants",
        required=False,
        min_value=0,
        max_value=MAX_PARTICIPANTS,
        error_messages={
            "invalid": "Saisissez un nombre entier de participants.",
            "min_value": "Le nombre de participants ne peut pas être négatif.",
            "max_value": f"{MAX_PARTICIPANTS:,} participants au plus.".replace(",", "\u202f"),
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_PARTICIPANTS, "step": 1}),
    )
    comment = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=300,
        error_messages={"max_length": "300 caractères au plus."},
    )

    def __init__(self, *args, row=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row  # the Occurrence this form was built for (None on a tampered POST)


class BaseAttendanceFormSet(forms.BaseFormSet):
    """Checks every row against the database in a constant number of queries."""

    def __init__(self, *args, user, rows=(), now=None, **kwargs):
        self.user = user
        self.rows = list(rows)
        self.now = now or timezone.now()
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["row"] = self.rows[index] if index < len(self.rows) else None
        return kwargs

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        ids = {form.cleaned_data["occurrence"] for form in self.forms if form.cleaned_data}
        occurrences = Occurrence.objects.select_related("event").in_bulk(ids)
        editable = set(
            editable_events(self.user)
            .filter(pk__in={occurrence.event_id for occurrence in occurrences.values()})
            .values_list("pk", flat=True)
        )
        seen = set()
        for form in self.forms:
            if not form.cleaned_data:
                continue
            occurrence = occurrences.get(form.cleaned_data["occurrence"])
            if occurrence is None or occurrence.event_id not in editable:
                form.add_error(
                    None, "Cette séance n'existe pas ou vous ne pouvez pas saisir sa participation."
                )
                continue
            if occurrence.start > self.now:
                form.add_error(
                    "participants", "Cette séance n'a pas encore eu lieu : saisissez après."
                )
                continue
            if occurrence.status in (OccurrenceStatus.CANCELLED, OccurrenceStatus.POSTPONED):
                form.add_error(
                    "participants", "Cette séance a été annulée ou reportée : rien à saisir."
                )
                continue
            key = (occurrence.event_id, occurrence.start)
            if key in seen:
                form.add_error(None, "Cette séance figure deux fois dans le formulaire.")
                continue
            seen.add(key)
            form.occurrence_row = occurrence

    @transaction.atomic
    def save(self):
        """Write every row (update_or_create keyed by event and date); returns the changes."""
        rows = [form for form in self.forms if getattr(form, "occurrence_row", None)]
        existing = attendances_for(form.occurrence_row for form in rows)
        changed = 0
        for form in rows:
            occurrence = form.occurrence_row
            key = (occurrence.event_id, occurrence.start)
            participants = form.cleaned_data["participants"]
            comment = form.cleaned_data["comment"].strip()
            current = existing.get(key)
            if participants is None:
                if current is not None:
                    current.delete()
                    changed += 1
                continue
            if current is not None and (current.participants, current.comment) == (
                participants,
                comment,
            ):
                continue
            Attendance.objects.update_or_create(
                event_id=occurrence.event_id,
                occurrence_start=occurrence.start,
                defaults={
                    "participants": participants,
                    "comment": comment,
                    "entered_by": self.user,
                },
            )
            changed += 1
        return changed


AttendanceFormSet = forms.formset_factory(
    AttendanceRowForm,
    formset=BaseAttendanceFormSet,
    extra=0,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
    validate_max=True,
)


def build_formset(user, occurrences, data=None, now=None):
    """The month's form: one row per occurrence, with what was entered before."""
    occurrences = list(occurrences)
    entered = attendances_for(occurrences)
    initial = []
    for occurrence in occurrences:
        current = entered.get((occurrence.event_id, occurrence.start))
        occurrence.attendance = current
        initial.append(
            {
                "occurrence": occurrence.pk,
                "participants": current.participants if current else None,
                "comment": current.comment if current else "",
            }
        )
    return AttendanceFormSet(
        data, initial=initial, user=user, rows=occurrences, now=now, prefix="seances"
    )
