"""The home app's share of the demo: territory taxonomy, settings, editorial pages, accounts."""

from django.utils.text import slugify

from home.models import Commune, Community, SiteSettings, StandardPage

from . import images, leaflet
from .territory import (
    AXES,
    COMMUNITIES,
    CONTRACT_NAME,
    CONTRACT_PERIOD,
    TERRITORY_NAME,
    commune_count,
)

CONTACT_EMAIL = "coordination-cls@quatre-rivieres.example"
# A number from the range ARCEP reserves for fiction: it reaches nobody.
CONTACT_PHONE = "01 99 00 12 40"
CONTACT_ADDRESS = "Maison du Pays\n1 place des Quatre-Rivières\n58500 Clamecy"


def block(block_type, value):
    return {"type": block_type, "value": value}


def heading(text, level="h2"):
    return block("heading", {"text": text, "level": level})


def paragraph(html):
    return block("paragraph", html)


def page_link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def load_territory(demo):
    """The four communautés and their twenty communes, found again by slug and INSEE code."""
    communities = {}
    for community in COMMUNITIES:
        instance, created = Community.objects.get_or_create(
            slug=slugify(community.short_name),
            defaults={"name": community.name, "short_name": community.short_name},
        )
        communities[community.name] = instance
        if created:
            demo.note("communauté de communes", community.name)
    existing = set(Commune.objects.values_list("insee_code", flat=True))
    missing = [
        Commune(
            name=commune.name,
            slug=slugify(commune.name),
            insee_code=commune.insee_code,
            postal_code=commune.postal_code,
            community=communities[community.name],
        )
        for community in COMMUNITIES
        for commune in community.communes
        if commune.insee_code not in existing
    ]
    Commune.objects.bulk_create(missing)
    for commune in missing:
        demo.note("commune", commune.name)


