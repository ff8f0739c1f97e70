"""The demo contract's fifteen action sheets and their indicators (invented, in French).

Each action is a dict of ActionSheetPage fields, plus references resolved by the loader:
- axis: the axis number (home/demo/territory.py AXES, in order);
- carrier / partners: directory structure slugs (partners/demo/structures.py);
- themes / publics: taxonomy slugs; communes: INSEE codes, or "*" for every commune;
- determinants: the start of a HealthDeterminant name; plan_axes: "prs:Axe 1", "prse:Hors PRSE";
- funders: (name, amount in euros);
- indicators: made by `indicator()` below.
Values are not written here: evaluation/demo/values.py derives them from the targets.
"""

PETR = "PETR du Pays des Quatre Rivières"


def indicator(kind, label, unit, targets, **options):
    """An indicator: kind (process/result/impact), label, unit, targets for 2025 to 2029.

    Options: frequency ("annual", "quarterly"), by ("coordination" or "carrier"), method,
    source, score_max, metric (a computed_metric key), skip_2025 (a value left missing).
    """
    return {
        "kind": kind,
        "label": label,
        "unit": unit,
        "targets": targets,
        "frequency": options.get("frequency", "annual"),
        "by": options.get("by", "coordination"),
        "method": options.get("method", ""),
        "source": options.get("source", ""),
        "score_max": options.get("score_max"),
        "metric": options.get("metric", ""),
        "skip_2025": options.get("skip_2025", False),
    }


