"""Search over 10,000 French documents: Wagtail's database backend and Maillage's Whoosh backend.

In a transaction rolled back at the end, on top of the demo territory: 10,000 live standard pages
(title, chapô, a body of three paragraphs) under one section, written in bulk (see add_pages).
Their French is generated from a fixed seed and a health-prevention vocabulary (addictions,
alimentation, santé mentale, vaccination, dépistage, sport-santé, aidants, périnatalité, the
communes of a rural territory), with accents, plurals and elisions.

A few documents per labelled subject ("Vaccination contre la rougeole", "Dépistage des
infections sexuellement transmissibles"…) are the only ones using that subject's rare words:
each labelled query (inflected, unaccented, misspelt, elided, acronym of a synonym group, or
typed exactly as a control) must bring them into its first ten results.

For each backend (the database one, and the Whoosh one when `search.backends.whoosh` imports, on
an index in a temporary folder), in the same run and on the same data:
- indexing throughput: `update_index` for that backend (its rebuilder, every indexed model),
  documents per second;
- query latency: p50 and p95 over QUERIES, each one warm-up then REPEAT timed runs of what the
  search page does (query cleaned and cut, quotes read as phrases, `Page.objects.live().public()
  .search(q)[:10]` evaluated), server-side, without HTTP;
- recall@10 on LABELLED: the share of a query's target documents among its first ten results,
  averaged over the queries, per kind of query. The misses are printed, with what came first.
"""

import importlib.util
import io
import json
import random
import shutil
import statistics
import tempfile
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone
from modelsearch.index import get_indexed_models
from modelsearch.utils import parse_query_string
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.models import HomePage, StandardPage
from search.query import MAX_QUERY_LENGTH, normalise_words

DOCUMENTS = 10_000
TARGETS_PER_SUBJECT = 3
REPEAT = 5
SEED = 7
DATABASE = "wagtail.search.backends.database"
WHOOSH = "search.backends.whoosh"

# The rural territory. Courçon and Longèves are kept for labelled subjects only.
COMMUNES = [
    "Marans", "Andilly", "Charron", "Villedoux", "Ferrières", "Saint-Jean-de-Liversay",
    "Nuaillé-d'Aunis", "Benon", "La Ronde", "Taugon", "Saint-Ouen-d'Aunis", "Esnandes",
    "Angliers", "Saint-Sauveur-d'Aunis", "Le Gué-d'Alleré", "Cramchaban",
    "La Grève-sur-le-Mignon", "Saint-Cyr-du-Doret", "Sainte-Soulle", "Anais",
]  # fmt: skip
PUBLICS = [
    "jeunes", "adolescents", "seniors", "parents", "familles", "enfants", "femmes enceintes",
    "personnes âgées", "habitants", "professionnels de santé", "élus", "bénévoles",
    "personnes en situation de handicap", "étudiants", "salariés",
]  # fmt: skip
FORMATS = [
    "Atelier", "Permanence", "Groupe de parole", "Conférence", "Forum", "Consultation",
    "Journée d'information", "Café-rencontre", "Formation", "Exposition", "Stand", "Ciné-débat",
]  # fmt: skip

