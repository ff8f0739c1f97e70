"""The demo's campaigns (/campagnes/): three campaigns with their kits, all made by this code.

Posters and flyers are PDFs written with fpdf2's core fonts, the accessible versions and a
press release are OpenDocument texts written with zipfile, the visuals are drawn with Pillow:
nothing is copied from the real campaigns, whose names only are borrowed. Dates follow the day
the demo is loaded (events/demo/dates.py), like the events they list: the Bus du cœur des
femmes is touring now, Octobre rose and the Mois sans tabac are to come.

Like the rest of the demo, only what is missing is created: pages by slug, documents and
images by title; new media go into a "Campagnes" collection.
"""

import datetime
import io
import math
import zipfile
from xml.sax.saxutils import escape

from fpdf import FPDF
from PIL import Image, ImageDraw
from wagtail.models import Collection

from events.models import CampaignIndexPage, CampaignPage, KitItem, KitItemKind, NationalCampaign
from home.demo.images import SAND, TEAL, TEAL_DARK, WHITE
from partners.demo import Taxonomy
from partners.models import StructurePage

from .dates import DemoCalendar

CONTACT = "communication@quatre-rivieres.example"
COLLECTION = "Campagnes"
USAGE = (
    "Libre d'utilisation par les partenaires du contrat local de santé, sans modification ; "
    "document de démonstration."
)
INDEX_INTRO = (
    "Les campagnes de prévention relayées sur le territoire : leurs rendez-vous près de chez "
    "vous et, pour les partenaires, les affiches, visuels et textes prêts à diffuser."
)

# The PDF core fonts speak Latin-1: spell the few other characters the way print used to.
LATIN1 = str.maketrans({"œ": "oe", "Œ": "OE", "’": "'", "—": "-", "–": "-", "…": "...", "«": '"'})
LATIN1_CLOSE = str.maketrans({"»": '"', "\u202f": " ", "\xa0": " "})


def latin1(text):
    text = text.translate(LATIN1).translate(LATIN1_CLOSE)
    return text.encode("latin-1", "ignore").decode("latin-1").strip()


# Documents ---------------------------------------------------------------------------------------


