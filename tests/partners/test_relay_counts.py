"""The relay figures the evaluation reads: RelayRequest.objects.counts_for_year(year)."""

import datetime

from django.utils import timezone

from partners.models import RelayRequest, RelayStatus

from .relay_fixtures import *  # noqa: F403


def received_on(relay, moment):
    RelayRequest.objects.filter(pk=relay.pk).update(created_at=moment)


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


def test_counts_of_a_year(
    partner, other_partner, structure, other_structure, communicator, make_relay
):
    requests = [
        make_relay(partner, structure, status=RelayStatus.RELAYED),
        make_relay(partner, structure, status=RelayStatus.DECLINED),
        make_relay(partner, structure),
        make_relay(other_partner, other_structure, status=RelayStatus.RELAYED),
        make_relay(communicator, None),  # staff ask too: no structure to count
    ]
    for relay in requests:
        received_on(relay, local(2031, 5, 4, 10))
    assert RelayRequest.objects.counts_for_year(2031) == {
        "received": 5,
        "structures": 2,
        "relayed": 2,
        "declined": 1,
        "new": 2,
    }


def test_a_year_counts_only_what_it_received(partner, structure, make_relay):
    received_on(make_relay(partner, structure), local(2030, 12, 31, 23, 30))
    received_on(make_relay(partner, structure), local(2031, 1, 1, 0, 30))
    received_on(make_relay(partner, structure), local(2032, 1, 1, 12))
    assert RelayRequest.objects.counts_for_year(2031)["received"] == 1
    # A request received on New Year's Eve at 23:30, Paris time, belongs to that year.
    assert RelayRequest.objects.counts_for_year(2030)["received"] == 1


def test_a_year_without_requests_counts_zero(db):
    assert RelayRequest.objects.counts_for_year(2031) == {
        "received": 0,
        "structures": 0,
        "relayed": 0,
        "declined": 0,
        "new": 0,
    }
