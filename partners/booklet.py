"""The printable resource booklet: the structures and actions near a patient's home, on paper.

A hospital social worker or a nurse picks themes, publics and the patient's commune; the
booklet lists the live, public structures acting there with their matching actions, public
contacts and opening hours, dated, with a QR code back to the same selection on the site. The
same selection is printed from the browser (A4 print stylesheet) or downloaded as a PDF.

It reads the directory's vocabulary (partners/filters.py: one query for every theme, public
and commune; the structures that cover a commune; structures matched by themselves or through
an action) with two differences: several themes and publics may be chosen (any of them
matches), and nothing that is typed is kept. The optional title ("Sortie d'hospitalisation —
Mme X") is printed and forgotten: it never enters the QR code nor the selection's link.

Whatever the query string holds, the booklet answers: an unknown value is dropped and named in
a notice (cut short, escaped by the template), a second commune is ignored, an over-long title
is cut.
"""

import datetime
import io
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

import segno
from django import forms
from django.db.models import Prefetch, Q
from django.http import QueryDict
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from fpdf import FPDF

from search.query import normalise_words

from .filters import Directory, Show, Term, attach_actions, filter_terms, sort_key, with_related
from .models import ActionPage, Closure, OpeningHours, StructureContact, StructurePage
from .templatetags.partners_tags import fr_time

# Beyond this, the booklet asks for a narrower selection (a sheet of 150 structures helps no one).
MAX_STRUCTURES = 150
MAX_TITLE_LENGTH = 120
# How much of a value that was not understood is echoed back in the notice.
MAX_ECHOED_VALUE = 40
MAX_ECHOED_VALUES = 5
# Closures printed per structure: those in progress or starting within this many days.
CLOSURE_HORIZON = datetime.timedelta(days=120)


# The form ----------------------------------------------------------------------------------------


class BookletForm(forms.Form):
    """Themes, publics, the patient's commune and a title; every field optional, read leniently.

    The query string is sorted before the form sees it: known values are kept, unknown ones are
    listed in `notices`. The form therefore never has errors; it re-renders what was understood.
    """

    theme = forms.MultipleChoiceField(
        label="Thématiques",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Une structure est retenue si elle traite l'une des thématiques cochées.",
    )
    public = forms.MultipleChoiceField(
        label="Publics",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Une structure est retenue si elle s'adresse à l'un des publics cochés.",
    )
    commune = forms.ChoiceField(
        label="Commune du domicile",
        required=False,
        help_text="Les structures qui y sont installées ou qui y interviennent.",
    )
    titre = forms.CharField(
        label="Titre de la feuille",
        required=False,
        max_length=MAX_TITLE_LENGTH,
        widget=forms.TextInput(attrs={"maxlength": MAX_TITLE_LENGTH}),
        help_text="Ex. « Sortie d'hospitalisation ». Imprimé en tête de la liste, jamais "
        "enregistré, ni repris dans le lien ou le code QR.",
    )

    def __init__(self, data=None, **kwargs):
        # One query builds every choice; the values are looked up in the same terms.
        terms = {kind: {} for kind in ("theme", "public", "community", "commune")}
        for term in filter_terms():
            terms[term.kind][term.slug] = term
        self.themes, self.publics, self.communes = terms["theme"], terms["public"], terms["commune"]
        self.notices = []
        self.submitted = data is not None and any(
            name in data for name in ("theme", "public", "commune", "titre")
        )
        if data is not None:
            data = self._sort(data)
        super().__init__(data, **kwargs)
        self.fields["theme"].choices = [(slug, term.name) for slug, term in self.themes.items()]
        self.fields["public"].choices = [(slug, term.name) for slug, term in self.publics.items()]
        self.fields["commune"].choices = [("", "Tout le territoire")] + commune_choices(
            terms["community"].values(), self.communes.values()
        )

    def _sort(self, data):
        """A copy of `data` holding only what is understood; the rest becomes notices."""
        clean = QueryDict(mutable=True)
        ignored = []
        for name, known in (("theme", self.themes), ("public", self.publics)):
            kept = []
            for value in data.getlist(name):
                if value in known:
                    if value not in kept:
                        kept.append(value)
                elif value.strip():
                    ignored.append((self.base_fields[name].label, value))
            clean.setlist(name, kept)

        communes = [value for value in data.getlist("commune") if value.strip()]
        known_communes = [value for value in communes if value in self.communes]
        ignored += [
            (self.base_fields["commune"].label, value)
            for value in communes
            if value not in self.communes
        ]
        if known_communes:
            clean["commune"] = known_communes[0]
            others = {value for value in known_communes if value != known_communes[0]}
            if others:
                self.notices.append(
                    "Une seule commune peut être choisie : "
                    f"« {self.communes[known_communes[0]].name} » a été retenue."
                )

        titles = data.getlist("titre")
        title = normalise_words(titles[0]) if titles else ""
        if len(title) > MAX_TITLE_LENGTH:
            self.notices.append(
                f"Le titre était trop long : seuls ses {MAX_TITLE_LENGTH} premiers caractères "
                "sont imprimés."
            )
            title = title[:MAX_TITLE_LENGTH].rstrip()
        clean["titre"] = title

        if ignored:
            # Named once each, and only the first few: a query string may repeat a value a
            # thousand times.
            described = list(
                dict.fromkeys(f"{label} « {echo(value)} »" for label, value in ignored)
            )
            more = len(described) - MAX_ECHOED_VALUES
            text = ", ".join(described[:MAX_ECHOED_VALUES])
            if more > 0:
                text += f" et {more} autre{'s' if more > 1 else ''}"
            self.notices.insert(
                0, f"Certains filtres n'ont pas été compris et ont été ignorés : {text}."
            )
        return clean

    def criteria(self):
        """What the booklet lists: never an error, since the data was sorted first."""
        if not self.is_bound or not self.is_valid():
            return BookletCriteria()
        data = self.cleaned_data
        return BookletCriteria(
            themes=[self.themes[slug] for slug in data.get("theme", [])],
            publics=[self.publics[slug] for slug in data.get("public", [])],
            commune=self.communes.get(data.get("commune") or ""),
            title=data.get("titre", ""),
        )


