"""Demo relay requests: one in each state, from partenaire1 and partenaire2, and a proposal for a
demo campaign's kit with a PDF drawn by the code.

Run from partners.demo.load_links, once every app has loaded (the campaigns exist by then). A
request is found again by its requester and subject, so a second run creates nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from fpdf import FPDF

from home.demo.leaflet import LATIN1_SPELLING
from partners.members import structure_of
from partners.models import RelayAudience, RelayRequest, RelayStatus

# The demo campaign a partner proposes a poster for, by slug (the first one found).
CAMPAIGN_SLUGS = ["mois-sans-tabac", "octobre-rose", "bus-du-coeur-des-femmes"]

# (username, subject, details, audience, wanted in N days, sent N days ago, status, note, link)
REQUESTS = [
    (
        "partenaire1",
        "Permanence santé et accès aux droits au CCAS de Clamecy",
        "<p>Chaque premier mardi du mois, de 9 h à 12 h, une conseillère de l'Assurance maladie "
        "reçoit sans rendez-vous au CCAS : complémentaire santé solidaire, médecin traitant, "
        "dossier MDPH.</p><p>Merci de la relayer aux habitants et aux professionnels qui "
        "accompagnent des personnes sans couverture complète.</p>",
        RelayAudience.BOTH,
        21,
        2,
        RelayStatus.NEW,
        "",
        "",
    ),
    (
        "partenaire1",
        "Ateliers équilibre et prévention des chutes (seniors)",
        "<p>Un cycle de dix ateliers gratuits pour les plus de 60 ans, avec un éducateur en "
        "activité physique adaptée, à la salle des fêtes de Clamecy. Inscription auprès du "
        "CCAS.</p>",
        RelayAudience.HABITANTS,
        30,
        20,
        RelayStatus.RELAYED,
        "Relayé dans la lettre d'information du contrat local de santé et sur la page "
        "« Agenda » du site ; l'affiche a été transmise aux mairies de la communauté de "
        "communes.",
        "https://ccas-clamecy.example/ateliers-equilibre",
    ),
    (
        "partenaire2",
        "Soirée interne de la CPTS sur les soins non programmés",
        "<p>Réunion de travail des membres de la CPTS sur l'organisation des soins non "
        "programmés l'été.</p>",
        RelayAudience.PROFESSIONALS,
        14,
        9,
        RelayStatus.DECLINED,
        "Cette soirée est réservée aux membres de la CPTS : elle ne relève pas d'une diffusion "
        "par le contrat local de santé. Votre liste de diffusion interne est le bon canal ; "
        "nous relaierons volontiers la restitution ouverte à tous prévue à l'automne.",
        "",
    ),
    (
        "partenaire2",
        "Appel à professionnels : journée de vaccination itinérante",
        "<p>La CPTS cherche des infirmiers et des pharmaciens volontaires pour une journée de "
        "vaccination itinérante dans les communes du Haut-Morvan.</p>",
        RelayAudience.PROFESSIONALS,
        45,
        5,
        RelayStatus.RELAYED,
        "Relayé aux professionnels de santé du territoire par la lettre du réseau.",
        "",
    ),
]

PROPOSAL = {
    "username": "partenaire1",
    "subject": "Affiche : stand « {campaign} » au marché de Clamecy",
    "message": "<p>Nous tiendrons un stand d'information au marché. Voici l'affiche que nous "
    "avons préparée : elle peut servir à d'autres partenaires, si vous souhaitez l'ajouter "
    "au kit de la campagne.</p>",
    "filename": "affiche-stand-marche-clamecy.pdf",
}


def load(demo):
    from events.models import CampaignPage

    users = get_user_model().objects.in_bulk(
        ["partenaire1", "partenaire2", "coordination"], field_name="username"
    )
    coordination = users.get("coordination")
    today = timezone.localdate()
    for username, subject, message, audience, wanted_in, sent_ago, status, note, link in REQUESTS:
        user = users.get(username)
        if user is None or RelayRequest.objects.filter(requested_by=user, subject=subject).exists():
            continue
        relay = RelayRequest(
            subject=subject,
            message=message,
            audience=audience,
            wanted_by=today + datetime.timedelta(days=wanted_in),
            link=link,
            requested_by=user,
            structure=structure_of(user),
            status=status,
            note=note,
        )
        if status != RelayStatus.NEW:
            relay.handled_by = coordination
            relay.handled_at = timezone.now() - datetime.timedelta(days=max(sent_ago - 2, 0))
        relay.save()
        sent_on(relay, sent_ago)
        demo.note("demande de relais", subject)

    campaign = next(
        (
            page
            for slug in CAMPAIGN_SLUGS
            if (page := CampaignPage.objects.live().filter(slug=slug).first()) is not None
        ),
        None,
    )
    user = users.get(PROPOSAL["username"])
    if campaign is None or user is None:
        return
    subject = PROPOSAL["subject"].format(campaign=campaign.title)[:160]
    if RelayRequest.objects.filter(requested_by=user, campaign=campaign).exists():
        return
    relay = RelayRequest(
        subject=subject,
        message=PROPOSAL["message"],
        audience=RelayAudience.HABITANTS,
        wanted_by=min(max(campaign.start_date, today), today + datetime.timedelta(days=300)),
        requested_by=user,
        structure=structure_of(user),
        campaign=campaign,
    )
    relay.attachment.save(
        PROPOSAL["filename"], ContentFile(poster(campaign.title, relay.structure)), save=False
    )
    relay.save()
    sent_on(relay, 1)
    demo.note("demande de relais", subject)


def sent_on(relay, days_ago):
    RelayRequest.objects.filter(pk=relay.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def poster(campaign_title, structure):
    """An A4 poster for the campaign's stand, as a PDF made with fpdf2's core fonts."""

    def text(value):
        return value.translate(LATIN1_SPELLING)

    pdf = FPDF(format="A4")
    pdf.set_title(text(f"{campaign_title} : stand au marché"))
    pdf.set_lang("fr")
    pdf.set_margins(25, 30, 25)
    pdf.add_page()
    pdf.set_fill_color(0, 97, 107)
    pdf.rect(0, 0, 210, 60, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("helvetica", "B", 30)
    pdf.multi_cell(0, 14, text(campaign_title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(30)
    pdf.set_text_color(29, 36, 48)
    pdf.set_font("helvetica", "B", 20)
    pdf.multi_cell(0, 10, text("Venez nous rencontrer au marché !"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("helvetica", "", 14)
    who = structure.title if structure is not None else "Les partenaires du réseau"
    pdf.multi_cell(
        0,
        8,
        text(
            f"{who} tient un stand d'information : conseils, documentation, orientation vers "
            "les professionnels du territoire. Gratuit et sans rendez-vous."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(10)
    pdf.set_font("helvetica", "I", 10)
    pdf.multi_cell(
        0,
        6,
        text("Document de démonstration : la structure et l'événement sont fictifs."),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