# Per theme: subjects for titles, and sentences for the chapô and the body.
THEMES = {
    "addictions": (
        [
            "prévention des addictions", "l'alcool et les jeunes", "réduction des risques",
            "consultation jeunes consommateurs", "les écrans et les adolescents",
            "conduites addictives", "prévention de l'alcoolisation", "arrêt du tabac",
        ],
        [
            "Les addictions touchent toutes les générations du territoire.",
            "L'équipe spécialisée répond aux questions des familles sans jugement.",
            "La consommation d'alcool des jeunes reste élevée lors des fêtes de village.",
            "Les écrans occupent une place croissante dans le quotidien des adolescents.",
            "Un infirmier accompagne les personnes qui souhaitent arrêter de fumer.",
            "La réduction des risques s'adresse aussi aux organisateurs de soirées.",
            "Des conseils pratiques sont donnés pour parler d'alcool avec ses enfants.",
            "Les dépendances se soignent : il n'est jamais trop tard pour demander de l'aide.",
        ],
    ),
    "alimentation": (
        [
            "équilibre alimentaire", "ateliers cuisine", "nutrition des seniors",
            "fruits et légumes de saison", "goûter équilibré à l'école", "manger local",
            "diversification alimentaire", "l'alimentation des enfants",
        ],
        [
            "Manger équilibré ne coûte pas forcément plus cher.",
            "Les légumes du marché de Marans sont cuisinés ensemble pendant l'atelier.",
            "Une diététicienne présente des recettes simples et économiques.",
            "L'alimentation des enfants évolue beaucoup pendant les premières années.",
            "Les goûters préparés à la maison remplacent les biscuits industriels.",
            "Les producteurs locaux proposent des paniers de fruits et légumes de saison.",
            "Bien manger aide à rester en forme et à mieux dormir.",
            "Les repas partagés rompent l'isolement des personnes âgées.",
        ],
    ),
    "santé mentale": (
        [
            "santé mentale", "premiers secours en santé mentale", "bien-être psychique",
            "écoute et soutien psychologique", "gestion du stress", "isolement social",
            "semaines d'information sur la santé mentale",
        ],
        [
            "La santé mentale fait partie de la santé, au même titre que la santé physique.",
            "Un psychologue reçoit gratuitement les jeunes de douze à vingt-cinq ans.",
            "Les premiers secours en santé mentale s'apprennent en deux jours.",
            "Le stress au travail peut être repéré et pris en charge tôt.",
            "L'isolement social fragilise le bien-être psychique des habitants.",
            "Des lieux d'écoute existent près de chez vous, sans rendez-vous.",
            "Parler de ses difficultés est le premier pas vers le mieux-être.",
        ],
    ),
    "vaccination": (
        [
            "vaccination", "campagne de vaccination contre la grippe", "vaccins des enfants",
            "rattrapage vaccinal", "carnet de vaccination", "vaccination des seniors",
        ],
        [
            "La vaccination protège chacun et ceux qui l'entourent.",
            "Les vaccins obligatoires des enfants sont pris en charge.",
            "Un pharmacien peut vacciner contre la grippe sur simple rendez-vous.",
            "Le carnet de vaccination se vérifie à chaque consultation.",
            "La campagne contre la grippe commence chaque année en octobre.",
            "Les rappels de vaccins sont souvent oubliés à l'âge adulte.",
        ],
    ),
    "dépistage": (
        [
            "dépistage des cancers", "dépistage du diabète", "bilan de santé gratuit",
            "dépistage auditif", "dépistage visuel", "journée de dépistage",
        ],
        [
            "Le dépistage organisé des cancers concerne les femmes et les hommes.",
            "Un bilan de santé gratuit est proposé tous les cinq ans.",
            "Le diabète peut être dépisté par une simple goutte de sang.",
            "Les tests auditifs sont réalisés par un audioprothésiste bénévole.",
            "Dépister tôt permet de soigner plus facilement.",
            "Les invitations au dépistage arrivent par courrier.",
        ],
    ),
    "sport-santé": (
        [
            "sport-santé", "activité physique", "gym douce", "randonnée santé",
            "maison sport-santé", "bouger au quotidien", "prévention des chutes",
        ],
        [
            "L'activité physique régulière réduit les risques de maladies chroniques.",
            "Les séances de gym douce sont adaptées à tous les âges.",
            "Une randonnée santé part chaque mardi de la place de l'église.",
            "Bouger trente minutes par jour suffit pour ressentir des effets.",
            "Les éducateurs sportifs sont formés à l'accueil des personnes malades.",
            "La prévention des chutes passe par l'équilibre et le renforcement musculaire.",
        ],
    ),
    "aidants": (
        [
            "aide aux aidants", "proches aidants", "café des aidants", "soutien aux familles",
            "maintien à domicile", "formation des aidants",
        ],
        [
            "Les aidants accompagnent un proche malade, âgé ou en situation de handicap.",
            "Le café des aidants se réunit un samedi par mois.",
            "Des solutions d'accueil de jour soulagent les familles.",
            "Les aidants ont droit à des heures de formation gratuites.",
            "Le maintien à domicile s'organise avec les services d'aide.",
            "S'occuper d'un proche ne doit pas faire oublier sa propre santé.",
        ],
    ),
    "périnatalité": (
        [
            "périnatalité", "préparation à la naissance", "accompagnement des jeunes parents",
            "soutien à la parentalité", "sommeil du nourrisson", "premiers mois de l'enfant",
        ],
        [
            "Les sages-femmes du territoire préparent les futurs parents à la naissance.",
            "Le retour à la maison après l'accouchement est accompagné.",
            "Les jeunes parents échangent sur le sommeil du nourrisson.",
            "Des puéricultrices répondent aux questions pendant les premiers mois.",
            "La parentalité s'apprend aussi entre parents, autour d'un café.",
            "Les consultations de suivi de grossesse sont remboursées.",
        ],
    ),
}  # fmt: skip
GENERIC = [
    "L'accès est gratuit et ouvert à tous les habitants de la communauté de communes.",
    "Inscription conseillée auprès de la mairie ou par téléphone.",
    "Cette action est portée par le contrat local de santé.",
    "Les professionnels du territoire se relaient pour animer les rencontres.",
    "Un transport solidaire peut être organisé pour les personnes sans voiture.",
    "Les informations sont aussi disponibles à l'accueil de la maison des services.",
    "Les partenaires associatifs participent à l'organisation.",
    "Une documentation est remise aux participants à la fin de la séance.",
    "La rencontre se tient dans une salle accessible aux personnes à mobilité réduite.",
    "Les enfants sont les bienvenus, un espace de jeux leur est réservé.",
]

