"""Dates of the demo agenda, computed from the day the demo is loaded.

The demo never goes stale: every event is placed relative to `today` ("next Tuesday", "the
first Saturday of next November"), and times are Paris wall-clock times made aware in the
current time zone, as an editor would type them.
"""

import datetime

from dateutil import rrule
from django.utils import timezone

WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


class DemoCalendar:
    def __init__(self, today):
        self.today = today

    @staticmethod
    def at(date, hour, minute=0):
        """An aware datetime at `hour`:`minute`, Paris time, on `date`."""
        return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute)))

    @staticmethod
    def midnight_utc(date):
        """How django-recurrence's widget stores an extra or excluded date (RDATE, EXDATE)."""
        return f"{date:%Y%m%d}T000000Z"

    @staticmethod
    def until(date):
        """A rule's last day, written as django-recurrence writes it (UTC)."""
        end = timezone.make_aware(datetime.datetime.combine(date, datetime.time(23, 59, 59)))
        return f"{end.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}"

    def days(self, count):
        return self.today + datetime.timedelta(days=count)

    def weekday(self, day, weeks=0):
        """The first `day` ("TU") after today, `weeks` weeks later; negative weeks go back."""
        date = self.today + datetime.timedelta(days=1)
        date += datetime.timedelta(days=(WEEKDAYS[day] - date.weekday()) % 7)
        return date + datetime.timedelta(weeks=weeks)

    def month_start(self, month):
        """The first day of the next `month` that begins after today."""
        year = self.today.year if month > self.today.month else self.today.year + 1
        return datetime.date(year, month, 1)

    def in_month(self, month, day):
        """`day` of the next `month` that begins after today."""
        return self.month_start(month).replace(day=day)

    def nth(self, month, number, day):
        """The `number`-th `day` ("SA") of the next `month` after today; -1 for the last one."""
        first = self.month_start(month)
        weekday = rrule.weekdays[WEEKDAYS[day]](number)
        return rrule.rrule(rrule.MONTHLY, dtstart=first, byweekday=weekday, count=1)[0].date()

    def series_dates(self, rule, start, count):
        """The first `count` dates of an RRULE body without UNTIL ("FREQ=WEEKLY;BYDAY=TU")."""
        dtstart = datetime.datetime.combine(start, datetime.time())
        return [value.date() for value in rrule.rrulestr(rule, dtstart=dtstart, cache=True)[:count]]
