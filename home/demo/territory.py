"""The demo territory: a fictional "Pays des Quatre Rivières" made of real communes of the Nièvre.

The PETR, its four communautés de communes, its contract and every structure are invented;
only the communes (names, INSEE and postal codes, centres) are real. The home demo turns them
into the communes taxonomy; the directory and the action plan place things in them.
"""

from typing import NamedTuple

TERRITORY_NAME = "Pays des Quatre Rivières"
CONTRACT_NAME = "Contrat local de santé du Pays des Quatre Rivières"
CONTRACT_PERIOD = (2025, 2029)


class Commune(NamedTuple):
    """A real commune of the Nièvre: INSEE code and postal code as published, centre approximate."""

    name: str
    postal_code: str
    insee_code: str
    latitude: float
    longitude: float


class Community(NamedTuple):
    """A fictional communauté de communes grouping real communes."""

    name: str
    short_name: str
    communes: list[Commune]


# INSEE codes from the Code officiel géographique (département 58); centres rounded to 4 decimals.
COMMUNITIES = [
    Community(
        "Communauté de communes des Vaux d'Yonne",
        "Vaux d'Yonne",
        [
            Commune("Clamecy", "58500", "58079", 47.4600, 3.5200),
            Commune("Varzy", "58210", "58304", 47.3594, 3.3867),
            Commune("Brinon-sur-Beuvron", "58420", "58041", 47.2817, 3.4919),
            Commune("Tannay", "58190", "58286", 47.3686, 3.5925),
            Commune("Corvol-l'Orgueilleux", "58460", "58085", 47.4333, 3.4083),
        ],
    ),
    Community(
        "Communauté de communes du Haut-Morvan",
        "Haut-Morvan",
        [
            Commune("Château-Chinon (Ville)", "58120", "58062", 47.0653, 3.9331),
            Commune("Lormes", "58140", "58145", 47.2897, 3.8175),
            Commune("Montsauche-les-Settons", "58230", "58180", 47.2156, 4.0267),
            Commune("Ouroux-en-Morvan", "58230", "58205", 47.1864, 3.9464),
            Commune("Moux-en-Morvan", "58230", "58185", 47.1719, 4.1539),
        ],
    ),
    Community(
        "Communauté de communes Bazois-Aron",
        "Bazois-Aron",
        [
            Commune("Moulins-Engilbert", "58290", "58182", 46.9872, 3.8106),
            Commune("Châtillon-en-Bazois", "58110", "58065", 47.0531, 3.6564),
            Commune("Cercy-la-Tour", "58340", "58046", 46.8694, 3.6458),
            Commune("Saint-Honoré-les-Bains", "58360", "58246", 46.9067, 3.8411),
            Commune("Luzy", "58170", "58149", 46.7903, 3.9694),
        ],
    ),
    Community(
        "Communauté de communes Loire et Acolin",
        "Loire et Acolin",
        [
            Commune("Decize", "58300", "58095", 46.8283, 3.4614),
            Commune("Saint-Léger-des-Vignes", "58300", "58250", 46.8408, 3.4553),
            Commune("Fours", "58250", "58118", 46.8181, 3.7203),
            Commune("Dornes", "58390", "58104", 46.7158, 3.3533),
            Commune("Cossaye", "58300", "58087", 46.7494, 3.4853),
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
    return len(all_communes())


def all_communes():
    return [commune for community in COMMUNITIES for commune in community.communes]


def bounding_box(margin=0.05):
    """(south, west, north, east) around the communes' centres, `margin` degrees wider."""
    communes = all_communes()
    return (
        min(c.latitude for c in communes) - margin,
        min(c.longitude for c in communes) - margin,
        max(c.latitude for c in communes) + margin,
        max(c.longitude for c in communes) + margin,
    )
