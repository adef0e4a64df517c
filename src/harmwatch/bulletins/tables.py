"""Tallies laid out as tables: markdown/pipe tables and plain whitespace columns.

A table is read by its header: one column names the area, others the killed,
children and women, and perhaps a notes column. A row whose area says "Total",
"Syria" or "All" is the national total. A table with no recognisable header is
not guessed at: the free-text reader sees its lines instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from harmwatch.bulletins.numbers import find_counts
from harmwatch.models import Range, Span

_COLUMN_KEYS: list[tuple[str, re.Pattern[str]]] = [
    ("area", re.compile(r"governorate|province|area|region|location|place|city|muhafaza|district", re.I)),
    ("children", re.compile(r"child|kids|minors|under\s*18", re.I)),
    ("women", re.compile(r"wom[ae]n|female", re.I)),
    ("notes", re.compile(r"note|cause|remark|detail|comment|circumstance|main|weapon|how", re.I)),
    ("injured", re.compile(r"injur|wound", re.I)),
    (
        "killed",
        re.compile(r"kill|death|dead|martyr|victim|fatalit|toll|total|civilian|number|count|\bn\b|#", re.I),
    ),
]
TOTAL_ROW_RE = re.compile(
    r"^\W*(?:grand\s+)?(?:total|totals|sum|overall|all(?:\s+governorates|\s+areas|\s+provinces)?|"
    r"syria(?:\s+total)?|nationwide|country|national(?:\s+total)?)\W*$",
    re.I,
)
_EMPTY_CELL_RE = re.compile(r"^\s*(?:-+|–|—|n/?a|\.|none|/)?\s*$", re.I)
_SEP_ROW_RE = re.compile(r"^[\s|:+\-=]+$")


@dataclass
class TableRow:
    area: str
    area_span: Span
    killed: Range | None = None
    children: Range | None = None
    women: Range | None = None
    notes: str | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class Table:
    start: int
    end: int
    columns: list[str]
    rows: list[TableRow] = field(default_factory=list)


def classify_header(cells: list[str]) -> list[str]:
    """A role per header cell: area, killed, children, women, notes, injured or other."""
    roles: list[str] = []
    for i, cell in enumerate(cells):
        role = "other"
        for name, rx in _COLUMN_KEYS:
            if rx.search(cell):
                role = name
                break
        if role == "other" and i == 0 and not re.search(r"\d", cell):
            role = "area"
        # Only the first column of each role counts; "civilians" after "killed" is extra.
        if role in roles and role != "other":
            role = "other"
        roles.append(role)
    if "area" not in roles and roles:
        roles[0] = "area"
    return roles


def _is_header(cells: list[str]) -> bool:
    roles = classify_header(cells)
    numeric = sum(r in ("killed", "children", "women") for r in roles)
    return numeric >= 1 and not any(re.fullmatch(r"\s*[\d,]+\s*", c) for c in cells)


def _cell_count(cell: str, offset: int) -> tuple[Range | None, str | None]:
    """The count in a cell, or None when empty; a problem string when unreadable."""
    if _EMPTY_CELL_RE.match(cell):
        return None, None
    counts = find_counts(cell, offset)
    if len(counts) == 1 and not re.search(r"[A-Za-z]{4,}", cell.replace(counts[0].text, "")):
        return counts[0].value, None
    return None, f"unreadable cell {cell.strip()!r}"


def _split_pipe(line: str) -> list[tuple[str, int]]:
    """Cells of a pipe row with their offsets inside the line."""
    cells: list[tuple[str, int]] = []
    pos = 0
    parts = line.split("|")
    for k, part in enumerate(parts):
        if not ((k == 0 or k == len(parts) - 1) and not part.strip()):
            lead = len(part) - len(part.lstrip())
            cells.append((part.strip(), pos + lead))
        pos += len(part) + 1
    return cells


def _split_spaces(line: str) -> list[tuple[str, int]]:
    return [(m.group(0), m.start()) for m in re.finditer(r"\S+(?: \S+)*", line.replace("\t", "  "))]


_ROW_RE = re.compile(
    r"^\s*(?P<area>#?[^\d\s|][^\d|]*?)\s*[:\-–]?\s+"
    r"(?P<nums>(?:[\d,]+|-+|–|—|n/?a)(?:[ \t]+(?:[\d,]+|-+|–|—|n/?a))*)"
    r"(?:[ \t]+(?P<notes>\S.*?))?\s*$",
    re.I,
)


def find_tables(text: str) -> list[Table]:
    """Pipe tables and whitespace-column tables with a header row."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        _off, line = lines[i]
        if line.count("|") >= 2:
            j = i
            while j < len(lines) and lines[j][1].count("|") >= 2:
                j += 1
            t = _pipe_table(lines[i:j])
            if t is not None:
                tables.append(t)
            i = j
            continue
        if (
            line.count(",") >= 2
            and not re.search(r"\d", line)
            and _is_header([c for c, _ in _split_commas(line)])
        ):
            t, j = _comma_table(lines, i)
            if t is not None:
                tables.append(t)
                i = j
                continue
        cells = _header_cells(line)
        if len(cells) >= 2 and _is_header([c for c, _ in cells]) and not re.search(r"\d", line):
            t, j = _space_table(lines, i)
            if t is not None:
                tables.append(t)
                i = j
                continue
        i += 1
    return tables


