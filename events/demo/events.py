"""The demo agenda: some sixty events of the Pays des Quatre Rivières, placed from today.

`build(cal)` returns one dict per event (read by events/demo/__init__.py):
- parent: the slug of the organising structure (the event is its child page and the structure
  its organiser), or None for a territory-wide event under the agenda (by the coordination,
  optionally with an "organiser" structure);
- start, end: aware datetimes (Paris time); recurrence: django-recurrence text;
- changes: per-date changes of a series, (date, change, reason, new start, new end);
- commune: INSEE code of a real commune (home/demo/territory.py); online: a link;
- themes, publics: slugs of the shared taxonomies; co_organisers: structure slugs;
- campaign: slug of a national campaign (events/demo/campaigns.py).

People, phone numbers (ARCEP's fiction range, 01 99 00 xx xx), e-mails and links (*.example)
are invented.
"""

import datetime

from django.utils.text import slugify

from events.models import EventStatus, OccurrenceChange

CANCELLED = OccurrenceChange.Change.CANCELLED
FULL = OccurrenceChange.Change.FULL
MOVED = OccurrenceChange.Change.MOVED

VISIO = "https://visio.quatre-rivieres.example"
STEP_FREE = "Salle de plain-pied, accessible en fauteuil roulant ; toilettes adaptées."


def event(parent, title, summary, when, themes, publics, **options):
    start, end = when
    return {
        "parent": parent,
        "slug": options.pop("slug", None) or slugify(title)[:80],
        "title": title,
        "summary": summary,
        "start": start,
        "end": end,
        "themes": themes,
        "publics": publics,
        **options,
    }


