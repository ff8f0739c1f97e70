"""National prevention campaigns the demo events take part in: (slug, name, organiser, period,
website). The websites are the campaigns' real public pages."""

CAMPAIGNS = [
    (
        "mois-sans-tabac",
        "Mois sans tabac",
        "Santé publique France et Assurance maladie",
        "novembre",
        "https://mois-sans-tabac.tabac-info-service.fr/",
    ),
    (
        "octobre-rose",
        "Octobre rose",
        "Ligue contre le cancer et Institut national du cancer",
        "octobre",
        "https://www.e-cancer.fr/",
    ),
    (
        "semaines-information-sante-mentale",
        "Semaines d'information sur la santé mentale",
        "Collectif national des SISM",
        "deux semaines en octobre",
        "https://www.semaines-sante-mentale.fr/",
    ),
    (
        "mars-bleu",
        "Mars bleu",
        "Institut national du cancer",
        "mars",
        "https://www.e-cancer.fr/",
    ),
    (
        "semaine-europeenne-vaccination",
        "Semaine européenne de la vaccination",
        "Ministère de la Santé et Santé publique France",
        "fin avril",
        "https://vaccination-info-service.fr/",
    ),
    (
        "journee-nationale-aidants",
        "Journée nationale des aidants",
        "Collectif « Je t'aide »",
        "6 octobre",
        "https://associationjetaide.org/",
    ),
    (
        "journee-mondiale-sida",
        "Journée mondiale de lutte contre le sida",
        "ONUSIDA, relayée par Santé publique France",
        "1er décembre",
        "https://www.sida-info-service.org/",
    ),
    (
        "semaine-prevention-diabete",
        "Semaine nationale de prévention du diabète",
        "Fédération française des diabétiques",
        "juin",
        "https://www.federationdesdiabetiques.org/",
    ),
    (
        "bus-du-coeur-des-femmes",
        "Bus du cœur des femmes",
        "Fonds de dotation Agir pour le cœur des femmes",
        "en tournée toute l'année",
        "https://www.agirpourlecoeurdesfemmes.com/",
    ),
]
