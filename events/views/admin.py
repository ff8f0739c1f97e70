"""Admin-only views of the agenda: the preview of an event's next dates while it is edited.

The page editor's script (static/events/admin/occurrence-preview.js) sends the form's start,
end, "all day" and recurrence fields, and its per-date changes, as they are typed; the answer
lists the next dates as the agenda would show them once published, or says in French what is
wrong with the input. Only someone who may edit the page (or add an event under the parent, for
a new one) gets an answer.
"""

import datetime

from django import forms
from django.http import JsonResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.views.decorators.http import require_POST
from wagtail.models import Page

from ..admin_forms import AdminRecurrenceField
from ..models import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_DURATION,
    EventPage,
    OccurrenceChange,
    OccurrenceStatus,
)
from ..occurrences import RecurrenceTooDense, horizon_end, planned_occurrences

# How many dates the preview lists.
PREVIEW_SIZE = 10

FORBIDDEN = "Vous n'avez pas le droit de modifier cet événement."


class PreviewForm(forms.Form):
    """The editor's date fields, read as the page form reads them."""

    page = forms.IntegerField(required=False, min_value=1)
    parent = forms.IntegerField(required=False, min_value=1)
    start = forms.DateTimeField(
        error_messages={
            "required": "Indiquez le début pour voir les prochaines dates.",
            "invalid": "Le début n'est pas une date lisible (jj/mm/aaaa hh:mm).",
        }
    )
    end = forms.DateTimeField(
        required=False,
        error_messages={"invalid": "La fin n'est pas une date lisible (jj/mm/aaaa hh:mm)."},
    )
    all_day = forms.BooleanField(required=False)
    recurrence = forms.CharField(required=False, strip=False)

    def clean_recurrence(self):
        text = self.cleaned_data["recurrence"].strip()
        if not text:
            return None
        return AdminRecurrenceField(required=False).clean(text)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        for name, value in (("start", start), ("end", end)):
            if value is not None and not FIRST_YEAR <= timezone.localtime(value).year <= LAST_YEAR:
                self.add_error(name, f"Indiquez une date entre {FIRST_YEAR} et {LAST_YEAR}.")
                return data
        if start is not None and end is not None:
            if end < start:
                self.add_error("end", "La fin ne peut précéder le début.")
            elif end - start > MAX_DURATION:
                self.add_error("end", "Une date dure 31 jours au plus.")
        return data

    def event(self):
        """An unsaved event with these dates (one hour long when the end is not typed yet)."""
        data = self.cleaned_data
        start = data["start"]
        return EventPage(
            title="Aperçu",
            start=start,
            end=data.get("end") or start + datetime.timedelta(hours=1),
            all_day=data["all_day"],
            recurrence=data.get("recurrence") or "",
        )


class ChangeForm(forms.Form):
    """One row of the editor's "dates annulées, complètes ou déplacées" panel."""

    date = forms.DateField(required=False)
    change = forms.ChoiceField(choices=OccurrenceChange.Change.choices, required=False)
    new_start = forms.DateTimeField(required=False)
    new_end = forms.DateTimeField(required=False)
    reason = forms.CharField(required=False, max_length=300)


ChangeFormSet = forms.formset_factory(ChangeForm, can_delete=True, max_num=500, absolute_max=500)


def posted_changes(data):
    """The per-date changes as typed so far; rows not yet readable are left out."""
    formset = ChangeFormSet(data, prefix="occurrence_changes")
    if not formset.management_form.is_valid():
        return []
    changes = []
    for form in formset.forms:
        if not form.is_valid() or form.cleaned_data.get("DELETE"):
            continue
        row = form.cleaned_data
        if row.get("date") and row.get("change"):
            changes.append(
                OccurrenceChange(
                    date=row["date"],
                    change=row["change"],
                    new_start=row.get("new_start"),
                    new_end=row.get("new_end"),
                    reason=row.get("reason", ""),
                )
            )
    return changes


def may_preview(user, page_id, parent_id):
    """The user may edit that event, or add an event under that parent."""
    if page_id:
        page = Page.objects.filter(pk=page_id).first()
        return (
            page is not None
            and page.specific_class is EventPage
            and page.permissions_for_user(user).can_edit()
        )
    if parent_id:
        parent = Page.objects.filter(pk=parent_id).first()
        return (
            parent is not None
            and EventPage in parent.specific_class.creatable_subpage_models()
            and EventPage.can_create_at(parent)
            and parent.permissions_for_user(user).can_add_subpage()
        )
    return False


def describe(occurrence):
    """As the agenda words a date: "mardi 15 décembre 2026, 18:30 – 20:30"."""
    start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
    day = date_format(start, "l j F Y")
    if occurrence.all_day:
        last_day = end - datetime.timedelta(days=1)
        if last_day.date() > start.date():
            return f"du {day} au {date_format(last_day, 'l j F Y')}, toute la journée"
        return f"{day}, toute la journée"
    if end.date() == start.date():
        return f"{day}, {start:%H:%M} – {end:%H:%M}"
    return f"{day}, {start:%H:%M} – {date_format(end, 'l j F Y')}, {end:%H:%M}"


def error_response(message, status=400):
    return JsonResponse({"error": message, "dates": []}, status=status)


@require_POST
def occurrence_preview(request):
    """POST page|parent, start, end, all_day, recurrence (and the per-date changes) → the next
    dates, in French (JSON)."""
    with translation.override("fr"):
        form = PreviewForm(request.POST)
        page_id = request.POST.get("page", "")
        parent_id = request.POST.get("parent", "")
        ids_ok = all(value.isdigit() for value in (page_id, parent_id) if value)
        if not ids_ok or not may_preview(request.user, page_id or None, parent_id or None):
            return error_response(FORBIDDEN, status=403)
        if not form.is_valid():
            messages = [error for errors in form.errors.values() for error in errors]
            return error_response(messages[0])
        now = timezone.now()
        until = horizon_end(now)
        try:
            planned = planned_occurrences(form.event(), until, changes=posted_changes(request.POST))
        except RecurrenceTooDense as error:
            return error_response(str(error))
        upcoming = [item for item in planned if item.end >= now]
        return JsonResponse(
            {
                "dates": [
                    {
                        "start": timezone.localtime(item.start).isoformat(),
                        "end": timezone.localtime(item.end).isoformat(),
                        "label": describe(item),
                        "cancelled": item.status == OccurrenceStatus.CANCELLED,
                        "status": (
                            ""
                            if item.status == OccurrenceStatus.SCHEDULED
                            else OccurrenceStatus(item.status).label
                        ),
                        "reason": item.reason,
                    }
                    for item in upcoming[:PREVIEW_SIZE]
                ],
                "total": len(upcoming),
                "horizon": date_format(timezone.localtime(until), "j F Y"),
                "summary": summary(len(upcoming), until),
            }
        )


def summary(total, until):
    horizon = date_format(timezone.localtime(until), "j F Y")
    if total == 0:
        return f"Aucune date à venir d'ici le {horizon}."
    if total == 1:
        return "Une date à venir."
    if total <= PREVIEW_SIZE:
        return f"{total} dates à venir."
    return f"{total} dates à venir d'ici le {horizon} ; voici les {PREVIEW_SIZE} prochaines."
