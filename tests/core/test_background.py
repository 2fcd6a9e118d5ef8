"""The background sync's schedule: steady while the store answers, backing off when not,
one word to the user per outage."""

from kmzb_qgis_plugin.core.background import MAX_BACKOFF_S, SyncSchedule


def test_steady_while_the_store_answers():
    schedule = SyncSchedule(300)
    assert schedule.delay == 300
    assert schedule.succeeded() is False and schedule.delay == 300


def test_an_outage_is_said_once_and_waits_grow_to_a_bound():
    schedule = SyncSchedule(60)
    said = [schedule.failed() for _ in range(12)]
    assert said == [True] + [False] * 11
    delays = []
    schedule = SyncSchedule(60)
    for _ in range(8):
        schedule.failed()
        delays.append(schedule.delay)
    assert delays[:4] == [120, 240, 480, 960]
    assert delays == sorted(delays) and delays[-1] == MAX_BACKOFF_S
    assert schedule.succeeded() is True  # the store is back: say so, push the outbox
    assert schedule.delay == 60 and schedule.succeeded() is False
