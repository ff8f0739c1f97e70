"""Admin screens of the attendance counts and of the site's audience (hooks registered on import).

- "Participation aux séances" (/admin/evaluation/participation/?mois=2026-03): whoever may edit
  events (partners for their structure's, the coordination for all) enters how many people came
  to each past date of the month (evaluation/attendance.py);
- "Fréquentation du site" (/admin/evaluation/frequentation/?annee=2026): the coordination reads
  the anonymous page-view counts of a year per month and per section, professionals and
  habitants apart, and downloads them as CSV (evaluation/audience.py counts them).

Both are items of the "Évaluation" menu (the `register_evaluation_menu_item` hook of
evaluation/entry_admin.py), shown to those who may use them.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.db.models.functions import ExtractMonth
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from home.models import FIRST_YEAR, LAST_YEAR

from . import attendance
from .audience import SECTIONS
from .computed import MONTHS
from .models import Audience, PageViewCount
from .viewsets import EVALUATION_MENU_HOOK


def month_label(year, month):
    return f"{MONTHS[month - 1]} {year}"


# Participation aux séances ---------------------------------------------------------------------


class AttendanceView(WagtailAdminTemplateMixin, TemplateView):
    """The month's past occurrences of the user's events, a number and a comment for each."""

    template_name = "evaluation/admin/attendance.html"
    page_title = "Participation aux séances"
    header_icon = "group"
    _show_breadcrumbs = True

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.year, self.month = attendance.parse_month(request.GET.get("mois"))

    def get_page_subtitle(self):
        return month_label(self.year, self.month)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def month_url(self, year, month):
        return f"{reverse('evaluation_attendance')}?mois={year:04d}-{month:02d}"

    def get(self, request, *args, **kwargs):
        if not attendance.may_enter_attendance(request.user):
            raise PermissionDenied
        occurrences = attendance.past_occurrences(request.user, self.year, self.month)
        formset = attendance.build_formset(request.user, occurrences)
        return self.render_to_response(self.get_context_data(formset=formset))

    def post(self, request, *args, **kwargs):
        if not attendance.may_enter_attendance(request.user):
            raise PermissionDenied
        occurrences = attendance.past_occurrences(request.user, self.year, self.month)
        formset = attendance.build_formset(request.user, occurrences, data=request.POST)
        if formset.is_valid():
            changed = formset.save()
            if changed:
                messages.success(
                    request,
                    f"Participation enregistrée pour {changed} séance(s) de "
                    f"{month_label(self.year, self.month)}.",
                )
            else:
                messages.success(request, "Aucune modification à enregistrer.")
            return redirect(self.month_url(self.year, self.month))
        messages.error(request, "Rien n'a été enregistré : corrigez les erreurs signalées.")
        return self.render_to_response(self.get_context_data(formset=formset), status=200)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        formset = context["formset"]
        rows = []
        for form in formset.forms:
            occurrence = getattr(form, "occurrence_row", None) or form.row
            rows.append(
                {
                    "form": form,
                    "occurrence": occurrence,
                    "when": (
                        date_format(timezone.localtime(occurrence.start), "l j F Y, H\\hi")
                        if occurrence
                        else "Séance inconnue"
                    ),
                    "attendance": getattr(occurrence, "attendance", None),
                    "edit_url": (
                        reverse("wagtailadmin_pages:edit", args=[occurrence.event_id])
                        if occurrence
                        else ""
                    ),
                }
            )
        previous = attendance.shift_month(self.year, self.month, -1)
        following = attendance.shift_month(self.year, self.month, 1)
        today = timezone.localdate()
        context.update(
            rows=rows,
            month_name=month_label(self.year, self.month),
            month_value=f"{self.year:04d}-{self.month:02d}",
            previous_url=self.month_url(*previous),
            previous_label=month_label(*previous),
            next_url=(self.month_url(*following) if following <= (today.year, today.month) else ""),
            next_label=month_label(*following),
            max_participants=attendance.MAX_PARTICIPANTS,
        )
        return context


# Fréquentation du site ---------------------------------------------------------------------------


def may_read_audience(user):
    return user.is_active and user.has_perm("evaluation.view_pageviewcount")


def audience_table(year):
    """The year's page views: {"months": [...], "sections": [...], "grid": ..., totals}.

    One query: every (month, section, audience) sum of the year.
    """
    grid = {(month, key): [0, 0] for month in range(1, 13) for key in SECTIONS}
    rows = (
        PageViewCount.objects.filter(day__year=year)
        .annotate(month=ExtractMonth("day"))
        .values("month", "section", "audience")
        .annotate(total=Sum("views"))
        .order_by()
    )
    for row in rows:
        section = row["section"] if row["section"] in SECTIONS else "autres"
        index = 0 if row["audience"] == Audience.PROFESSIONAL else 1
        grid[(row["month"], section)][index] += row["total"] or 0

    def line(label, pairs):
        pro = sum(pair[0] for pair in pairs)
        public = sum(pair[1] for pair in pairs)
        return {"label": label, "pro": pro, "public": public, "total": pro + public}

    months = [
        line(MONTHS[month - 1], [grid[(month, key)] for key in SECTIONS]) for month in range(1, 13)
    ]
    sections = [
        line(label, [grid[(month, key)] for month in range(1, 13)])
        for key, label in SECTIONS.items()
    ]
    return {
        "months": months,
        "sections": sections,
        "total": line("Total", list(grid.values())),
        "grid": grid,
    }


def parse_year(value, default):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if FIRST_YEAR <= year <= LAST_YEAR else default


class AudienceView(WagtailAdminTemplateMixin, TemplateView):
    """Page views of a year per month and per section, professionals and habitants apart."""

    template_name = "evaluation/admin/audience.html"
    page_title = "Fréquentation du site"
    header_icon = "view"
    _show_breadcrumbs = True

    def dispatch(self, request, *args, **kwargs):
        if not may_read_audience(request.user):
            raise PermissionDenied
        self.year = parse_year(request.GET.get("annee"), timezone.localdate().year)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.year)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        table = audience_table(self.year)
        if request.GET.get("format") == "csv":
            return audience_csv(self.year, table)
        return self.render_to_response(self.get_context_data(table=table))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        context.update(
            year=self.year,
            years=range(max(FIRST_YEAR, this_year - 9), this_year + 1),
            csv_url=f"{reverse('evaluation_audience')}?annee={self.year}&format=csv",
        )
        return context


def audience_csv(year, table):
    """Month × section rows, professionals and habitants apart; UTF-8 with BOM for spreadsheets."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="frequentation-{year}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Année", "Mois", "Rubrique", "Professionnels", "Habitants", "Total"])
    for month in range(1, 13):
        for key, label in SECTIONS.items():
            pro, public = table["grid"][(month, key)]
            writer.writerow([year, MONTHS[month - 1], label, pro, public, pro + public])
    total = table["total"]
    writer.writerow(
        [year, "Total", "Toutes rubriques", total["pro"], total["public"], total["total"]]
    )
    return response


# Registration ------------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_attendance_urls():
    return [
        path("evaluation/participation/", AttendanceView.as_view(), name="evaluation_attendance"),
        path("evaluation/frequentation/", AudienceView.as_view(), name="evaluation_audience"),
    ]


class AttendanceMenuItem(MenuItem):
    def is_shown(self, request):
        if not hasattr(request, "_evaluation_may_enter_attendance"):
            request._evaluation_may_enter_attendance = attendance.may_enter_attendance(request.user)
        return request._evaluation_may_enter_attendance


class AudienceMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_audience(request.user)


@hooks.register(EVALUATION_MENU_HOOK)
def register_attendance_menu_item():
    return AttendanceMenuItem(
        "Participation aux séances",
        reverse("evaluation_attendance"),
        name="evaluation-participation",
        icon_name="group",
        order=400,
    )


@hooks.register(EVALUATION_MENU_HOOK)
def register_audience_menu_item():
    return AudienceMenuItem(
        "Fréquentation du site",
        reverse("evaluation_audience"),
        name="evaluation-frequentation",
        icon_name="view",
        order=500,
    )