def build(cal):
    def slot(date, opens, closes, days=0):
        """(start, end) on `date` from "HH:MM" to "HH:MM", `days` later for the end."""
        start = cal.at(date, *map(int, opens.split(":")))
        end = cal.at(date + datetime.timedelta(days=days), *map(int, closes.split(":")))
        return start, end

    def all_day(date, days=0):
        return slot(date, "00:00", "23:59", days)

    def moved(date, opens, closes, reason, shift=1):
        """A series date moved `shift` days later, same hours."""
        new_start, new_end = slot(date + datetime.timedelta(days=shift), opens, closes)
        return (date, MOVED, reason, new_start, new_end)

    # Series that need their own dates to place a change.
    tuesdays = cal.series_dates("FREQ=WEEKLY;BYDAY=TU", cal.weekday("TU"), 6)
    wednesdays = cal.series_dates("FREQ=WEEKLY;BYDAY=WE", cal.weekday("WE"), 6)
    first_mondays = cal.series_dates("FREQ=MONTHLY;BYDAY=1MO", cal.days(1), 4)
    third_saturdays = cal.series_dates("FREQ=MONTHLY;BYDAY=3SA", cal.days(1), 4)
    second_thursdays = cal.series_dates("FREQ=MONTHLY;BYDAY=2TH", cal.days(1), 2)
    school_year_end = cal.in_month(6, 30)
    garden = cal.nth(3, 3, "SA")
    bus_week = cal.weekday("TU", weeks=22)
    tabac = cal.month_start(11)
    march = cal.month_start(3)
    vaccination_week = cal.nth(4, -1, "MO")

    return [
        # Weekly and monthly activities of the structures ----------------------------------
        event(
            "maison-sport-sante-vaux-yonne",
            "Marche santé chaque mardi soir",
            "Une heure de marche à votre rythme dans Clamecy et le long de l'Yonne, encadrée "
            "par une éducatrice sportive. Ouvert à tous, sans inscription.",
            slot(tuesdays[0], "18:30", "19:45"),
            ["activite-physique", "vieillissement"],
            ["adultes", "personnes-agees"],
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
            changes=[
                (
                    tuesdays[2],
                    CANCELLED,
                    "Gymnase réquisitionné : pas de départ ce soir-là.",
                    None,
                    None,
                )
            ],
            description=(
                "<p>Rendez-vous devant le gymnase du Crot-Pinçon à 18 h 30, en tenue "
                "confortable. Deux groupes partent ensemble : un tour tranquille de 3 km et "
                "un tour plus soutenu de 5 km.</p><p>L'hiver, le parcours reste en ville, sur "
                "des rues éclairées ; prévoyez un gilet réfléchissant (nous en prêtons).</p>"
            ),
            commune="58079",
            venue="Gymnase du Crot-Pinçon",
            address="Avenue de la République",
            accessibility="Parcours plat et goudronné ; un groupe adapté aux personnes qui "
            "marchent avec une canne.",
            age=(16, None),
        ),
        event(
            "maison-sport-sante-saint-honore",
            "Aquagym santé du mercredi",
            "Des exercices doux dans l'eau chaude du centre thermal, pour entretenir ses "
            "articulations et son souffle, encadrés par un maître-nageur formé au sport-santé.",
            slot(wednesdays[0], "10:00", "11:00"),
            ["activite-physique", "vieillissement"],
            ["adultes", "personnes-agees"],
            recurrence=f"RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL={cal.until(school_year_end)}",
            changes=[
                (wednesdays[1], FULL, "Toutes les places de cette séance sont prises.", None, None)
            ],
            commune="58246",
            venue="Bassin du parc thermal",
            address="Avenue du Général-d'Espeuilles",
            registration={"required": True, "phone": "01 99 00 47 21", "capacity": 14},
            is_free=False,
            price="4 € la séance, carte de 10 séances à 35 €.",
            accessibility="Bassin équipé d'un siège de mise à l'eau ; vestiaire adapté.",
            age=(18, None),
        ),
        event(
            "randonneurs-ouroux",
            "Randonnée douce chaque jeudi",
            "Huit à dix kilomètres sans difficulté sur les chemins autour d'Ouroux, avec des "
            "pauses régulières. Bâtons de marche prêtés aux débutants.",
            slot(cal.weekday("TH"), "14:00", "16:30"),
            ["activite-physique"],
            ["adultes", "personnes-agees"],
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=TH",
            commune="58205",
            venue="Parking de la salle des fêtes",
            address="Place de l'Église",
            is_free=False,
            price="Gratuit pour les adhérents, 2 € pour les non-adhérents.",
            accessibility="Chemins forestiers : non accessible en fauteuil roulant.",
        ),
        event(
            "gym-volontaire-dornes",
            "Gym douce des seniors, lundi et jeudi",
            "Renforcement musculaire, équilibre et étirements en musique, sur chaise ou debout, "
            "pour garder la forme et prévenir les chutes.",
            slot(cal.weekday("MO"), "09:30", "10:30"),
            ["activite-physique", "vieillissement"],
            ["personnes-agees"],
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=MO,TH",
            commune="58104",
            venue="Salle polyvalente",
            address="Route de Moulins",
            is_free=False,
            price="Licence annuelle de 95 € ; deux séances d'essai gratuites.",
            accessibility=STEP_FREE,
            age=(60, None),
        ),
        event(
            "cafe-associatif-moux",
            "Atelier mémoire tous les quinze jours",
            "Jeux de mots, de chiffres et d'observation autour d'un café : deux heures pour "
            "faire travailler sa mémoire en bonne compagnie.",
            slot(cal.weekday("FR", weeks=-8), "14:30", "16:30"),
            ["vieillissement", "sante-mentale"],
            ["personnes-agees"],
            recurrence="RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
            commune="58185",
            venue="Café associatif La Fontaine",
            address="Le Bourg",
            registration={"required": True, "phone": "01 99 00 58 30", "capacity": 10},
            accessibility="Une marche à l'entrée, rampe amovible sur demande.",
        ),
        event(
            "ccas-clamecy",
            "Permanence santé du premier lundi du mois",
            "Complémentaire santé solidaire, carte Vitale, médecin traitant, dossier MDPH : "
            "une travailleuse sociale vous reçoit sans rendez-vous pour faire le point.",
            slot(first_mondays[0], "09:00", "12:00"),
            ["acces-aux-droits"],
            ["adultes", "publics-precaires"],
            recurrence="RRULE:FREQ=MONTHLY;BYDAY=1MO",
            changes=[
                moved(
                    first_mondays[1],
                    "09:00",
                    "12:00",
                    "Salle du conseil occupée : la permanence a lieu le mardi.",
                )
            ],
            commune="58079",
            venue="Hôtel de ville, salle des permanences",
            address="7 place Émile-Zola",
            accessibility="Entrée accessible par la cour, ascenseur jusqu'au premier étage.",
        ),
        event(
            "france-services-moulins-engilbert",
            "Conseiller de l'Assurance maladie, 2e et 4e jeudis",
            "Un conseiller de l'Assurance maladie répond à vos questions de remboursements, "
            "d'arrêts de travail ou de droits, sur rendez-vous pris à l'accueil.",
            slot(second_thursdays[0], "14:00", "17:00"),
            ["acces-aux-droits"],
            ["adultes"],
            recurrence="RRULE:FREQ=MONTHLY;BYDAY=2TH,4TH",
            commune="58182",
            venue="France services",
            address="20 rue des Fossés",
            registration={"required": True, "phone": "01 99 00 61 40"},
            accessibility=STEP_FREE,
        ),
        event(
            "morvan-aidants",
            "Café des aidants de Montsauche",
            "Chaque troisième samedi du mois, les proches aidants se retrouvent pour parler de "
            "leur quotidien avec une psychologue, autour d'un thème différent.",
            slot(third_saturdays[0], "10:00", "12:00"),
            ["aidants", "sante-mentale"],
            ["aidants"],
            recurrence="RRULE:FREQ=MONTHLY;BYDAY=3SA",
            changes=[
                (
                    third_saturdays[2],
                    CANCELLED,
                    "La psychologue est absente : rendez-vous le mois suivant.",
                    None,
                    None,
                )
            ],
            description=(
                "<p>Pas besoin de s'inscrire ni de venir à chaque fois. Si vous ne pouvez pas "
                "laisser votre proche seul, dites-le-nous : un bénévole peut passer quelques "
                "heures avec lui pendant le café.</p>"
            ),
            commune="58180",
            venue="Maison des associations",
            address="Route du Lac",
            accessibility=STEP_FREE,
        ),
        event(
            "morvan-aidants",
            "Webinaire mensuel des aidants",
            "Une heure en visioconférence, le deuxième jeudi du mois, pour poser vos questions "
            "à un professionnel : droits, répit, épuisement, aides techniques.",
            slot(second_thursdays[0], "18:00", "19:00"),
            ["aidants"],
            ["aidants"],
            recurrence="RRULE:FREQ=MONTHLY;BYDAY=2TH",
            online=f"{VISIO}/aidants",
            registration={"required": True, "email": "contact@morvan-aidants.example"},
            accessibility="Sous-titrage en direct ; le lien est envoyé la veille par courriel.",
        ),
        event(
            "parents-en-bazois",
            "Matinée parents-bébés du mercredi",
            "Un espace de jeu et de rencontre pour les enfants de moins de trois ans et leurs "
            "parents, avec une éducatrice de jeunes enfants.",
            slot(wednesdays[0], "09:30", "11:30"),
            ["parentalite"],
            ["0-6-ans", "familles"],
            recurrence=f"RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL={cal.until(school_year_end)}",
            commune="58046",
            venue="Espace jeunesse",
            address="Rue de la Gare",
            accessibility="Accès poussettes ; table à langer.",
            age=(0, 3),
        ),
        event(
            "parents-en-bazois",
            "Soirée des parents d'ados",
            "Un mardi par mois, des parents d'adolescents échangent sur ce qui les inquiète ou "
            "les fait sourire, avec une psychologue de la Maison des adolescents.",
            slot(cal.series_dates("FREQ=MONTHLY;BYDAY=2TU", cal.days(1), 1)[0], "20:00", "22:00"),
            ["parentalite", "sante-mentale"],
            ["familles"],
            recurrence="RRULE:FREQ=MONTHLY;BYDAY=2TU",
            commune="58046",
            venue="Espace jeunesse",
            address="Rue de la Gare",
        ),
        event(
            "point-ecoute-jeunes-sud-morvan",
            "Écoute jeunes : accueil du mercredi après-midi",
            "Stress, relations, consommations, orientation : les 12-25 ans sont reçus sans "
            "rendez-vous et en toute confidentialité par une psychologue.",
            slot(wednesdays[0], "14:00", "18:00"),
            ["sante-mentale", "addictions"],
            ["12-15-ans", "16-25-ans"],
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=WE",
            commune="58149",
            venue="Point accueil écoute jeunes",
            address="4 rue du Marché",
            age=(12, 25),
        ),
        event(
            "csapa-morvan",
            "Groupe de parole du lundi soir",
            "Pour les personnes qui veulent réduire ou arrêter l'alcool, le cannabis ou d'autres "
            "produits, et pour leurs proches. Animé par une infirmière du CSAPA.",
            slot(cal.weekday("MO"), "18:00", "19:30"),
            ["addictions"],
            ["adultes"],
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=MO",
            commune="58062",
            venue="CSAPA du Morvan",
            address="6 place Notre-Dame",
            accessibility="Salle au rez-de-chaussée ; boucle magnétique.",
            age=(18, None),
        ),
        event(
            "relais-petite-enfance-sud-nivernais",
            "Matinée d'éveil à Cossaye",
            "Comptines, motricité et jeux de transvasement pour les tout-petits accompagnés de "
            "leur assistante maternelle ou de leurs parents.",
            slot(tuesdays[0], "09:30", "11:00"),
            ["parentalite"],
            ["0-6-ans", "familles"],
            recurrence=f"RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL={cal.until(school_year_end)}",
            commune="58087",
            venue="Salle de motricité de l'école",
            address="Le Bourg",
            age=(0, 6),
        ),
        event(
            "espace-vie-sociale-fours",
            "Cuisine et repas partagé à la Halle",
            "On cuisine ensemble un menu de saison avec une diététicienne, puis on le partage "
            "à table. Un jeudi sur deux.",
            slot(cal.weekday("TH"), "10:00", "14:00"),
            ["nutrition", "sante-mentale"],
            ["adultes", "personnes-agees", "publics-precaires"],
            recurrence="RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
            commune="58118",
            venue="Espace de vie sociale La Halle",
            address="Place de la Halle",
            registration={"required": True, "phone": "01 99 00 83 12", "capacity": 12},
            is_free=False,
            price="3 € le repas ; gratuit pour les bénéficiaires de l'épicerie solidaire.",
            accessibility=STEP_FREE,
        ),
        event(
            "partage-loire",
            "Atelier nutrition à la distribution",
            "Le dernier mercredi du mois, pendant la distribution, une diététicienne propose "
            "des recettes simples avec les produits du jour.",
            slot(cal.series_dates("FREQ=MONTHLY;BYDAY=-1WE", cal.days(1), 1)[0], "14:00", "16:00"),
            ["nutrition"],
            ["publics-precaires", "familles"],
            recurrence="RRULE:FREQ=MONTHLY;BYDAY=-1WE",
            commune="58250",
            venue="Ancienne gare",
            address="Rue de la Verrerie",
        ),
        event(
            "jardins-du-beuvron",
            "Jardinage partagé du samedi matin",
            "De mars à octobre, le jardin partagé ouvre ses parcelles à tous : semis, "
            "arrosage, récolte, et un panier de légumes à emporter.",
            slot(garden, "09:30", "12:00"),
            ["nutrition", "activite-physique"],
            ["tout-public"],
            recurrence=(
                f"RRULE:FREQ=WEEKLY;BYDAY=SA;UNTIL={cal.until(datetime.date(garden.year, 10, 31))}"
            ),
            commune="58041",
            venue="Jardin partagé",
            address="Chemin du Moulin",
            accessibility="Allées stabilisées et deux bacs surélevés accessibles en fauteuil.",
        ),
        event(
            "msp-varzy",
            "Cycle « Bien manger au quotidien »",
            "Six séances avec la diététicienne de la maison de santé : lire les étiquettes, "
            "composer ses repas, cuisiner sans se ruiner.",
            slot(cal.weekday("TH", weeks=3), "14:00", "16:00"),
            ["nutrition"],
            ["adultes"],
            recurrence="RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=TH",
            commune="58304",
            venue="Maison de santé, salle d'éducation",
            address="3 rue de la Gare",
            registration={"required": True, "phone": "01 99 00 34 70", "capacity": 12},
            accessibility=STEP_FREE,
        ),
        event(
            "mutuelle-familiale-nivernais-cercy",
            "Atelier équilibre : huit séances pour éviter les chutes",
            "Un cycle de huit vendredis avec une kinésithérapeute : exercices d'équilibre, "
            "aménagement du logement, se relever après une chute.",
            slot(cal.weekday("FR", weeks=1), "14:00", "16:00"),
            ["vieillissement", "activite-physique"],
            ["personnes-agees"],
            recurrence="RRULE:FREQ=WEEKLY;COUNT=8;BYDAY=FR",
            commune="58046",
            venue="Agence de la Mutuelle, salle de réunion",
            address="11 place de l'Hôtel-de-Ville",
            registration={"required": True, "phone": "01 99 00 91 05", "capacity": 12},
            status=EventStatus.FULL,
            status_reason="Les douze places sont prises ; liste d'attente à l'accueil.",
            accessibility=STEP_FREE,
            age=(60, None),
        ),
        event(
            "cias-loire-acolin",
            "Halte-répit du mardi après-midi",
            "Pendant que votre proche atteint de troubles de la mémoire est accueilli par une "
            "équipe formée, vous prenez un après-midi pour vous.",
            slot(tuesdays[0], "14:00", "17:30"),
            ["aidants", "vieillissement"],
            ["aidants", "personnes-agees"],
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
            commune="58095",
            venue="Maison des solidarités",
            address="2 quai de Loire",
            registration={"required": True, "phone": "01 99 00 88 20", "capacity": 8},
            is_free=False,
            price="Participation selon les revenus, de 0 à 12 € l'après-midi.",
            accessibility=STEP_FREE,
        ),
        event(
            "centre-sante-haut-morvan",
            "Vaccination sans rendez-vous, premier samedi du mois",
            "Mettez à jour vos vaccins (tétanos, coqueluche, rougeole, HPV…) sans rendez-vous : "
            "apportez votre carnet de santé ou votre carte Vitale.",
            slot(cal.series_dates("FREQ=MONTHLY;BYDAY=1SA", cal.days(1), 1)[0], "09:00", "12:00"),
            ["depistage"],
            ["tout-public"],
            recurrence=(
                "RRULE:FREQ=MONTHLY;BYDAY=1SA\n"
                f"RDATE:{cal.midnight_utc(vaccination_week + datetime.timedelta(days=2))}"
            ),
            campaign="semaine-europeenne-vaccination",
            commune="58062",
            venue="Centre de santé intercommunal",
            address="1 rue de l'Hôpital",
            accessibility=STEP_FREE,
        ),
        event(
            "cpts-haut-morvan",
            "Soirées de la CPTS pour les professionnels",
            "Quatre soirées dans l'année pour les soignants du territoire : parcours de soins, "
            "nouveaux dispositifs, cas pratiques.",
            slot(cal.weekday("TH", weeks=5), "20:00", "22:00"),
            ["acces-aux-droits", "vieillissement"],
            ["professionnels"],
            recurrence="\n".join(
                f"RDATE:{cal.midnight_utc(cal.weekday('TH', weeks=weeks))}"
                for weeks in (18, 31, 44)
            ),
            commune="58062",
            venue="Maison des professionnels",
            address="4 rue du Faubourg-de-Paris",
            registration={"required": True, "email": "contact@cpts-haut-morvan.example"},
        ),
        event(
            "maison-sport-sante-saint-honore",
            "Reprendre le sport après un cancer",
            "Des séances en petit groupe, adaptées à chacun, pendant ou après les traitements, "
            "sur prescription de votre médecin.",
            slot(cal.weekday("MO"), "17:00", "18:00"),
            ["activite-physique"],
            ["adultes"],
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=MO",
            commune="58246",
            venue="Salle d'activité du parc thermal",
            address="Avenue du Général-d'Espeuilles",
            registration={"required": True, "phone": "01 99 00 47 21", "capacity": 8},
            accessibility=STEP_FREE,
            age=(18, None),
        ),
        event(
            "ccas-lormes",
            "Après-midi jeux et rencontres du mercredi",
            "Belote, scrabble, jeux de mémoire et goûter : un après-midi pour sortir de chez "
            "soi. Transport possible sur demande.",
            slot(wednesdays[0], "14:30", "17:00"),
            ["vieillissement", "sante-mentale"],
            ["personnes-agees"],
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=WE",
            commune="58145",
            venue="Salle du foyer",
            address="Place François-Mitterrand",
            accessibility=STEP_FREE,
        ),
        event(
            "centre-hospitalier-val-yonne",
            "Consultations de tabacologie sans rendez-vous",
            "Pendant le Mois sans tabac, une tabacologue reçoit chaque mercredi sans "
            "rendez-vous. Substituts nicotiniques remboursés sur prescription.",
            slot(cal.nth(11, 1, "WE"), "13:30", "17:00"),
            ["addictions"],
            ["adultes", "16-25-ans"],
            recurrence="RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=WE",
            campaign="mois-sans-tabac",
            commune="58079",
            venue="Centre hospitalier, consultations externes",
            address="12 route de Beaugy",
            accessibility=STEP_FREE,
            age=(15, None),
        ),
        # National campaigns --------------------------------------------------------------
        event(
            None,
            "Lancement du Mois sans tabac au marché de Clamecy",
            "Stand d'information, mesure du monoxyde de carbone dans l'air expiré et kits "
            "d'aide à l'arrêt offerts : le territoire se mobilise pour novembre.",
            slot(cal.nth(11, 1, "SA"), "08:30", "12:30"),
            ["addictions"],
            ["tout-public"],
            campaign="mois-sans-tabac",
            co_organisers=["centre-hospitalier-val-yonne", "csapa-morvan"],
            commune="58079",
            venue="Marché couvert",
            address="Place du Marché",
        ),
        event(
            "csapa-morvan",
            "Webinaire : arrêter de fumer, par où commencer ?",
            "Une tabacologue présente les aides qui marchent (substituts, accompagnement, "
            "applications) et répond à vos questions en direct.",
            slot(tabac + datetime.timedelta(days=9), "18:30", "19:30"),
            ["addictions"],
            ["adultes"],
            campaign="mois-sans-tabac",
            online=f"{VISIO}/mois-sans-tabac",
            accessibility="Sous-titrage en direct ; replay disponible une semaine.",
        ),
        event(
            "centre-sante-haut-morvan",
            "Soirée d'échanges : vapoter pour arrêter ?",
            "Cigarette électronique, risques et bénéfices : un médecin du centre de santé fait "
            "le point, sans jugement.",
            slot(cal.nth(11, 3, "TU"), "19:00", "20:30"),
            ["addictions"],
            ["adultes", "16-25-ans"],
            campaign="mois-sans-tabac",
            commune="58062",
            venue="Centre de santé, salle de réunion",
            address="1 rue de l'Hôpital",
        ),
        event(
            None,
            "Marche rose de Decize",
            "Cinq kilomètres le long de la Loire, en rose de la tête aux pieds, pour parler "
            "du dépistage du cancer du sein. Stands d'information à l'arrivée.",
            slot(cal.nth(10, 2, "SU"), "09:30", "12:00"),
            ["depistage", "activite-physique"],
            ["tout-public", "femmes"],
            organiser="centre-hospitalier-loire-acolin",
            co_organisers=["gym-volontaire-dornes", "assurance-maladie-decize"],
            campaign="octobre-rose",
            commune="58095",
            venue="Promenade des Halles",
            address="Quai de Loire",
            registration={"required": False, "url": "https://marche-rose-decize.example/"},
            is_free=False,
            price="Inscription 5 €, reversés à la recherche ; gratuit pour les moins de 12 ans.",
            accessibility="Parcours plat et goudronné, accessible en fauteuil et poussette.",
        ),
        event(
            "centre-sante-haut-morvan",
            "Dépistage du cancer du sein : vos questions",
            "Une sage-femme explique la mammographie de dépistage, l'autopalpation et la prise "
            "en charge à 100 %. Prise de rendez-vous sur place.",
            slot(cal.nth(10, 1, "TH"), "14:00", "17:00"),
            ["depistage"],
            ["femmes"],
            campaign="octobre-rose",
            commune="58062",
            venue="Centre de santé intercommunal",
            address="1 rue de l'Hôpital",
            age=(40, 74),
            accessibility=STEP_FREE,
        ),
        event(
            "maison-sport-sante-saint-honore",
            "Aquagym rose",
            "Une séance d'aquagym en musique ouverte à toutes et à tous, au profit de la Ligue "
            "contre le cancer.",
            slot(cal.nth(10, 3, "SA"), "10:00", "11:30"),
            ["activite-physique", "depistage"],
            ["adultes", "femmes"],
            campaign="octobre-rose",
            commune="58246",
            venue="Bassin du parc thermal",
            address="Avenue du Général-d'Espeuilles",
            is_free=False,
            price="Participation libre, au profit de la Ligue contre le cancer.",
        ),
        event(
            "cmp-clamecy",
            "Ciné-débat : parlons de santé mentale",
            "Projection d'un documentaire suivie d'un échange avec l'équipe du CMP et des "
            "membres d'un groupe d'entraide mutuelle.",
            slot(cal.nth(10, 2, "TH"), "20:00", "22:30"),
            ["sante-mentale"],
            ["adultes", "16-25-ans"],
            campaign="semaines-information-sante-mentale",
            co_organisers=["ccas-clamecy"],
            commune="58079",
            venue="Cinéma Casino",
            address="Rue du Grand-Marché",
            is_free=False,
            price="4 € la place, gratuit pour les moins de 18 ans.",
            accessibility="Salle accessible en fauteuil ; boucle magnétique.",
        ),
        event(
            None,
            "Forum santé mentale du Pays",
            "Une journée pour connaître les lieux d'écoute et de soins du territoire : stands, "
            "ateliers de premiers secours en santé mentale, table ronde à 14 h.",
            all_day(cal.nth(10, 2, "SA")),
            ["sante-mentale"],
            ["tout-public", "professionnels"],
            all_day=True,
            campaign="semaines-information-sante-mentale",
            co_organisers=[
                "cmp-clamecy",
                "cmp-infanto-juvenile-decize",
                "point-ecoute-jeunes-sud-morvan",
            ],
            commune="58065",
            venue="Salle des fêtes",
            address="Place de la Mairie",
            accessibility="Salle de plain-pied ; interprète en langue des signes pour la table "
            "ronde.",
        ),
        event(
            "point-ecoute-jeunes-sud-morvan",
            "Atelier « Prendre soin de son moral » pour les 15-25 ans",
            "Repérer ce qui nous fait du bien, savoir à qui parler quand ça ne va pas : un "
            "atelier interactif animé par une psychologue.",
            slot(cal.nth(10, 2, "WE"), "15:00", "17:00"),
            ["sante-mentale"],
            ["16-25-ans"],
            campaign="semaines-information-sante-mentale",
            commune="58149",
            venue="Point accueil écoute jeunes",
            address="4 rue du Marché",
            age=(15, 25),
        ),
        event(
            "morvan-aidants",
            "Journée des aidants : pause et bien-être",
            "Massages assis, sophrologie, conseils juridiques et repas partagé : une journée "
            "rien que pour les aidants, pendant qu'un accueil est proposé à leurs proches.",
            slot(cal.in_month(10, 6), "10:00", "16:30"),
            ["aidants"],
            ["aidants"],
            campaign="journee-nationale-aidants",
            co_organisers=["cias-loire-acolin"],
            commune="58180",
            venue="Maison des associations",
            address="Route du Lac",
            registration={"required": True, "phone": "01 99 00 58 90", "capacity": 40},
            accessibility=STEP_FREE,
        ),
        event(
            "centre-hospitalier-loire-acolin",
            "Mars bleu : journée de dépistage du cancer colorectal",
            "Un côlon géant gonflable à visiter, des médecins pour répondre à vos questions et "
            "le test de dépistage remis sur place aux 50-74 ans.",
            all_day(cal.nth(3, 2, "TU")),
            ["depistage"],
            ["adultes", "personnes-agees"],
            all_day=True,
            campaign="mars-bleu",
            co_organisers=["assurance-maladie-decize"],
            commune="58095",
            venue="Hall du centre hospitalier",
            address="4 avenue du 14-Juillet",
            accessibility=STEP_FREE,
            age=(50, 74),
        ),
        event(
            "assurance-maladie-decize",
            "Webinaire : le test de dépistage à faire chez soi",
            "Comment commander le test, le faire et l'envoyer, et que se passe-t-il ensuite : "
            "vingt minutes d'explications et des réponses à vos questions.",
            slot(march + datetime.timedelta(days=17), "12:30", "13:15"),
            ["depistage"],
            ["adultes"],
            campaign="mars-bleu",
            online=f"{VISIO}/mars-bleu",
            age=(50, 74),
        ),
        event(
            "pmi-chateau-chinon",
            "Vaccination des enfants : vos questions",
            "Une puéricultrice et un médecin de PMI répondent aux questions des parents sur le "
            "calendrier vaccinal ; vérification des carnets sur place.",
            slot(vaccination_week + datetime.timedelta(days=2), "09:30", "12:00"),
            ["depistage", "parentalite"],
            ["familles", "0-6-ans"],
            campaign="semaine-europeenne-vaccination",
            commune="58062",
            venue="Centre médico-social",
            address="3 rue Jean-Jaurès",
            accessibility=STEP_FREE,
        ),
        event(
            None,
            "Rattrapage vaccinal à Luzy",
            "Une équipe mobile vaccine sans rendez-vous les adultes et les adolescents dont "
            "les vaccins ne sont plus à jour.",
            slot(vaccination_week + datetime.timedelta(days=3), "13:30", "18:00"),
            ["depistage"],
            ["adultes", "16-25-ans"],
            organiser="centre-sante-haut-morvan",
            co_organisers=["ccas-luzy"],
            campaign="semaine-europeenne-vaccination",
            commune="58149",
            venue="Salle Marcel-Pagnol",
            address="Place Chanzy",
            age=(11, None),
        ),
        event(
            "centre-sante-haut-morvan",
            "Dépistage rapide du VIH et des hépatites",
            "Tests rapides, anonymes et gratuits, résultat en trente minutes, avec un "
            "entretien confidentiel.",
            slot(cal.in_month(12, 1), "12:00", "19:00"),
            ["depistage", "vie-affective-et-sexuelle"],
            ["16-25-ans", "adultes"],
            campaign="journee-mondiale-sida",
            commune="58062",
            venue="Centre de santé intercommunal",
            address="1 rue de l'Hôpital",
            age=(15, None),
        ),
        event(
            "msp-lormes",
            "Journée de dépistage de la rétinopathie diabétique",
            "Un rétinographe est installé à la maison de santé : examen du fond d'œil en dix "
            "minutes pour les personnes diabétiques, sur rendez-vous.",
            slot(cal.nth(6, 1, "TU"), "09:00", "17:00"),
            ["depistage"],
            ["adultes", "personnes-agees"],
            campaign="semaine-prevention-diabete",
            commune="58145",
            venue="Maison de santé",
            address="15 rue du Pré-de-l'Étang",
            registration={"required": True, "phone": "01 99 00 72 18", "capacity": 30},
            accessibility=STEP_FREE,
        ),
        # The "Bus du cœur des femmes" on tour: one event per stop ----------------------------
        *[
            event(
                None,
                f"Bus du cœur des femmes à {town}",
                "Le Bus du cœur des femmes fait étape : bilan cardio-vasculaire et "
                "gynécologique complet, gratuit, en une demi-journée, pour les femmes éloignées "
                "du soin.",
                slot(bus_week + datetime.timedelta(days=offset), "09:00", "17:30"),
                ["depistage"],
                ["femmes"],
                slug=f"bus-du-coeur-des-femmes-{slugify(town)}",
                campaign="bus-du-coeur-des-femmes",
                description=(
                    "<p>À bord, une équipe de médecins, d'infirmières et de sages-femmes "
                    "réalise en une seule visite les examens qui prennent d'ordinaire des mois "
                    "à obtenir : tension, glycémie, cholestérol, électrocardiogramme, frottis, "
                    "avec un rendez-vous de suivi si nécessaire.</p><p>Inscription conseillée "
                    "(quelques places sans rendez-vous chaque jour). Venez avec votre carte "
                    "Vitale.</p>"
                ),
                co_organisers=co_organisers,
                commune=insee,
                venue=venue,
                address=address,
                registration={"required": True, "phone": "01 99 00 12 45", "capacity": 24},
                age=(18, None),
                accessibility="Bus équipé d'un élévateur pour fauteuil roulant.",
            )
            for offset, town, insee, venue, address, co_organisers in [
                (
                    0,
                    "Clamecy",
                    "58079",
                    "Parking de la place du Marché",
                    "Place du Marché",
                    ["centre-hospitalier-val-yonne", "ccas-clamecy"],
                ),
                (
                    1,
                    "Château-Chinon",
                    "58062",
                    "Place Notre-Dame",
                    "Place Notre-Dame",
                    ["cpts-haut-morvan", "centre-sante-haut-morvan"],
                ),
                (
                    2,
                    "Luzy",
                    "58149",
                    "Place Chanzy",
                    "Place Chanzy",
                    ["ccas-luzy"],
                ),
                (
                    3,
                    "Decize",
                    "58095",
                    "Parking du centre hospitalier",
                    "4 avenue du 14-Juillet",
                    ["centre-hospitalier-loire-acolin", "assurance-maladie-decize"],
                ),
            ]
        ],
        # Territory-wide days, trainings and conferences ----------------------------------
        event(
            None,
            "Journée santé du Pays des Quatre Rivières",
            "Un village santé dans le parc thermal : dépistages, initiation aux gestes qui "
            "sauvent, ateliers cuisine, marche et animations pour les enfants.",
            all_day(cal.nth(6, 2, "SA")),
            ["depistage", "nutrition", "activite-physique"],
            ["tout-public"],
            all_day=True,
            co_organisers=[
                "maison-sport-sante-saint-honore",
                "msp-bazois",
                "assurance-maladie-decize",
                "jardins-du-beuvron",
            ],
            description=(
                "<p>Plus de vingt structures du territoire tiennent un stand. Au programme :"
                "</p><ul><li>mesure de la tension et de la glycémie</li><li>initiation aux "
                "gestes qui sauvent avec les sapeurs-pompiers</li><li>dégustation de recettes "
                "de saison</li><li>marche santé de 3 km à 11 h et à 15 h</li></ul>"
            ),
            commune="58246",
            venue="Parc thermal",
            address="Avenue du Général-d'Espeuilles",
            accessibility="Allées accessibles en fauteuil, toilettes adaptées, espace calme.",
        ),
        event(
            None,
            "Formation Premiers secours en santé mentale",
            "Deux jours pour apprendre à repérer une personne en difficulté psychique, lui "
            "parler et l'orienter. Formation certifiante.",
            slot(cal.weekday("TH", weeks=9), "09:00", "17:00", days=1),
            ["sante-mentale"],
            ["adultes", "professionnels"],
            co_organisers=["cmp-clamecy"],
            commune="58079",
            venue="Maison du Pays",
            address="1 place des Quatre-Rivières",
            registration={
                "required": True,
                "email": "coordination-cls@quatre-rivieres.example",
                "capacity": 16,
            },
            is_free=False,
            price="Gratuit pour les habitants et les bénévoles du territoire ; 220 € au titre "
            "de la formation professionnelle.",
            accessibility=STEP_FREE,
            age=(18, None),
        ),
        event(
            None,
            "Assemblée plénière du contrat local de santé",
            "Élus, partenaires et habitants font le bilan de l'année et choisissent les "
            "priorités de l'année suivante.",
            slot(cal.weekday("TU", weeks=26), "17:30", "20:00"),
            ["acces-aux-droits"],
            ["professionnels", "tout-public"],
            commune="58079",
            venue="Maison du Pays",
            address="1 place des Quatre-Rivières",
            accessibility=STEP_FREE,
        ),
        event(
            None,
            "Webinaire : publier vos événements dans l'agenda",
            "Pour les structures partenaires : créer un événement, le faire revenir chaque "
            "semaine, annuler une date, et suivre la validation par la coordination.",
            slot(cal.weekday("TU", weeks=2), "11:00", "12:00"),
            ["acces-aux-droits"],
            ["professionnels"],
            online=f"{VISIO}/agenda-partenaires",
        ),
        event(
            None,
            "Conférence : bien dormir à tout âge",
            "Un médecin du sommeil explique comment le sommeil change avec l'âge et ce qui "
            "l'améliore vraiment. Questions du public.",
            slot(cal.weekday("TH", weeks=7), "18:30", "20:30"),
            ["sante-mentale", "vieillissement"],
            ["adultes", "personnes-agees"],
            commune="58182",
            venue="Salle des fêtes",
            address="Rue des Fossés",
            online=f"{VISIO}/conference-sommeil",
            accessibility="Salle accessible ; conférence aussi diffusée en direct.",
        ),
        event(
            None,
            "Spectacle de prévention : « Les écrans, mode d'emploi »",
            "Une pièce de théâtre interactive pour les familles, suivie d'un échange avec une "
            "psychologue.",
            slot(cal.weekday("SA", weeks=6), "15:00", "16:30"),
            ["parentalite", "sante-mentale"],
            ["familles", "7-11-ans"],
            organiser="parents-en-bazois",
            status=EventStatus.POSTPONED,
            status_reason="La compagnie est en arrêt : une nouvelle date sera annoncée ici.",
            commune="58065",
            venue="Salle des fêtes",
            address="Place de la Mairie",
            age=(6, 12),
        ),
        # One-off events of the structures -----------------------------------------------
        event(
            "ccas-luzy",
            "Atelier : un logement sain et des factures allégées",
            "Humidité, chauffage, aération, chèque énergie : un conseiller vous aide à repérer "
            "ce qui coûte cher et ce qui rend malade dans votre logement.",
            slot(cal.weekday("TH", weeks=4), "14:00", "16:00"),
            ["sante-environnementale", "acces-aux-droits"],
            ["adultes", "publics-precaires"],
            commune="58149",
            venue="Mairie, salle du conseil",
            address="Place Chanzy",
            accessibility=STEP_FREE,
        ),
        event(
            "france-services-corvol",
            "Atelier : mon compte ameli et Mon espace santé",
            "Venez avec votre carte Vitale et votre téléphone : nous créons ensemble vos "
            "comptes et apprenons à y retrouver vos documents.",
            slot(cal.weekday("TU", weeks=3), "09:30", "11:30"),
            ["acces-aux-droits"],
            ["adultes", "personnes-agees"],
            commune="58085",
            venue="France services",
            address="2 place de la Mairie",
            registration={"required": True, "phone": "01 99 00 26 50", "capacity": 6},
            accessibility=STEP_FREE,
        ),
        event(
            "msp-bazois",
            "Conférence : vivre avec une insuffisance cardiaque",
            "Un cardiologue et une infirmière d'éducation thérapeutique répondent aux patients "
            "et à leurs proches.",
            slot(cal.weekday("WE", weeks=10), "18:00", "19:30"),
            ["depistage", "nutrition"],
            ["adultes", "aidants"],
            commune="58065",
            venue="Maison de santé du Bazois",
            address="8 rue du Docteur-Duret",
            accessibility=STEP_FREE,
        ),
        event(
            "pmi-chateau-chinon",
            "Atelier massage bébé",
            "Trois séances pour apprendre les gestes du massage avec une puéricultrice et "
            "partager un moment calme avec votre bébé.",
            slot(cal.weekday("FR", weeks=5), "10:00", "11:00"),
            ["parentalite"],
            ["familles", "0-6-ans"],
            recurrence="RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=FR",
            commune="58062",
            venue="Centre médico-social",
            address="3 rue Jean-Jaurès",
            registration={"required": True, "phone": "01 99 00 40 33", "capacity": 6},
            age=(0, 1),
        ),
        event(
            "centre-hospitalier-loire-acolin",
            "Réunion d'information des futurs parents",
            "Visite de la maternité, présentation de l'entretien prénatal précoce et des cours "
            "de préparation à la naissance.",
            slot(cal.weekday("SA", weeks=3), "10:00", "12:00"),
            ["parentalite"],
            ["familles"],
            commune="58095",
            venue="Maternité, salle de préparation",
            address="4 avenue du 14-Juillet",
            accessibility=STEP_FREE,
        ),
        event(
            "cmp-infanto-juvenile-decize",
            "Conférence : les écrans et le sommeil des enfants",
            "Une pédopsychiatre et une orthophoniste expliquent l'effet des écrans sur le "
            "sommeil et le langage, et donnent des repères simples.",
            slot(cal.weekday("TU", weeks=8), "20:00", "21:30"),
            ["parentalite", "sante-mentale"],
            ["familles"],
            commune="58095",
            venue="Auditorium de la médiathèque",
            address="Place du Champ-de-Foire",
            accessibility="Auditorium accessible en fauteuil ; boucle magnétique.",
        ),
        event(
            "jardins-du-beuvron",
            "Fête des semis et troc de plants",
            "Apportez vos graines et vos plants, repartez avec ceux des autres : ateliers de "
            "semis pour les enfants et soupe partagée.",
            slot(cal.nth(4, 2, "SU"), "10:00", "17:00"),
            ["nutrition", "sante-environnementale"],
            ["tout-public", "familles"],
            commune="58041",
            venue="Jardin partagé",
            address="Chemin du Moulin",
        ),
        event(
            "panier-tannaysien",
            "Atelier cuisine petit budget : menus de fête",
            "Un repas de fête complet pour moins de 3 € par personne, cuisiné ensemble et "
            "emporté à la maison.",
            slot(cal.in_month(12, 12), "14:00", "17:00"),
            ["nutrition"],
            ["adultes", "familles", "publics-precaires"],
            commune="58286",
            venue="Épicerie solidaire",
            address="5 rue du Champ-de-Foire",
            registration={"required": True, "phone": "01 99 00 29 80", "capacity": 8},
        ),
        event(
            "randonneurs-ouroux",
            "Randonnée de printemps sur les crêtes du Morvan",
            "Une journée de marche de 18 km avec pique-nique tiré du sac et vue sur le lac de "
            "Pannecière. Bon niveau requis.",
            slot(cal.nth(5, 3, "SU"), "08:30", "17:30"),
            ["activite-physique"],
            ["adultes"],
            commune="58205",
            venue="Place de l'Église",
            address="Place de l'Église",
            registration={"required": True, "email": "rando@ouroux.example", "capacity": 25},
            is_free=False,
            price="Gratuit pour les adhérents, 3 € pour les non-adhérents (assurance).",
            accessibility="Parcours de montagne : non accessible en fauteuil roulant.",
            age=(12, None),
        ),
        event(
            "maison-sport-sante-vaux-yonne",
            "Portes ouvertes de la maison sport-santé",
            "Essayez gratuitement les activités adaptées, rencontrez les éducateurs et faites "
            "un bilan de condition physique en vingt minutes.",
            slot(cal.weekday("SA", weeks=12), "10:00", "17:00"),
            ["activite-physique"],
            ["tout-public"],
            commune="58079",
            venue="Gymnase du Crot-Pinçon",
            address="Avenue de la République",
            accessibility=STEP_FREE,
        ),
        event(
            "cpts-haut-morvan",
            "Formation au repérage de la fragilité",
            "Pour les aides à domicile, infirmiers et pharmaciens : repérer la perte "
            "d'autonomie avec la grille ICOPE et savoir vers qui orienter.",
            slot(cal.weekday("TU", weeks=15), "14:00", "17:30"),
            ["vieillissement"],
            ["professionnels"],
            commune="58062",
            venue="Maison des professionnels",
            address="4 rue du Faubourg-de-Paris",
            online=f"{VISIO}/cpts-fragilite",
            registration={"required": True, "email": "contact@cpts-haut-morvan.example"},
        ),
        # Already held: the archive has something to show --------------------------------
        event(
            None,
            "Conférence : alimentation et petit budget",
            "Une diététicienne et l'épicerie solidaire partagent leurs astuces pour bien "
            "manger sans se ruiner.",
            slot(cal.days(-24), "18:00", "19:30"),
            ["nutrition"],
            ["adultes", "publics-precaires"],
            co_organisers=["panier-tannaysien", "partage-loire"],
            commune="58286",
            venue="Salle des fêtes",
            address="Rue du Champ-de-Foire",
        ),
        event(
            "ccas-clamecy",
            "Repas partagé des seniors",
            "Un déjeuner convivial préparé par le lycée hôtelier, avec un atelier sur "
            "l'alimentation après 70 ans.",
            slot(cal.days(-11), "12:00", "15:00"),
            ["nutrition", "vieillissement"],
            ["personnes-agees"],
            commune="58079",
            venue="Salle polyvalente",
            address="Place Émile-Zola",
            is_free=False,
            price="8 € le repas.",
            accessibility=STEP_FREE,
        ),
        event(
            "centre-hospitalier-val-yonne",
            "Journée portes ouvertes de la consultation mémoire",
            "Rencontre avec l'équipe de la consultation mémoire et présentation des aides aux "
            "aidants.",
            slot(cal.days(-38), "10:00", "16:00"),
            ["vieillissement", "aidants"],
            ["personnes-agees", "aidants"],
            commune="58079",
            venue="Centre hospitalier",
            address="12 route de Beaugy",
        ),
    ]
