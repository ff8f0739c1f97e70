"""The demo territory: a fictional "Pays des Quatre Rivières" made of real communes of the Nièvre.

The PETR, its four communautés de communes, its contract and every structure are invented;
only the communes' names and postal codes are real. Later issues reuse this data for the
communes taxonomy, the directory and the action plan.
"""

TERRITORY_NAME = "Pays des Quatre Rivières"
CONTRACT_NAME = "Contrat local de santé du Pays des Quatre Rivières"
CONTRACT_PERIOD = (2025, 2029)

# (name of the communauté de communes, [(commune, postal code), ...])
COMMUNITIES = [
    (
        "Communauté de communes des Vaux d'Yonne",
        [
            ("Clamecy", "58500"),
            ("Varzy", "58210"),
            ("Brinon-sur-Beuvron", "58420"),
            ("Tannay", "58190"),
            ("Corvol-l'Orgueilleux", "58460"),
        ],
    ),
    (
        "Communauté de communes du Haut-Morvan",
        [
            ("Château-Chinon (Ville)", "58120"),
            ("Lormes", "58140"),
            ("Montsauche-les-Settons", "58230"),
            ("Ouroux-en-Morvan", "58230"),
            ("Moux-en-Morvan", "58230"),
        ],
    ),
    (
        "Communauté de communes Bazois-Aron",
        [
            ("Moulins-Engilbert", "58290"),
            ("Châtillon-en-Bazois", "58110"),
            ("Cercy-la-Tour", "58340"),
            ("Saint-Honoré-les-Bains", "58360"),
            ("Luzy", "58170"),
        ],
    ),
    (
        "Communauté de communes Loire et Acolin",
        [
            ("Decize", "58300"),
            ("Saint-Léger-des-Vignes", "58300"),
            ("Fours", "58250"),
            ("Dornes", "58390"),
            ("Cossaye", "58300"),
        ],
    ),
]

# The contract's strategic axes: (title, what it is for).
AXES = [
    (
        "Prévenir et promouvoir la santé à tous les âges",
        "Rendre visibles les journées santé et les actions de prévention, aller vers les "
        "publics qui en sont éloignés, soutenir le dépistage des cancers et des maladies "
        "cardio-vasculaires, promouvoir l'activité physique et une alimentation favorable "
        "à la santé.",
    ),
    (
        "Faciliter l'accès aux soins et aux droits",
        "Accueillir et installer de nouveaux professionnels, soutenir l'exercice coordonné "
        "avec les maisons de santé et la CPTS, développer les consultations itinérantes et "
        "les solutions de mobilité pour les habitants sans voiture.",
    ),
    (
        "Prendre soin de la santé mentale",
        "Animer le conseil local en santé mentale, former des secouristes en santé mentale, "
        "renforcer l'écoute des jeunes et l'accompagnement des personnes isolées.",
    ),
    (
        "Accompagner le vieillissement et soutenir les aidants",
        "Prévenir la perte d'autonomie, prévenir les chutes, rompre l'isolement des personnes "
        "âgées et offrir aux aidants des temps de répit et d'échange entre pairs.",
    ),
    (
        "Agir sur l'environnement et le cadre de vie",
        "Surveiller la qualité de l'eau et de l'air intérieur, prévenir les maladies "
        "transmises par les tiques et les moustiques, encourager les mobilités actives.",
    ),
]


def commune_count():
    return sum(len(communes) for _, communes in COMMUNITIES)