def echo(value):
    """A value that was not understood, made short and printable for the notice."""
    value = normalise_words(value)
    return value if len(value) <= MAX_ECHOED_VALUE else value[: MAX_ECHOED_VALUE - 1] + "…"


def commune_choices(communities, communes):
    """Communes grouped under their communauté (as the directory shows them), then the rest."""
    groups = {community.pk: (community.name, []) for community in communities}
    others = ("Autres communes", [])
    for commune in communes:
        groups.get(commune.parent, others)[1].append((commune.slug, commune.name))
    return [group for group in groups.values() if group[1]] + ([others] if others[1] else [])


@dataclass
class BookletCriteria:
    themes: list[Term] = field(default_factory=list)
    publics: list[Term] = field(default_factory=list)
    commune: Term | None = None
    title: str = ""

    # What partners.filters.Directory reads besides the topic and the place.
    words = ""
    show = Show.ALL

    @property
    def has_topic(self):
        return bool(self.themes or self.publics)

    @property
    def is_empty(self):
        return not (self.has_topic or self.commune)

    def in_words(self):
        """ "Santé mentale · Jeunes · Clamecy", with the unchosen ones spelled out."""
        return " · ".join(
            [
                ", ".join(term.name for term in self.themes) or "Toutes thématiques",
                ", ".join(term.name for term in self.publics) or "Tous publics",
                self.commune.name if self.commune else "Tout le territoire",
            ]
        )

    def query(self):
        """The selection as a query string, in a fixed order and without the title."""
        pairs = [("theme", term.slug) for term in self.themes]
        pairs += [("public", term.slug) for term in self.publics]
        if self.commune:
            pairs.append(("commune", self.commune.slug))
        return urlencode(pairs)


class BookletDirectory(Directory):
    """The directory's matching, with several themes and several publics (any one matches)."""

    def topic_q(self, model):
        c = self.criteria
        q = Q()
        if c.themes:
            q &= with_related(model, themes__in=[term.pk for term in c.themes])
        if c.publics:
            q &= with_related(model, publics__in=[term.pk for term in c.publics])
        return q

    def place_q(self):
        commune = self.criteria.commune
        return self.covers_commune_q(commune) if commune else Q()


# What is printed ---------------------------------------------------------------------------------


@dataclass
class Entry:
    """One structure as the booklet prints it, the same for the HTML page and the PDF."""

    structure: StructurePage
    address: list[str]
    contacts: list[StructureContact]
    hours: list[tuple[str, str]]
    closures: list[str]
    actions: list[ActionPage]

    @property
    def title(self):
        return self.structure.title