def _pipe_table(block: list[tuple[int, str]]) -> Table | None:
    header: list[str] | None = None
    table: Table | None = None
    for off, line in block:
        if _SEP_ROW_RE.match(line):
            continue
        cells = _split_pipe(line)
        if header is None:
            if not _is_header([c for c, _ in cells]):
                return None
            header = classify_header([c for c, _ in cells])
            table = Table(block[0][0], block[-1][0] + len(block[-1][1]), header)
            continue
        if table is None:
            return None
        row = _row_from_cells(cells, header, off)
        if row is not None:
            table.rows.append(row)
    return table if table is not None and table.rows else None


def _row_from_cells(cells: list[tuple[str, int]], header: list[str], off: int) -> TableRow | None:
    area_idx = header.index("area")
    if area_idx >= len(cells) or not cells[area_idx][0]:
        return None
    area, a_off = cells[area_idx]
    row = TableRow(area=area, area_span=Span(off + a_off, off + a_off + len(area), area))
    for k, role in enumerate(header):
        if k >= len(cells) or role in ("area", "other", "injured"):
            continue
        cell, c_off = cells[k]
        if role == "notes":
            row.notes = cell or None
            continue
        value, problem = _cell_count(cell, off + c_off)
        if problem:
            row.problems.append(f"{area}: {role} {problem}")
        setattr(row, role, value)
    return row


def _header_cells(line: str) -> list[tuple[str, int]]:
    """Header cells split on runs of spaces, or on single spaces when every word names a column."""
    cells = _split_spaces(line)
    if len(cells) == 1:
        words = [(m.group(0), m.start()) for m in re.finditer(r"\S+", line)]
        roles = classify_header([w for w, _ in words])
        if len(words) >= 3 and all(r != "other" for r in roles[1:]):
            return words
    return cells


def _split_commas(line: str) -> list[tuple[str, int]]:
    cells: list[tuple[str, int]] = []
    pos = 0
    for part in line.split(","):
        lead = len(part) - len(part.lstrip())
        cells.append((part.strip(), pos + lead))
        pos += len(part) + 1
    return cells


def _comma_table(lines: list[tuple[int, str]], i: int) -> tuple[Table | None, int]:
    """Comma-separated rows under a comma-separated header (CSV pasted into a post)."""
    off, head = lines[i]
    header = classify_header([c for c, _ in _split_commas(head)])
    table = Table(off, off + len(head), header)
    j = i + 1
    while j < len(lines):
        off_j, line = lines[j]
        cells = _split_commas(line)
        if not line.strip() or len(cells) < 2 or not re.search(r"\d", line):
            break
        row = _row_from_cells(cells, header, off_j)
        if row is None:
            break
        table.rows.append(row)
        table.end = off_j + len(line)
        j += 1
    return (table if table.rows else None), j


def _space_table(lines: list[tuple[int, str]], i: int) -> tuple[Table | None, int]:
    off, head = lines[i]
    header_cells = _header_cells(head)
    roles = classify_header([c for c, _ in header_cells])
    numeric_roles = [r for r in roles if r not in ("area", "notes")]
    table = Table(off, off + len(head), roles)
    j = i + 1
    while j < len(lines):
        off_j, line = lines[j]
        if not line.strip() or _SEP_ROW_RE.match(line):
            if table.rows and not line.strip():
                break
            j += 1
            continue
        m = _ROW_RE.match(line)
        if not m:
            break
        area = m.group("area").strip()
        row = TableRow(
            area=area, area_span=Span(off_j + m.start("area"), off_j + m.start("area") + len(area), area)
        )
        nums = list(re.finditer(r"[\d,]+|-+|–|—|n/?a", m.group("nums"), re.I))
        for k, nm in enumerate(nums):
            if k >= len(numeric_roles):
                row.problems.append(f"{area}: more numbers than columns")
                break
            role = numeric_roles[k]
            if role in ("killed", "children", "women"):
                value, problem = _cell_count(nm.group(0), off_j + m.start("nums") + nm.start())
                if problem:
                    row.problems.append(f"{area}: {role} {problem}")
                setattr(row, role, value)
        if m.group("notes"):
            row.notes = m.group("notes").strip()
        table.rows.append(row)
        table.end = off_j + len(line)
        j += 1
    return (table if table.rows else None), j


def is_total_row(area: str) -> bool:
    return bool(TOTAL_ROW_RE.match(area))
