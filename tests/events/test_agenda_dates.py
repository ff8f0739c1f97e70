"""How the agenda words a date: French days and months, hours as « 18 h 30 », periods."""

from events.models import Occurrence
from events.templatetags.agenda_tags import occurrence_when

from .factories import paris


def occurrence(start, end, all_day=False):
    return Occurrence(start=start, end=end, all_day=all_day)


def test_an_evening_gives_its_hours_and_its_date_when_asked():
    evening = occurrence(paris(2027, 3, 2, 18, 30), paris(2027, 3, 2, 20))

    assert occurrence_when(evening) == "De 18 h 30 à 20 h"
    assert occurrence_when(evening, with_date=True) == "Mardi 2 mars 2027, de 18 h 30 à 20 h"


def test_times_stay_local_across_the_change_to_summer_time():
    # 28 March 2027 is the change to summer time in Paris: 18:30 stays 18:30 on the page.
    after_change = occurrence(paris(2027, 3, 30, 18, 30), paris(2027, 3, 30, 20, 30))

    assert occurrence_when(after_change) == "De 18 h 30 à 20 h 30"


def test_a_whole_day_and_a_period_of_whole_days():
    day = occurrence(paris(2027, 5, 1), paris(2027, 5, 2), all_day=True)
    period = occurrence(paris(2027, 5, 1), paris(2027, 5, 4), all_day=True)
    over_months = occurrence(paris(2027, 4, 29), paris(2027, 5, 3), all_day=True)
    over_years = occurrence(paris(2027, 12, 30), paris(2028, 1, 3), all_day=True)

    assert occurrence_when(day) == "Toute la journée"
    assert occurrence_when(day, with_date=True) == "Samedi 1er mai 2027, toute la journée"
    assert occurrence_when(period) == "Du 1er au 3 mai 2027"
    assert occurrence_when(over_months) == "Du 29 avril au 2 mai 2027"
    assert occurrence_when(over_years) == "Du 30 décembre 2027 au 2 janvier 2028"


def test_a_date_over_two_days_gives_both_ends():
    night = occurrence(paris(2027, 6, 18, 20), paris(2027, 6, 19, 2))

    assert occurrence_when(night) == "Du vendredi 18 juin, 20 h, au samedi 19 juin 2027, 2 h"


def test_a_date_without_duration_gives_its_time():
    moment = occurrence(paris(2027, 6, 18, 9, 5), paris(2027, 6, 18, 9, 5))

    assert occurrence_when(moment) == "À 9 h 05"