def load(demo):
    load_territory(demo)
    home = demo.home
    logo = demo.image("Logo du Pays des Quatre Rivières", images.logo, "logo-quatre-rivieres.png")
    landscape = demo.image(
        "Paysage de collines et de rivière", images.landscape, "paysage-quatre-rivieres.png"
    )
    network = demo.image(
        "Schéma des partenaires du contrat", images.partners_network, "schema-partenaires.png"
    )
    summary = demo.document(
        "Synthèse du contrat local de santé 2025-2029",
        leaflet.contract_summary,
        "synthese-contrat-local-de-sante.pdf",
    )

    contact = demo.page(
        home,
        StandardPage,
        "contact",
        title="Contact",
        intro=(
            "La coordination du contrat local de santé répond aux habitants, aux élus et aux "
            "professionnels du territoire."
        ),
        body=[
            heading("Écrire ou téléphoner"),
            paragraph(
                f"<p>Courriel : {CONTACT_EMAIL}<br/>Téléphone : {CONTACT_PHONE}, du lundi au "
                "vendredi de 9 h à 12 h.</p><p>Adresse postale : Maison du Pays, 1 place des "
                "Quatre-Rivières, 58500 Clamecy.</p>"
            ),
            heading("Vous êtes une structure du territoire ?"),
            paragraph(
                "<p>Associations, services des communes, professionnels de santé, établissements : "
                "la coordination vous ouvre un accès pour présenter votre structure, vos actions "
                "et vos journées santé. Chaque modification est relue avant d'être publiée.</p>"
            ),
        ],
    )
    contract = demo.page(
        home,
        StandardPage,
        "contrat-local-de-sante",
        title="Qu'est-ce qu'un contrat local de santé ?",
        show_in_menus=True,
        intro=(
            "Un contrat local de santé engage les élus, l'État et les acteurs d'un territoire "
            "autour d'un même but : réduire les inégalités de santé en agissant au plus près "
            "des habitants."
        ),
        body=[
            heading("Un outil pour agir au plus près des habitants"),
            paragraph(
                "<p>Prévu par le code de la santé publique, le contrat local de santé (CLS) est "
                "signé entre l'Agence régionale de santé et une collectivité : ici le PETR du "
                f"{TERRITORY_NAME}, qui regroupe quatre communautés de communes. D'autres "
                "partenaires s'y associent : la préfecture, l'Assurance maladie, la Mutualité "
                "sociale agricole, la caisse d'allocations familiales, le centre hospitalier, "
                "la communauté professionnelle territoriale de santé et de nombreuses "
                "associations.</p><p>Il s'appuie sur un <b>diagnostic local de santé</b>, qui "
                "croise les données disponibles et la parole des habitants et des "
                "professionnels, pour fixer des priorités et un plan d'actions sur cinq ans.</p>"
            ),
            block(
                "image",
                {
                    "image": network.pk,
                    "alt_text": (
                        "Schéma : le contrat local de santé au centre, relié aux huit familles "
                        "de partenaires qu'il réunit, elles-mêmes reliées entre elles."
                    ),
                    "caption": "Le contrat relie celles et ceux qui agissent pour la santé.",
                    "credit": "Maillage",
                },
            ),
            heading("Ce que le contrat change pour vous"),
            paragraph(
                "<ul><li>des actions de prévention mieux réparties entre les bourgs et les "
                "communes rurales ;</li><li>une information claire sur qui fait quoi, pour qui "
                "et où ;</li><li>des professionnels qui se connaissent et orientent mieux les "
                "personnes ;</li><li>des projets construits avec les habitants, pas seulement "
                "pour eux.</li></ul>"
            ),
            block(
                "quote",
                {
                    "quote": (
                        "Avant, chacun organisait sa journée santé dans son coin. Aujourd'hui, "
                        "on prépare le calendrier ensemble et on se relaie pour aller vers les "
                        "villages."
                    ),
                    "attribution": "Une animatrice de prévention",
                    "role": "association de promotion de la santé du territoire",
                },
            ),
            heading("Comment il est suivi"),
            paragraph(
                "<p>Un comité de pilotage réunit les signataires au moins une fois par an. La "
                "coordination anime les groupes de travail, accompagne les porteurs d'actions "
                "et suit les indicateurs d'évaluation, publiés chaque année dans un rapport "
                "ouvert à tous.</p>"
            ),
            block(
                "documents",
                {"heading": "À télécharger", "documents": [{"document": summary.pk, "title": ""}]},
            ),
            block(
                "call_to_action",
                {
                    "title": "Une question sur le contrat ?",
                    "text": (
                        "La coordination vous répond et vous oriente vers le bon interlocuteur."
                    ),
                    "page": contact.pk,
                    "url": "",
                    "button_label": "Contacter la coordination",
                },
            ),
        ],
    )
    axes = demo.page(
        home,
        StandardPage,
        "axes-du-contrat",
        title="Les axes du contrat",
        # The menu leads to the plan itself (/evaluation/, evaluation/demo), which this page
        # introduces.
        show_in_menus=False,
        intro=(
            f"Cinq axes stratégiques, issus du diagnostic local de santé et de la concertation "
            f"avec les partenaires, organisent le plan d'actions {CONTRACT_PERIOD[0]}-"
            f"{CONTRACT_PERIOD[1]}."
        ),
        body=[
            *(
                item
                for number, (title, description) in enumerate(AXES, start=1)
                for item in (heading(f"Axe {number} : {title}"), paragraph(f"<p>{description}</p>"))
            ),
            heading("Des fiches actions pour passer aux actes"),
            paragraph(
                "<p>Chaque axe se décline en fiches actions qui précisent le porteur, les "
                "partenaires, les publics visés, le calendrier et les indicateurs "
                "d'évaluation. Retrouvez-les toutes, avec leur avancement et les rapports "
                'annuels, dans <a href="/evaluation/">le plan d\'actions du contrat</a>.</p>'
            ),
        ],
    )
    territory = demo.page(
        home,
        StandardPage,
        "territoire",
        title="Le territoire",
        show_in_menus=True,
        intro=(
            f"Le {TERRITORY_NAME} rassemble quatre communautés de communes et "
            f"{commune_count()} communes, entre Morvan, Bazois et val de Loire."
        ),
        body=[
            *(
                item
                for community in COMMUNITIES
                for item in (
                    heading(community.name),
                    paragraph(
                        "<ul>"
                        + "".join(
                            f"<li>{commune.name} ({commune.postal_code})</li>"
                            for commune in community.communes
                        )
                        + "</ul>"
                    ),
                )
            ),
            paragraph(
                "<p><i>Territoire de démonstration : le Pays des Quatre Rivières et ses "
                "communautés de communes sont fictifs ; les communes citées existent.</i></p>"
            ),
        ],
    )
    legal = demo.page(
        home,
        StandardPage,
        "mentions-legales",
        title="Mentions légales",
        body=[
            heading("Éditeur du site"),
            paragraph(
                f"<p>PETR du {TERRITORY_NAME}, Maison du Pays, 1 place des Quatre-Rivières, "
                "58500 Clamecy. Directeur ou directrice de la publication : la présidence du "
                "PETR.</p><p>Ce site de démonstration présente un territoire fictif.</p>"
            ),
            heading("Hébergement"),
            paragraph(
                "<p>À compléter par le territoire : nom, adresse et téléphone de l'hébergeur.</p>"
            ),
            heading("Réutilisation des contenus"),
            paragraph(
                "<p>Sauf mention contraire, les textes de ce site peuvent être réutilisés sous "
                "licence ouverte Etalab 2.0, en citant la source. Les illustrations ont été "
                "créées pour ce site.</p>"
            ),
            heading("Réalisation"),
            paragraph(
                "<p>Site réalisé avec Maillage, logiciel libre construit sur Wagtail et Django.</p>"
            ),
        ],
    )
    privacy = demo.page(
        home,
        StandardPage,
        "donnees-personnelles",
        title="Données personnelles",
        intro="Ce que ce site collecte, pourquoi, combien de temps, et comment exercer vos droits.",
        body=[
            heading("Aucun pistage"),
            paragraph(
                "<p>Ce site n'utilise ni cookie publicitaire, ni outil de mesure d'audience "
                "tiers, ni police de caractères ou service chargé depuis un autre site. La "
                "fréquentation est comptée de façon anonyme, sans cookie. Les vidéos hébergées "
                "ailleurs ne sont chargées que si vous le demandez.</p>"
            ),
            heading("Comptes des structures partenaires"),
            paragraph(
                "<p>Pour les personnes qui mettent à jour la fiche de leur structure, le site "
                "conserve le nom, l'adresse électronique et l'historique des modifications, "
                "le temps de leur participation au contrat. Un cookie de session, indispensable, "
                "est déposé lors de la connexion.</p>"
            ),
            heading("Vos droits"),
            paragraph(
                "<p>Vous pouvez accéder à vos données, les faire rectifier ou effacer en "
                f"écrivant à {CONTACT_EMAIL}. Si vous estimez que vos droits ne sont pas "
                "respectés, vous pouvez adresser une réclamation à la CNIL.</p>"
            ),
        ],
    )
    accessibility = demo.page(
        home,
        StandardPage,
        "accessibilite",
        title="Déclaration d'accessibilité",
        body=[
            paragraph(
                f"<p>Le PETR du {TERRITORY_NAME} s'engage à rendre son site accessible, "
                "conformément à l'article 47 de la loi du 11 février 2005.</p>"
            ),
            heading("État de conformité"),
            paragraph(
                "<p>Ce site n'a pas encore fait l'objet d'un audit : il est déclaré <b>non "
                "conforme</b> au référentiel général d'amélioration de l'accessibilité (RGAA) "
                "en attendant. Il a été conçu pour respecter ce référentiel : langue déclarée, "
                "lien d'évitement, navigation au clavier, contrastes suffisants, textes "
                "alternatifs, tableaux de données derrière chaque graphique.</p>"
            ),
            heading("Signaler un défaut"),
            paragraph(
                "<p>Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez à "
                f"{CONTACT_EMAIL} : nous vous transmettrons l'information sous une autre "
                "forme.</p>"
            ),
            heading("Voies de recours"),
            paragraph(
                "<p>Si vous n'obtenez pas de réponse satisfaisante, vous pouvez saisir le "
                "Défenseur des droits, par son formulaire en ligne ou par courrier gratuit : "
                "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</p>"
            ),
        ],
    )

    demo.fill_new_page(
        home,
        title="Accueil",
        seo_title=f"Santé et prévention dans le {TERRITORY_NAME}",
        search_description=(
            f"Le site du {CONTRACT_NAME.lower()} : structures, actions de prévention et "
            "rendez-vous santé près de chez vous."
        ),
        hero_title="Prendre soin de sa santé, près de chez soi",
        hero_intro=(
            "Le contrat local de santé réunit les communes, l'Agence régionale de santé et les "
            f"acteurs du {TERRITORY_NAME}. Retrouvez ici les structures qui vous "
            "accompagnent, les actions de prévention et les rendez-vous santé du territoire."
        ),
        hero_image=landscape,
        body=[
            block(
                "quick_links",
                {
                    "heading": "Comprendre le contrat",
                    "links": [
                        {
                            "page": contract.pk,
                            "title": "",
                            "text": "Son rôle, ses signataires, son suivi.",
                        },
                        {
                            "page": axes.pk,
                            "title": "",
                            "text": "Les cinq priorités de 2025 à 2029.",
                        },
                        {
                            "page": territory.pk,
                            "title": "",
                            "text": "Quatre communautés, vingt communes.",
                        },
                    ],
                },
            ),
            block(
                "key_figures",
                {
                    "heading": "Le contrat en chiffres",
                    "figures": [
                        {
                            "value": str(len(COMMUNITIES)),
                            "label": "communautés de communes",
                            "source": "",
                        },
                        {"value": str(commune_count()), "label": "communes", "source": ""},
                        {"value": str(len(AXES)), "label": "axes stratégiques", "source": ""},
                        {
                            "value": "5 ans",
                            "label": f"de {CONTRACT_PERIOD[0]} à {CONTRACT_PERIOD[1]}",
                            "source": "",
                        },
                    ],
                },
            ),
            block(
                "call_to_action",
                {
                    "title": "Vous agissez pour la santé des habitants ?",
                    "text": (
                        "Associations, professionnels, services des communes : faites connaître "
                        "vos actions et vos journées santé sur ce site."
                    ),
                    "page": contact.pk,
                    "url": "",
                    "button_label": "Rejoindre le réseau des partenaires",
                },
            ),
        ],
    )

    # The first page view may already have created default settings: fill them while untouched.
    site_settings = SiteSettings.for_site(demo.site)
    if site_settings.is_untouched():
        demo.fill(
            site_settings,
            territory_name=TERRITORY_NAME,
            tagline=f"Contrat local de santé {CONTRACT_PERIOD[0]}-{CONTRACT_PERIOD[1]}",
            logo=logo,
            contact_name="Coordination du contrat local de santé",
            contact_address=CONTACT_ADDRESS,
            contact_email=CONTACT_EMAIL,
            contact_phone=CONTACT_PHONE,
            contact_page=contact,
            social_links=[
                block(
                    "link",
                    {
                        "network": "mastodon",
                        "url": "https://social.quatre-rivieres.example/@sante",
                        "label": "",
                    },
                )
            ],
            legal_notice_page=legal,
            privacy_page=privacy,
            accessibility_page=accessibility,
            accessibility_status="non",
        )
        demo.note("paramètres", "Paramètres du site")

    demo.user(
        "coordination",
        "Coordination : modère et publie tout, gère les comptes",
        ["Coordination"],
        first_name="Coordination",
        last_name="CLS",
        email="coordination@quatre-rivieres.example",
    )
    demo.user(
        "communication",
        "Communication : campagnes, actualités, images et documents",
        ["Communication"],
        first_name="Communication",
        last_name="CLS",
        email="communication@quatre-rivieres.example",
    )
    for number in (1, 2):
        demo.user(
            f"partenaire{number}",
            "Partenaire : la fiche de sa structure et ses actions",
            ["Partenaires"],
            first_name="Partenaire",
            last_name=str(number),
            email=f"partenaire{number}@quatre-rivieres.example",
        )