# Labelled subjects: (title of the target documents, a sentence of theirs, the theme they are
# read in, rare words that only they use, [(query, kind)]).
SUBJECTS = [
    ("Vaccination contre la rougeole", "La rougeole revient quand la couverture vaccinale baisse.",
     "vaccination", ["rougeole"],
     [("rougeole", "exact"), ("rougeoles", "inflected"), ("vacination rougeole", "misspelt")]),
    ("Dépistage des infections sexuellement transmissibles",
     "Les infections sexuellement transmissibles se dépistent gratuitement et anonymement.",
     "dépistage", ["sexuellement", "transmissibles"],
     [("infections sexuellement transmissibles", "exact"), ("IST", "synonym"),
      ("infection sexuellement transmissible", "inflected"), ("depistage MST", "synonym")]),
    ("Consultations au centre médico-psychologique",
     "Le centre médico-psychologique reçoit enfants et adultes sur rendez-vous.",
     "santé mentale", ["médico-psychologique"],
     [("CMP", "synonym"), ("centre medico-psychologique", "unaccented")]),
    ("Permanence de protection maternelle et infantile",
     "La protection maternelle et infantile suit les enfants jusqu'à six ans.",
     "périnatalité", ["maternelle", "infantile"],
     [("PMI", "synonym"), ("protection maternelle infantile", "exact")]),
    ("L'alimentation des bébés", "Les bébés découvrent de nouveaux goûts vers six mois.",
     "alimentation", ["bébés", "bébé"],
     [("l'alimentation des bebes", "elided"), ("alimentation bébé", "inflected")]),
    ("Santé mentale des agriculteurs",
     "Les agriculteurs isolés trouvent une écoute adaptée à leurs contraintes.",
     "santé mentale", ["agriculteurs", "agriculteur"],
     [("sante mentale agriculteurs", "unaccented"), ("santé mentale agriculteur", "inflected"),
      ("agriculteur", "inflected")]),
    ("Prévention du suicide", "Le suicide se prévient : en parler sauve des vies.",
     "santé mentale", ["suicide"],
     [("preventions suicide", "inflected"), ("prévention suicide", "exact")]),
    ("Addiction au cannabis", "Le cannabis reste la drogue illicite la plus consommée.",
     "addictions", ["cannabis"],
     [("adiction cannabis", "misspelt"), ("addictions cannabis", "inflected"),
      ("cannabis", "exact")]),
    ("Sevrage tabagique", "Le sevrage tabagique est accompagné pendant trois mois.",
     "addictions", ["tabagique", "tabagiques", "sevrage"],
     [("sevrages tabagiques", "inflected"), ("sevrage tabagique", "exact"),
      ("sevrage tabagiqe", "misspelt")]),
    ("Dépistage du cancer colorectal", "Le test du cancer colorectal se fait chez soi.",
     "dépistage", ["colorectal", "colorectaux"],
     [("depistage cancer colorectal", "unaccented"), ("cancers colorectaux", "inflected")]),
    ("Plateforme de répit pour les aidants",
     "La plateforme de répit propose quelques heures de relais à domicile.",
     "aidants", ["répit", "plateforme"],
     [("plateforme de repit", "unaccented"), ("plateformes répit aidant", "inflected")]),
    ("Sport sur ordonnance", "Le médecin peut prescrire une activité sur ordonnance.",
     "sport-santé", ["ordonnance"],
     [("sport ordonnances", "inflected"), ("sport sur ordonance", "misspelt")]),
    ("Marche nordique", "La marche nordique se pratique avec des bâtons.",
     "sport-santé", ["nordique"],
     [("marches nordiques", "inflected")]),
    ("Allaitement maternel", "L'allaitement maternel est soutenu par une consultante.",
     "périnatalité", ["allaitement", "maternel"],
     [("alaitement", "misspelt"), ("allaitements", "inflected"),
      ("allaitement maternel", "exact")]),
    ("Dépression post-natale", "La dépression post-natale touche une mère sur six.",
     "périnatalité", ["dépression", "post-natale"],
     [("depressions post-natales", "inflected"), ("dépression post-natale", "exact")]),
    ("Vaccination contre le papillomavirus",
     "Le vaccin contre le papillomavirus est proposé aux filles et aux garçons.",
     "vaccination", ["papillomavirus"],
     [("vaccin papillomavirus", "inflected"), ("papilomavirus", "misspelt")]),
    ("Santé mentale à Courçon", "Une permanence d'écoute ouvre à Courçon le jeudi.",
     "santé mentale", ["courçon"],
     [("sante mentale courcon", "unaccented")]),
    ("Ateliers équilibre alimentaire à Longèves",
     "Les ateliers de Longèves réunissent une dizaine de familles.",
     "alimentation", ["longèves"],
     [("atelier equilibre alimentaire longeves", "unaccented")]),
    ("Troubles du comportement alimentaire : anorexie et boulimie",
     "L'anorexie et la boulimie se soignent mieux quand elles sont repérées tôt.",
     "santé mentale", ["anorexie", "boulimie"],
     [("anorexies", "inflected"), ("boulimie anorexie", "exact"),
      ("anorexie boulimi", "misspelt")]),
    ("Dépistage de l'hépatite C", "L'hépatite C se guérit avec un traitement court.",
     "dépistage", ["hépatite"],
     [("hepatites", "inflected"), ("l'hépatite", "elided")]),
    ("Mammographie de dépistage", "La mammographie est prise en charge tous les deux ans.",
     "dépistage", ["mammographie"],
     [("mamographie", "misspelt"), ("mammographies", "inflected")]),
    ("Entretien prénatal précoce", "L'entretien prénatal précoce a lieu au quatrième mois.",
     "périnatalité", ["prénatal", "précoce"],
     [("entretien prenatal precoce", "unaccented"), ("entretiens prénataux", "inflected")]),
    ("L'éducation thérapeutique du patient",
     "L'éducation thérapeutique aide à vivre avec une maladie chronique.",
     "dépistage", ["thérapeutique"],
     [("education therapeutique", "unaccented"), ("l'éducation thérapeutique", "elided")]),
    ("Vivre avec l'hypertension", "L'hypertension artérielle ne se sent pas : mesurez-la.",
     "dépistage", ["hypertension"],
     [("qu'est-ce que l'hypertension", "elided"), ("hypertention", "misspelt")]),
    ("Centre de soins d'accompagnement et de prévention en addictologie",
     "Le centre de soins d'accompagnement et de prévention en addictologie reçoit sans frais.",
     "addictions", ["addictologie"],
     [("CSAPA", "synonym")]),
    ("Animations en maison de retraite",
     "Les résidents de la maison de retraite reçoivent les écoliers.",
     "aidants", ["retraite"],
     [("EHPAD", "synonym"), ("maisons de retraite", "inflected")]),
]  # fmt: skip
# Acronyms of the synonym groups: only their expansions are written in the documents.
ACRONYMS = ["IST", "MST", "CMP", "PMI", "CSAPA", "EHPAD"]