def pdf_document(title, lines, colour, page_format="A4"):
    """A one-page PDF: a coloured band with the title, then paragraphs."""
    pdf = FPDF(format=page_format)
    pdf.set_title(latin1(title))
    pdf.set_author("Coordination du contrat local de santé, Pays des Quatre Rivières")
    pdf.set_lang("fr")
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    pdf.set_fill_color(*colour)
    pdf.rect(0, 0, pdf.w, 60, style="F")
    pdf.set_xy(18, 20)
    pdf.set_font("helvetica", "B", 26)
    pdf.set_text_color(*WHITE)
    pdf.multi_cell(0, 11, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(72)
    for size, style, text in lines:
        pdf.set_font("helvetica", style, size)
        pdf.set_text_color(29, 36, 48)
        pdf.multi_cell(0, size * 0.55, latin1(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.set_font("helvetica", "I", 8)
    pdf.multi_cell(
        0, 4, latin1("Document de démonstration : le Pays des Quatre Rivières est fictif.")
    )
    return bytes(pdf.output())


def odt_document(title, paragraphs):
    """An OpenDocument text with a real heading structure (what an accessible version needs)."""
    body = [f'<text:h text:style-name="Heading_1" text:outline-level="1">{escape(title)}</text:h>']
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            body.append(
                '<text:h text:style-name="Heading_2" text:outline-level="2">'
                f"{escape(paragraph[3:])}</text:h>"
            )
        else:
            body.append(f"<text:p>{escape(paragraph)}</text:p>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        "<office:body><office:text>" + "".join(body) + "</office:text></office:body>"
        "</office:document-content>"
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta>'
        f"<dc:title>{escape(title)}</dc:title><dc:language>fr-FR</dc:language>"
        "</office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The mimetype comes first and uncompressed, as OpenDocument requires.
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        for name, data in [
            ("content.xml", content),
            ("meta.xml", meta),
            ("META-INF/manifest.xml", manifest),
        ]:
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# Visuals -----------------------------------------------------------------------------------------


def ribbon(colour, background, width=1600, height=1600):
    """A looped ribbon on a plain background (Octobre rose)."""
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    cx, cy, thick = width / 2, height * 0.45, width // 14
    points = [
        (cx + width * 0.22 * math.sin(t) * math.cos(t), cy - height * 0.3 * math.cos(t))
        for t in (i / 100 * 2 * math.pi for i in range(101))
    ]
    draw.line(points, fill=colour, width=thick, joint="curve")
    draw.line([(cx, cy), (cx - width * 0.2, height * 0.9)], fill=colour, width=thick)
    draw.line([(cx, cy), (cx + width * 0.2, height * 0.9)], fill=colour, width=thick)
    return image


def broken_cigarette(width=1600, height=1600):
    """A cigarette broken in two, under a rising sun (Mois sans tabac)."""
    image = Image.new("RGB", (width, height), (224, 240, 242))
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.3, height * 0.1, width * 0.7, height * 0.5), fill=SAND)
    bar = height * 0.06
    y = height * 0.62
    draw.rectangle((width * 0.1, y, width * 0.44, y + bar), fill=WHITE, outline=TEAL_DARK, width=6)
    draw.rectangle((width * 0.1, y, width * 0.2, y + bar), fill=(214, 140, 60))
    draw.rectangle(
        (width * 0.52, y + bar * 0.8, width * 0.9, y + bar * 1.8),
        fill=WHITE,
        outline=TEAL_DARK,
        width=6,
    )
    draw.rectangle((width * 0.1, height * 0.85, width * 0.9, height * 0.88), fill=TEAL)
    return image


def heart_bus(width=1600, height=1600):
    """A bus with a heart on its side, on a country road (Bus du cœur des femmes)."""
    image = Image.new("RGB", (width, height), (233, 244, 236))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 0.75, width, height), fill=(104, 165, 128))
    draw.rectangle((0, height * 0.72, width, height * 0.78), fill=(90, 90, 90))
    draw.rounded_rectangle(
        (width * 0.12, height * 0.38, width * 0.88, height * 0.72), radius=60, fill=WHITE,
        outline=TEAL_DARK, width=8,
    )  # fmt: skip
    for index in range(4):
        left = width * (0.18 + index * 0.12)
        draw.rectangle((left, height * 0.43, left + width * 0.09, height * 0.52), fill=TEAL)
    for x in (0.28, 0.72):
        draw.ellipse(
            (width * x - 70, height * 0.66, width * x + 70, height * 0.8), fill=(40, 40, 40)
        )
    hx, hy, size = width * 0.72, height * 0.5, width * 0.05
    draw.ellipse((hx - size * 2, hy - size, hx, hy + size), fill=(200, 40, 70))
    draw.ellipse((hx - size * 0.2, hy - size, hx + size * 1.8, hy + size), fill=(200, 40, 70))
    draw.polygon([(hx - size * 1.95, hy + 8), (hx + size * 1.75, hy + 8), (hx, hy + size * 2.2)],
                 fill=(200, 40, 70))  # fmt: skip
    return image


# The campaigns ---------------------------------------------------------------------------------

PINK = (196, 40, 110)


