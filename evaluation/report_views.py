"""The annual report's routes: the page, its CSV and JSON downloads, its PDF.

/evaluation/rapport-<year>/        the page (?comparer=<year>: the year compared with)
/evaluation/rapport-<year>/csv/    every figure, one row per axis/action/indicator/year
/evaluation/rapport-<year>/json/   the same, structured
/evaluation/rapport-<year>/pdf/    an A4 PDF (evaluation/report_pdf.py)

The files are named rapport-<year>.csv / .json / .pdf by their Content-Disposition: Wagtail's
page URLs (wagtail.urls.serve_pattern) take no dot, so "donnees.csv" could not be a route.

All four read evaluation.report.build_report. Wagtail serves them only for a live report that
the visitor may see (a draft or a private report is a 404 or a login, as for the page itself).
"""

import csv
import io

from django.http import HttpResponse, JsonResponse
from wagtail.contrib.routable_page.models import RoutablePageMixin, path


def _csv_number(value):
    """French spreadsheets read "12,5": a comma for decimals, no thousands separator."""
    if value is None:
        return ""
    from .report import number_for_export  # evaluation.report imports the models: not above

    return str(number_for_export(value)).replace(".", ",")


CSV_HEADER = [
    "rubrique",
    "axe_numero",
    "axe",
    "fiche_numero",
    "fiche",
    "avancement",
    "porteur",
    "indicateur",
    "type",
    "unite",
    "annee",
    "cible",
    "valeur",
    "taux_atteinte_pct",
    "calcule_par_le_site",
    "chiffre_du_site",
]


def _indicator_rows(report):
    """Indicators year by year; an action without indicator, or an axis without action, still
    has its row (its indicator columns empty), so that the plan is whole in the file."""
    from .report import rate_of

    blank = [""] * 9
    for axis in report.axes:
        if not axis.actions:
            yield ["Axe", axis.number, axis.title, *blank[:4], *blank[:3], report.year, *blank[:5]]
        for action in axis.actions:
            described = [axis.number, axis.title, action.number, action.title]
            described += [action.status_label, action.carrier]
            if not action.indicators:
                yield ["Fiche", *described, "", "", "", report.year, *blank[:5]]
            for figures in action.indicators:
                for point in figures.series:
                    computed = None
                    if figures.computed_label:
                        computed = report.site_figures_by_year.get(point.year, {}).get(
                            figures.indicator.computed_metric
                        )
                    yield [
                        "Indicateur",
                        *described,
                        figures.label,
                        figures.kind_label,
                        figures.unit_label,
                        point.year,
                        _csv_number(point.target),
                        _csv_number(point.value),
                        _csv_number(rate_of(point.value, point.target)),
                        figures.computed_label,
                        _csv_number(computed),
                    ]


def _site_rows(report):
    for year in report.site_years:
        for metric in report.site_figures:
            value = report.site_figures_by_year.get(year, {}).get(metric.key)
            yield [
                "Chiffre du site",
                "",
                "",
                "",
                "",
                "",
                "",
                metric.label,
                "",
                "Nombre",
                year,
                "",
                _csv_number(value),
                "",
                metric.label,
                _csv_number(value),
            ]


def _csv_cell(value):
    """A cell as text; one that a spreadsheet would run as a formula is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def report_csv(report):
    """The CSV text. Separator ";" and a UTF-8 byte order mark: French spreadsheet software
    (Excel, LibreOffice with its French defaults) then opens it in columns with its accents."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in _indicator_rows(report):
        writer.writerow([_csv_cell(cell) for cell in row])
    for row in _site_rows(report):
        writer.writerow([_csv_cell(cell) for cell in row])
    return buffer.getvalue()