# What habitants type (latency): frequent and rare words, accents or not, typos, acronyms.
QUERIES = [
    "prévention", "preventions alcool jeunes", "aide aux aidants", "vaccins",
    "l'alimentation des bébés", "sante mentale marans", "dépistage cancer", "sport santé seniors",
    "activité physique", "périnatalité", "addictions", "écrans adolescents", "nutrition",
    "ateliers cuisine", "accompagnement des familles", "IST", "PMI", "consultation gratuite",
    "Marans", "equilibre alimentaire enfants", "santé", "vacination", "adiction", "rougeole",
    "groupe de parole", "réduction des risques", "arrêter de fumer", "sommeil du nourrisson",
    "parentalité", '"premiers secours en santé mentale"',
]  # fmt: skip


class Rollback(Exception):
    pass


def labelled_queries():
    """[(query, kind, subject number)] for every labelled query."""
    return [
        (query, kind, number)
        for number, (*_subject, queries) in enumerate(SUBJECTS)
        for query, kind in queries
    ]


def paragraph(rng, sentences, count):
    return " ".join(rng.sample(sentences, count))


def filler(rng, number):
    """(title, chapô, [paragraphs]) of an ordinary document: a theme, a format, a public, a
    commune; never a rare word of a labelled subject."""
    theme = rng.choice(list(THEMES))
    topics, sentences = THEMES[theme]
    other = THEMES[rng.choice(list(THEMES))][1]
    topic, public, commune = rng.choice(topics), rng.choice(PUBLICS), rng.choice(COMMUNES)
    fmt = rng.choice(FORMATS)
    title = rng.choice(
        [
            f"{fmt} : {topic} pour les {public}",
            f"{topic[0].upper()}{topic[1:]} à {commune}",
            f"{fmt} {topic} — {commune}",
            f"{topic[0].upper()}{topic[1:]} : les {public} de {commune} s'informent",
        ]
    )
    sentence = paragraph(rng, sentences, 1)
    intro = f"{fmt} sur le thème « {topic} » à {commune}, pour les {public}. {sentence}"
    body = [
        paragraph(rng, sentences, 3),
        paragraph(rng, GENERIC, 2) + " " + paragraph(rng, other, 1),
        f"Rendez-vous n° {number} à {commune}. " + paragraph(rng, GENERIC, 2),
    ]
    return title, intro, body


