"""French analysis (search/analysis.py): what habitants type finds what editors wrote."""

import pytest

from search.analysis import autocomplete_analyzer, fold, terms


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("preventions", "Prévention"),
        ("prevention alcool jeunes", "Prévention de l'alcool chez les jeunes"),
        ("aide aux aidants", "Aidants : une aide"),
        ("vaccins", "vaccin"),
        ("l'alimentation des bebes", "Alimentation du bébé"),
        ("L’EAU", "eau"),
        ("coeur", "Cœur"),
        ("addictions", "addiction"),
        # Snowball alone stems "cancer" to "canc" but "cancers" to "cancer".
        ("cancers colorectaux", "Dépistage du cancer colorectal"),
        ("dangers", "danger"),
        ("conseillers", "Conseiller numérique"),
    ],
)
def test_what_habitants_type_meets_what_editors_wrote(typed, written):
    assert terms(typed) and set(terms(typed)) <= set(terms(written))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'alimentation", ["aliment"]),
        ("s'informer", ["inform"]),
        ("lorsqu'elle", []),  # "elle" is a stop word
        ("aujourd'hui", ["aujourd'hui"]),
        ("d’accès", ["acce"]),
    ],
)
def test_elisions_are_removed_and_other_apostrophes_kept(text, expected):
    assert terms(text) == expected


def test_stop_words_are_dropped_but_not_words_that_matter():
    assert terms("les jeunes et la santé") == ["jeun", "sant"]
    assert "san" in terms("Mois sans tabac")  # "sans" is kept: it changes the meaning


def test_accents_and_case_are_folded():
    assert fold("Prévention Santé Œuvre") == "prevention sante oeuvre"


def test_autocomplete_gives_prefixes_without_stemming():
    prefixes = [token.text for token in autocomplete_analyzer()("Vaccination")]
    assert prefixes[:3] == ["va", "vac", "vacc"] and "vaccination" in prefixes
