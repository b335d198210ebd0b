"""Small-cell suppression for public statistics.

Every cell under the threshold is suppressed ("< 5"); that is primary suppression. Then, so that
a total and the visible cells of its line cannot give a suppressed cell back by subtraction,
no row or column (totals included) may be left with exactly one suppressed entry: the smallest
visible entry of such a line is suppressed too (complementary suppression), preferring cells
over totals, and this repeats until every line holds none or at least two.

A grid here is cells (rows × columns) with a total per row, per column, and a grand total; a
one-column list is the same with ``row_totals=False`` (its rows are the values).
"""

from dataclasses import dataclass, field


@dataclass
class SuppressedGrid:
    cells: list[list[int]]
    threshold: int
    row_totals: bool = True
    # (row, column) positions in the extended grid: row R is the totals row, column C the totals
    # column (when row_totals); the grand total is (R, C).
    hidden: set[tuple[int, int]] = field(default_factory=set)

    @property
    def size(self) -> tuple[int, int]:
        return len(self.cells), len(self.cells[0]) if self.cells else 0

    def value(self, row: int, column: int) -> int:
        rows, columns = self.size
        if row < rows and column < columns:
            return self.cells[row][column]
        if row < rows:  # a row total
            return sum(self.cells[row])
        if column < columns:  # a column total
            return sum(r[column] for r in self.cells)
        return sum(sum(r) for r in self.cells)

    def lines(self) -> list[list[tuple[int, int]]]:
        """Each line's positions, its total last."""
        rows, columns = self.size
        width = columns + 1 if self.row_totals else columns
        lines = []
        if self.row_totals:
            lines += [[(r, c) for c in range(width)] for r in range(rows + 1)]
        lines += [[(r, c) for r in range(rows + 1)] for c in range(width)]
        return lines

    def is_hidden(self, row: int, column: int) -> bool:
        return (row, column) in self.hidden

    def shown(self, row: int, column: int) -> int | None:
        return None if self.is_hidden(row, column) else self.value(row, column)


def suppress(
    cells: list[list[int]],
    threshold: int,
    *,
    row_totals: bool = True,
    hide_grand_total: bool = False,
) -> SuppressedGrid:
    grid = SuppressedGrid([list(r) for r in cells], threshold, row_totals)
    rows, columns = grid.size
    width = columns + 1 if row_totals else columns
    positions = [(r, c) for r in range(rows + 1) for c in range(width)]
    grid.hidden = {p for p in positions if grid.value(*p) < threshold}
    if hide_grand_total and rows and columns:
        grid.hidden.add((rows, columns if row_totals else 0))
    changed = True
    while changed:
        changed = False
        for line in grid.lines():
            hidden = [p for p in line if p in grid.hidden]
            if len(hidden) != 1:
                continue
            visible = [p for p in line if p not in grid.hidden]
            total = line[-1]
            candidates = [p for p in visible if p != total] or visible
            candidates.sort(key=lambda p: (grid.value(*p), p))
            grid.hidden.add(candidates[0])
            changed = True
    return grid
