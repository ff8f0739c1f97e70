"""Demo of the partners' wall: the page /reseau/ and fifteen cards of every type.

Cards come from the demo accounts (partenaire1, partenaire2, coordination, communication):
most are published, a few wait for the coordination, one was refused (with its note) and one has
expired. One carries an image drawn with Pillow, another a PDF written with fpdf2: nothing
copyrighted. A card is found again by its author and title, so a second run creates nothing.
"""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from fpdf import FPDF
from PIL import Image, ImageDraw

from home.demo.leaflet import LATIN1_SPELLING
from home.models import Theme
from partners.members import structure_of
from partners.models import WallCard, WallCardKind, WallCardStatus, WallPage

PUBLISHED, PENDING, REJECTED = (
    WallCardStatus.PUBLISHED,
    WallCardStatus.PENDING,
    WallCardStatus.REJECTED,
)

CHARTER = (
    "<p>Le mur est réservé aux partenaires du contrat local de santé, à la coordination et aux "
    "chargés de communication. Publiez-y ce qui peut servir aux autres : vos actualités, vos "
    "offres (places libres, interventions, prêts de matériel), vos besoins, les appels à "
    "projets et les événements que vous organisez, des ressources.</p>"
    "<ul><li>Pas de données personnelles sur les personnes accompagnées.</li>"
    "<li>Pas de publicité commerciale.</li>"
    "<li>La coordination relit les cartes et peut en refuser, avec une explication.</li></ul>"
)

# (username, kind, title, text, themes, status, days since posted, days left, extra)
CARDS = [
    (
        "partenaire1",
        WallCardKind.OFFER,
        "Places libres aux ateliers équilibre",
        "Il reste huit places au cycle d'ateliers équilibre des seniors qui commence le mois "
        "prochain à Clamecy.\n\nOrientez-nous les personnes de plus de 60 ans qui ont chuté "
        "ou craignent de tomber : inscription au CCAS.",
        ["vieillissement", "activite-physique"],
        PUBLISHED,
        2,
        40,
        {"image": True},
    ),
    (
        "partenaire1",
        WallCardKind.NEED,
        "Cherche interprète en langue des signes",
        "Pour notre permanence d'accès aux droits, nous cherchons une structure ou un "
        "professionnel qui pourrait intervenir ponctuellement en LSF. Qui a une piste ?",
        ["acces-aux-droits"],
        PUBLISHED,
        5,
        30,
        {},
    ),
    (
        "partenaire1",
        WallCardKind.RESOURCE,
        "Guide des aides au maintien à domicile",
        "Notre guide mis à jour : aides financières, services d'aide à domicile, portage de "
        "repas, téléassistance, avec les contacts du territoire. À imprimer et à distribuer.",
        ["vieillissement", "aidants"],
        PUBLISHED,
        8,
        120,
        {"pdf": True},
    ),
    (
        "partenaire1",
        WallCardKind.EVENT,
        "Café des aidants : prochaine rencontre",
        "Un temps d'échange entre aidants, animé par une psychologue, le troisième jeudi du "
        "mois de 14 h à 16 h au CCAS. Entrée libre, sans inscription.",
        ["aidants", "sante-mentale"],
        PENDING,
        1,
        50,
        {},
    ),
    (
        "partenaire1",
        WallCardKind.OFFER,
        "Prêt d'une salle pour vos réunions",
        "Le CCAS prête sa salle de réunion (20 places) aux partenaires du contrat, en semaine. "
        "Réservation par courriel, au moins une semaine à l'avance.",
        [],
        REJECTED,
        6,
        60,
        {
            "note": "Merci de préciser l'adresse de la salle et le contact pour réserver, puis "
            "proposez de nouveau la carte."
        },
    ),
    (
        "partenaire2",
        WallCardKind.NEWS,
        "La CPTS accueille deux nouveaux médecins",
        "Deux médecins généralistes rejoignent la maison de santé de Château-Chinon : ils "
        "acceptent de nouveaux patients sans médecin traitant, en priorité les personnes "
        "atteintes de maladies chroniques.",
        ["acces-aux-droits"],
        PUBLISHED,
        3,
        45,
        {},
    ),
    (
        "partenaire2",
        WallCardKind.CALL,
        "Appel à projets « Prévention en milieu rural » relayé",
        "La CPTS peut porter des projets communs avec les associations du territoire pour "
        "l'appel à projets de prévention en milieu rural. Écrivez-nous avant la fin du mois "
        "si vous souhaitez vous associer.",
        ["depistage", "nutrition"],
        PUBLISHED,
        4,
        25,
        {"link": "https://www.ars.sante.fr/"},
    ),
    (
        "partenaire2",
        WallCardKind.EVENT,
        "Soirée d'information sur le dépistage du cancer colorectal",
        "Une soirée ouverte aux professionnels de santé et aux élus, avec le centre régional "
        "de coordination des dépistages : nouveaux kits, comment en parler aux patients.",
        ["depistage"],
        PUBLISHED,
        10,
        20,
        {},
    ),
    (
        "partenaire2",
        WallCardKind.NEED,
        "Recherche lieu pour une permanence mensuelle à Luzy",
        "Pour tenir une permanence de sage-femme une fois par mois à Luzy, nous cherchons une "
        "salle avec un point d'eau, accessible en fauteuil roulant.",
        ["vie-affective-et-sexuelle", "parentalite"],
        PENDING,
        0,
        60,
        {},
    ),
    (
        "partenaire2",
        WallCardKind.NEWS,
        "Fermeture estivale du secrétariat de la CPTS",
        "Le secrétariat de la CPTS était fermé pendant trois semaines cet été. Les demandes "
        "urgentes passaient par la maison de santé.",
        [],
        PUBLISHED,
        90,
        -10,
        {},
    ),
    (
        "coordination",
        WallCardKind.NEWS,
        "Comité de pilotage du contrat local de santé",
        "Le prochain comité de pilotage fera le bilan de la première année du contrat. Les "
        "partenaires qui portent une fiche action y sont invités : l'ordre du jour suit.",
        [],
        PUBLISHED,
        1,
        30,
        {},
    ),
    (
        "coordination",
        WallCardKind.RESOURCE,
        "Modèle de fiche de liaison entre structures",
        "Une fiche de liaison commune pour orienter une personne d'une structure à l'autre, "
        "avec son accord : à adapter et à utiliser librement.",
        ["acces-aux-droits"],
        PUBLISHED,
        12,
        200,
        {},
    ),
    (
        "coordination",
        WallCardKind.CALL,
        "Fonds de prévention : dépôt des dossiers",
        "Le fonds de prévention du contrat finance de petites actions locales (jusqu'à 3 000 "
        "euros). Dossier simplifié, réponse en un mois.",
        ["nutrition", "activite-physique", "sante-mentale"],
        PUBLISHED,
        6,
        35,
        {},
    ),
    (
        "communication",
        WallCardKind.RESOURCE,
        "Visuels de la campagne Mois sans tabac",
        "Les affiches et visuels pour les réseaux sociaux sont dans le kit de la campagne, sur "
        "le site. Relayez-les à partir du 1er novembre.",
        ["addictions"],
        PUBLISHED,
        7,
        60,
        {},
    ),
    (
        "communication",
        WallCardKind.EVENT,
        "Octobre rose : la marche solidaire",
        "La marche solidaire d'Octobre rose partira de la place de la mairie : venez avec vos "
        "équipes, des flyers seront disponibles sur place.",
        ["depistage"],
        PENDING,
        0,
        30,
        {},
    ),
]


