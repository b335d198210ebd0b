"""The monthly action figures give what the actions themselves give, for every reader."""

import pytest

from monitoring import figures
from monitoring.dashboards import action_rows
from monitoring.indicators import ACTION_INDICATORS, ACTIONS
from monitoring.monthly import build
from monitoring.monthly.actions import MonthlyActions, with_responsible
from policing.models import FollowUpAction
from tests.factories import ConcernFactory, safeguarding_officer_of
from tests.monitoring.conftest import NOVEMBER, action, local

pytestmark = pytest.mark.django_db


def _values(rows, dimension=None):
    if dimension is None:
        found = figures.headline(ACTIONS, rows, ACTION_INDICATORS, NOVEMBER)
        return {k: (f.value, f.previous) for k, f in found.items()}
    return sorted(
        (
            (r.key, r.label, tuple((f.value, f.previous) for f in r.figures.values()))
            for r in figures.breakdown(ACTIONS, rows, ACTION_INDICATORS, NOVEMBER, dimension)
        ),
        key=repr,
    )


def _direct(user, **filters):
    rows = ACTIONS.queryset(user)
    if "council" in filters:
        rows = rows.filter(council_id=filters["council"])
    if "units" in filters:
        rows = rows.filter(responsible_unit_id__in=filters["units"])
    if "bodies" in filters:
        rows = rows.filter(responsible_body_id__in=filters["bodies"])
    return rows


def assert_same(user, **filters):
    monthly = action_rows(user, NOVEMBER, **filters)
    assert isinstance(monthly, MonthlyActions)
    direct = _direct(user, **filters)
    assert _values(monthly) == _values(direct)
    for dimension in ("council", "municipality", "unit", "body"):
        assert _values(monthly, dimension) == _values(direct, dimension)
    assert _values(with_responsible(monthly, "unit"), "unit") == _values(
        direct.filter(responsible_unit__isnull=False), "unit"
    )


@pytest.fixture
def sensitive_action(world):
    """An action of the sensitive concern: the commander of its unit sees it, members not."""
    item = action(
        world.council,
        world.concerns.sensitive,
        created=local(2026, 11, 9, 10),
        responsible_unit=world.unit,
        due_date=local(2026, 11, 12).date(),
    )
    build.rebuild()
    return item


@pytest.mark.parametrize(
    "who, filters",
    [
        ("secretary", "council"),
        ("member", "council"),
        ("co_chair", "council"),
        ("commander", "units"),
        ("focal_point", "bodies"),
        ("national", None),
        ("safeguarding", None),
    ],
)
def test_monthly_action_figures_equal_those_from_the_actions(world, sensitive_action, who, filters):
    # A safeguarding officer (not a member) counts the council's sensitive actions only.
    user = safeguarding_officer_of(world.council) if who == "safeguarding" else getattr(world, who)
    given = {
        "council": {"council": world.council.pk},
        "units": {"units": [world.unit.pk]},
        "bodies": {"bodies": [world.body.pk]},
        None: {},
    }[filters]
    assert_same(user, **given)


def test_the_sensitive_action_counts_for_its_commander_only(world, sensitive_action):
    def open_actions(user, **filters):
        return _values(action_rows(user, NOVEMBER, **filters))["actions_open"][0]

    # a3, a4 (and the sensitive one for the commander of its unit).
    assert open_actions(world.member, council=world.council.pk) == 2
    assert open_actions(world.commander, units=[world.unit.pk]) == 2  # a3 and the sensitive one
    assert open_actions(world.national) == 3  # a3, a4 and Peja's


def test_an_action_created_later_is_counted_after_its_commit(
    world, django_capture_on_commit_callbacks
):
    from policing import services  # noqa: F401 (the services write through save())

    before = _values(action_rows(world.member, NOVEMBER, council=world.council.pk))
    with django_capture_on_commit_callbacks(execute=True):
        FollowUpAction.objects.create(
            council=world.council,
            concern=ConcernFactory(council=world.council, category=world.theft),
            title="Lights",
            responsible_unit=world.unit,
            due_date=local(2026, 12, 30).date(),
            created_by=world.secretary,
        )
    after = _values(action_rows(world.member, NOVEMBER, council=world.council.pk))
    assert after["actions_open"][0] == before["actions_open"][0] + 1
    assert build.drift() == {}


def test_an_open_action_becomes_overdue_by_the_day_without_a_refresh(world):
    import time_machine

    from tests.monitoring.conftest import TODAY

    # a4 (due 20 December) is open and not overdue on 15 December; nothing is rebuilt after.
    rows = action_rows(world.member, NOVEMBER, council=world.council.pk)
    assert _values(rows)["actions_overdue"][0] == 1  # a3 only
    with time_machine.travel(TODAY.replace(day=21), tick=False):
        assert _values(rows)["actions_overdue"][0] == 2
        assert _values(rows) == _values(_direct(world.member, council=world.council.pk))
        assert build.drift() == {}


def test_a_council_in_another_time_zone_leaves_the_others_on_the_monthly_table(world):
    from tests.factories import CouncilFactory, MunicipalityFactory

    baghdad = MunicipalityFactory(code="BGW", name="Baghdad", time_zone="Asia/Baghdad")
    CouncilFactory(municipality=baghdad)
    assert isinstance(action_rows(world.member, NOVEMBER, council=world.council.pk), MonthlyActions)
    # Across every council the months do not line up: counted from the actions.
    assert not isinstance(action_rows(world.national, NOVEMBER), MonthlyActions)
    assert _values(action_rows(world.national, NOVEMBER)) == _values(_direct(world.national))