def target(rng, subject, position):
    """A target document of `subject`: its title in the title (position 0), the chapô (1) or
    the body only (2)."""
    title, sentence, theme, _rare, _queries = subject
    topics, sentences = THEMES[theme]
    commune = rng.choice(COMMUNES)
    context = [paragraph(rng, sentences, 2), paragraph(rng, GENERIC, 2)]
    if position == 0:
        return title, f"{sentence} {paragraph(rng, GENERIC, 1)}", context
    if position == 1:
        return (
            f"{rng.choice(FORMATS)} à {commune}",
            f"{title}. {sentence}",
            context,
        )
    topic = rng.choice(topics)
    return (
        f"{topic[0].upper()}{topic[1:]} à {commune}",
        paragraph(rng, sentences, 1),
        [context[0], f"{title} : {sentence.lower()}", context[1]],
    )


def documents():
    """DOCUMENTS (title, chapô, paragraphs) in a fixed order, and for each labelled subject the
    positions of its targets in that list."""
    rng = random.Random(SEED)
    docs, targets = [], {}
    for number, subject in enumerate(SUBJECTS):
        for position in range(TARGETS_PER_SUBJECT):
            targets.setdefault(number, []).append(len(docs))
            docs.append(target(rng, subject, position % 3))
    rare = {word for subject in SUBJECTS for word in subject[3]} | {a.lower() for a in ACRONYMS}
    while len(docs) < DOCUMENTS:
        doc = filler(rng, len(docs))
        text = " ".join([doc[0], doc[1], *doc[2]]).lower()
        words = set(text.replace("'", " ").replace(",", " ").replace(".", " ").split())
        assert not words & rare, (words & rare, doc)
        docs.append(doc)
    # Targets spread through the tree, not grouped at its start.
    order = list(range(len(docs)))
    rng.shuffle(order)
    position = {old: new for new, old in enumerate(order)}
    shuffled = [docs[old] for old in order]
    return shuffled, {n: [position[i] for i in found] for n, found in targets.items()}