def load(demo):
    wall = demo.page(
        demo.home,
        WallPage,
        "reseau",
        title="Réseau des partenaires",
        show_in_menus=False,
        intro=(
            "L'espace des partenaires du contrat local de santé : partagez vos actualités, vos "
            "offres et vos besoins, repérez les appels à projets, demandez un relais à la "
            "coordination."
        ),
        charter=CHARTER,
    )
    load_cards(demo)
    return wall


def load_cards(demo):
    users = get_user_model().objects.in_bulk(
        list({card[0] for card in CARDS}), field_name="username"
    )
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    existing = set(WallCard.objects.values_list("author__username", "title"))
    now = timezone.now()
    today = timezone.localdate()
    structures = {}
    for username, kind, title, text, slugs, status, posted, left, extra in CARDS:
        user = users.get(username)
        if user is None or (username, title) in existing:
            continue
        if username not in structures:
            structures[username] = structure_of(user)
        posted_at = now - datetime.timedelta(days=posted, hours=len(title) % 7)
        card = WallCard(
            kind=kind,
            title=title,
            text="".join(f"<p>{paragraph}</p>" for paragraph in text.split("\n\n")),
            link=extra.get("link", ""),
            expires_on=today + datetime.timedelta(days=left),
            author=user,
            structure=structures[username],
            status=status,
            moderation_note=extra.get("note", ""),
            published_at=posted_at if status == PUBLISHED else None,
            moderated_at=posted_at if status != PENDING else None,
        )
        if extra.get("image"):
            card.image.save("ateliers-equilibre.png", ContentFile(poster_png()), save=False)
            card.image_alt = "Affiche : ateliers équilibre, huit places libres"
        if extra.get("pdf"):
            card.attachment.save(
                "guide-maintien-a-domicile.pdf", ContentFile(guide_pdf()), save=False
            )
        card.save()
        card.themes.set([themes[slug] for slug in slugs if slug in themes])
        # auto_now_add: the posting date is set afterwards, as if posted days ago.
        WallCard.objects.filter(pk=card.pk).update(created_at=posted_at)
        demo.note("carte du mur", title)


def poster_png():
    """A simple poster drawn by the code: teal background, a few white bars."""
    image = Image.new("RGB", (800, 450), (0, 97, 107))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 760, 410), outline=(255, 255, 255), width=6)
    for row, width in enumerate((560, 440, 300)):
        top = 110 + row * 90
        draw.rounded_rectangle((80, top, 80 + width, top + 48), radius=12, fill=(255, 255, 255))
    draw.ellipse((600, 250, 720, 370), fill=(242, 181, 68))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def guide_pdf():
    pdf = FPDF()
    pdf.set_title("Guide des aides au maintien à domicile".translate(LATIN1_SPELLING))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.multi_cell(0, 10, "Guide des aides au maintien à domicile".translate(LATIN1_SPELLING))
    pdf.set_font("helvetica", "", 11)
    for line in (
        "Aides financières : APA, aides des caisses de retraite, crédit d'impôt.",
        "Services : aide à domicile, portage de repas, téléassistance.",
        "Contacts : CCAS de Clamecy, point d'information seniors.",
        "Document de démonstration, sans valeur réelle.",
    ):
        pdf.ln(4)
        pdf.multi_cell(0, 7, line.translate(LATIN1_SPELLING))
    return bytes(pdf.output())