def report_data(report, request=None):
    """The JSON document: the same figures, structured; numbers as numbers."""
    from .report import number_for_export as number

    def absolute(url):
        return request.build_absolute_uri(url) if request is not None and url else url

    def indicator(figures):
        return {
            "id": figures.pk,
            "intitule": figures.label,
            "type": {"code": figures.indicator.kind, "libelle": figures.kind_label},
            "unite": {"code": figures.unit, "libelle": figures.unit_label},
            "annee": report.year,
            "cible": number(figures.target),
            "valeur": number(figures.value),
            "taux_atteinte_pct": number(figures.rate),
            "cible_atteinte": figures.met,
            "annee_comparee": report.compare_year,
            "valeur_comparee": number(figures.previous),
            "evolution": number(figures.change),
            "chiffre_du_site": (
                {
                    "cle": figures.indicator.computed_metric,
                    "libelle": figures.computed_label,
                    "valeur": number(figures.computed_value),
                }
                if figures.computed_label
                else None
            ),
            "serie": [
                {
                    "annee": p.year,
                    "valeur": number(p.value),
                    "valeur_calculee_par_le_site": p.computed,
                    "cible": number(p.target),
                }
                for p in figures.series
            ],
        }

    def action(figures):
        return {
            "numero": figures.number,
            "titre": figures.title,
            "url": absolute(figures.url),
            "avancement": {"code": figures.status, "libelle": figures.status_label},
            "porteur": figures.carrier,
            "lutte_contre_les_inegalites": figures.page.fights_inequalities,
            "participative": figures.page.participatory,
            "indicateurs": [indicator(i) for i in figures.indicators],
        }

    return {
        "contrat": {
            "titre": report.contract.title,
            "territoire": report.contract.territory,
            "premiere_annee": report.contract.start_year,
            "derniere_annee": report.contract.end_year,
        },
        "rapport": {
            "titre": report.page.title,
            "annee": report.year,
            "annee_comparee": report.compare_year,
            "url": absolute(report.page.get_url(request)),
            "publie_le": report.published_on.isoformat() if report.published_on else None,
        },
        "chiffres_cles": {
            "avancement": [
                {"code": row.status, "libelle": row.label, "fiches": row.count}
                for row in report.statuses
            ],
            **{
                item.key: {
                    "libelle": item.label,
                    "valeur": number(item.value),
                    "valeur_comparee": number(item.previous),
                }
                for item in report.headline
            },
        },
        "chiffres_du_site": [
            {
                "cle": metric.key,
                "libelle": metric.label,
                "description": metric.description,
                "annees": {
                    str(year): number(report.site_figures_by_year.get(year, {}).get(metric.key))
                    for year in report.site_years
                },
            }
            for metric in report.site_figures
        ],
        "frequentation": {
            "annee": report.year,
            "rubriques": [
                {
                    "rubrique": row.section,
                    "professionnels": row.professionals,
                    "habitants": row.habitants,
                }
                for row in report.audience
            ],
        },
        "axes": [
            {
                "numero": axis.number,
                "titre": axis.title,
                "url": absolute(axis.page.get_url(request)),
                "fiches": [action(a) for a in axis.actions],
            }
            for axis in report.axes
        ],
    }


class ReportRoutes(RoutablePageMixin):
    """Mixed into AnnualReportPage."""

    def report_for(self, request):
        from .report import build_report

        return build_report(self, request.GET.get("comparer"), request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["report"] = self.report_for(request)
        return context

    @path("csv/", name="csv")
    def csv_download(self, request):
        report = self.report_for(request)
        response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{report.filename}.csv"'
        return response

    @path("json/", name="json")
    def json_download(self, request):
        report = self.report_for(request)
        response = JsonResponse(
            report_data(report, request), json_dumps_params={"ensure_ascii": False, "indent": 1}
        )
        response["Content-Disposition"] = f'inline; filename="{report.filename}.json"'
        return response

    @path("pdf/", name="pdf")
    def pdf_download(self, request):
        from .report_pdf import render_pdf

        report = self.report_for(request)
        response = HttpResponse(render_pdf(report, request), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{report.filename}.pdf"'
        return response