def add_pages(docs):
    """The documents as live StandardPages under a new section of the home page; their ids.

    Wagtail's add_child costs a dozen queries a page. Here the section is added with it, then
    its children in bulk: treebeard paths computed from the section's (Page._get_path, as
    add_child does), base rows with Page.objects.bulk_create, the StandardPage rows with one
    executemany (Django refuses bulk_create on a multi-table child), the section's numchild set
    once. No revision, signal, search or reference indexing: the bench's rebuild indexes them.
    """
    home = HomePage.objects.get()
    section = home.add_child(
        instance=StandardPage(title="Mesure de la recherche", slug="mesure-recherche")
    )
    content_type = ContentType.objects.get_for_model(StandardPage)
    now = timezone.now()
    pages = []
    for step, (title, _intro, _body) in enumerate(docs, start=1):
        slug = f"document-{step:05d}"
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(section.path, section.depth + 1, step),
                depth=section.depth + 1,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
                content_type=content_type,
                locale_id=section.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    pages = Page.objects.bulk_create(pages, batch_size=500)
    if pages[0].pk is None:  # a database that returns no ids from a bulk insert
        pages = list(Page.objects.child_of(section).order_by("path"))
    Page.objects.filter(pk=section.pk).update(numchild=len(pages))
    body_field = StandardPage._meta.get_field("body")
    rows = []
    for page, (_title, intro, paragraphs) in zip(pages, docs, strict=True):
        body = body_field.to_python(
            json.dumps(
                [
                    {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}
                    for text in paragraphs
                ]
            )
        )
        rows.append((page.pk, intro, body_field.get_db_prep_save(body, connection)))
    table = connection.ops.quote_name(StandardPage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (page_ptr_id, intro, body) VALUES (%s, %s, %s)",
            rows,
        )
    return [page.pk for page in pages]


def indexed_objects():
    return sum(model.get_indexed_objects().count() for model in get_indexed_models())


def search(query, backend):
    """The first ten results' ids, as the search page asks for them."""
    words = normalise_words(query)[:MAX_QUERY_LENGTH]
    _filters, search_query = parse_query_string(words)
    results = Page.objects.live().public().search(search_query, backend=backend)[:10]
    return [page.pk for page in results]


def percentile(sorted_values, share):
    return sorted_values[min(len(sorted_values) - 1, round(share * (len(sorted_values) - 1)))]


