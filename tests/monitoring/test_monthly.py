"""The monthly concern figures (monitoring.monthly) give what the concerns themselves give, on
the hand-made data set, and stay so after edits made after the fact."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from concerns.models import Concern, ConcernEvent
from concerns.services import workflow
from monitoring import figures
from monitoring.indicators import CONCERN_INDICATORS, CONCERNS
from monitoring.models import ConcernMonth
from monitoring.monthly import build
from monitoring.monthly.read import MonthlyRows, monthly_rows, percentile
from monitoring.periods import Period
from monitoring.tasks import check_monthly_figures
from tests.factories import SettlementFactory
from tests.monitoring.conftest import BELGRADE, NOVEMBER, local

pytestmark = pytest.mark.django_db
OCTOBER_TO_DECEMBER = Period(date(2026, 10, 1), date(2026, 12, 31), BELGRADE)


def _both(user, councils, period=NOVEMBER):
    """(figures from the concerns, figures from the monthly tables) for ``user``."""
    direct = CONCERNS.queryset(user)
    if councils is not None:
        direct = direct.filter(council__in=[c.pk for c in councils])
    monthly = monthly_rows(user, period, councils)
    assert isinstance(monthly, MonthlyRows)
    return direct, monthly


def _headline(rows, period=NOVEMBER):
    found = figures.headline(CONCERNS, rows, CONCERN_INDICATORS, period)
    return {key: (f.value, f.previous) for key, f in found.items()}


def _breakdown(rows, dimension, period=NOVEMBER):
    return sorted(
        (
            (r.key, r.label, tuple((f.value, f.previous) for f in r.figures.values()))
            for r in figures.breakdown(CONCERNS, rows, CONCERN_INDICATORS, period, dimension)
        ),
        key=repr,
    )


def _months(rows, period=OCTOBER_TO_DECEMBER):
    return [
        (r.label, r.figures["concerns_received"].value)
        for r in figures.by_month(CONCERNS, rows, CONCERN_INDICATORS[:1], period)
    ]


def assert_same_figures(user, councils, period=NOVEMBER):
    direct, monthly = _both(user, councils, period)
    assert _headline(monthly, period) == _headline(direct, period)
    for dimension in ("category", "channel", "settlement", "council", "municipality"):
        assert _breakdown(monthly, dimension, period) == _breakdown(direct, dimension, period)
    assert _months(monthly) == _months(direct)


@pytest.mark.parametrize("who", ["secretary", "member", "co_chair", "national"])
def test_monthly_figures_equal_the_figures_from_the_concerns(world, who):
    user = getattr(world, who)
    councils = None if who == "national" else [world.council]
    assert_same_figures(user, councils)
    # And the hand count: five November concerns for the member (the sensitive one left out).
    direct, monthly = _both(world.member, [world.council])
    assert _headline(monthly)["concerns_received"] == (5, 1)


def test_the_secretary_counts_the_sensitive_concern_and_the_member_does_not(world):
    def received(user):
        return _headline(_both(user, [world.council])[1])["concerns_received"][0]

    assert (received(world.secretary), received(world.member)) == (6, 5)


def test_edits_after_the_fact_refresh_the_figures(world, django_capture_on_commit_callbacks):
    c = world.concerns
    secretary = world.secretary
    village = SettlementFactory(municipality=world.istok, name="Banjë")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reopen_concern(c.c1, by=secretary, reason="The thefts started again.")
    assert_same_figures(secretary, [world.council])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reclassify_concern(
            Concern.objects.get(pk=c.c2.pk), by=secretary, category=world.theft, priority="high"
        )
    assert_same_figures(secretary, [world.council])
    with django_capture_on_commit_callbacks(execute=True):
        moved = Concern.objects.get(pk=c.c4.pk)
        moved.settlement = village
        moved.save()
    assert_same_figures(secretary, [world.council])
    with django_capture_on_commit_callbacks(execute=True):
        ConcernEvent.objects.filter(concern=c.c3).delete()  # no longer reopened nor told
    assert_same_figures(secretary, [world.council])
    with django_capture_on_commit_callbacks(execute=True):
        Concern.objects.get(pk=c.c6.pk).delete()
    assert_same_figures(secretary, [world.council])
    with django_capture_on_commit_callbacks(execute=True):
        world.a1.delete()  # c1's first action is now the one of 7 November
    assert_same_figures(secretary, [world.council])
    assert build.drift() == {}
    found = _headline(_both(secretary, [world.council])[1])
    # c1 reopened (by the service) and c3 no longer: still one; c6 deleted: five in November.
    assert found["reopened"] == (1, 0)
    assert found["concerns_received"] == (5, 1)


def test_moving_a_concern_to_another_council_refreshes_both(
    world, django_capture_on_commit_callbacks
):
    from tests.factories import CouncilFactory

    local_council = CouncilFactory(municipality=world.istok, name="LPSC Banjë")
    with django_capture_on_commit_callbacks(execute=True):
        moved = Concern.objects.get(pk=world.concerns.c2.pk)
        moved.council = local_council
        moved.save()
    assert_same_figures(world.national, None)
    assert build.drift() == {}


def test_anonymising_the_reporter_changes_no_figure(world, django_capture_on_commit_callbacks):
    before = _headline(_both(world.secretary, [world.council])[1])
    with django_capture_on_commit_callbacks(execute=True):
        Concern.objects.filter(pk=world.concerns.c1.pk).update(reporter_name="", reporter_email="")
    assert _headline(_both(world.secretary, [world.council])[1]) == before
    assert build.drift() == {}


def test_a_rolled_back_write_leaves_the_figures_as_they_were(
    world, django_capture_on_commit_callbacks
):
    before = list(ConcernMonth.objects.values_list("month", "category_id", "received"))
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        workflow.reject_concern(world.concerns.c2, by=world.secretary, reason="No.")
        raise RuntimeError
    assert callbacks == []
    assert list(ConcernMonth.objects.values_list("month", "category_id", "received")) == before


def test_the_nightly_check_repairs_what_bypassed_save(world):
    # QuerySet.update sends no signal: the figures still count c2 as lighting.
    Concern.objects.filter(pk=world.concerns.c2.pk).update(category=world.theft)
    assert build.drift() == {world.council.pk: {date(2026, 11, 1)}}
    assert check_monthly_figures() == 1
    assert build.drift() == {}
    assert_same_figures(world.secretary, [world.council])


def test_the_rebuild_command_and_its_check(world, capsys):
    ConcernMonth.objects.all().delete()
    call_command("rebuild_monitoring_figures", "--check")
    assert "keys drifted" in capsys.readouterr().out
    call_command("rebuild_monitoring_figures")
    call_command("rebuild_monitoring_figures", "--check")
    assert "0 (council, month) keys drifted" in capsys.readouterr().out
    assert_same_figures(world.secretary, [world.council])


def test_periods_the_tables_cannot_answer_are_counted_from_the_concerns(world):
    days = Period(date(2026, 11, 3), date(2026, 11, 20), BELGRADE)
    assert monthly_rows(world.secretary, days, [world.council]) is None
    utc = Period(date(2026, 11, 1), date(2026, 11, 30), __import__("zoneinfo").ZoneInfo("UTC"))
    assert monthly_rows(world.secretary, utc, [world.council]) is None


def test_percentile_of_a_histogram_is_percentile_cont_of_its_values():
    from monitoring.aggregates import percentile_cont

    values = [1, 1, 2, 5, 5, 5, 9, 30]
    histogram = [(v, values.count(v)) for v in set(values)]
    for fraction in (0.0, 0.1, 0.5, 0.9, 1.0):
        assert percentile(histogram, fraction) == pytest.approx(percentile_cont(values, fraction))
    assert percentile([], 0.5) is None


def test_month_of_a_concern_is_the_councils_month(world):
    # c3: 31 October 23:30 UTC is 1 November in Istog.
    assert build.month_of(world.concerns.c3.created_at, BELGRADE) == date(2026, 11, 1)
    assert local(2026, 11, 1).date() == date(2026, 11, 1)


def test_with_the_broker_down_the_write_commits_and_the_nightly_check_repairs(
    world, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    from monitoring import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(tasks.refresh_monthly_figures, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reject_concern(world.concerns.c2, by=world.secretary, reason="Not ours.")
    assert Concern.objects.get(pk=world.concerns.c2.pk).status == Concern.Status.REJECTED
    assert "queueing the refresh of the monthly figures failed" in caplog.text
    assert build.drift() == {world.council.pk: {date(2026, 11, 1)}}
    monkeypatch.undo()
    assert check_monthly_figures() == 1
    assert_same_figures(world.secretary, [world.council])