def campaigns(cal):
    tabac = cal.month_start(11)
    october = cal.month_start(10)
    bus_week = cal.weekday("TU", weeks=22)
    return [
        {
            "slug": "mois-sans-tabac",
            "title": f"Mois sans tabac {tabac.year}",
            "national": "mois-sans-tabac",
            "start": tabac,
            "end": tabac.replace(day=30),
            "summary": (
                "En novembre, on arrête de fumer ensemble : trente jours sans tabac multiplient "
                "par cinq les chances d'arrêter pour de bon. Stands, consultations et webinaires "
                "sur tout le territoire."
            ),
            "themes": ["addictions"],
            "publics": ["adultes", "16-25-ans"],
            "structures": ["csapa-morvan", "centre-hospitalier-val-yonne"],
            "colour": TEAL,
            "draw": broken_cigarette,
            "alt": "Une cigarette brisée en deux sous un soleil levant.",
            "texts": [
                (
                    "Publication pour les réseaux sociaux",
                    "🚭 En novembre, c'est #MoisSansTabac ! Trente jours sans fumer, c'est cinq "
                    "fois plus de chances d'arrêter définitivement. Stands d'information, "
                    "consultations gratuites et webinaires près de chez vous : tout le programme "
                    "sur le site du contrat local de santé.",
                ),
                (
                    "Article pour un bulletin municipal",
                    "Mois sans tabac : la commune se mobilise\n\nDu 1er au 30 novembre, les "
                    "professionnels de santé du Pays des Quatre Rivières accompagnent les "
                    "fumeurs qui veulent arrêter : consultations de tabacologie sans rendez-vous "
                    "au centre hospitalier, substituts nicotiniques remboursés sur prescription, "
                    "soirées d'échanges. Renseignements auprès de votre médecin ou du CSAPA.",
                ),
            ],
        },
        {
            "slug": "octobre-rose",
            "title": f"Octobre rose {october.year}",
            "national": "octobre-rose",
            "start": october,
            "end": october.replace(day=31),
            "summary": (
                "Un mois pour parler du dépistage du cancer du sein : entre 50 et 74 ans, une "
                "mammographie tous les deux ans, prise en charge à 100 %. Marches, "
                "permanences et séances d'information."
            ),
            "themes": ["depistage", "activite-physique"],
            "publics": ["femmes", "tout-public"],
            "structures": ["centre-hospitalier-loire-acolin", "assurance-maladie-decize"],
            "colour": PINK,
            "draw": lambda: ribbon(PINK, (252, 232, 240)),
            "alt": "Un ruban rose noué sur un fond rose pâle.",
            "texts": [
                (
                    "Publication pour les réseaux sociaux",
                    "🎀 #OctobreRose : entre 50 et 74 ans, le dépistage du cancer du sein, c'est "
                    "tous les deux ans, sans avance de frais. Marches roses, permanences et "
                    "séances d'information ce mois-ci sur le territoire !",
                ),
                (
                    "Message pour un écran d'accueil",
                    "Octobre rose : parlez du dépistage avec votre médecin ou votre sage-femme. "
                    "Mammographie prise en charge à 100 % de 50 à 74 ans.",
                ),
            ],
        },
        {
            "slug": "bus-du-coeur-des-femmes",
            "title": "Le Bus du cœur des femmes",
            "national": "bus-du-coeur-des-femmes",
            "start": cal.days(-20),
            "end": bus_week + datetime.timedelta(days=10),
            "summary": (
                "Le Bus du cœur des femmes sillonne le territoire : bilan cardio-vasculaire et "
                "gynécologique gratuit, en une demi-journée, pour les femmes éloignées du soin."
            ),
            "themes": ["depistage"],
            "publics": ["femmes"],
            "structures": [
                "centre-hospitalier-val-yonne",
                "ccas-clamecy",
                "cpts-haut-morvan",
                "centre-sante-haut-morvan",
            ],
            "colour": (170, 30, 60),
            "draw": heart_bus,
            "alt": "Un bus blanc marqué d'un cœur rouge sur une route de campagne.",
            "texts": [
                (
                    "Publication pour les réseaux sociaux",
                    "❤️ Le Bus du cœur des femmes fait étape près de chez vous ! Bilan "
                    "cardio-vasculaire et gynécologique complet et gratuit en une demi-journée. "
                    "Inscription conseillée : 01 99 00 12 45.",
                ),
                (
                    "Courriel aux partenaires",
                    "Bonjour,\n\nLe Bus du cœur des femmes passe sur le territoire dans les "
                    "prochaines semaines. Merci de relayer les dates auprès des femmes que vous "
                    "accompagnez, en particulier celles qui n'ont pas de médecin traitant. "
                    "Affiches et visuels sont dans le kit de la page de la campagne.\n\n"
                    "La coordination du contrat local de santé",
                ),
            ],
        },
    ]


def load(demo):
    index = demo.page(
        demo.home,
        CampaignIndexPage,
        "campagnes",
        title="Campagnes",
        show_in_menus=True,
        seo_title="Campagnes de prévention du Pays des Quatre Rivières",
        search_description=(
            "Les campagnes de prévention du territoire, leurs événements et leurs kits de "
            "communication."
        ),
        intro=INDEX_INTRO,
    )
    existing = set(index.get_children().values_list("slug", flat=True))
    cal = DemoCalendar(_today())
    wanted = [data for data in campaigns(cal) if data["slug"] not in existing]
    if not wanted:
        return
    collection = campaign_collection()
    taxonomy = Taxonomy()
    structures = {page.slug: page for page in StructurePage.objects.live()}
    nationals = {campaign.slug: campaign for campaign in NationalCampaign.objects.all()}
    for data in wanted:
        demo.page(
            index,
            CampaignPage,
            data["slug"],
            **campaign_fields(demo, data, collection, taxonomy, structures, nationals),
        )