def measure(backend, ids, targets, titles):
    """Figures of one backend: indexing, latency, recall; and its misses."""
    start = time.perf_counter()
    call_command("update_index", backend_name=backend, stdout=io.StringIO())
    indexing = time.perf_counter() - start

    timings, medians = [], {}
    for query in QUERIES:
        search(query, backend)
        runs = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            search(query, backend)
            runs.append((time.perf_counter() - start) * 1000)
        timings += runs
        medians[query] = statistics.median(runs)
    timings.sort()

    recalls, misses = {}, []
    for query, kind, subject in labelled_queries():
        expected = {ids[i] for i in targets[subject]}
        found = search(query, backend)
        recall = len(expected & set(found)) / len(expected)
        recalls.setdefault(kind, []).append(recall)
        if recall < 1:
            others = dict(Page.objects.filter(pk__in=found[:3]).values_list("pk", "title"))
            first = ", ".join(
                ("target: " if pk in expected else "") + titles.get(pk, others.get(pk, ""))[:40]
                for pk in found[:3]
            )
            misses.append(
                f"{query!r} ({kind}): {len(expected & set(found))}/{len(expected)} "
                f"targets in the first 10 ({len(found)} results; first: {first or 'nothing'})"
            )
    return {
        "indexing": indexing,
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "recalls": recalls,
        "misses": misses,
        "slowest": sorted(medians.items(), key=lambda item: -item[1])[:3],
    }


def run():
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    # "default" too: modelsearch would add it (the database backend) to the dict it is given.
    backends = {"default": {"BACKEND": DATABASE}, "database": {"BACKEND": DATABASE}}
    index_dir = None
    if importlib.util.find_spec("search.backends") and importlib.util.find_spec(WHOOSH):
        index_dir = tempfile.mkdtemp(prefix="maillage-bench-whoosh-")
        backends["whoosh"] = {"BACKEND": WHOOSH, "PATH": index_dir}
    figures = {}
    try:
        with (
            override_settings(WAGTAILSEARCH_BACKENDS=backends),
            transaction.atomic(),
            disable_reference_index_auto_update(),
        ):
            start = time.perf_counter()
            docs, targets = documents()
            generated = time.perf_counter() - start
            start = time.perf_counter()
            ids = add_pages(docs)
            built = time.perf_counter() - start
            titles = dict(zip(ids, (doc[0] for doc in docs), strict=True))
            objects = indexed_objects()
            for name in backends:
                if name != "default":
                    figures[name] = measure(name, ids, targets, titles)
            raise Rollback
    except Rollback:
        pass
    finally:
        if index_dir:
            shutil.rmtree(index_dir, ignore_errors=True)
    print_figures(figures, objects, generated, built)


def print_figures(figures, objects, generated, built):
    names = list(figures)
    labelled = labelled_queries()
    kinds = list(dict.fromkeys(kind for _query, kind, _subject in labelled))
    print(
        f"\nSearch: {DOCUMENTS:,} French documents ({objects:,} indexed objects with the demo; "
        f"{connection.vendor}, production settings; generated in {generated:.1f} s, written in "
        f"{built:.1f} s); {len(QUERIES)} queries × {REPEAT} runs, {len(labelled)} labelled queries"
    )
    if "whoosh" not in figures:
        print(f"({WHOOSH} does not import yet: database backend only)")
    print("\n| | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))

    def row(label, values):
        print(f"| {label} | " + " | ".join(values) + " |")

    row("indexing (update_index)", [f"{figures[n]['indexing']:.1f} s" for n in names])
    row("indexing throughput", [f"{objects / figures[n]['indexing']:,.0f} docs/s" for n in names])
    row("query latency p50", [f"{figures[n]['p50']:.1f} ms" for n in names])
    row("query latency p95", [f"{figures[n]['p95']:.1f} ms" for n in names])
    everything = {n: [r for rs in figures[n]["recalls"].values() for r in rs] for n in names}
    row(
        f"recall@10, all {len(labelled)} queries",
        [f"{statistics.mean(everything[n]):.2f}" for n in names],
    )
    for kind in kinds:
        count = len(figures[names[0]]["recalls"][kind])
        row(
            f"recall@10, {kind} ({count})",
            [f"{statistics.mean(figures[n]['recalls'][kind]):.2f}" for n in names],
        )
    for name in names:
        slowest = ", ".join(f"{query!r} {ms:.0f} ms" for query, ms in figures[name]["slowest"])
        misses = figures[name]["misses"]
        print(f"\n{name}: slowest queries (median): {slowest}")
        print(f"{name}: {len(misses)} labelled queries missed at least one target")
        for miss in misses:
            print(f"  - {miss}")
