"""Each figure that counts concerns, actions or meetings links to the list behind it, filtered
so that the list holds exactly as many rows as the figure says."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

PERIOD = {"start": "2026-11-01", "end": "2026-11-30"}


def _list_rows(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    path = urlparse(url).path
    if path == reverse("concerns:inbox"):
        return response.context["page_obj"].paginator.count
    if path == reverse("policing:list"):
        assert not response.context["next_url"]
        return len(response.context["actions"])
    assert path == reverse("monitoring:meetings"), url
    assert not response.context["more"]
    return len(response.context["meetings"])


def _linked_cells(response):
    for table in response.context["dashboard"].tables:
        for row in table.rows:
            for index, cell in enumerate(row):
                if cell.url and index > 0:
                    yield table, row, cell


def _dashboards(world):
    return [
        (world.secretary, "monitoring:council", [world.council.pk]),
        (world.member, "monitoring:council", [world.council.pk]),
        (world.national, "monitoring:national", []),
        (world.commander, "monitoring:police", []),
        (world.focal_point, "monitoring:partners", []),
    ]


@pytest.mark.parametrize("which", range(5))
def test_every_linked_figure_is_the_row_count_of_its_list(client, world, which):
    user, name, args = _dashboards(world)[which]
    client.force_login(user)
    response = client.get(reverse(name, args=args), PERIOD)
    checked = 0
    for table, row, cell in _linked_cells(response):
        assert _list_rows(client, cell.url) == cell.value, (table.key, row[0].text, cell.url)
        checked += 1
    assert checked >= 8


def _labels_with_links(response, table_key: str) -> set[str]:
    table = response.context["dashboard"].table(table_key)
    return {row[0].text for row in table.rows if row[1].url}


def test_council_headline_counts_all_link_to_their_list(client, world):
    client.force_login(world.secretary)
    response = client.get(reverse("monitoring:council", args=[world.council.pk]), PERIOD)
    assert _labels_with_links(response, "concerns") == {"Concerns received", "Reopened"}
    assert _labels_with_links(response, "actions") == {
        "Actions created",
        "Open actions",
        "Overdue actions",
        "Actions due",
    }
    assert {
        "Meetings planned",
        "Meetings held",
        "Regular meetings held",
        "Meetings cancelled",
    } <= _labels_with_links(response, "meetings")
    months = response.context["dashboard"].table("months")
    assert all(cell.url for row in months.rows for cell in row[1:])


def test_reopened_links_to_the_reopened_concerns(client, world):
    client.force_login(world.secretary)
    response = client.get(reverse("monitoring:council", args=[world.council.pk]), PERIOD)
    row = next(
        r for r in response.context["dashboard"].table("concerns").rows if r[0].text == "Reopened"
    )
    assert row[1].value == 1
    inbox = client.get(row[1].url)
    assert [c.reference for c in inbox.context["concerns"]] == [world.concerns.c3.reference]


def test_national_municipality_rows_link_to_their_concerns(client, world):
    client.force_login(world.national)
    response = client.get(reverse("monitoring:national"), PERIOD)
    table = response.context["dashboard"].table("municipalities")
    peja = next(r for r in table.rows if r[0].text == "Pejë")
    assert parse_qs(urlparse(peja[1].url).query)["municipality"] == [str(world.peja.pk)]
    assert _list_rows(client, peja[1].url) == peja[1].value == 2
    scorecard = response.context["dashboard"].table("scorecard")
    istog = next(r for r in scorecard.rows if r[0].text == str(world.council))
    assert istog[5].value == 1 and _list_rows(client, istog[5].url) == 1


def test_police_figures_list_only_the_commanders_units(client, world):
    """The commander also sits on the council: "all actions" shows the council's other actions
    too (the partner body's), the lists behind the figures only those of the commander's units."""
    from tests.factories import MembershipFactory, PersonFactory

    MembershipFactory(person=PersonFactory(user=world.commander), council=world.council)
    client.force_login(world.commander)
    assert _list_rows(client, reverse("policing:list") + "?bucket=open") == 2
    response = client.get(reverse("monitoring:police"), PERIOD)
    row = next(
        r
        for r in response.context["dashboard"].table("actions").rows
        if r[0].text == "Open actions"
    )
    assert parse_qs(urlparse(row[1].url).query)["unit"] == [str(world.unit.pk)]
    assert row[1].value == 1
    assert _list_rows(client, row[1].url) == 1
