"""The demo contract's own texts: presentation, signatories, axes, and the 2025 annual report.

Invented for the fictional Pays des Quatre Rivières (home/demo/territory.py); the axes' titles
and summaries come from there, so that the home page's "axes du contrat" and the plan agree.
"""

import datetime

from home.demo.territory import COMMUNITIES, TERRITORY_NAME, commune_count

CONTRACT_TITLE = "Contrat local de santé 2025–2029"
CONTRACT_TERRITORY = (
    f"{TERRITORY_NAME} : quatre communautés de communes, {commune_count()} communes"
)
SIGNED_ON = datetime.date(2025, 3, 21)
CONTACT_EMAIL = "coordination-cls@quatre-rivieres.example"

CONTRACT_INTRODUCTION = (
    "<p>Signé au printemps 2025, le contrat local de santé engage l'État, l'Agence régionale "
    "de santé, l'Assurance maladie et les collectivités du territoire autour d'un plan "
    "d'actions de cinq ans. Il est né d'un diagnostic partagé : une population plus âgée "
    "qu'ailleurs, des médecins qui partent à la retraite sans successeur, des distances "
    "longues pour se soigner, et une offre de prévention réelle mais mal connue.</p>"
    "<p>Chaque fiche action dit qui la porte, avec qui, pour qui, avec quel budget et comment "
    "on saura si elle a atteint son but. Les indicateurs sont saisis par la coordination et "
    "par les structures porteuses, puis publiés ici une fois validés.</p>"
)

# (name, represented by, website): the usual signatories of a CLS, then the territory's own.
SIGNATORIES = [
    (
        "Agence régionale de santé Bourgogne-Franche-Comté",
        "le directeur général",
        "https://www.bourgogne-franche-comte.ars.sante.fr/",
    ),
    ("Préfecture de la Nièvre", "le préfet", "https://www.nievre.gouv.fr/"),
    (
        "Caisse primaire d'assurance maladie de la Nièvre",
        "la directrice",
        "https://www.ameli.fr/nievre",
    ),
    (
        "Mutualité sociale agricole de Bourgogne",
        "le directeur général",
        "https://bourgogne.msa.fr/",
    ),
    ("Caisse d'allocations familiales de la Nièvre", "le directeur", "https://www.caf.fr/"),
    ("Centre hospitalier du Val d'Yonne", "la directrice", ""),
    ("CPTS du Haut-Morvan", "la présidente", ""),
    (
        "Direction des services départementaux de l'Éducation nationale de la Nièvre",
        "l'inspectrice d'académie",
        "",
    ),
    (f"PETR du {TERRITORY_NAME}", "le président", ""),
    *((community.name, "le président", "") for community in COMMUNITIES),
]

AXIS_SLUGS = [
    "prevention-et-promotion-de-la-sante",
    "acces-aux-soins-et-aux-droits",
    "sante-mentale",
    "vieillissement-et-aidants",
    "environnement-et-cadre-de-vie",
]

AXIS_DESCRIPTIONS = [
    "<p>Le territoire dépiste moins qu'ailleurs et les habitants éloignés des bourgs "
    "profitent peu des actions de prévention. Cet axe mise sur l'« aller vers » : des "
    "permanences là où vivent les gens, des ateliers près de chez eux, et une information "
    "claire sur qui propose quoi.</p>",
    "<p>Un médecin généraliste sur trois a plus de soixante ans. Pour que chacun garde un "
    "médecin traitant, il faut donner envie aux jeunes professionnels de s'installer, "
    "soutenir ceux qui travaillent ensemble et aider les habitants à ouvrir leurs droits.</p>",
    "<p>Les délais pour consulter en psychiatrie sont longs et les maires se sentent seuls "
    "face aux crises. Cet axe réunit les acteurs autour d'un conseil local en santé mentale "
    "et forme les habitants à repérer la détresse.</p>",
    "<p>Plus d'un habitant sur trois a plus de soixante ans. Rester chez soi en bonne santé "
    "suppose de prévenir les chutes, de rompre l'isolement et de soutenir les proches "
    "aidants, souvent épuisés.</p>",
    "<p>Logements anciens chauffés au bois, forêts où les tiques abondent, arrivée du "
    "moustique tigre : l'environnement pèse sur la santé. Cet axe décline localement le plan "
    "régional santé environnement.</p>",
]

REPORT_TITLE = "Rapport d'activité 2025"
REPORT_INTRODUCTION = (
    "<p>2025 est la première année du contrat. Elle a surtout servi à mettre en place : "
    "les comités se sont réunis, les porteurs ont lancé leurs actions et la plupart des "
    "indicateurs ont été saisis pour la première fois. Ce rapport présente, axe par axe, ce "
    "qui a été fait et ce qu'il reste à faire.</p>"
)
REPORT_GENERAL = (
    "L'année en bref",
    "<p>Quatorze actions sur quinze ont démarré. Le site de l'annuaire et de l'agenda, ouvert "
    "en mars, est devenu l'outil commun des partenaires : les structures mettent elles-mêmes "
    "leur fiche à jour et la coordination relaie leurs informations. Deux actions ont pris du "
    "retard : la qualité de l'air intérieur attend le résultat de l'appel à projets régional, "
    "et les visites de convivialité manquent de bénévoles.</p>",
)
REPORT_AXES = [
    (
        "Des permanences au plus près des habitants",
        "<p>Les permanences de dépistage ont trouvé leur public dans les marchés et les fêtes "
        "de village, en particulier pendant Octobre rose. Les ateliers cuisine du CCAS de "
        "Clamecy font le plein ; la Maison sport-santé doit encore convaincre les médecins de "
        "prescrire.</p>",
    ),
    (
        "Accueillir et coordonner",
        "<p>Chaque semestre, des internes ont été logés dans les deux appartements meublés. "
        "La CPTS a validé son projet de santé et réuni ses groupes de travail chaque mois. "
        "Les permanences « droits de santé » sont désormais assurées par les France "
        "services elles-mêmes.</p>",
    ),
    (
        "Un réseau qui se connaît mieux",
        "<p>Le conseil local en santé mentale a signé sa charte et sa cellule de cas complexes "
        "se réunit chaque mois. Les sessions de secourisme en santé mentale ont formé "
        "des habitants, des bénévoles et des secrétaires de mairie.</p>",
    ),
    (
        "Le soutien aux aidants trouve son rythme",
        "<p>Le café des aidants s'est installé dans trois communes et le premier séjour de "
        "répit a eu lieu en juin. Les visites de convivialité, faute de bénévoles, "
        "sont suspendues : le CIAS étudie une reprise avec des services civiques.</p>",
    ),
    (
        "Préparer les actions de santé environnement",
        "<p>Les panneaux d'information sur les tiques sont posés au départ des principaux "
        "sentiers. La mesure de l'air intérieur dans les écoles démarrera en 2027, avec des "
        "capteurs prêtés par Atmo.</p>",
    ),
]
REPORT_CONCLUSION = (
    "<p>En 2026, la coordination veut consolider les actions lancées, faire connaître le "
    "site aux secrétaires de mairie et aux pharmacies, et mieux mesurer l'effet des actions "
    "sur la santé des habitants : questionnaires de suivi, données du dépistage et de "
    "l'Assurance maladie.</p>"
)
