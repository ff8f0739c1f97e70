"""The demo contract's printable summary, as a PDF made with fpdf2's core fonts."""

from fpdf import FPDF

from .images import TEAL, TEAL_DARK
from .territory import AXES, COMMUNITIES, CONTRACT_NAME, CONTRACT_PERIOD, TERRITORY_NAME

# The PDF core fonts speak Latin-1: spell the few other characters the way print used to.
LATIN1_SPELLING = str.maketrans({"œ": "oe", "Œ": "OE", "’": "'", "—": "-", "–": "-", "…": "..."})


def _text(value):
    return value.translate(LATIN1_SPELLING)


def _paragraph(pdf, text, size=11, style="", colour=(29, 36, 48), line_height=6):
    pdf.set_font("helvetica", style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, line_height, _text(text), new_x="LMARGIN", new_y="NEXT")


def contract_summary():
    """A two-page summary of the contract: its purpose, its axes, its territory."""
    start, end = CONTRACT_PERIOD
    pdf = FPDF(format="A4")
    pdf.set_title(_text(f"{CONTRACT_NAME} {start}-{end} : synthèse"))
    pdf.set_author(_text(f"Coordination du contrat local de santé, {TERRITORY_NAME}"))
    pdf.set_lang("fr")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()

    _paragraph(pdf, CONTRACT_NAME, size=20, style="B", colour=TEAL_DARK, line_height=10)
    _paragraph(pdf, f"Synthèse du contrat {start}-{end}", size=13, line_height=8)
    pdf.ln(4)
    _paragraph(
        pdf,
        "Le contrat local de santé engage l'Agence régionale de santé, le PETR et ses "
        "partenaires autour d'un plan d'actions de cinq ans, construit à partir du "
        "diagnostic local de santé et de la concertation avec les habitants et les "
        "professionnels.",
    )
    pdf.ln(4)
    for number, (title, description) in enumerate(AXES, start=1):
        _paragraph(pdf, f"Axe {number} : {title}", size=13, style="B", colour=TEAL, line_height=8)
        _paragraph(pdf, description)
        pdf.ln(3)

    _paragraph(pdf, "Le territoire", size=13, style="B", colour=TEAL, line_height=8)
    for community in COMMUNITIES:
        _paragraph(pdf, community.name, style="B")
        _paragraph(pdf, ", ".join(commune.name for commune in community.communes) + ".")
        pdf.ln(2)
    pdf.ln(4)
    _paragraph(
        pdf,
        "Document de démonstration : le Pays des Quatre Rivières et son contrat sont "
        "fictifs ; les communes citées existent.",
        size=9,
        style="I",
        line_height=5,
    )
    return bytes(pdf.output())
