"""The annual report as an A4 PDF (fpdf2): a title page, the headline figures, the site's
figures, then per axis and action the indicator tables; "page n / N" at the foot of each page.

Like the resource booklet (partners/booklet.py), it uses the PDF core fonts only, so nothing is
assumed on the server: text is spelled in Latin-1 by partners.booklet.pdf_text. Charts are left
to the web page and its print stylesheet; the PDF carries their figures as tables.
"""

from fpdf import FPDF
from fpdf.fonts import FontFace

from home.dates import french_date
from partners.booklet import pdf_text

TEAL_DARK = (0, 67, 74)
TEXT = (29, 36, 48)
MUTED = (74, 85, 101)
HEAD_FILL = (238, 245, 245)


def text(value):
    return pdf_text(str(value if value not in (None, "") else "-").replace("\u2212", "-"))


class ReportPDF(FPDF):
    def __init__(self, report):
        super().__init__(format="A4")
        self.report = report
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=18)

    def footer(self):
        self.set_y(-13)
        self.set_font("helvetica", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, text(f"{self.report.page.title} - {self.report.contract.title}"))
        self.set_x(self.l_margin)
        self.cell(0, 5, f"page {self.page_no()} / {{nb}}", align="R")


def _heading(pdf, words, size=14, space=4):
    pdf.ln(space)
    pdf.set_font("helvetica", "B", size)
    pdf.set_text_color(*TEAL_DARK)
    pdf.multi_cell(0, size * 0.5, text(words), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_text_color(*TEXT)


def _paragraph(pdf, words, size=10, style=""):
    pdf.set_font("helvetica", style, size)
    pdf.set_text_color(*TEXT)
    pdf.multi_cell(0, 5, text(words), new_x="LMARGIN", new_y="NEXT")


def _table(pdf, header, rows, widths, numeric_from=1):
    pdf.set_font("helvetica", "", 8.5)
    pdf.set_text_color(*TEXT)
    heading = FontFace(emphasis="BOLD", fill_color=HEAD_FILL)
    with pdf.table(
        col_widths=widths,
        headings_style=heading,
        line_height=4.6,
        text_align=tuple(
            "LEFT" if index < numeric_from else "RIGHT" for index in range(len(header))
        ),
        repeat_headings=1,
    ) as table:
        row = table.row()
        for cell in header:
            row.cell(text(cell))
        for values in rows:
            row = table.row()
            for cell in values:
                row.cell(text(cell))
    pdf.ln(3)


def render_pdf(report, request=None, compress=True):
    pdf = ReportPDF(report)
    pdf.set_compression(compress)
    pdf.set_title(text(report.page.title))
    pdf.set_author(text(report.contract.title))
    pdf.set_lang("fr")
    compare = report.compare_year

    # Title page.
    pdf.add_page()
    pdf.set_y(70)
    pdf.set_font("helvetica", "", 12)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 7, text(report.contract.title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, text(report.contract.territory), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("helvetica", "B", 24)
    pdf.set_text_color(*TEAL_DARK)
    pdf.multi_cell(0, 11, text(report.page.title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("helvetica", "", 12)
    pdf.set_text_color(*TEXT)
    lines = [f"Année {report.year} - contrat {report.period_label}"]
    if report.published_on:
        lines.append(f"Publié le {french_date(report.published_on)}")
    if request is not None:
        lines.append(request.build_absolute_uri(report.page.get_url(request) or "/"))
    for line in lines:
        pdf.multi_cell(0, 7, text(line), align="C", new_x="LMARGIN", new_y="NEXT")

    # Headline figures.
    pdf.add_page()
    _heading(pdf, f"Chiffres clés {report.year}", size=16, space=0)
    if not report.has_values:
        _paragraph(
            pdf,
            f"Aucune valeur d'indicateur n'est encore validée pour {report.year}.",
            style="I",
        )
    header = ["Chiffre", str(report.year)] + ([str(compare), "Évolution"] if compare else [])
    rows = [
        [item.label, item.value_text]
        + ([item.previous_text if item.compared else "", item.change_text] if compare else [])
        for item in report.headline
    ]
    _table(pdf, header, rows, (90, 30, 30, 30) if compare else (120, 30))
    _table(
        pdf,
        ["Avancement des fiches actions", "Fiches"],
        [[row.label, str(row.count)] for row in report.statuses],
        (120, 30),
    )

    _heading(pdf, "Les chiffres du site")
    rows = [
        [item.label, item.value_text] + ([item.previous_text, item.change_text] if compare else [])
        for item in report.site_figures
    ]
    _table(pdf, header, rows, (90, 30, 30, 30) if compare else (120, 30))
    if report.has_audience:
        _table(
            pdf,
            [f"Pages vues en {report.year} par rubrique", "Professionnels", "Habitants"],
            [[row.section, row.professionals_text, row.habitants_text] for row in report.audience],
            (90, 45, 45),
        )

    # Axes and actions.
    for axis in report.axes:
        pdf.add_page()
        _heading(pdf, f"Axe {axis.number} : {axis.title}", size=16, space=0)
        if not axis.actions:
            _paragraph(pdf, "Aucune fiche action publiée dans cet axe.")
        for action in axis.actions:
            _heading(pdf, f"Fiche {action.number} : {action.title}", size=12)
            _paragraph(
                pdf,
                f"Porteur : {action.carrier or 'non renseigné'} - "
                f"Avancement : {action.status_label}",
                size=9,
            )
            pdf.ln(1)
            if not action.indicators:
                _paragraph(pdf, "Pas encore d'indicateur.", size=9, style="I")
                continue
            header = ["Indicateur", "Unité", f"Cible {report.year}", f"Valeur {report.year}"]
            header += ["Atteinte"]
            if compare:
                header += [f"Valeur {compare}", "Évolution"]
            rows = []
            for indicator in action.indicators:
                row = [
                    f"{indicator.label} ({indicator.kind_label.lower()})",
                    indicator.unit_label,
                    indicator.target_text,
                    indicator.value_text or "non renseignée",
                    indicator.rate_text,
                ]
                if compare:
                    row += [indicator.previous_text, indicator.change_text]
                rows.append(row)
            widths = (56, 22, 20, 22, 18, 20, 20) if compare else (78, 24, 24, 24, 28)
            _table(pdf, header, rows, widths, numeric_from=2)
    return bytes(pdf.output())