def _today():
    from django.utils import timezone

    return timezone.localdate()


def campaign_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION).first()
    return existing or root.add_child(name=COLLECTION)


def in_collection(demo, collection, make):
    """Media made by `make()`; put in the campaigns' collection if made now."""
    before = len(demo.created)
    item = make()
    if len(demo.created) > before and item.collection_id != collection.pk:
        item.collection = collection
        item.save(update_fields=["collection"])
    return item


def campaign_fields(demo, data, collection, taxonomy, structures, nationals):
    name = data["title"]
    stem = data["slug"]
    visual = in_collection(
        demo, collection, lambda: demo.image(f"{name} : visuel", data["draw"], f"{stem}.png")
    )
    poster = in_collection(
        demo,
        collection,
        lambda: demo.document(
            f"{name} : affiche",
            lambda: pdf_document(
                name,
                [
                    (14, "B", data["summary"]),
                    (12, "", f"Toutes les dates près de chez vous : {CONTACT}"),
                ],
                data["colour"],
            ),
            f"{stem}-affiche.pdf",
        ),
    )
    poster_text = in_collection(
        demo,
        collection,
        lambda: demo.document(
            f"{name} : affiche, version accessible",
            lambda: odt_document(
                name,
                [
                    data["summary"],
                    "## Où se renseigner",
                    f"Coordination du contrat local de santé : {CONTACT}.",
                ],
            ),
            f"{stem}-affiche-accessible.odt",
        ),
    )
    flyer = in_collection(
        demo,
        collection,
        lambda: demo.document(
            f"{name} : flyer",
            lambda: pdf_document(
                name,
                [(12, "", data["summary"]), (11, "I", data["texts"][0][1])],
                data["colour"],
                page_format=(148, 210),  # A5, in millimetres
            ),
            f"{stem}-flyer.pdf",
        ),
    )
    press = in_collection(
        demo,
        collection,
        lambda: demo.document(
            f"{name} : communiqué de presse",
            lambda: odt_document(
                f"Communiqué : {name}",
                [data["summary"], "## Contact presse", CONTACT],
            ),
            f"{stem}-communique.odt",
        ),
    )
    items = [
        KitItem(
            kind=KitItemKind.DOCUMENT,
            title="Affiche A4",
            description="À imprimer en couleur pour une salle d'attente, un hall, une vitrine.",
            document=poster,
            accessible_document=poster_text,
            usage_note=USAGE,
        ),
        KitItem(
            kind=KitItemKind.DOCUMENT,
            title="Flyer A5",
            description="À déposer à l'accueil ou à glisser dans un courrier.",
            document=flyer,
            usage_note=USAGE,
        ),
        KitItem(
            kind=KitItemKind.DOCUMENT,
            title="Communiqué de presse",
            description="Pour la presse locale et les bulletins des communes (modifiable).",
            document=press,
            usage_note="Libre de reprise, en citant la coordination du contrat local de santé.",
        ),
        KitItem(
            kind=KitItemKind.IMAGE,
            title="Visuel de la campagne",
            description="Pour les réseaux sociaux, un site ou un écran d'accueil.",
            image=visual,
            image_alt=data["alt"],
            usage_note=USAGE,
        ),
        *[
            KitItem(kind=KitItemKind.TEXT, title=title, text=text, usage_note=USAGE)
            for title, text in data["texts"]
        ],
    ]
    return {
        "title": name,
        "national_campaign": nationals.get(data["national"]) if data["national"] else None,
        "start_date": data["start"],
        "end_date": data["end"],
        "summary": data["summary"],
        "hero_image": visual,
        "hero_image_alt": data["alt"],
        "themes": taxonomy.pick(taxonomy.themes, data["themes"]),
        "publics": taxonomy.pick(taxonomy.publics, data["publics"]),
        "structures": [structures[slug] for slug in data["structures"] if slug in structures],
        "contact_email": CONTACT,
        "kit_items": items,
    }