@dataclass
class Booklet:
    criteria: BookletCriteria
    notices: list[str]
    entries: list[Entry]
    truncated: bool
    today: datetime.date
    selection_url: str  # absolute, without the title: what the QR code holds
    pdf_url: str  # relative, with the title

    @property
    def edited_on(self):
        return f"Édité le {french_date(self.today)}"

    @property
    def filename(self):
        return f"livret-ressources-{self.today:%Y-%m-%d}.pdf"

    @property
    def heading(self):
        return self.criteria.title or "Ressources de prévention et de soins près de chez vous"

    def qr_svg(self):
        """The selection's QR code as inline SVG (segno's own markup: no user text inside)."""
        code = segno.make(self.selection_url, error="m")
        return mark_safe(  # noqa: S308 (markup generated by segno from a URL we built)
            code.svg_inline(border=2, omitsize=True, svgclass="booklet-qr__code")
        )

    def qr_png(self):
        buffer = io.BytesIO()
        segno.make(self.selection_url, error="m").save(buffer, kind="png", scale=8, border=2)
        buffer.seek(0)
        return buffer


def french_date(date):
    """2 -> "2 décembre 2026", 1 -> "1er décembre 2026"."""
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {formats.date_format(date, 'F Y')}"


def weekly_hours(slots):
    """[("du lundi au vendredi", "9 h – 12 h, 14 h – 17 h"), ("samedi", "9 h – 12 h")].

    Consecutive days with the same hours share a line: a printed sheet stays short.
    """
    days = []
    for weekday, name in OpeningHours.Weekday.choices:
        day_slots = sorted((s for s in slots if s.weekday == weekday), key=lambda s: s.opens)
        if day_slots:
            text = ", ".join(
                f"{fr_time(s.opens)} – {fr_time(s.closes)}"
                + (" (sur rendez-vous)" if s.by_appointment else "")
                for s in day_slots
            )
            days.append((weekday, name, text))
    lines, run = [], []
    for day in days:
        if run and (day[0] != run[-1][0] + 1 or day[2] != run[-1][2]):
            lines.append(_day_range(run))
            run = []
        run.append(day)
    if run:
        lines.append(_day_range(run))
    return lines


def _day_range(run):
    first, last, text = run[0][1], run[-1][1], run[0][2]
    if len(run) == 1:
        return (first, text)
    if len(run) == 2:
        return (f"{first} et {last}", text)
    return (f"du {first} au {last}", text)


def closure_text(closure):
    if closure.start_date == closure.end_date:
        return f"Fermé le {french_date(closure.start_date)} ({closure.reason})"
    return (
        f"Fermé du {french_date(closure.start_date)} au {french_date(closure.end_date)} "
        f"({closure.reason})"
    )


def address_lines(structure):
    locality = " ".join(
        part
        for part in (structure.postal_code, structure.commune.name if structure.commune else "")
        if part
    )
    return [
        line for line in (structure.street_address, structure.address_complement, locality) if line
    ]


def structures_for_print(structures, today):
    """What every entry shows, in a fixed number of queries whatever the number of structures.

    Only public contacts are fetched: a professional-only contact never reaches the sheet,
    whoever prints it (a printed sheet leaves the building).
    """
    return structures.select_related("commune").prefetch_related(
        Prefetch(
            "contacts",
            queryset=StructureContact.objects.filter(
                visibility=StructureContact.Visibility.PUBLIC
            ).order_by("sort_order", "pk"),
            to_attr="booklet_contacts",
        ),
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
        Prefetch(
            "closures",
            queryset=Closure.objects.filter(
                end_date__gte=today, start_date__lte=today + CLOSURE_HORIZON
            ).order_by("start_date"),
            to_attr="booklet_closures",
        ),
    )


