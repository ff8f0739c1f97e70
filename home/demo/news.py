"""The demo's news and calls for projects: "Actualités" and "Appels à projets" with their pages.

Dates are counted from the day the demo is first loaded, so the open call always closes in the
coming weeks and the news are recent. Like the rest of the demo, pages are found again by slug
and never rewritten: a second load creates nothing.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from fpdf import FPDF

from home.models import (
    CallForProjectsIndexPage,
    CallForProjectsPage,
    NewsIndexPage,
    NewsPage,
    Public,
    Theme,
)

from . import images
from .images import TEAL_DARK
from .leaflet import _paragraph, _text
from .territory import TERRITORY_NAME

OPEN_CALL_SLUG = "bien-vieillir-a-domicile-2027"


def paragraph(html):
    return {"type": "paragraph", "value": html}


def page_link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def specifications(title, sections):
    """A short "cahier des charges" as a PDF: a title, then (heading, text) sections."""

    def write():
        pdf = FPDF(format="A4")
        pdf.set_title(_text(title))
        pdf.set_lang("fr")
        pdf.set_margins(20, 20, 20)
        pdf.add_page()
        _paragraph(pdf, title, size=16, style="B", colour=TEAL_DARK, line_height=8)
        for heading, text in sections:
            pdf.ln(4)
            _paragraph(pdf, heading, size=12, style="B", colour=TEAL_DARK)
            _paragraph(pdf, text)
        return bytes(pdf.output())

    return write


def load(demo):
    today = timezone.localdate()

    def days(count):
        return today + datetime.timedelta(days=count)

    themes = {theme.slug: theme for theme in Theme.objects.all()}
    publics = {public.slug: public for public in Public.objects.all()}

    def some(terms, *slugs):
        return [terms[slug] for slug in slugs if slug in terms]

    calls = demo.page(
        demo.home,
        CallForProjectsIndexPage,
        "appels-a-projets",
        title="Appels à projets",
        show_in_menus=True,
        intro=(
            "Les appels à projets que la coordination relaie aux structures du territoire : "
            "qui finance, combien, pour qui et avant quand déposer."
        ),
    )
    open_call = load_open_call(demo, calls, days, themes, publics, some)
    load_closed_call(demo, calls, days, themes, publics, some)

    news = demo.page(
        demo.home,
        NewsIndexPage,
        "actualites",
        title="Actualités",
        show_in_menus=True,
        intro=(
            f"Les nouvelles du contrat local de santé du {TERRITORY_NAME} : nouveaux "
            "partenaires, campagnes, bilans et appels à projets."
        ),
    )
    network = demo.image(
        "Schéma des partenaires du contrat", images.partners_network, "schema-partenaires.png"
    )
    items = [
        {
            "slug": "appel-a-projets-bien-vieillir",
            "title": "Appel à projets : bien vieillir à domicile",
            "date": days(-3),
            "summary": (
                "La conférence des financeurs soutient les actions collectives de prévention "
                "pour les plus de 60 ans vivant chez eux. Dépôt des dossiers dans quelques "
                "semaines : la coordination vous aide à monter le vôtre."
            ),
            "body": [
                paragraph(
                    "<p>Ateliers mémoire, équilibre, nutrition, lien social : les projets "
                    "menés au plus près des villages sont attendus. "
                    + (page_link(open_call, "Lire l'appel à projets") if open_call else "")
                    + ".</p>"
                )
            ],
            "themes": some(themes, "vieillissement", "aidants"),
        },
        {
            "slug": "trois-nouveaux-partenaires",
            "title": "Trois nouvelles structures rejoignent le réseau",
            "date": days(-9),
            "summary": (
                "Une maison sport-santé, une épicerie solidaire et un service d'aide à "
                "domicile présentent désormais leurs actions dans l'annuaire des acteurs."
            ),
            "body": [
                paragraph(
                    "<p>Le réseau du contrat compte de nouveaux membres. Chacun tient à jour "
                    "sa fiche, ses horaires et ses rendez-vous, relus par la coordination "
                    "avant publication.</p><p>Votre structure agit pour la santé des "
                    "habitants ? Demandez vos accès depuis l'annuaire.</p>"
                )
            ],
            "themes": some(themes, "acces-aux-droits"),
            "image": network,
            "image_alt": (
                "Schéma : le contrat local de santé au centre, relié aux familles de "
                "partenaires qu'il réunit."
            ),
        },
        {
            "slug": "bilan-annuel-du-contrat",
            "title": "Le bilan annuel du contrat est en ligne",
            "date": days(-21),
            "summary": (
                "Actions menées, habitants rencontrés, partenaires mobilisés : le rapport "
                "annuel fait le point sur chacun des cinq axes du contrat."
            ),
            "body": [
                paragraph(
                    "<p>Présenté au comité de pilotage, le bilan annuel rassemble les "
                    "indicateurs de chaque fiche action et la parole des porteurs de projets. "
                    "Il est ouvert à tous, dans la rubrique consacrée à l'évaluation.</p>"
                )
            ],
            "themes": [],
        },
        {
            "slug": "lancement-mois-sans-tabac",
            "title": "Mois sans tabac : la campagne est lancée sur le territoire",
            "date": days(-34),
            "summary": (
                "Stands, consultations et ateliers : les partenaires se mobilisent tout le "
                "mois pour accompagner celles et ceux qui veulent arrêter de fumer."
            ),
            "body": [
                paragraph(
                    "<p>Les structures du territoire relaient le kit de la campagne et "
                    "proposent des rendez-vous dans les bourgs comme dans les villages. "
                    "Retrouvez-les dans l'agenda.</p>"
                )
            ],
            "themes": some(themes, "addictions"),
        },
        {
            "slug": "forum-sante-mentale",
            "title": "Retour sur le forum santé mentale",
            "date": days(-52),
            "summary": (
                "Quatre-vingts professionnels et habitants ont échangé sur le repérage de la "
                "souffrance psychique et les ressources du territoire."
            ),
            "body": [
                paragraph(
                    "<p>Tables rondes, témoignages et présentation des premiers secours en "
                    "santé mentale : les actes du forum seront bientôt disponibles.</p>"
                )
            ],
            "themes": some(themes, "sante-mentale"),
        },
    ]
    for item in items:
        slug = item.pop("slug")
        demo.page(news, NewsPage, slug, **item)


def load_open_call(demo, calls, days, themes, publics, some):
    if calls.get_children().filter(slug=OPEN_CALL_SLUG).exists():
        return calls.get_children().get(slug=OPEN_CALL_SLUG)
    title = "Bien vieillir à domicile : actions collectives de prévention"
    document = demo.document(
        "Cahier des charges – Bien vieillir à domicile",
        specifications(
            title,
            [
                (
                    "Objet",
                    "Soutenir des actions collectives de prévention de la perte d'autonomie "
                    "pour les personnes de 60 ans et plus vivant à domicile.",
                ),
                (
                    "Porteurs éligibles",
                    "Associations, CCAS, centres sociaux, services d'aide à domicile et "
                    "collectivités du territoire.",
                ),
                (
                    "Financement",
                    "Jusqu'à 15 000 euros par projet, dans la limite de 80 % de son budget.",
                ),
            ],
        ),
        "cahier-des-charges-bien-vieillir.pdf",
    )
    return demo.page(
        calls,
        CallForProjectsPage,
        OPEN_CALL_SLUG,
        title=title,
        funder="Conférence des financeurs de la prévention de la perte d'autonomie (Nièvre)",
        summary=(
            "Ateliers mémoire, équilibre, nutrition, activité physique ou lien social : des "
            "actions collectives pour les aînés qui vivent chez eux, au plus près des villages."
        ),
        amount=Decimal("15000"),
        amount_note="dans la limite de 80 % du budget du projet",
        opens_on=days(-21),
        deadline=days(24),
        eligibility=(
            "<p>Les <b>associations</b>, <b>CCAS</b>, centres sociaux, services d'aide à "
            "domicile et collectivités du territoire.</p><ul><li>actions gratuites pour les "
            "participants ;</li><li>au moins six séances par cycle ;</li><li>un partenaire "
            "local pour mobiliser les habitants.</li></ul>"
        ),
        body=(
            "<h3>Ce qui est attendu</h3><p>Des cycles d'ateliers collectifs, animés par des "
            "professionnels formés, dans des communes peu pourvues. Les projets menés avec les "
            "habitants et les aidants seront privilégiés.</p><h3>Accompagnement</h3><p>La "
            "coordination du contrat relit les dossiers avant dépôt : prenez contact au moins "
            "deux semaines avant la date limite.</p>"
        ),
        link="https://financeurs.example/appels/bien-vieillir-a-domicile",
        document=document,
        themes=some(themes, "vieillissement", "activite-physique"),
        publics=some(publics, "personnes-agees", "aidants"),
    )


def load_closed_call(demo, calls, days, themes, publics, some):
    demo.page(
        calls,
        CallForProjectsPage,
        "sante-mentale-des-jeunes-2026",
        title="Santé mentale des jeunes : projets territoriaux",
        funder="ARS Bourgogne-Franche-Comté",
        summary=(
            "Repérer tôt la souffrance psychique des 12-25 ans et les orienter : des projets "
            "portés à plusieurs, entre établissements scolaires, missions locales et soins."
        ),
        amount=Decimal("30000"),
        amount_note="enveloppe régionale de 400 000 €",
        opens_on=days(-130),
        deadline=days(-45),
        eligibility=(
            "<p>Associations, établissements de santé et médico-sociaux, collectivités, "
            "portant un projet à plusieurs partenaires du territoire.</p>"
        ),
        body=(
            "<p>Formations aux premiers secours en santé mentale, groupes de parole, "
            "permanences d'écoute dans les lieux fréquentés par les jeunes.</p>"
        ),
        link="https://ars.example/appels-a-projets/sante-mentale-jeunes",
        themes=some(themes, "sante-mentale"),
        publics=some(publics, "12-15-ans", "16-25-ans"),
    )
