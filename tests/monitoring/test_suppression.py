"""Small-cell suppression, tested with tables built to break it: a lone small cell, a small
row total, cascades through rows and columns, a one-column list, and a brute-force attacker
who tries every value the hidden cells could take."""

import itertools

import pytest

from monitoring.suppression import suppress

T = 5


def _lines_are_safe(grid) -> bool:
    return all(sum(p in grid.hidden for p in line) != 1 for line in grid.lines())


def _solutions(grid, limit: int):
    """Every assignment of the hidden cells (0..limit) consistent with what is shown."""
    rows, columns = grid.size
    inner = [(r, c) for r in range(rows) for c in range(columns) if grid.is_hidden(r, c)]
    shown = {p: grid.value(*p) for line in grid.lines() for p in line if not grid.is_hidden(*p)}
    found = []
    for values in itertools.product(range(limit + 1), repeat=len(inner)):
        guess = [list(r) for r in grid.cells]
        for (r, c), v in zip(inner, values, strict=True):
            guess[r][c] = v
        trial = type(grid)(guess, grid.threshold, grid.row_totals)
        if all(trial.value(*p) == v for p, v in shown.items()):
            found.append(dict(zip(inner, values, strict=True)))
    return found


def test_a_lone_small_cell_gets_a_partner_in_its_row_and_column():
    grid = suppress([[3, 10, 12], [8, 9, 11], [7, 6, 20]], T)
    assert grid.is_hidden(0, 0)
    assert _lines_are_safe(grid)
    # The row total and the column total are still shown, yet 3 cannot be worked out.
    assert not grid.is_hidden(0, 3) and not grid.is_hidden(3, 0)


def test_every_shown_total_leaves_the_hidden_cells_undetermined():
    grid = suppress([[3, 10, 12], [8, 9, 11], [7, 6, 20]], T)
    solutions = _solutions(grid, 25)
    assert len(solutions) > 1
    for position in solutions[0]:
        assert len({s[position] for s in solutions}) > 1, position


def test_a_small_row_total_is_hidden_with_a_partner():
    # Row 0 totals 4 (< 5); its cells are all small.
    grid = suppress([[1, 2, 1], [9, 8, 7], [6, 7, 8]], T)
    assert grid.is_hidden(0, 3)
    assert _lines_are_safe(grid)


def test_cascades_until_no_line_has_one_hidden_cell():
    cells = [[2, 30, 40, 50], [30, 1, 40, 50], [30, 40, 3, 50], [60, 70, 80, 4]]
    grid = suppress(cells, T)
    assert _lines_are_safe(grid)
    for r in range(4):
        assert grid.is_hidden(r, r)


def test_a_list_with_one_small_row_hides_another_so_the_total_does_not_give_it_away():
    grid = suppress([[40], [2], [30]], T, row_totals=False)
    hidden_rows = sorted(r for r, c in grid.hidden)
    assert hidden_rows == [1, 2]  # 2 and the smallest other (30); the total stays
    assert grid.shown(3, 0) == 72


def test_a_list_of_one_small_row_hides_its_total():
    grid = suppress([[3]], T, row_totals=False)
    assert grid.is_hidden(0, 0) and grid.is_hidden(1, 0)


def test_zero_counts_are_small_counts():
    grid = suppress([[0, 12], [9, 8]], T)
    assert grid.is_hidden(0, 0) and _lines_are_safe(grid)


def test_a_hidden_grand_total_makes_its_lines_hide_another():
    grid = suppress([[20, 30], [40, 50]], T, hide_grand_total=True)
    assert grid.is_hidden(2, 2)
    assert _lines_are_safe(grid)


@pytest.mark.parametrize("threshold", [2, 5, 10])
def test_random_tables_never_leave_a_line_with_one_hidden_cell(threshold):
    import random

    chance = random.Random(threshold)
    for _ in range(200):
        rows, columns = chance.randint(1, 5), chance.randint(1, 5)
        cells = [
            [chance.choice([0, 1, 2, 3, 4, 6, 9, 15, 40]) for _ in range(columns)]
            for _ in range(rows)
        ]
        grid = suppress(cells, threshold)
        assert _lines_are_safe(grid)
        for line in grid.lines():
            for p in line:
                if grid.value(*p) < threshold:
                    assert grid.is_hidden(*p)