def build(request, index, data):
    """The booklet for the query string `data`, read by the directory page `index`."""
    form = BookletForm(data)
    criteria = form.criteria()
    today = timezone.localdate()
    notices = list(form.notices)
    entries, truncated = [], False
    if not criteria.is_empty:
        directory = BookletDirectory(index, criteria)
        structures = list(structures_for_print(directory.structures(), today)[: MAX_STRUCTURES + 1])
        truncated = len(structures) > MAX_STRUCTURES
        structures = structures[:MAX_STRUCTURES]
        actions = directory.matching_actions(under_matching_structure=False)
        attach_actions(structures, actions)
        entries = [
            Entry(
                structure=structure,
                address=address_lines(structure),
                contacts=structure.booklet_contacts,
                hours=weekly_hours(structure.opening_hours.all()),
                closures=[closure_text(c) for c in structure.booklet_closures],
                actions=structure.listed_actions,
            )
            for structure in structures
        ]
        entries.sort(key=lambda entry: sort_key(entry.title))
        if truncated:
            notices.append(
                f"Plus de {MAX_STRUCTURES} structures correspondent à cette sélection : seules "
                f"les {MAX_STRUCTURES} premières sont listées. Précisez-la (une thématique, un "
                "public ou une commune) pour une liste complète."
            )
    base = index.get_url(request) + index.reverse_subpage("booklet")
    query = criteria.query()
    title_query = urlencode({"titre": criteria.title}) if criteria.title else ""
    pdf_params = "&".join(part for part in (query, title_query) if part)
    return (
        form,
        Booklet(
            criteria=criteria,
            notices=notices,
            entries=entries,
            truncated=truncated,
            today=today,
            selection_url=request.build_absolute_uri(base + (f"?{query}" if query else "")),
            pdf_url=f"{base}pdf/" + (f"?{pdf_params}" if pdf_params else ""),
        ),
    )


# The PDF -----------------------------------------------------------------------------------------

# The PDF core fonts speak Latin-1 only (no font file is assumed on the server): spell the few
# other characters the way print used to, then fall back to the letter without its accent.
LATIN1_SPELLING = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "—": "-",
        "–": "-",
        "…": "...",
        "€": "EUR",
        "\u202f": "\u00a0",
        "\u2009": " ",
    }
)

TEAL_DARK = (0, 67, 74)
TEXT = (29, 36, 48)
MUTED = (74, 85, 101)


def pdf_text(value):
    text = str(value).translate(LATIN1_SPELLING)
    try:
        text.encode("latin-1")
        return text
    except UnicodeEncodeError:
        pass
    spelled = []
    for char in text:
        try:
            char.encode("latin-1")
            spelled.append(char)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
            spelled.append(base or "?")
    return "".join(spelled)


class BookletPDF(FPDF):
    def __init__(self, booklet):
        super().__init__(format="A4")
        self.booklet = booklet
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)

    def footer(self):
        self.set_y(-13)
        self.set_font("helvetica", "", 8)
        self.set_text_color(*MUTED)
        self.cell(
            0,
            5,
            pdf_text(f"Livret de ressources - {self.booklet.edited_on.lower()}"),
            align="L",
        )
        self.set_x(self.l_margin)
        self.cell(0, 5, f"page {self.page_no()} / {{nb}}", align="R")


def _wrap(pdf, text, width):
    """`text` cut into lines of at most `width` in the current (core) font.

    fpdf2's multi_cell and get_string_width are slow (each call copies the graphics state, and
    multi_cell measures a line again for each character it adds): a booklet of 150 structures
    took seconds. The core fonts' character widths are read directly instead.
    """
    widths, scale = pdf.current_font.cw, pdf.font_size / 1000

    def measure(chunk):
        return sum(widths.get(char, 600) for char in chunk) * scale

    space = measure(" ")
    lines = []
    for paragraph in text.splitlines() or [""]:
        line, line_width = "", 0.0
        for word in paragraph.split():
            word_width = measure(word)
            if line and line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line:
                lines.append(line)
            # A word longer than the line (an address, a link) is cut where the line ends.
            while word_width > width:
                cut, total = 0, 0.0
                while cut < len(word) - 1 and total + measure(word[cut]) <= width:
                    total += measure(word[cut])
                    cut += 1
                lines.append(word[: max(cut, 1)])
                word = word[max(cut, 1) :]
                word_width = measure(word)
            line, line_width = word, word_width
        lines.append(line)
    return lines


def _write(pdf, text, size=10, style="", colour=TEXT, height=5, indent=0, width=0, measure=False):
    """Write a paragraph, or with `measure` only return the height it would take."""
    pdf.set_font("helvetica", style, size)
    width = width or pdf.epw - indent
    lines = _wrap(pdf, pdf_text(text), width)
    if measure:
        return len(lines) * height
    pdf.set_text_color(*colour)
    for line in lines:
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(width, height, line, new_x="LMARGIN", new_y="NEXT")
    return 0


