"""The demo directory: invented structures of the Pays des Quatre Rivières and their actions.

Names, people, addresses, SIRET-less identities, e-mails (*.example) and phone numbers (ARCEP's
fiction range, 01 99 00 xx xx) are invented; the communes (by INSEE code) are real.

Mini-syntax, read by partners/demo/__init__.py:
- hours: "Mo-Fr 09:00-12:00 14:00-17:00; Sa 09:00-12:00", a slot ending with "*" is by
  appointment only;
- area: "territoire", or community short names and INSEE codes;
- contacts: (role, name, phone, e-mail, website, visibility), "pro" for professionals only;
- closures: (reason, month, day, number of days), placed on their next occurrence.
"""

PARTNER_STRUCTURES = {"partenaire1": "ccas-clamecy", "partenaire2": "cpts-haut-morvan"}


def action(title, summary, themes, publics, **options):
    return {"title": title, "summary": summary, "themes": themes, "publics": publics, **options}


STRUCTURES = [
    # Vaux d'Yonne ----------------------------------------------------------------------------
    {
        "slug": "ccas-clamecy",
        "title": "CCAS de Clamecy",
        "typology": "CCAS",
        "commune": "58079",
        "address": "Hôtel de ville, 7 place Émile-Zola",
        "summary": "Le centre communal d'action sociale accompagne les habitants de Clamecy "
        "dans leurs démarches, leurs difficultés financières et l'accès aux soins.",
        "missions": "<p>Instruction des demandes d'aide sociale, domiciliation, aides "
        "facultatives.</p><ul><li>accès aux droits et à une complémentaire santé</li>"
        "<li>lutte contre l'isolement des personnes âgées</li></ul>",
        "themes": ["acces-aux-droits", "vieillissement"],
        "publics": ["adultes", "personnes-agees", "publics-precaires"],
        "area": ["58079"],
        "contacts": [
            ("Accueil", "", "01 99 00 21 10", "ccas@clamecy-ville.example", "", "public"),
            ("Travailleuse sociale", "Nadia Berthier", "01 99 00 21 11", "", "", "pro"),
        ],
        "hours": "Mo-Fr 08:30-12:00; Mo,Tu,Th 13:30-17:00; We 13:30-17:00*",
        "step_free": "oui",
        "languages": "français, anglais",
        "fees": "gratuit",
        "closures": [("Fermeture de fin d'année", 12, 24, 9)],
        "actions": [
            action(
                "Permanence d'accès aux droits",
                "Un travailleur social vous aide à ouvrir vos droits santé : "
                "complémentaire santé solidaire, aide médicale, dossier MDPH.",
                ["acces-aux-droits"],
                ["adultes", "publics-precaires"],
            ),
            action(
                "Visites de convivialité à domicile",
                "Des bénévoles rendent visite chaque semaine aux personnes âgées isolées "
                "qui le souhaitent.",
                ["vieillissement", "sante-mentale"],
                ["personnes-agees"],
                on_site=False,
                itinerant=True,
            ),
        ],
    },
    {
        "slug": "centre-hospitalier-val-yonne",
        "title": "Centre hospitalier du Val d'Yonne",
        "typology": "CH",
        "commune": "58079",
        "address": "12 route de Beaugy",
        "summary": "Hôpital de proximité : urgences, médecine, soins de suite, consultations "
        "avancées de spécialistes et équipe mobile de gériatrie.",
        "missions": "<p>Le centre hospitalier assure les soins de proximité du nord du "
        "territoire et coordonne les consultations spécialisées avancées.</p>",
        "themes": ["depistage", "addictions", "vieillissement"],
        "publics": ["tout-public"],
        "area": "territoire",
        "contacts": [
            (
                "Standard",
                "",
                "01 99 00 21 20",
                "contact@ch-val-yonne.example",
                "https://ch-val-yonne.example",
                "public",
            ),
            ("Ligne directe des médecins", "", "01 99 00 21 29", "", "", "pro"),
        ],
        "hours": "Mo-Fr 08:00-18:00",
        "hours_note": "Urgences ouvertes 24 h sur 24, tous les jours.",
        "step_free": "oui",
        "languages": "français, anglais, allemand",
        "fees": "pris-en-charge",
        "actions": [
            action(
                "Consultation de tabacologie",
                "Un accompagnement personnalisé pour arrêter de fumer, avec une infirmière "
                "tabacologue, sur rendez-vous.",
                ["addictions"],
                ["adultes", "16-25-ans"],
                fees="pris-en-charge",
            ),
            action(
                "Consultation mémoire",
                "Évaluation des troubles de la mémoire et orientation, sur adresse du "
                "médecin traitant.",
                ["vieillissement"],
                ["personnes-agees", "aidants"],
                fees="pris-en-charge",
                access="Sur orientation du médecin traitant.",
            ),
            action(
                "Dépistage des infections sexuellement transmissibles",
                "Consultation anonyme et gratuite du CeGIDD : dépistage du VIH, des hépatites "
                "et des infections sexuellement transmissibles, contraception d'urgence.",
                ["depistage"],
                ["16-25-ans", "adultes"],
                fees="gratuit",
                access="Sans rendez-vous le mercredi après-midi, anonyme.",
            ),
        ],
    },
    {
        "slug": "msp-varzy",
        "title": "Maison de santé pluriprofessionnelle de Varzy",
        "typology": "MSP",
        "commune": "58304",
        "address": "3 rue de la Gare",
        "summary": "Médecins généralistes, infirmières, kinésithérapeutes et diététicienne "
        "réunis pour soigner et prévenir.",
        "themes": ["nutrition", "depistage"],
        "publics": ["tout-public"],
        "area": ["58304", "58085", "58041"],
        "contacts": [
            ("Secrétariat", "", "01 99 00 21 30", "secretariat@msp-varzy.example", "", "public"),
            (
                "Coordinatrice",
                "Lucie Marchand",
                "01 99 00 21 31",
                "coordination@msp-varzy.example",
                "",
                "pro",
            ),
        ],
        "hours": "Mo-Fr 08:00-12:00 14:00-19:00; Sa 08:00-12:00",
        "step_free": "oui",
        "fees": "pris-en-charge",
        "actions": [
            action(
                "Atelier équilibre alimentaire",
                "Quatre séances avec la diététicienne pour cuisiner équilibré sans se ruiner.",
                ["nutrition"],
                ["adultes", "familles"],
                booking="https://msp-varzy.example/ateliers",
            ),
            action(
                "Éducation thérapeutique du diabète",
                "Un programme en groupe pour mieux vivre avec son diabète au quotidien.",
                ["nutrition", "depistage"],
                ["adultes", "personnes-agees"],
                fees="pris-en-charge",
            ),
        ],
    },
    {
        "slug": "jardins-du-beuvron",
        "title": "Les Jardins du Beuvron",
        "typology": "ASSO",
        "commune": "58041",
        "address": "Chemin du Moulin",
        "summary": "Association de jardins partagés : on y cultive, on y cuisine et on y "
        "partage ce qu'on récolte.",
        "themes": ["nutrition", "activite-physique"],
        "publics": ["familles", "adultes", "personnes-agees"],
        "area": ["Vaux d'Yonne"],
        "contacts": [
            (
                "Animatrice",
                "Camille Roux",
                "01 99 00 21 40",
                "bonjour@jardins-beuvron.example",
                "",
                "public",
            ),
        ],
        "hours": "We 14:00-18:00; Sa 09:00-12:00",
        "step_free": "partiel",
        "fees": "selon-ressources",
        "fees_detail": "Adhésion de 5 à 15 € par an selon les ressources.",
        "actions": [
            action(
                "Jardin partagé et cuisine de saison",
                "Jardiner ensemble le samedi matin, puis cuisiner les légumes de saison.",
                ["nutrition", "activite-physique"],
                ["familles", "adultes"],
                fees="selon-ressources",
            ),
        ],
    },
    {
        "slug": "panier-tannaysien",
        "title": "Épicerie solidaire « Le Panier tannaysien »",
        "typology": "BANQUE_ALIM",
        "commune": "58286",
        "address": "5 rue du Champ-de-Foire",
        "summary": "Des produits du quotidien à petit prix pour les foyers aux revenus "
        "modestes, orientés par un travailleur social.",
        "themes": ["nutrition", "acces-aux-droits"],
        "publics": ["publics-precaires", "familles"],
        "area": ["Vaux d'Yonne"],
        "contacts": [
            ("Accueil", "", "01 99 00 21 50", "panier@tannay-solidaire.example", "", "public"),
        ],
        "hours": "Tu 14:00-17:00; Fr 09:00-12:00",
        "step_free": "oui",
        "access": "Sur orientation d'un travailleur social (CCAS, département, CAF).",
        "fees": "selon-ressources",
        "fees_detail": "Produits à 10 à 30 % de leur prix habituel.",
        "closures": [("Congés d'été", 8, 1, 15)],
        "actions": [
            action(
                "Atelier cuisine petit budget",
                "Un repas complet pour moins de deux euros par personne, préparé et "
                "partagé ensemble.",
                ["nutrition"],
                ["publics-precaires", "familles"],
            ),
        ],
    },
    {
        "slug": "maison-sport-sante-vaux-yonne",
        "title": "Maison sport-santé des Vaux d'Yonne",
        "typology": "MSS",
        "commune": "58079",
        "address": "Gymnase du Crot-Pinçon, avenue de la République",
        "summary": "Bouger plus, à son rythme : bilan, activité physique adaptée et "
        "orientation vers les clubs du territoire.",
        "themes": ["activite-physique", "vieillissement"],
        "publics": ["adultes", "personnes-agees", "personnes-handicapees"],
        "area": ["Vaux d'Yonne"],
        "contacts": [
            (
                "Enseignant en activité physique adaptée",
                "Thomas Girard",
                "01 99 00 21 60",
                "sport-sante@vaux-yonne.example",
                "",
                "public",
            ),
        ],
        "hours": "Mo,We,Fr 09:00-12:00*; Tu,Th 14:00-18:00",
        "step_free": "oui",
        "fees": "gratuit",
        "fees_detail": "Bilan gratuit ; séances prises en charge par certaines mutuelles.",
        "actions": [
            action(
                "Marche santé du mardi",
                "Une marche d'une heure à allure douce au départ du gymnase, pour reprendre "
                "une activité en douceur.",
                ["activite-physique"],
                ["adultes", "personnes-agees"],
            ),
            action(
                "Activité physique adaptée sur prescription",
                "Douze semaines de séances encadrées, sur prescription médicale, pour les "
                "personnes atteintes d'une maladie chronique.",
                ["activite-physique"],
                ["adultes", "personnes-handicapees"],
                access="Sur prescription médicale (sport sur ordonnance).",
            ),
        ],
    },
    {
        "slug": "france-services-corvol",
        "title": "France services de Corvol-l'Orgueilleux",
        "typology": "FS",
        "commune": "58085",
        "address": "2 place de la Mairie",
        "summary": "Un guichet unique pour vos démarches administratives : santé, "
        "retraite, famille, impôts, emploi.",
        "themes": ["acces-aux-droits"],
        "publics": ["tout-public"],
        "area": ["Vaux d'Yonne"],
        "contacts": [
            (
                "Conseillère France services",
                "",
                "01 99 00 21 70",
                "france-services@corvol.example",
                "",
                "public",
            ),
        ],
        "hours": "Mo-Th 09:00-12:00 13:30-17:00; Fr 09:00-12:00",
        "step_free": "oui",
        "languages": "français, langue des signes française (sur rendez-vous)",
        "fees": "gratuit",
        "actions": [
            action(
                "Aide aux démarches santé en ligne",
                "Créer son compte Ameli, télécharger une attestation, déclarer un médecin "
                "traitant : on le fait avec vous.",
                ["acces-aux-droits"],
                ["adultes", "personnes-agees"],
            ),
        ],
    },
    {
        "slug": "cmp-clamecy",
        "title": "Centre médico-psychologique de Clamecy",
        "typology": "CMP",
        "commune": "58079",
        "address": "9 rue Marié-Davy",
        "summary": "Consultations de psychiatrie et de psychologie pour adultes, "
        "gratuites, avec une équipe de secteur.",
        "themes": ["sante-mentale"],
        "publics": ["adultes"],
        "area": ["Vaux d'Yonne"],
        "contacts": [
            (
                "Secrétariat",
                "",
                "01 99 00 21 80",
                "cmp-clamecy@sante-mentale.example",
                "",
                "public",
            ),
            ("Infirmier coordinateur", "", "01 99 00 21 89", "", "", "pro"),
        ],
        "hours": "Mo-Fr 09:00-17:00*",
        "appointment_only": True,
        "hours_note": "Premier accueil infirmier sans rendez-vous le jeudi de 14 h à 16 h.",
        "step_free": "partiel",
        "fees": "gratuit",
        "actions": [
            action(
                "Premier accueil sans rendez-vous",
                "Le jeudi après-midi, un infirmier vous reçoit sans rendez-vous pour "
                "évaluer votre demande et vous orienter.",
                ["sante-mentale"],
                ["adultes"],
            ),
        ],
    },
    # Haut-Morvan -----------------------------------------------------------------------------
    {
        "slug": "cpts-haut-morvan",
        "title": "CPTS du Haut-Morvan",
        "typology": "CPTS",
        "commune": "58062",
        "address": "Maison des professionnels, 4 rue du Faubourg-de-Paris",
        "summary": "La communauté professionnelle territoriale de santé réunit médecins, "
        "pharmaciens, infirmiers et kinés pour mieux soigner ensemble.",
        "missions": "<p>Accès à un médecin traitant, soins non programmés, parcours des "
        "personnes âgées, actions de prévention.</p>",
        "themes": ["depistage", "vieillissement", "acces-aux-droits"],
        "publics": ["professionnels", "tout-public"],
        "area": ["Haut-Morvan"],
        "contacts": [
            (
                "Coordination",
                "",
                "01 99 00 22 10",
                "contact@cpts-haut-morvan.example",
                "https://cpts-haut-morvan.example",
                "public",
            ),
            (
                "Coordinatrice",
                "Élodie Perrin",
                "01 99 00 22 11",
                "e.perrin@cpts-haut-morvan.example",
                "",
                "pro",
            ),
        ],
        "hours": "Mo-Fr 09:00-12:30 13:30-17:00",
        "step_free": "oui",
        "fees": "gratuit",
        "actions": [
            action(
                "Parcours prévention des chutes",
                "Repérage, bilan kiné et ateliers équilibre pour les plus de 65 ans, en lien "
                "avec votre médecin.",
                ["vieillissement", "activite-physique"],
                ["personnes-agees"],
                fees="pris-en-charge",
            ),
            action(
                "Soirées d'information des professionnels",
                "Une soirée par trimestre pour les soignants du territoire : nouveautés, "
                "parcours, cas pratiques.",
                ["depistage"],
                ["professionnels"],
            ),
        ],
    },
    {
        "slug": "centre-sante-haut-morvan",
        "title": "Centre de santé intercommunal du Haut-Morvan",
        "typology": "CDS",
        "commune": "58062",
        "address": "1 rue de l'Hôpital",
        "summary": "Des médecins salariés pour les habitants sans médecin traitant, et des "
        "consultations avancées de spécialistes.",
        "themes": ["acces-aux-droits", "depistage", "vie-affective-et-sexuelle"],
        "publics": ["tout-public"],
        "area": ["Haut-Morvan"],
        "contacts": [
            (
                "Secrétariat",
                "",
                "01 99 00 22 20",
                "rdv@cds-haut-morvan.example",
                "https://cds-haut-morvan.example",
                "public",
            ),
        ],
        "hours": "Mo-Fr 08:30-12:30 13:30-18:30",
        "step_free": "oui",
        "fees": "pris-en-charge",
        "fees_detail": "Tiers payant : aucune avance de frais.",
        "actions": [
            action(
                "Consultations avancées de gynécologie",
                "Une gynécologue du centre hospitalier consulte deux jeudis par mois.",
                ["vie-affective-et-sexuelle", "depistage"],
                ["femmes"],
                fees="pris-en-charge",
            ),
            action(
                "Séances de vaccination",
                "Mise à jour des vaccins, sans rendez-vous le premier mercredi du mois.",
                ["depistage"],
                ["tout-public"],
            ),
        ],
    },
    {
        "slug": "csapa-morvan",
        "title": "CSAPA du Morvan",
        "typology": "CSAPA",
        "commune": "58062",
        "address": "6 place Notre-Dame",
        "summary": "Centre de soins, d'accompagnement et de prévention en addictologie : "
        "alcool, tabac, cannabis, jeux, écrans.",
        "themes": ["addictions"],
        "publics": ["16-25-ans", "adultes", "familles"],
        "area": "territoire",
        "contacts": [
            ("Accueil", "", "01 99 00 22 30", "accueil@csapa-morvan.example", "", "public"),
            ("Médecin addictologue", "", "01 99 00 22 39", "", "", "pro"),
        ],
        "hours": "Mo,Tu,Th 09:00-12:30 13:30-17:00; We 13:30-19:00",
        "step_free": "non",
        "languages": "français, anglais",
        "access": "Anonyme et gratuit.",
        "fees": "gratuit",
        "actions": [
            action(
                "Consultation jeunes consommateurs",
                "Pour les 12-25 ans et leurs parents : parler de sa consommation, sans "
                "jugement, anonymement.",
                ["addictions"],
                ["12-15-ans", "16-25-ans", "familles"],
            ),
            action(
                "Groupe de parole addictions",
                "Un mardi sur deux, un groupe animé par une psychologue pour échanger entre pairs.",
                ["addictions", "sante-mentale"],
                ["adultes"],
            ),
            action(
                "Interventions de prévention en collège",
                "Des séances interactives sur les écrans, l'alcool et le cannabis, à la "
                "demande des établissements.",
                ["addictions"],
                ["12-15-ans", "professionnels"],
                on_site=False,
                itinerant=True,
            ),
        ],
    },
    {
        "slug": "msp-lormes",
        "title": "Maison de santé de Lormes",
        "typology": "MSP",
        "commune": "58145",
        "address": "15 rue du Pré-de-l'Étang",
        "summary": "Médecins, infirmiers, orthophoniste et podologue au cœur du bourg.",
        "themes": ["depistage", "nutrition"],
        "publics": ["tout-public"],
        "area": ["58145", "58185"],
        "contacts": [
            ("Secrétariat", "", "01 99 00 22 40", "secretariat@msp-lormes.example", "", "public"),
        ],
        "hours": "Mo-Fr 08:00-19:00; Sa 08:30-12:00",
        "step_free": "oui",
        "fees": "pris-en-charge",
        "actions": [
            action(
                "Dépistage de la rétinopathie diabétique",
                "Une photo du fond d'œil sans dilatation, lue à distance par un ophtalmologiste.",
                ["depistage"],
                ["adultes", "personnes-agees"],
                fees="pris-en-charge",
            ),
        ],
    },
    {
        "slug": "morvan-aidants",
        "title": "Association Morvan Aidants",
        "typology": "ASSO",
        "commune": "58180",
        "address": "Maison des associations, route du Lac",
        "summary": "Écoute, information et temps de répit pour les personnes qui "
        "accompagnent un proche malade, âgé ou handicapé.",
        "themes": ["aidants", "sante-mentale"],
        "publics": ["aidants"],
        "area": ["Haut-Morvan"],
        "contacts": [
            (
                "Permanence téléphonique",
                "",
                "01 99 00 22 50",
                "ecoute@morvan-aidants.example",
                "https://morvan-aidants.example",
                "public",
            ),
        ],
        "hours": "Tu 14:00-17:00; Th 09:00-12:00*",
        "step_free": "oui",
        "fees": "gratuit",
        "actions": [
            action(
                "Café des aidants",
                "Une fois par mois, un moment convivial pour échanger entre aidants, "
                "animé par une psychologue.",
                ["aidants", "sante-mentale"],
                ["aidants"],
            ),
            action(
                "Séjour de répit aux Settons",
                "Trois jours au bord du lac pour souffler, pendant que votre proche est accueilli.",
                ["aidants"],
                ["aidants", "personnes-agees"],
                fees="selon-ressources",
            ),
        ],
    },
    {
        "slug": "ccas-lormes",
        "title": "CCAS de Lormes",
        "typology": "CCAS",
        "commune": "58145",
        "address": "Mairie, place François-Mitterrand",
        "summary": "Aides facultatives, portage de repas et accompagnement des personnes "
        "âgées de Lormes.",
        "themes": ["vieillissement", "acces-aux-droits"],
        "publics": ["personnes-agees", "publics-precaires"],
        "area": ["58145"],
        "contacts": [
            (
                "Accueil de la mairie",
                "",
                "01 99 00 22 60",
                "ccas@lormes-mairie.example",
                "",
                "public",
            ),
        ],
        "hours": "Mo-Fr 09:00-12:00; Tu,Th 14:00-17:00",
        "step_free": "oui",
        "fees": "selon-ressources",
        "actions": [
            action(
                "Portage de repas à domicile",
                "Des repas équilibrés livrés cinq jours sur sept aux personnes âgées ou "
                "convalescentes.",
                ["vieillissement", "nutrition"],
                ["personnes-agees"],
                on_site=False,
                itinerant=True,
                fees="selon-ressources",
            ),
        ],
    },
    {
        "slug": "randonneurs-ouroux",
        "title": "Les Randonneurs d'Ouroux",
        "typology": "ASSO",
        "commune": "58205",
        "address": "Salle des fêtes, place de l'Église",
        "summary": "Club de randonnée qui propose des sorties douces accessibles à tous, "
        "labellisées sport-santé.",
        "themes": ["activite-physique"],
        "publics": ["adultes", "personnes-agees"],
        "area": ["Haut-Morvan"],
        "contacts": [
            (
                "Président",
                "Jean-Marc Lefèvre",
                "01 99 00 22 70",
                "rando@ouroux-randonnee.example",
                "",
                "public",
            ),
        ],
        "hours": "Th 09:00-12:00",
        "step_free": "",
        "fees": "payant",
        "fees_detail": "Licence annuelle de 25 € ; deux sorties d'essai gratuites.",
        "actions": [
            action(
                "Randonnée douce du jeudi",
                "Huit kilomètres sans difficulté, pauses comprises, départ 9 h devant la "
                "salle des fêtes.",
                ["activite-physique"],
                ["adultes", "personnes-agees"],
                fees="payant",
            ),
        ],
    },
    {
        "slug": "pmi-chateau-chinon",
        "title": "Centre de PMI de Château-Chinon",
        "typology": "PMI",
        "commune": "58062",
        "address": "Centre médico-social, 3 rue Jean-Jaurès",
        "summary": "Protection maternelle et infantile : suivi des futures mères, des "
        "nourrissons et des jeunes enfants jusqu'à 6 ans.",
        "themes": ["parentalite", "vie-affective-et-sexuelle"],
        "publics": ["0-6-ans", "familles", "femmes"],
        "area": ["Haut-Morvan", "Bazois-Aron"],
        "contacts": [
            (
                "Secrétariat",
                "",
                "01 99 00 22 80",
                "pmi-chateau-chinon@departement.example",
                "",
                "public",
            ),
            ("Puéricultrice", "", "01 99 00 22 81", "", "", "pro"),
        ],
        "hours": "Mo-Fr 09:00-12:00*; Tu 14:00-17:00",
        "step_free": "oui",
        "fees": "gratuit",
        "actions": [
            action(
                "Consultation du nourrisson",
                "Pesée, vaccins et conseils par le médecin et la puéricultrice de PMI.",
                ["parentalite", "depistage"],
                ["0-6-ans", "familles"],
            ),
            action(
                "Permanence de la sage-femme",
                "Suivi de grossesse, préparation à la naissance et contraception.",
                ["parentalite", "vie-affective-et-sexuelle"],
                ["femmes"],
            ),
        ],
    },
    {
        "slug": "cafe-associatif-moux",
        "title": "Café associatif La Fontaine",
        "typology": "ASSO",
        "commune": "58185",
        "address": "Le Bourg",
        "summary": "Tiers-lieu du village : café, ateliers et rencontres pour rompre l'isolement.",
        "themes": ["vieillissement", "sante-mentale"],
        "publics": ["tout-public", "personnes-agees"],
        "area": ["58185", "58180"],
        "contacts": [
            ("Accueil", "", "01 99 00 22 90", "bonjour@cafe-la-fontaine.example", "", "public"),
        ],
        "hours": "We-Sa 10:00-18:00",
        "step_free": "oui",
        "fees": "gratuit",
        "actions": [
            action(
                "Atelier mémoire du vendredi",
                "Jeux et exercices pour entretenir sa mémoire, dans la bonne humeur.",
                ["vieillissement"],
                ["personnes-agees"],
            ),
        ],
    },
    # Bazois-Aron -----------------------------------------------------------------------------
    {
        "slug": "msp-bazois",
        "title": "Maison de santé du Bazois",
        "typology": "MSP",
        "commune": "58065",
        "address": "8 rue du Docteur-Duret",
        "summary": "Trois médecins, des infirmières Asalée et une pharmacie attenante pour "
        "le Bazois.",
        "themes": ["depistage", "nutrition"],
        "publics": ["tout-public"],
        "area": ["58065", "58182"],
        "contacts": [
            ("Secrétariat", "", "01 99 00 23 10", "secretariat@msp-bazois.example", "", "public"),
            ("Infirmière Asalée", "", "01 99 00 23 11", "asalee@msp-bazois.example", "", "pro"),
        ],
        "hours": "Mo-Fr 08:00-12:00 14:00-19:00",
        "step_free": "oui",
        "fees": "pris-en-charge",
        "actions": [
            action(
                "Éducation thérapeutique de l'insuffisance cardiaque",
                "Comprendre son traitement, surveiller son poids et son sel, bouger sans risque.",
                ["depistage", "nutrition"],
                ["adultes", "personnes-agees"],
                fees="pris-en-charge",
            ),
        ],
    },
    {
        "slug": "ccas-luzy",
        "title": "CCAS de Luzy",
        "typology": "CCAS",
        "commune": "58149",
        "address": "Mairie, place Chanzy",
        "summary": "Aide sociale, logement et énergie : le CCAS de Luzy vous reçoit et vous "
        "oriente.",
        "themes": ["acces-aux-droits", "sante-environnementale"],
        "publics": ["adultes", "publics-precaires"],
        "area": ["58149"],
        "contacts": [
            ("Accueil", "", "01 99 00 23 20", "ccas@luzy-mairie.example", "", "public"),
        ],
        "hours": "Mo-Fr 09:00-12:00",
        "step_free": "partiel",
        "fees": "gratuit",
        "actions": [
            action(
                "Permanence logement et énergie",
                "Factures, humidité, chauffage : un conseiller vous aide à améliorer votre "
                "logement et votre santé.",
                ["sante-environnementale", "acces-aux-droits"],
                ["adultes", "publics-precaires"],
            ),
        ],
    },
    {
        "slug": "france-services-moulins-engilbert",
        "title": "France services de Moulins-Engilbert",
        "typology": "FS",
        "commune": "58182",
        "address": "20 rue des Fossés",
        "summary": "Démarches administratives accompagnées et permanences des partenaires "
        "(Assurance maladie, CAF, MSA).",
        "themes": ["acces-aux-droits"],
        "publics": ["tout-public"],
        "area": ["Bazois-Aron"],
        "contacts": [
            (
                "Conseiller France services",
                "",
                "01 99 00 23 30",
                "france-services@moulins-engilbert.example",
                "",
                "public",
            ),
        ],
        "hours": "Mo-Fr 09:00-12:30; Mo,We 13:30-17:00",
        "step_free": "oui",
        "fees": "gratuit",
        "actions": [
            action(
                "Permanence de l'Assurance maladie",
                "Un conseiller de l'Assurance maladie reçoit sur rendez-vous le deuxième "
                "mardi du mois.",
                ["acces-aux-droits"],
                ["adultes"],
            ),
            action(
                "Accompagnement numérique santé",
                "Prendre un rendez-vous médical en ligne, utiliser Mon espace santé : "
                "atelier en petit groupe.",
                ["acces-aux-droits"],
                ["personnes-agees", "adultes"],
            ),
        ],
    },
    {
        "slug": "maison-sport-sante-saint-honore",
        "title": "Maison sport-santé de Saint-Honoré-les-Bains",
        "typology": "MSS",
        "commune": "58246",
        "address": "Parc thermal, avenue du Général-d'Espeuilles",
        "summary": "Activités physiques adaptées en salle et en bassin, au parc thermal.",
        "themes": ["activite-physique", "vieillissement"],
        "publics": ["adultes", "personnes-agees"],
        "area": ["Bazois-Aron"],
        "contacts": [
            ("Accueil", "", "01 99 00 23 40", "sport-sante@saint-honore.example", "", "public"),
        ],
        "hours": "Mo-Fr 09:00-12:00 14:00-17:00",
        "step_free": "oui",
        "fees": "payant",
        "fees_detail": "Séance à 4 € ; gratuite avec une prescription médicale.",
        "closures": [("Vidange annuelle du bassin", 11, 3, 7)],
        "actions": [
            action(
                "Aquagym santé",
                "Une heure en eau chaude pour les articulations douloureuses, encadrée par "
                "un éducateur.",
                ["activite-physique"],
                ["adultes", "personnes-agees"],
                fees="payant",
            ),
            action(
                "Activité physique après un cancer",
                "Un programme de trois mois pour reprendre des forces pendant et après les "
                "traitements.",
                ["activite-physique"],
                ["adultes"],
                access="Sur prescription du médecin.",
            ),
        ],
    },
    {
        "slug": "parents-en-bazois",
        "title": "Parents en Bazois",
        "typology": "ASSO",
        "commune": "58046",
        "address": "Espace jeunesse, rue de la Gare",
        "summary": "Lieu d'accueil et d'écoute pour les parents, des premiers pas à l'adolescence.",
        "themes": ["parentalite", "sante-mentale"],
        "publics": ["familles", "0-6-ans", "12-15-ans"],
        "area": ["Bazois-Aron"],
        "contacts": [
            (
                "Animatrice",
                "Sophie Lambert",
                "01 99 00 23 50",
                "contact@parents-en-bazois.example",
                "",
                "public",
            ),
        ],
        "hours": "We 09:00-12:00 14:00-18:00; Sa 09:30-12:00",
        "step_free": "oui",
        "fees": "gratuit",
        "actions": [
            action(
                "Groupe de parole des parents d'ados",
                "Un jeudi soir par mois, échanger sur les écrans, le sommeil et les conflits.",
                ["parentalite", "sante-mentale"],
                ["familles"],
            ),
            action(
                "Matinées parents-bébés",
                "Jeux, comptines et conseils autour d'un café, le mercredi matin.",
                ["parentalite"],
                ["0-6-ans", "familles"],
            ),
        ],
    },
    {
        "slug": "point-ecoute-jeunes-sud-morvan",
        "title": "Point accueil écoute jeunes du Sud-Morvan",
        "typology": "ASSO",
        "commune": "58149",
        "address": "4 rue du Marché",
        "summary": "Écoute gratuite et confidentielle pour les 12-25 ans et leurs parents, "
        "avec ou sans rendez-vous.",
        "themes": ["sante-mentale", "addictions", "vie-affective-et-sexuelle"],
        "publics": ["12-15-ans", "16-25-ans", "familles"],
        "area": ["Bazois-Aron", "Loire et Acolin"],
        "contacts": [
            ("Psychologue", "", "01 99 00 23 60", "ecoute@paej-sud-morvan.example", "", "public"),
        ],
        "hours": "We 13:00-18:00; Fr 15:00-19:00*",
        "step_free": "oui",
        "fees": "gratuit",
        "actions": [
            action(
                "Écoute jeunes sans rendez-vous",
                "Le mercredi après-midi, un psychologue reçoit les jeunes qui en ont "
                "besoin, anonymement.",
                ["sante-mentale"],
                ["12-15-ans", "16-25-ans"],
            ),
        ],
    },
    {
        "slug": "mutuelle-familiale-nivernais-cercy",
        "title": "Mutuelle familiale du Nivernais — agence de Cercy-la-Tour",
        "typology": "MUTUELLE",
        "commune": "58046",
        "address": "11 place de l'Hôtel-de-Ville",
        "summary": "Agence d'une mutuelle de santé qui organise aussi des ateliers de "
        "prévention ouverts à tous.",
        "themes": ["vieillissement", "acces-aux-droits"],
        "publics": ["adultes", "personnes-agees"],
        "area": ["Bazois-Aron"],
        "contacts": [
            (
                "Conseillère",
                "",
                "01 99 00 23 70",
                "cercy@mutuelle-nivernais.example",
                "https://mutuelle-nivernais.example",
                "public",
            ),
        ],
        "hours": "Tu-Fr 09:00-12:00 14:00-17:30",
        "step_free": "oui",
        "fees": "gratuit",
        "actions": [
            action(
                "Atelier bien vieillir : équilibre et prévention des chutes",
                "Six séances pour gagner en équilibre et en confiance, ouvertes aux "
                "adhérents et aux non-adhérents.",
                ["vieillissement", "activite-physique"],
                ["personnes-agees"],
            ),
        ],
    },
    # Loire et Acolin -------------------------------------------------------------------------
    {
        "slug": "centre-hospitalier-loire-acolin",
        "title": "Centre hospitalier Loire-Acolin",
        "typology": "CH",
        "commune": "58095",
        "address": "4 avenue du 14-Juillet",
        "summary": "Hôpital de Decize : urgences, médecine, maternité de proximité, "
        "consultations et dépistages.",
        "themes": ["depistage", "parentalite", "addictions"],
        "publics": ["tout-public"],
        "area": "territoire",
        "contacts": [
            (
                "Standard",
                "",
                "01 99 00 24 10",
                "contact@ch-loire-acolin.example",
                "https://ch-loire-acolin.example",
                "public",
            ),
            ("Cadre de santé des urgences", "", "01 99 00 24 19", "", "", "pro"),
        ],
        "hours": "Mo-Fr 08:00-18:00",
        "hours_note": "Urgences ouvertes 24 h sur 24, tous les jours.",
        "step_free": "oui",
        "fees": "pris-en-charge",
        "actions": [
            action(
                "Journée de dépistage du cancer colorectal",
                "Chaque mois de mars, des soignants présentent le test et le remettent sur "
                "place aux 50-74 ans.",
                ["depistage"],
                ["adultes", "personnes-agees"],
            ),
            action(
                "Entretien prénatal précoce",
                "Un temps d'échange avec une sage-femme dès le début de la grossesse.",
                ["parentalite"],
                ["femmes", "familles"],
                fees="pris-en-charge",
            ),
        ],
    },
    {
        "slug": "cias-loire-acolin",
        "title": "CIAS Loire et Acolin",
        "typology": "CCAS",
        "commune": "58095",
        "address": "Maison des solidarités, 2 quai de Loire",
        "summary": "Le centre intercommunal d'action sociale : aides, services à domicile "
        "et accompagnement des personnes âgées.",
        "themes": ["vieillissement", "acces-aux-droits", "aidants"],
        "publics": ["personnes-agees", "aidants", "publics-precaires"],
        "area": ["Loire et Acolin"],
        "contacts": [
            ("Accueil", "", "01 99 00 24 20", "cias@loire-acolin.example", "", "public"),
            ("Responsable du service d'aide à domicile", "", "01 99 00 24 21", "", "", "pro"),
        ],
        "hours": "Mo-Fr 08:30-12:00 13:30-17:00",
        "step_free": "oui",
        "fees": "selon-ressources",
        "closures": [("Fermeture de fin d'année", 12, 24, 2)],
        "actions": [
            action(
                "Aide au répit des aidants",
                "Quelques heures par semaine d'accompagnement à domicile pour permettre à "
                "l'aidant de souffler.",
                ["aidants"],
                ["aidants", "personnes-agees"],
                on_site=False,
                itinerant=True,
                fees="selon-ressources",
            ),
        ],
    },
    {
        "slug": "partage-loire",
        "title": "Association Partage Loire",
        "typology": "BANQUE_ALIM",
        "commune": "58250",
        "address": "Ancienne gare, rue de la Verrerie",
        "summary": "Aide alimentaire, vestiaire et accueil convivial, animés par des bénévoles.",
        "themes": ["nutrition", "acces-aux-droits"],
        "publics": ["publics-precaires", "familles"],
        "area": ["Loire et Acolin"],
        "contacts": [
            ("Accueil", "", "01 99 00 24 30", "contact@partage-loire.example", "", "public"),
        ],
        "hours": "We 09:00-12:00 14:00-17:00; Sa 09:00-12:00",
        "step_free": "oui",
        "fees": "gratuit",
        "access": "Inscription avec un justificatif de ressources.",
        "closures": [("Congés d'été", 8, 5, 14)],
        "actions": [
            action(
                "Distribution alimentaire du mercredi",
                "Colis de produits frais et secs, sur inscription, le mercredi.",
                ["nutrition"],
                ["publics-precaires", "familles"],
                access="Inscription préalable.",
            ),
        ],
    },
    {
        "slug": "cmp-infanto-juvenile-decize",
        "title": "CMP infanto-juvénile de Decize",
        "typology": "CMP",
        "commune": "58095",
        "address": "7 rue des Écoles",
        "summary": "Consultations de pédopsychiatrie, psychologie, orthophonie et "
        "psychomotricité pour les enfants et les adolescents.",
        "themes": ["sante-mentale", "parentalite"],
        "publics": ["0-6-ans", "7-11-ans", "12-15-ans", "familles"],
        "area": ["Loire et Acolin", "Bazois-Aron"],
        "contacts": [
            (
                "Secrétariat",
                "",
                "01 99 00 24 40",
                "cmp-ij-decize@sante-mentale.example",
                "",
                "public",
            ),
            ("Pédopsychiatre", "", "01 99 00 24 49", "", "", "pro"),
        ],
        "hours": "Mo-Fr 09:00-17:30*",
        "appointment_only": True,
        "step_free": "oui",
        "fees": "gratuit",
        "actions": [
            action(
                "Consultation enfants et adolescents",
                "Un premier rendez-vous avec un infirmier ou un psychologue, puis une "
                "prise en charge adaptée.",
                ["sante-mentale"],
                ["7-11-ans", "12-15-ans", "familles"],
            ),
        ],
    },
    {
        "slug": "assurance-maladie-decize",
        "title": "Accueil de l'Assurance maladie de Decize",
        "typology": "SECU",
        "commune": "58095",
        "address": "9 place du Champ-de-Foire",
        "summary": "Vos droits santé, la complémentaire santé solidaire et l'examen de "
        "prévention en santé.",
        "themes": ["acces-aux-droits", "depistage"],
        "publics": ["adultes", "publics-precaires"],
        "area": "territoire",
        "contacts": [
            (
                "Accueil",
                "",
                "01 99 00 24 50",
                "accueil-decize@assurance-maladie.example",
                "",
                "public",
            ),
        ],
        "hours": "Mo-We 08:30-12:00 13:30-16:30*; Th 08:30-12:00",
        "step_free": "oui",
        "fees": "gratuit",
        "actions": [
            action(
                "Examen de prévention en santé",
                "Un bilan de santé gratuit pour les assurés éloignés du soin, avec un "
                "médecin et une infirmière.",
                ["depistage", "acces-aux-droits"],
                ["adultes", "publics-precaires"],
            ),
        ],
    },
    {
        "slug": "gym-volontaire-dornes",
        "title": "Gymnastique volontaire de Dornes",
        "typology": "ASSO",
        "commune": "58104",
        "address": "Salle polyvalente, route de Moulins",
        "summary": "Gym douce, équilibre et stretching pour les seniors, dans une ambiance "
        "conviviale.",
        "themes": ["activite-physique", "vieillissement"],
        "publics": ["personnes-agees", "adultes"],
        "area": ["58104", "58087"],
        "contacts": [
            (
                "Présidente",
                "Monique Aubry",
                "01 99 00 24 60",
                "gv-dornes@club-sport.example",
                "",
                "public",
            ),
        ],
        "hours": "Mo,Th 10:00-11:00",
        "step_free": "oui",
        "fees": "payant",
        "fees_detail": "Cotisation annuelle de 60 €.",
        "actions": [
            action(
                "Gym douce seniors",
                "Deux séances par semaine pour garder souplesse et équilibre.",
                ["activite-physique", "vieillissement"],
                ["personnes-agees"],
                fees="payant",
            ),
        ],
    },
    {
        "slug": "espace-vie-sociale-fours",
        "title": "Espace de vie sociale La Halle",
        "typology": "ASSO",
        "commune": "58118",
        "address": "Place de la Halle",
        "summary": "Un lieu ouvert à tous pour se rencontrer, proposer des activités et "
        "s'entraider.",
        "themes": ["nutrition", "sante-mentale"],
        "publics": ["tout-public", "familles"],
        "area": ["58118", "58046"],
        "contacts": [
            (
                "Animateur",
                "Karim Benali",
                "01 99 00 24 70",
                "lahalle@fours-evs.example",
                "",
                "public",
            ),
        ],
        "hours": "Tu-Fr 14:00-18:00; Sa 10:00-12:00",
        "step_free": "oui",
        "fees": "gratuit",
        "actions": [
            action(
                "Atelier cuisine et convivialité",
                "Cuisiner ensemble des recettes simples et de saison, puis partager le repas.",
                ["nutrition"],
                ["tout-public"],
            ),
        ],
    },
    {
        "slug": "relais-petite-enfance-sud-nivernais",
        "title": "Relais petite enfance du Sud-Nivernais",
        "typology": "COLLECTIVITE",
        "commune": "58087",
        "address": "École, le Bourg",
        "summary": "Le service de la communauté de communes qui informe les parents sur "
        "les modes d'accueil et anime des matinées d'éveil.",
        "themes": ["parentalite"],
        "publics": ["0-6-ans", "familles", "professionnels"],
        "area": ["Loire et Acolin"],
        "contacts": [
            ("Animatrice", "", "01 99 00 24 80", "rpe@loire-acolin.example", "", "public"),
        ],
        "hours": "Mo,Tu,Th 09:00-12:00; Tu 13:30-17:00*",
        "step_free": "oui",
        "fees": "gratuit",
        "actions": [
            action(
                "Matinées d'éveil itinérantes",
                "Des matinées de jeux pour les tout-petits et leurs assistantes maternelles, "
                "dans cinq villages à tour de rôle.",
                ["parentalite"],
                ["0-6-ans", "professionnels"],
                on_site=False,
                itinerant=True,
            ),
        ],
    },
]