ACTIONS = [
    # Axe 1 : prévenir et promouvoir la santé -------------------------------------------------
    {
        "axis": 1,
        "number": 1,
        "slug": "annuaire-et-agenda-sante",
        "title": "Un annuaire des acteurs et un agenda santé partagés",
        "summary": (
            "Réunir sur un même site les structures du territoire, leurs actions et leurs "
            "rendez-vous santé, tenus à jour par les partenaires eux-mêmes."
        ),
        "typology": "new",
        "status": "ongoing",
        "status_note": "Site en ligne depuis mars 2025 ; 33 structures y ont leur fiche.",
        "carrier": None,
        "carrier_name": PETR,
        "referent_role": "Coordinatrice du contrat local de santé",
        "local_context": (
            "<p>Lors du diagnostic, habitants comme professionnels ont dit la même chose : "
            "l'offre existe, mais personne ne sait qui fait quoi. Les informations sont "
            "dispersées entre les bulletins municipaux, les réseaux sociaux et des tableurs "
            "que chacun tient de son côté.</p><p>Les secrétaires de mairie et les agents "
            "France services sont souvent les premiers interrogés, sans outil pour orienter.</p>"
        ),
        "general_objective": (
            "Rendre lisible l'offre de santé, de prévention et d'accompagnement du territoire."
        ),
        "specific_objectives": (
            "<ul><li>Donner aux professionnels un outil commun pour orienter les "
            "habitants.</li><li>Faire connaître aux habitants les actions proches de chez "
            "eux.</li><li>Relayer les informations des partenaires sans multiplier les "
            "listes de diffusion.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Publier une fiche pour chaque structure partenaire et la faire vérifier "
            "une fois par an.</li><li>Tenir un agenda commun des journées santé.</li>"
            "<li>Ouvrir un espace d'échange réservé aux partenaires.</li></ul>"
        ),
        "implementation_steps": (
            "<ol><li>2025 : recensement des structures, ouverture du site et des comptes "
            "partenaires.</li><li>2025-2026 : présentation dans chaque communauté de communes "
            "et aux secrétaires de mairie.</li><li>À partir de 2026 : livret imprimable pour "
            "les sorties d'hospitalisation, relais des campagnes nationales.</li></ol>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2029,
        "partners": ["centre-hospitalier-val-yonne", "cpts-haut-morvan", "france-services-corvol"],
        "partners_note": "Secrétaires de mairie, offices de tourisme, bibliothèques",
        "themes": ["acces-aux-droits"],
        "publics": ["tout-public", "professionnels"],
        "territory": "Tout le territoire du contrat",
        "communes": "*",
        "budget": 18000,
        "budget_note": "hébergement, développement et impression des livrets sur cinq ans",
        "funders": [("Agence régionale de santé", 12000), (PETR, 6000)],
        "other_resources": "Temps de la coordinatrice ; salles prêtées par les communes.",
        "determinants": ["Accessibilité", "Utilisation des services", "Adaptation aux besoins"],
        "plan_axes": ["prs:Axe 6", "prs:CLS", "prse:Hors PRSE"],
        "fights_inequalities": True,
        "participatory": True,
        "participatory_note": "Le site a été testé par un groupe d'habitants de Luzy et Lormes",
        "public_policies": "Stratégie nationale de santé ; schéma départemental des services.",
        "evaluation_method": (
            "Compteur de visites anonyme du site, suivi des mises à jour des fiches, "
            "questionnaire annuel aux partenaires sur la lisibilité de l'offre."
        ),
        "indicators": [
            indicator(
                "process",
                "Réunions du groupe de travail de l'annuaire",
                "count",
                [4, 3, 3, 2, 2],
                method="Comptes rendus de réunion",
                source="Coordination",
            ),
            indicator(
                "process",
                "Fiches de structures mises à jour dans l'année",
                "count",
                [20, 28, 30, 32, 32],
                metric="structures_updated",
                method="Publications comptées par le site",
                source="Site Maillage",
            ),
            indicator(
                "result",
                "Consultations du site par les professionnels",
                "count",
                [6000, 9000, 11000, 12000, 13000],
                metric="views_professionals",
                method="Compteur de visites sans cookie",
                source="Site Maillage",
            ),
            indicator(
                "result",
                "Consultations du site par les habitants",
                "count",
                [15000, 22000, 26000, 30000, 32000],
                metric="views_habitants",
                method="Compteur de visites sans cookie",
                source="Site Maillage",
            ),
            indicator(
                "result",
                "Informations relayées pour les partenaires",
                "count",
                [20, 30, 35, 40, 40],
                metric="relay_requests",
                method="Demandes de relais traitées",
                source="Site Maillage",
            ),
            indicator(
                "impact",
                "Lisibilité de l'offre jugée par les partenaires",
                "score",
                [6, 6.5, 7, 7.5, 8],
                score_max=10,
                method="Questionnaire annuel aux partenaires",
                source="Questionnaire en ligne",
            ),
        ],
    },
    {
        "axis": 1,
        "number": 2,
        "slug": "depistage-des-cancers-aller-vers",
        "title": "Aller vers les habitants pour le dépistage des cancers",
        "summary": (
            "Des permanences d'information dans les marchés et les salles des fêtes pour "
            "relancer le dépistage organisé des cancers du sein, colorectal et du col."
        ),
        "typology": "existing",
        "status": "ongoing",
        "status_note": "Douze permanences tenues en 2025, dont cinq pendant Octobre rose.",
        "carrier": "assurance-maladie-decize",
        "referent_role": "Conseillère en prévention de l'Assurance maladie",
        "local_context": (
            "<p>La participation au dépistage organisé reste inférieure à la moyenne "
            "régionale, surtout dans les communes éloignées des cabinets de radiologie. Les "
            "personnes qui ne se font pas dépister sont souvent celles qui consultent le "
            "moins.</p>"
        ),
        "general_objective": "Augmenter la participation aux dépistages organisés des cancers.",
        "specific_objectives": (
            "<ul><li>Lever les freins pratiques : transport, prise de rendez-vous, "
            "kit à commander.</li><li>Toucher les habitants qui ne consultent pas.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Tenir au moins douze permanences par an hors des villes-centres.</li>"
            "<li>Remettre le kit de dépistage colorectal sur place.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Calendrier établi avec les communes en début d'année ; permanences animées "
            "par un binôme Assurance maladie et centre régional de coordination des "
            "dépistages ; relais par les pharmacies et les infirmiers libéraux.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2029,
        "partners": ["centre-hospitalier-loire-acolin", "mutuelle-familiale-nivernais-cercy"],
        "partners_note": "Centre régional de coordination des dépistages des cancers, pharmacies",
        "themes": ["depistage"],
        "publics": ["adultes", "femmes"],
        "territory": "Communes rurales, hors villes-centres",
        "communes": ["58087", "58104", "58118", "58046", "58149"],
        "budget": 9500,
        "budget_note": "par an, supports et temps d'animation",
        "funders": [("Assurance maladie", 6500), ("Agence régionale de santé", 3000)],
        "other_resources": "Bus itinérant prêté par la Mutualité trois jours par an.",
        "determinants": ["Utilisation des services", "Accessibilité"],
        "plan_axes": ["prs:Axe 1", "prse:Hors PRSE"],
        "fights_inequalities": True,
        "participatory": False,
        "participatory_note": "",
        "public_policies": "Stratégie décennale de lutte contre les cancers.",
        "evaluation_method": (
            "Comptage des personnes rencontrées et des kits remis ; taux de participation "
            "publiés chaque année par le centre régional de coordination des dépistages."
        ),
        "indicators": [
            indicator(
                "process",
                "Permanences d'information tenues",
                "count",
                [12, 14, 14, 15, 15],
                frequency="quarterly",
                method="Feuilles de présence",
                source="Assurance maladie",
            ),
            indicator(
                "result",
                "Kits de dépistage colorectal remis",
                "count",
                [150, 180, 200, 220, 240],
                method="Comptage des kits remis",
                source="Assurance maladie",
            ),
            indicator(
                "impact",
                "Taux de participation au dépistage du cancer du sein",
                "percent",
                [48, 50, 52, 54, 55],
                method="Données du centre régional de coordination",
                source="CRCDC",
                skip_2025=True,
            ),
        ],
    },
    {
        "axis": 1,
        "number": 3,
        "slug": "bouger-sur-ordonnance",
        "title": "Bouger sur ordonnance : le sport-santé près de chez soi",
        "summary": (
            "Des cycles d'activité physique adaptée pour les personnes atteintes de maladies "
            "chroniques, prescrits par leur médecin."
        ),
        "typology": "existing",
        "status": "ongoing",
        "status_note": "Créneaux ouverts à Clamecy et Varzy ; Tannay à l'étude.",
        "carrier": "maison-sport-sante-vaux-yonne",
        "referent_role": "Enseignant en activité physique adaptée",
        "local_context": (
            "<p>Diabète, surpoids et maladies cardio-vasculaires sont plus fréquents sur le "
            "territoire qu'en moyenne. Les médecins prescrivent peu l'activité physique, faute "
            "de savoir vers qui orienter.</p>"
        ),
        "general_objective": "Faire de l'activité physique adaptée une réponse de proximité.",
        "specific_objectives": (
            "<ul><li>Faire connaître la prescription d'activité physique aux médecins.</li>"
            "<li>Proposer des créneaux à moins de vingt minutes de chaque commune.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Ouvrir un créneau par bourg-centre.</li><li>Présenter le dispositif "
            "dans chaque maison de santé.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Bilan initial, cycle de douze semaines, bilan final, puis orientation vers un "
            "club sport-santé labellisé.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2028,
        "partners": ["msp-varzy", "gym-volontaire-dornes"],
        "partners_note": "Clubs sportifs labellisés, service des sports de la commune",
        "themes": ["activite-physique"],
        "publics": ["adultes", "personnes-agees"],
        "territory": "Communauté de communes des Vaux d'Yonne",
        "communes": ["58079", "58304", "58286"],
        "budget": 14000,
        "budget_note": "par an",
        "funders": [("Agence régionale de santé", 8000), ("Conseil départemental", 6000)],
        "other_resources": "Gymnases prêtés par les communes.",
        "determinants": ["Comportements", "Accès aux ressources"],
        "plan_axes": ["prs:Axe 1", "prse:Axe 1"],
        "fights_inequalities": False,
        "participatory": False,
        "participatory_note": "",
        "public_policies": "Stratégie nationale sport-santé.",
        "evaluation_method": "Bilans de condition physique avant et après chaque cycle.",
        "indicators": [
            indicator(
                "process",
                "Personnes accueillies en cycle d'activité adaptée",
                "count",
                [40, 55, 65, 75, 75],
                frequency="quarterly",
                by="carrier",
                method="Fiches d'inscription",
                source="Maison sport-santé",
            ),
            indicator(
                "result",
                "Part des participants allant au bout du cycle",
                "percent",
                [70, 72, 75, 75, 75],
                by="carrier",
                method="Présence aux bilans finaux",
                source="Maison sport-santé",
            ),
            indicator(
                "impact",
                "Participants encore actifs six mois après",
                "percent",
                [40, 45, 50, 50, 55],
                method="Appel téléphonique à six mois",
                source="Maison sport-santé",
            ),
        ],
    },
    {
        "axis": 1,
        "number": 4,
        "slug": "cuisiner-petit-budget",
        "title": "Bien manger avec un petit budget",
        "summary": (
            "Des ateliers cuisine dans les épiceries solidaires et au CCAS, pour cuisiner "
            "simple, de saison et pas cher."
        ),
        "typology": "existing",
        "status": "ongoing",
        "status_note": "Ateliers mensuels à Clamecy, bimestriels à Tannay.",
        "carrier": "ccas-clamecy",
        "referent_role": "Conseillère en économie sociale et familiale",
        "local_context": (
            "<p>La hausse des prix alimentaires a fait grossir les files des épiceries "
            "solidaires. Beaucoup de bénéficiaires disent manquer d'idées pour cuisiner les "
            "produits proposés, en particulier les légumes secs.</p>"
        ),
        "general_objective": "Améliorer l'alimentation des ménages à petits revenus.",
        "specific_objectives": (
            "<ul><li>Redonner confiance en cuisine.</li><li>Créer du lien entre "
            "bénéficiaires.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Tenir vingt ateliers par an.</li><li>Éditer un carnet de recettes "
            "écrit avec les participants.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Ateliers de deux heures, repas partagé, recettes remises sur fiche. Une "
            "diététicienne intervient une fois par trimestre.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2029,
        "partners": ["panier-tannaysien", "jardins-du-beuvron"],
        "partners_note": "Banque alimentaire départementale",
        "themes": ["nutrition"],
        "publics": ["publics-precaires", "familles"],
        "territory": "Clamecy et Tannay",
        "communes": ["58079", "58286"],
        "budget": 6200,
        "budget_note": "par an, denrées comprises",
        "funders": [("Caisse d'allocations familiales", 3200), ("CCAS de Clamecy", 3000)],
        "other_resources": "Légumes donnés par les Jardins du Beuvron.",
        "determinants": ["Comportements", "Niveau de revenu", "Intégration sociale"],
        "plan_axes": ["prs:Axe 1", "prse:Axe 1"],
        "fights_inequalities": True,
        "participatory": True,
        "participatory_note": "Les participants choisissent les recettes du trimestre suivant",
        "public_policies": "Programme national nutrition santé ; plan pauvreté.",
        "evaluation_method": "Feuilles de présence et questionnaire de satisfaction court.",
        "indicators": [
            indicator(
                "process",
                "Ateliers cuisine tenus",
                "count",
                [20, 22, 22, 24, 24],
                frequency="quarterly",
                by="carrier",
                method="Comptage des ateliers",
                source="Feuilles de présence",
            ),
            indicator(
                "result",
                "Participants différents dans l'année",
                "count",
                [60, 70, 75, 80, 80],
                by="carrier",
                method="Feuilles de présence dédoublonnées",
                source="Feuilles de présence",
            ),
            indicator(
                "result",
                "Satisfaction des participants",
                "score",
                [4, 4, 4.2, 4.2, 4.5],
                score_max=5,
                by="carrier",
                method="Questionnaire en fin d'atelier",
                source="Questionnaire",
            ),
            indicator(
                "impact",
                "Dépense alimentaire couverte par les ateliers",
                "euro",
                [2500, 2800, 3000, 3000, 3200],
                method="Factures d'achat des denrées",
                source="CCAS de Clamecy",
            ),
        ],
    },
    # Axe 2 : accès aux soins et aux droits ----------------------------------------------------
    {
        "axis": 2,
        "number": 5,
        "slug": "accueillir-internes-et-jeunes-professionnels",
        "title": "Accueillir les internes et les jeunes professionnels de santé",
        "summary": (
            "Logement, découverte du territoire et parrainage pour que les internes en stage "
            "aient envie de revenir s'installer."
        ),
        "typology": "new",
        "status": "ongoing",
        "status_note": "Deux logements meublés ouverts à Clamecy et Château-Chinon.",
        "carrier": None,
        "carrier_name": PETR,
        "referent_role": "Chargé de mission attractivité",
        "local_context": (
            "<p>Un tiers des médecins généralistes du territoire a plus de soixante ans. Les "
            "internes viennent en stage mais repartent : logement difficile à trouver, "
            "isolement, conjoint sans emploi.</p>"
        ),
        "general_objective": "Attirer et installer de nouveaux professionnels de santé.",
        "specific_objectives": (
            "<ul><li>Faciliter le séjour des internes et des étudiants.</li><li>Accompagner "
            "les projets d'installation, y compris ceux des conjoints.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Proposer un logement à chaque interne accueilli.</li><li>Organiser "
            "deux week-ends de découverte par an.</li><li>Désigner un parrain dans chaque "
            "maison de santé.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Convention avec la faculté et les maîtres de stage, aménagement des "
            "logements, guide d'accueil, soirée des internes chaque semestre.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2029,
        "partners": ["msp-varzy", "msp-lormes", "msp-bazois", "centre-sante-haut-morvan"],
        "partners_note": "Faculté de médecine, ordre des médecins, conseil départemental",
        "themes": ["acces-aux-droits"],
        "publics": ["professionnels"],
        "territory": "Tout le territoire du contrat",
        "communes": ["58079", "58062", "58304", "58145"],
        "budget": 42000,
        "budget_note": "sur cinq ans, dont l'aménagement des logements",
        "funders": [
            ("Agence régionale de santé", 20000),
            ("Conseil départemental", 12000),
            (PETR, 10000),
        ],
        "other_resources": "Logements communaux mis à disposition.",
        "determinants": ["Accessibilité", "Continuité", "Richesses locales"],
        "plan_axes": ["prs:Axe 3", "prse:Hors PRSE"],
        "fights_inequalities": False,
        "participatory": False,
        "participatory_note": "",
        "public_policies": "Plan d'accès aux soins ; zonage des zones d'intervention prioritaire.",
        "evaluation_method": "Suivi des internes accueillis et des installations.",
        "indicators": [
            indicator(
                "process",
                "Internes et étudiants logés",
                "count",
                [8, 10, 12, 12, 14],
                frequency="quarterly",
                method="Registre des logements",
                source="PETR",
            ),
            indicator(
                "result",
                "Satisfaction des internes sur leur séjour",
                "score",
                [7, 7.5, 7.5, 8, 8],
                score_max=10,
                method="Questionnaire de fin de stage",
                source="Questionnaire",
            ),
            indicator(
                "impact",
                "Professionnels de santé installés dans l'année",
                "count",
                [2, 2, 3, 3, 3],
                method="Déclarations d'installation",
                source="Ordre et ARS",
            ),
        ],
    },
    {
        "axis": 2,
        "number": 6,
        "slug": "exercice-coordonne-cpts",
        "title": "Soutenir l'exercice coordonné et la CPTS",
        "summary": (
            "Accompagner la communauté professionnelle territoriale de santé : parcours "
            "communs, soins non programmés, protocoles entre professionnels."
        ),
        "typology": "existing",
        "status": "ongoing",
        "status_note": "Projet de santé validé ; trois groupes de travail actifs.",
        "carrier": "cpts-haut-morvan",
        "referent_role": "Coordinatrice de la CPTS",
        "local_context": (
            "<p>Les professionnels libéraux travaillent souvent seuls et connaissent mal les "
            "ressources sociales. La CPTS, créée en 2024, rassemble déjà une soixantaine "
            "d'adhérents mais doit encore se faire connaître.</p>"
        ),
        "general_objective": "Améliorer la coordination des soins de proximité.",
        "specific_objectives": (
            "<ul><li>Organiser la réponse aux demandes de soins non programmés.</li>"
            "<li>Construire des parcours pour les patients âgés et les diabétiques.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Réunir chaque groupe de travail au moins quatre fois par an.</li>"
            "<li>Rédiger trois protocoles pluriprofessionnels.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Soirées thématiques, messagerie sécurisée commune, protocoles rédigés "
            "en groupes de travail puis validés en assemblée générale.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2029,
        "partners": ["centre-sante-haut-morvan", "msp-lormes", "centre-hospitalier-val-yonne"],
        "partners_note": "Pharmacies, infirmiers et kinésithérapeutes libéraux",
        "themes": ["acces-aux-droits"],
        "publics": ["professionnels", "tout-public"],
        "territory": "Communauté de communes du Haut-Morvan",
        "communes": ["58062", "58145", "58180", "58205", "58185"],
        "budget": 25000,
        "budget_note": "par an, hors accord conventionnel interprofessionnel",
        "funders": [("Assurance maladie", 18000), ("Agence régionale de santé", 7000)],
        "other_resources": "Locaux de la maison de santé de Lormes.",
        "determinants": ["Continuité", "Globalité", "Réactivité"],
        "plan_axes": ["prs:Axe 2", "prs:Axe 4", "prse:Hors PRSE"],
        "fights_inequalities": False,
        "participatory": True,
        "participatory_note": "Un représentant des usagers siège au bureau de la CPTS",
        "public_policies": "Accord conventionnel interprofessionnel des CPTS.",
        "evaluation_method": "Indicateurs de l'accord conventionnel, suivis par la CPTS.",
        "indicators": [
            indicator(
                "process",
                "Réunions des groupes de travail",
                "count",
                [12, 14, 16, 16, 16],
                frequency="quarterly",
                by="carrier",
                method="Comptes rendus",
                source="CPTS",
            ),
            indicator(
                "process",
                "Professionnels adhérents",
                "count",
                [60, 75, 85, 95, 100],
                by="carrier",
                method="Registre des adhésions",
                source="CPTS",
            ),
            indicator(
                "result",
                "Protocoles pluriprofessionnels en usage",
                "count",
                [1, 3, 4, 5, 6],
                by="carrier",
                method="Protocoles validés",
                source="CPTS",
            ),
            indicator(
                "impact",
                "Demandes de soins non programmés prises en charge",
                "percent",
                [70, 75, 80, 85, 85],
                by="carrier",
                method="Relevé de la plateforme de régulation",
                source="CPTS",
                skip_2025=True,
            ),
        ],
    },
    {
        "axis": 2,
        "number": 7,
        "slug": "droits-de-sante-france-services",
        "title": "Ouvrir ses droits de santé en France services",
        "summary": (
            "Des rendez-vous pour la complémentaire santé solidaire, la carte Vitale et "
            "l'espace santé numérique, dans les France services du territoire."
        ),
        "typology": "existing",
        "status": "done",
        "status_note": "Permanences intégrées à l'offre habituelle des France services.",
        "carrier": "france-services-moulins-engilbert",
        "referent_role": "Animatrice France services",
        "local_context": (
            "<p>Le non-recours à la complémentaire santé solidaire reste élevé chez les "
            "retraités modestes. Les démarches en ligne découragent beaucoup d'habitants.</p>"
        ),
        "general_objective": "Réduire le non-recours aux droits de santé.",
        "specific_objectives": (
            "<ul><li>Accompagner pas à pas les démarches.</li><li>Former les agents "
            "d'accueil aux droits de santé.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Une demi-journée par semaine dédiée aux droits de santé.</li>"
            "<li>Former chaque agent d'accueil en 2025.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Formation des agents par l'Assurance maladie, affichage dans les mairies, "
            "orientation par les CCAS et les pharmacies.</p>"
        ),
        "duration": "annual",
        "start_year": 2025,
        "end_year": 2025,
        "partners": ["france-services-corvol", "assurance-maladie-decize", "ccas-luzy"],
        "partners_note": "Mutualité sociale agricole",
        "themes": ["acces-aux-droits"],
        "publics": ["publics-precaires", "personnes-agees"],
        "territory": "Bazois-Aron et Vaux d'Yonne",
        "communes": ["58182", "58085", "58149"],
        "budget": 3000,
        "budget_note": "formation et supports",
        "funders": [("Assurance maladie", 2000), ("MSA", 1000)],
        "other_resources": "Temps des agents France services.",
        "determinants": ["Accessibilité", "Niveau de revenu"],
        "plan_axes": ["prs:Axe 5", "prse:Hors PRSE"],
        "fights_inequalities": True,
        "participatory": False,
        "participatory_note": "",
        "public_policies": "Plan de lutte contre le non-recours.",
        "evaluation_method": "Nombre de démarches accompagnées, relevé par France services.",
        "indicators": [
            indicator(
                "process",
                "Agents d'accueil formés",
                "count",
                [8, 0, 0, 0, 0],
                method="Feuilles d'émargement",
                source="Assurance maladie",
            ),
            indicator(
                "result",
                "Démarches de droits de santé accompagnées",
                "count",
                [250, 0, 0, 0, 0],
                frequency="quarterly",
                method="Outil de suivi France services",
                source="France services",
            ),
            indicator(
                "impact",
                "Dossiers de complémentaire santé solidaire acceptés",
                "percent",
                [80, 0, 0, 0, 0],
                method="Retours de l'Assurance maladie",
                source="Assurance maladie",
            ),
        ],
    },
    # Axe 3 : santé mentale ---------------------------------------------------------------------
    {
        "axis": 3,
        "number": 8,
        "slug": "conseil-local-sante-mentale",
        "title": "Animer le conseil local en santé mentale",
        "summary": (
            "Un lieu où élus, psychiatrie, médecins, bailleurs et associations règlent "
            "ensemble les situations complexes et préparent la prévention."
        ),
        "typology": "new",
        "status": "ongoing",
        "status_note": "Assemblée plénière annuelle et cellule de cas complexes mensuelle.",
        "carrier": "centre-hospitalier-val-yonne",
        "referent_role": "Cadre de santé du pôle de psychiatrie",
        "local_context": (
            "<p>Les maires se disent démunis face aux crises psychiques, aux situations "
            "d'incurie et aux hospitalisations sans consentement. Les acteurs se connaissent "
            "peu et se renvoient les situations.</p>"
        ),
        "general_objective": "Coordonner les acteurs de la santé mentale du territoire.",
        "specific_objectives": (
            "<ul><li>Trouver une réponse concertée aux situations complexes.</li>"
            "<li>Lutter contre la stigmatisation.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Réunir une cellule de cas complexes chaque mois.</li><li>Organiser les "
            "Semaines d'information sur la santé mentale chaque année.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Charte signée en 2025, comité de pilotage, cellule de cas complexes, "
            "programme annuel de sensibilisation.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2029,
        "partners": ["cmp-clamecy", "cmp-infanto-juvenile-decize", "csapa-morvan"],
        "partners_note": "Bailleurs sociaux, gendarmerie, Union nationale des familles (Unafam)",
        "themes": ["sante-mentale"],
        "publics": ["tout-public", "professionnels"],
        "territory": "Tout le territoire du contrat",
        "communes": "*",
        "budget": 15000,
        "budget_note": "par an, dont un mi-temps de coordination",
        "funders": [("Agence régionale de santé", 10000), ("Centre hospitalier", 5000)],
        "other_resources": "Salle du conseil communautaire.",
        "determinants": ["Intégration sociale", "Normes et climat social", "Continuité"],
        "plan_axes": ["prs:Axe 4", "prse:Hors PRSE"],
        "fights_inequalities": True,
        "participatory": True,
        "participatory_note": "Un groupe d'entraide mutuelle participe au comité de pilotage",
        "public_policies": "Projet territorial de santé mentale de la Nièvre.",
        "evaluation_method": "Suivi des situations étudiées et questionnaire aux membres.",
        "indicators": [
            indicator(
                "process",
                "Réunions de la cellule de cas complexes",
                "count",
                [10, 11, 11, 11, 11],
                frequency="quarterly",
                method="Comptes rendus",
                source="Coordination du CLSM",
            ),
            indicator(
                "result",
                "Situations complexes étudiées",
                "count",
                [25, 30, 30, 30, 30],
                method="Registre anonymisé",
                source="Coordination du CLSM",
            ),
            indicator(
                "impact",
                "Membres estimant mieux connaître les ressources",
                "percent",
                [60, 65, 70, 75, 80],
                method="Questionnaire annuel",
                source="Questionnaire",
            ),
        ],
    },
    {
        "axis": 3,
        "number": 9,
        "slug": "secouristes-en-sante-mentale",
        "title": "Former des secouristes en santé mentale",
        "summary": (
            "Des formations de deux jours pour apprendre à repérer une détresse psychique et "
            "orienter la personne."
        ),
        "typology": "existing",
        "status": "ongoing",
        "status_note": "Six sessions tenues depuis 2025 ; liste d'attente à Decize.",
        "carrier": "cmp-clamecy",
        "referent_role": "Infirmier formateur",
        "local_context": (
            "<p>Le délai d'attente en centre médico-psychologique dépasse trois mois. Les "
            "proches, les collègues et les bénévoles sont souvent les premiers à voir qu'une "
            "personne va mal.</p>"
        ),
        "general_objective": "Repérer plus tôt les troubles psychiques.",
        "specific_objectives": (
            "<ul><li>Former des habitants, des agents et des bénévoles.</li><li>Faire "
            "connaître les numéros d'écoute et le 3114.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Quatre sessions de douze personnes par an.</li><li>Une session réservée "
            "aux secrétaires de mairie.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Sessions de deux jours animées par des formateurs accrédités ; rencontre "
            "des secouristes formés un an après.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2028,
        "partners": ["point-ecoute-jeunes-sud-morvan", "cafe-associatif-moux"],
        "partners_note": "Associations sportives, Mission locale",
        "themes": ["sante-mentale"],
        "publics": ["adultes", "professionnels"],
        "territory": "Tout le territoire du contrat",
        "communes": ["58079", "58095", "58062", "58182"],
        "budget": 11000,
        "budget_note": "par an",
        "funders": [("Agence régionale de santé", 7000), ("MSA", 4000)],
        "other_resources": "Formateurs mis à disposition par le centre hospitalier.",
        "determinants": ["Intégration sociale", "Pouvoir d'agir"],
        "plan_axes": ["prs:Axe 1", "prse:Hors PRSE"],
        "fights_inequalities": False,
        "participatory": False,
        "participatory_note": "",
        "public_policies": "Feuille de route santé mentale et psychiatrie.",
        "evaluation_method": "Évaluation de fin de formation et enquête à un an.",
        "indicators": [
            indicator(
                "process",
                "Sessions de formation tenues",
                "count",
                [4, 4, 5, 5, 0],
                method="Feuilles d'émargement",
                source="CMP de Clamecy",
            ),
            indicator(
                "result",
                "Secouristes formés",
                "count",
                [48, 48, 60, 60, 0],
                method="Attestations délivrées",
                source="CMP de Clamecy",
            ),
            indicator(
                "result",
                "Satisfaction des stagiaires",
                "score",
                [8, 8, 8, 8, 0],
                score_max=10,
                method="Questionnaire de fin de formation",
                source="Questionnaire",
            ),
        ],
    },
    {
        "axis": 3,
        "number": 10,
        "slug": "ecoute-des-jeunes",
        "title": "Écouter les jeunes là où ils sont",
        "summary": (
            "Des permanences d'écoute au lycée, à la Mission locale et en ligne, pour les "
            "jeunes de 12 à 25 ans et leurs parents."
        ),
        "typology": "innovative",
        "status": "ongoing",
        "status_note": "Permanence en ligne ouverte en septembre 2026.",
        "carrier": "point-ecoute-jeunes-sud-morvan",
        "referent_role": "Psychologue du point accueil écoute jeunes",
        "local_context": (
            "<p>Les jeunes du territoire parcourent de longues distances pour consulter. Les "
            "infirmières scolaires signalent davantage d'anxiété et de décrochage depuis "
            "2020.</p>"
        ),
        "general_objective": "Prévenir la souffrance psychique des jeunes.",
        "specific_objectives": (
            "<ul><li>Offrir une écoute gratuite et anonyme.</li><li>Soutenir les parents.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Une permanence hebdomadaire dans deux établissements.</li><li>Une "
            "permanence en ligne le mercredi soir.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Convention avec les établissements, présentation en classe, affiches "
            "conçues avec le conseil de la vie lycéenne.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2029,
        "partners": ["parents-en-bazois", "cmp-infanto-juvenile-decize"],
        "partners_note": "Éducation nationale, Mission locale, Maison des adolescents",
        "themes": ["sante-mentale", "parentalite"],
        "publics": ["12-15-ans", "16-25-ans", "familles"],
        "territory": "Sud du territoire",
        "communes": ["58149", "58046", "58095"],
        "budget": 16500,
        "budget_note": "par an",
        "funders": [
            ("Caisse d'allocations familiales", 8000),
            ("Agence régionale de santé", 6500),
            ("Commune de Luzy", 2000),
        ],
        "other_resources": "Bureaux prêtés par les établissements scolaires.",
        "determinants": ["Intégration sociale", "Niveau d'éducation"],
        "plan_axes": ["prs:Axe 1", "prs:Axe 7", "prse:Hors PRSE"],
        "fights_inequalities": True,
        "participatory": True,
        "participatory_note": "Affiches et messages écrits avec des lycéens",
        "public_policies": "Politique jeunesse de la CAF ; école promotrice de santé.",
        "evaluation_method": "Fréquentation des permanences et retour des établissements.",
        "indicators": [
            indicator(
                "process",
                "Permanences d'écoute tenues",
                "count",
                [70, 80, 80, 80, 80],
                frequency="quarterly",
                method="Planning des permanences",
                source="PAEJ",
            ),
            indicator(
                "result",
                "Jeunes reçus au moins une fois",
                "count",
                [90, 110, 120, 130, 130],
                method="Registre anonymisé",
                source="PAEJ",
            ),
            indicator(
                "result",
                "Parents reçus",
                "count",
                [25, 30, 30, 35, 35],
                method="Registre anonymisé",
                source="PAEJ",
                skip_2025=True,
            ),
        ],
    },
    # Axe 4 : vieillissement et aidants --------------------------------------------------------
    {
        "axis": 4,
        "number": 11,
        "slug": "prevenir-les-chutes",
        "title": "Prévenir les chutes des personnes âgées",
        "summary": (
            "Des ateliers équilibre et des visites d'ergothérapeute pour adapter le logement."
        ),
        "typology": "existing",
        "status": "ongoing",
        "status_note": "Ateliers à Saint-Honoré et Moulins-Engilbert ; visites sur demande.",
        "carrier": "maison-sport-sante-saint-honore",
        "referent_role": "Éducatrice sportive spécialisée en gérontologie",
        "local_context": (
            "<p>Le territoire compte une forte part de personnes de plus de 75 ans vivant "
            "seules. Les chutes sont la première cause d'entrée à l'hôpital dans cette "
            "tranche d'âge.</p>"
        ),
        "general_objective": "Réduire les chutes des personnes âgées vivant à domicile.",
        "specific_objectives": (
            "<ul><li>Entretenir l'équilibre et la force.</li><li>Adapter les logements.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Trois cycles d'ateliers équilibre par an.</li><li>Trente visites "
            "d'ergothérapeute par an.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Repérage par les infirmiers et les CCAS, test d'équilibre, cycle de dix "
            "séances, visite à domicile si besoin.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2029,
        "partners": ["ccas-luzy", "msp-bazois"],
        "partners_note": "Caisses de retraite, services d'aide à domicile",
        "themes": ["vieillissement", "activite-physique"],
        "publics": ["personnes-agees"],
        "territory": "Communauté de communes Bazois-Aron",
        "communes": ["58182", "58065", "58046", "58246", "58149"],
        "budget": 13000,
        "budget_note": "par an",
        "funders": [("Conférence des financeurs", 9000), ("Caisse de retraite", 4000)],
        "other_resources": "Salles des fêtes prêtées par les communes.",
        "determinants": ["Comportements", "Environnement physique"],
        "plan_axes": ["prs:Axe 5", "prse:Axe 2"],
        "fights_inequalities": False,
        "participatory": False,
        "participatory_note": "",
        "public_policies": "Plan antichute des personnes âgées.",
        "evaluation_method": "Tests d'équilibre en début et fin de cycle.",
        "indicators": [
            indicator(
                "process",
                "Séances d'ateliers équilibre",
                "count",
                [30, 30, 36, 36, 36],
                frequency="quarterly",
                method="Planning",
                source="Maison sport-santé",
            ),
            indicator(
                "result",
                "Participants dont l'équilibre progresse",
                "percent",
                [60, 65, 65, 70, 70],
                method="Test d'équilibre avant et après",
                source="Maison sport-santé",
            ),
            indicator(
                "result",
                "Visites d'ergothérapeute à domicile",
                "count",
                [30, 30, 35, 35, 35],
                method="Comptes rendus de visite",
                source="Ergothérapeute",
            ),
        ],
    },
    {
        "axis": 4,
        "number": 12,
        "slug": "repit-des-aidants",
        "title": "Des temps de répit et d'échange pour les aidants",
        "summary": (
            "Un café des aidants mensuel, des séjours de répit et une ligne d'écoute pour "
            "celles et ceux qui accompagnent un proche."
        ),
        "typology": "existing",
        "status": "ongoing",
        "status_note": "Café des aidants dans trois communes ; séjour de répit en juin.",
        "carrier": "morvan-aidants",
        "referent_role": "Coordinatrice de l'association",
        "local_context": (
            "<p>Beaucoup d'aidants ne se reconnaissent pas comme tels et s'épuisent. Les "
            "solutions d'accueil temporaire sont rares et éloignées.</p>"
        ),
        "general_objective": "Prévenir l'épuisement des proches aidants.",
        "specific_objectives": (
            "<ul><li>Rompre l'isolement des aidants.</li><li>Faire connaître les solutions "
            "de répit.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Onze cafés des aidants par an.</li><li>Un séjour de répit par an.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Rencontres animées par une psychologue, relais par les médecins, les "
            "pharmacies et les services d'aide à domicile.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2029,
        "partners": ["ccas-lormes", "cafe-associatif-moux", "msp-lormes"],
        "partners_note": "Plateforme d'accompagnement et de répit départementale",
        "themes": ["aidants", "vieillissement"],
        "publics": ["aidants"],
        "territory": "Haut-Morvan",
        "communes": ["58180", "58145", "58185"],
        "budget": 12000,
        "budget_note": "par an, séjour compris",
        "funders": [("Conférence des financeurs", 7000), ("MSA", 3000), ("Mutualité", 2000)],
        "other_resources": "Bénévoles de l'association.",
        "determinants": ["Intégration sociale", "Pouvoir d'agir"],
        "plan_axes": ["prs:Axe 5", "prse:Hors PRSE"],
        "fights_inequalities": False,
        "participatory": True,
        "participatory_note": "Les thèmes des cafés sont choisis par les aidants",
        "public_policies": "Stratégie nationale agir pour les aidants.",
        "evaluation_method": "Fréquentation et questionnaire de ressenti.",
        "indicators": [
            indicator(
                "process",
                "Cafés des aidants tenus",
                "count",
                [11, 11, 11, 11, 11],
                frequency="quarterly",
                method="Planning",
                source="Morvan Aidants",
            ),
            indicator(
                "result",
                "Aidants différents accueillis",
                "count",
                [45, 50, 55, 60, 60],
                method="Feuilles de présence",
                source="Morvan Aidants",
            ),
            indicator(
                "impact",
                "Aidants se sentant moins seuls",
                "percent",
                [60, 65, 70, 70, 75],
                method="Questionnaire de ressenti",
                source="Questionnaire",
            ),
        ],
    },
    {
        "axis": 4,
        "number": 13,
        "slug": "visites-de-convivialite",
        "title": "Rompre l'isolement par des visites de convivialité",
        "summary": (
            "Des bénévoles formés rendent visite chaque semaine à des personnes âgées isolées."
        ),
        "typology": "new",
        "status": "abandoned",
        "status_note": "Arrêtée fin 2025 faute de bénévoles ; reprise à l'étude avec le CIAS.",
        "carrier": "ccas-lormes",
        "referent_role": "Directrice du CCAS",
        "local_context": (
            "<p>Le plan canicule a révélé des personnes âgées sans aucune visite pendant "
            "des semaines.</p>"
        ),
        "general_objective": "Réduire l'isolement social des personnes âgées.",
        "specific_objectives": "<ul><li>Recréer des liens réguliers.</li></ul>",
        "operational_objectives": (
            "<ul><li>Former quinze bénévoles.</li><li>Suivre trente personnes.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Recrutement de bénévoles, formation, binômes bénévole et personne âgée.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2027,
        "partners": ["cafe-associatif-moux"],
        "partners_note": "Équipe citoyenne MONALISA",
        "themes": ["vieillissement"],
        "publics": ["personnes-agees"],
        "territory": "Lormes et communes voisines",
        "communes": ["58145", "58205"],
        "budget": 4000,
        "budget_note": "formation et frais de déplacement",
        "funders": [("Conférence des financeurs", 4000)],
        "other_resources": "Véhicule du CCAS.",
        "determinants": ["Intégration sociale"],
        "plan_axes": ["prs:Axe 5", "prse:Hors PRSE"],
        "fights_inequalities": True,
        "participatory": True,
        "participatory_note": "Bénévoles issus des clubs des aînés",
        "public_policies": "Mobilisation nationale contre l'isolement des âgés.",
        "evaluation_method": "Nombre de visites et entretiens avec les personnes visitées.",
        "indicators": [
            indicator(
                "process",
                "Bénévoles formés",
                "count",
                [15, 15, 15, 0, 0],
                method="Feuilles d'émargement",
                source="CCAS de Lormes",
            ),
            indicator(
                "result",
                "Personnes visitées régulièrement",
                "count",
                [30, 30, 30, 0, 0],
                method="Registre des visites",
                source="CCAS de Lormes",
            ),
            indicator(
                "result",
                "Visites réalisées",
                "count",
                [600, 800, 800, 0, 0],
                frequency="quarterly",
                method="Carnets de visite",
                source="CCAS de Lormes",
            ),
        ],
    },
    # Axe 5 : environnement et cadre de vie ----------------------------------------------------
    {
        "axis": 5,
        "number": 14,
        "slug": "air-interieur-ecoles-logements",
        "title": "Un air intérieur sain dans les écoles et les logements",
        "summary": (
            "Mesurer la qualité de l'air dans les écoles, conseiller les familles et former "
            "les agents d'entretien."
        ),
        "typology": "experimental",
        "status": "not_started",
        "status_note": "Démarrage prévu au printemps 2027, après l'appel à projets régional.",
        "carrier": None,
        "carrier_name": PETR,
        "referent_role": "Chargée de mission santé-environnement",
        "local_context": (
            "<p>Le parc de logements est ancien, souvent chauffé au bois. Plusieurs écoles "
            "n'ont jamais fait l'objet de mesures de confinement de l'air.</p>"
        ),
        "general_objective": "Améliorer la qualité de l'air intérieur des lieux de vie.",
        "specific_objectives": (
            "<ul><li>Connaître la qualité de l'air des écoles.</li><li>Donner aux familles "
            "des gestes simples.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Mesurer le CO₂ dans dix écoles.</li><li>Tenir six ateliers "
            "« logement sain ».</li></ul>"
        ),
        "implementation_steps": (
            "<p>Prêt de capteurs, interprétation avec un conseiller en environnement "
            "intérieur, restitution aux communes et aux parents.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2027,
        "end_year": 2029,
        "partners": ["pmi-chateau-chinon", "relais-petite-enfance-sud-nivernais"],
        "partners_note": "Conseiller médical en environnement intérieur, Atmo",
        "themes": ["sante-environnementale"],
        "publics": ["0-6-ans", "7-11-ans", "familles"],
        "territory": "Écoles volontaires du territoire",
        "communes": ["58079", "58062", "58095", "58182"],
        "budget": 20000,
        "budget_note": "sur trois ans, capteurs compris",
        "funders": [("Agence régionale de santé (PRSE)", 15000), (PETR, 5000)],
        "other_resources": "Capteurs prêtés par Atmo.",
        "determinants": ["Environnement physique", "Comportements"],
        "plan_axes": ["prs:Axe 1", "prse:Axe 4"],
        "fights_inequalities": False,
        "participatory": True,
        "participatory_note": "Les élèves relèvent eux-mêmes les mesures",
        "public_policies": "Plan régional santé environnement ; surveillance de l'air intérieur.",
        "evaluation_method": "Relevés de CO₂ avant et après les conseils d'aération.",
        "indicators": [
            indicator(
                "process",
                "Écoles équipées de capteurs",
                "count",
                [0, 0, 4, 7, 10],
                method="Conventions de prêt",
                source="PETR",
            ),
            indicator(
                "result",
                "Ateliers « logement sain » tenus",
                "count",
                [0, 0, 2, 2, 2],
                method="Feuilles de présence",
                source="PETR",
            ),
            indicator(
                "impact",
                "Classes sous le seuil de confinement",
                "percent",
                [0, 0, 60, 70, 80],
                method="Relevés des capteurs",
                source="Atmo",
            ),
        ],
    },
    {
        "axis": 5,
        "number": 15,
        "slug": "tiques-et-moustiques",
        "title": "Se protéger des tiques et du moustique tigre",
        "summary": (
            "Informer randonneurs, chasseurs et habitants sur la maladie de Lyme et les "
            "gestes contre le moustique tigre."
        ),
        "typology": "existing",
        "status": "done",
        "status_note": "Campagnes 2025 et 2026 terminées ; panneaux posés sur les sentiers.",
        "carrier": "randonneurs-ouroux",
        "referent_role": "Président de l'association",
        "local_context": (
            "<p>Le Morvan est une zone de forte présence des tiques. Le moustique tigre a été "
            "signalé pour la première fois dans le sud du territoire en 2024.</p>"
        ),
        "general_objective": "Réduire les maladies transmises par les tiques et les moustiques.",
        "specific_objectives": (
            "<ul><li>Faire connaître les gestes de prévention.</li><li>Encourager le "
            "signalement du moustique tigre.</li></ul>"
        ),
        "operational_objectives": (
            "<ul><li>Poser des panneaux au départ de vingt sentiers.</li><li>Tenir des stands "
            "lors des fêtes d'été.</li></ul>"
        ),
        "implementation_steps": (
            "<p>Conception des panneaux avec le parc naturel régional, stands d'été, "
            "distribution de tire-tiques.</p>"
        ),
        "duration": "multi_year",
        "start_year": 2025,
        "end_year": 2026,
        "partners": ["centre-sante-haut-morvan", "msp-lormes"],
        "partners_note": "Parc naturel régional, fédération des chasseurs, offices de tourisme",
        "themes": ["sante-environnementale"],
        "publics": ["tout-public"],
        "territory": "Haut-Morvan et sud du territoire",
        "communes": ["58205", "58180", "58062", "58104"],
        "budget": 5500,
        "budget_note": "panneaux et tire-tiques",
        "funders": [("Agence régionale de santé (PRSE)", 4000), ("Parc naturel régional", 1500)],
        "other_resources": "Bénévoles des associations de randonnée.",
        "determinants": ["Environnement physique", "Comportements"],
        "plan_axes": ["prs:Axe 1", "prse:Axe 3"],
        "fights_inequalities": False,
        "participatory": True,
        "participatory_note": "Tracés choisis par les randonneurs",
        "public_policies": "Plan national de prévention de la maladie de Lyme.",
        "evaluation_method": "Nombre de panneaux, de stands et de tire-tiques distribués.",
        "indicators": [
            indicator(
                "process",
                "Panneaux posés au départ des sentiers",
                "count",
                [12, 8, 0, 0, 0],
                method="Relevé de pose",
                source="Randonneurs d'Ouroux",
            ),
            indicator(
                "result",
                "Tire-tiques distribués",
                "count",
                [400, 400, 0, 0, 0],
                method="Comptage des stocks",
                source="Randonneurs d'Ouroux",
            ),
            indicator(
                "result",
                "Budget dépensé",
                "euro",
                [3000, 2500, 0, 0, 0],
                method="Factures",
                source="Randonneurs d'Ouroux",
            ),
        ],
    },
]