def _entry(pdf, entry, measure=False):
    """Write one structure (or, with `measure`, return its height without writing it)."""
    paragraphs = []
    structure = entry.structure
    paragraphs.append(
        (structure.title, {"size": 12, "style": "B", "colour": TEAL_DARK, "height": 6})
    )
    meta = structure.get_typology_display()
    if structure.commune:
        meta += f" · {structure.commune.name}"
    paragraphs.append((meta, {"size": 9, "colour": MUTED}))
    if structure.short_description:
        paragraphs.append((structure.short_description, {"size": 9, "style": "I"}))
    if entry.address:
        paragraphs.append(("Adresse : " + ", ".join(entry.address), {}))
    for contact in entry.contacts:
        role = contact.role + (f" ({contact.name})" if contact.name else "")
        means = " · ".join(p for p in (contact.phone, contact.email, contact.website) if p)
        paragraphs.append((f"{role} : {means}", {}))
    if structure.appointment_only:
        paragraphs.append(("Uniquement sur rendez-vous.", {"style": "B"}))
    if entry.hours:
        paragraphs.append(("Horaires :", {}))
        for days, text in entry.hours:
            paragraphs.append((f"{days[:1].upper()}{days[1:]} : {text}", {"indent": 4}))
    elif not structure.appointment_only:
        paragraphs.append(("Horaires non renseignés : contactez la structure.", {}))
    if structure.hours_note:
        paragraphs.append((structure.hours_note, {}))
    for closure in entry.closures:
        paragraphs.append((closure, {"style": "I"}))
    for action in entry.actions:
        paragraphs.append((f"> {action.title}", {"style": "B", "indent": 4}))
        details = [action.summary]
        contact = " · ".join(p for p in (action.contact_phone, action.contact_email) if p)
        if contact:
            details.append(f"Contact : {contact}")
        paragraphs.append((" ".join(details), {"size": 9, "indent": 8}))
    return sum(_write(pdf, text, measure=measure, **options) for text, options in paragraphs)


def render_pdf(booklet, territory_name="", compress=True):
    """The booklet as an A4 PDF: core fonts only, so nothing is assumed on the server."""
    pdf = BookletPDF(booklet)
    pdf.set_compression(compress)
    pdf.set_title(pdf_text(booklet.heading))
    pdf.set_author(pdf_text(territory_name or "Contrat local de santé"))
    pdf.set_lang("fr")
    pdf.add_page()

    qr_size = 32
    qr_x = pdf.w - pdf.r_margin - qr_size
    pdf.image(booklet.qr_png(), x=qr_x, y=pdf.t_margin, w=qr_size, h=qr_size)
    text_width = qr_x - pdf.l_margin - 4
    top = pdf.t_margin
    pdf.set_xy(pdf.l_margin, top)
    for text, size, style, colour, height in (
        (territory_name, 9, "", MUTED, 5),
        (booklet.heading, 16, "B", TEAL_DARK, 8),
        (booklet.edited_on, 10, "", TEXT, 6),
        (booklet.criteria.in_words(), 10, "B", TEXT, 6),
    ):
        if not text:
            continue
        _write(pdf, text, size=size, style=style, colour=colour, height=height, width=text_width)
    _write(pdf, "Cette liste en ligne, à jour :", size=8, colour=MUTED, height=4, width=text_width)
    _write(pdf, booklet.selection_url, size=8, colour=TEXT, height=4, width=text_width)
    pdf.set_y(max(pdf.get_y(), top + qr_size) + 4)

    for notice in booklet.notices:
        _write(pdf, notice, size=9, style="I")
    if booklet.criteria.is_empty:
        _write(pdf, "Choisissez au moins une thématique, un public ou une commune.")
    elif not booklet.entries:
        _write(pdf, "Aucune structure ne correspond à cette sélection.")
    page_height = pdf.page_break_trigger - pdf.t_margin
    for entry in booklet.entries:
        pdf.ln(3)
        # A structure starts a new page rather than being split, unless it fills one by itself.
        # (Measured with dry runs: fpdf2's offset_rendering copies the whole document each time.)
        height = _entry(pdf, entry, measure=True)
        if pdf.get_y() + height > pdf.page_break_trigger and height <= page_height:
            pdf.add_page()
        _entry(pdf, entry)
    return bytes(pdf.output())
