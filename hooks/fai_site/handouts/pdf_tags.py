"""What WeasyPrint 70's tagged PDF/UA-1 leaves open on a handout, mended with pikepdf after it writes the file.

WeasyPrint tags the sheet from its HTML: headings, paragraphs, lists, the log table with
its header cells, each picture a Figure with its `alt` or SVG `<title>`, borders and
backgrounds as artifacts. What it leaves open is mended here:

- **Running headers and footers.** The page's margin boxes (the name line, the page
  number, the footer) are marked as real content but hang from no structure element
  (WeasyPrint #1836: PDF 1.7 has no place for them in the tree). A reader that walks the
  page's marked content rather than the tree would read them on every page. They are
  marked as pagination artifacts instead, and their entries in the parent tree dropped.
- **Header cells' scope.** The log table's cells name their headers (`Headers` and `ID`),
  and its header cells get the `Scope` their HTML `scope` gave them, so a reader that
  looks only at the header cells knows which way each one reads.
- **Page breaks.** An element that crosses a page break is started again on each page
  (WeasyPrint #2902, #2903): the sheet, a section and the list of exercises are joined
  into one element again (see "Page breaks" below for why that is exact on a handout).
- **Lists whose items run on.** An item set inline (the warning signs, printed one after
  another as a paragraph) is tagged once for each line it touches, and the spaces between
  items sit in the list beside them; each rule of "How to do this program" (a term and its
  definition) is a group of such pieces. Each sign is made one item again, and each rule
  one item with its term as the label.

Only the marks around the content change, never what is drawn: the pages look the same.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import cast

import pikepdf
from pikepdf import Array, Dictionary, Name

PAGINATION = Dictionary(Type=Name.Pagination)


def finish_tags(content: bytes) -> bytes:
    """The tagged PDF with margin boxes as artifacts, elements that cross a page break whole, header cells scoped
    and lists mended; equal input gives equal bytes."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = cast(Dictionary, pdf.Root.StructTreeRoot)
        margins_as_artifacts(pdf, root)
        for document in kids(root):
            join_page_breaks(document)
        for cell, scope in header_cells(root):
            cell.A = Dictionary({**cell.get("/A", Dictionary(O=Name.Table)), "/Scope": scope})
        for element in elements(root):
            if element.get("/S") == Name.L:
                element.K = Array(mended_items(element))
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True)
    return output.getvalue()


def margins_as_artifacts(pdf: pikepdf.Pdf, root: Dictionary) -> None:
    """Re-mark the content that hangs from no element of the tree (the page margins) as pagination artifacts."""
    tree = reachable(root)
    for page_number, page in enumerate(pdf.pages):
        parents = page_parents(root, page_number)
        orphans = {mcid for mcid, parent in enumerate(parents) if parent.is_indirect and parent.objgen not in tree}
        if orphans:
            mark_as_artifacts(pdf, page, orphans)
            for mcid in orphans:
                parents[mcid] = pikepdf.Object.parse(b"null")


def reachable(root: Dictionary) -> set[tuple[int, int]]:
    """The structure elements that hang from the tree's root, by object number."""
    found: set[tuple[int, int]] = set()
    pending = list(kids(root))
    while pending:
        element = pending.pop()
        if element.objgen in found:
            continue
        found.add(element.objgen)
        pending.extend(kids(element))
    return found


def kids(element: Dictionary) -> Iterator[Dictionary]:
    """An element's child elements (not its marked-content ids or annotation references)."""
    value = element.get("/K")
    for kid in value if isinstance(value, Array) else [value]:
        if isinstance(kid, Dictionary) and kid.get("/Type") != Name.OBJR:
            yield kid


def page_parents(root: Dictionary, page_number: int) -> Array:
    """The parent tree's array for a page: the structure element of each marked-content id, in order.

    WeasyPrint writes the parent tree as one flat `Nums` array, keyed by the page's `StructParents`."""
    numbers = root.ParentTree.Nums
    for index in range(0, len(numbers), 2):
        if int(numbers[index]) == page_number:
            return cast(Array, numbers[index + 1])
    return Array()


def mark_as_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page, mcids: set[int]) -> None:
    """Re-mark the page's content sequences with these ids as pagination artifacts."""
    instructions = []
    for instruction in pikepdf.parse_content_stream(page):
        operands = instruction.operands
        if (
            str(instruction.operator) == "BDC"
            and isinstance(operands[-1], Dictionary)
            and int(operands[-1].get("/MCID", -1)) in mcids
        ):
            instruction = pikepdf.ContentStreamInstruction([Name.Artifact, PAGINATION], pikepdf.Operator("BDC"))
        instructions.append(instruction)
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def header_cells(root: Dictionary) -> Iterator[tuple[Dictionary, Name]]:
    """Each header cell with its scope: a column's in the table head, a row's in its body."""
    pending: list[tuple[Dictionary, bool]] = [(kid, False) for kid in kids(root)]
    while pending:
        element, in_head = pending.pop()
        role = element.get("/S")
        if role == Name.TH:
            yield element, Name.Column if in_head else Name.Row
        pending.extend((kid, in_head or role == Name.THead) for kid in kids(element))


def elements(root: Dictionary) -> Iterator[Dictionary]:
    """Every structure element under the root, parents before their children."""
    pending = list(kids(root))
    while pending:
        element = pending.pop()
        yield element
        pending.extend(kids(element))


# ---- Page breaks ------------------------------------------------------------------------
#
# WeasyPrint starts an element again on each page it crosses (WeasyPrint #2902, #2903): the
# sheet, a section or a list that runs over a page break is two elements, one per page. On a
# handout only the sheet (Art), its sections (Sect) and the list of exercises (L) cross pages:
# each card, each list of steps, precautions or signs, the log and each box is kept whole on
# one page by the stylesheet. So where the last of these on one page meets the first on the
# next, with the same role, they are one element, unless the later one opens with a heading:
# each section of the sheet opens with its own.

CROSSES_PAGES = (Name.Art, Name.Sect, Name.L)


def join_page_breaks(parent: Dictionary) -> None:
    """Join each element that a page break cut in two, at every level below `parent`."""
    if elements_only(parent):
        joined: list[Dictionary] = []
        for kid in kids(parent):
            if joined and continues(joined[-1], kid):
                for piece in kids(kid):
                    piece.P = joined[-1]
                joined[-1].K = Array([*kids_and_content(joined[-1]), *kids(kid)])
            else:
                joined.append(kid)
        parent.K = Array(joined)
    for kid in kids(parent):
        join_page_breaks(kid)


def elements_only(element: Dictionary) -> bool:
    """Whether all an element's children are structure elements: no content id or annotation among them."""
    content = kids_and_content(element)
    return bool(content) and len(content) == len(list(kids(element)))


def continues(before: Dictionary, after: Dictionary) -> bool:
    """Whether `after`, on the next page, is the rest of `before`: a container of the same role, holding elements
    only (a content id would be read on the wrong page), that does not open with a heading."""
    first = next(kids(after), None)
    return (
        before.get("/S") == after.get("/S")
        and after.get("/S") in CROSSES_PAGES
        and "/Pg" in before
        and "/Pg" in after
        and before.Pg.objgen != after.Pg.objgen
        and elements_only(after)
        and (first is None or str(first.get("/S")) not in HEADINGS)
    )


HEADINGS = {f"/H{level}" for level in range(1, 7)}


# ---- Lists ------------------------------------------------------------------------------
#
# WeasyPrint makes a list item of each box an `li` (or `dt`, `dd`) leaves, so three shapes on the
# sheet come out as more items than the list has: a warning sign that runs on from the line
# before it (the red flags print as one paragraph, item after item) is one item per line it
# touches, with the spaces between items tagged beside them; and each rule of "How to do this
# program" (a `div` of `dt` and `dd`, each line of the run-on `dd` an item) is a group of items.
# Mended, each sign is one item and each rule one item, its name as the label.


def mended_items(element: Dictionary) -> list[Dictionary]:
    """A list's children, each item whole: runs of a run-on item joined, a term and its definition as one item."""
    # Only a run-on list has text between its items (the spaces between them); a block list has none.
    run_on = any(kid.get("/S") == Name.Span for kid in kids(element))
    items: list[Dictionary] = []
    for kid in kids(element):
        role = kid.get("/S")
        parts = [grand.get("/S") for grand in kids(kid)]
        if role == Name.Div and len(parts) >= 2 and all(part == Name.LI for part in parts):
            items.append(term_and_definition(kid, element))
        elif (
            items
            and items[-1].get("/S") == Name.LI
            and run_on
            and (role == Name.Span or (role == Name.LI and not starts_with_marker(kid)))
        ):
            join(items[-1], kid)
        else:
            items.append(kid)
    return items


def starts_with_marker(item: Dictionary) -> bool:
    """Whether a run-on item opens with generated content (its `::before` bullet): only its first line's box does."""
    body = next((kid for kid in kids(item) if kid.get("/S") == Name.LBody), None)
    first = next(kids(body), None) if body is not None else None
    return first is not None and first.get("/S") == Name.NonStruct


def join(item: Dictionary, part: Dictionary) -> None:
    """Move a piece of an item (another line's box, or the space before the next item) into the item's body."""
    body = next((kid for kid in kids(item) if kid.get("/S") == Name.LBody), item)
    if part.get("/S") == Name.LI:
        moved = [piece for kid in kids(part) for piece in (kids(kid) if kid.get("/S") == Name.LBody else [kid])]
    else:
        moved = [part]
    for piece in moved:
        piece.P = body
    body.K = Array([*kids_and_content(body), *moved])


def term_and_definition(group: Dictionary, parent: Dictionary) -> Dictionary:
    """A `dt` and its `dd` as one item: the term (a short name, on one line) its label, the definition, one item
    per line it runs over, its body."""
    term, definition, *more = kids(group)
    label = next(kids(term))
    label.S = Name.Lbl
    body = next(kids(definition))
    for line in more:
        join(definition, line)
    body.P = term
    term.K = Array([label, body])
    term.P = parent
    return term


def kids_and_content(element: Dictionary) -> list[pikepdf.Object]:
    """All of an element's children: elements and marked-content ids alike."""
    value = element.get("/K")
    return list(value) if isinstance(value, Array) else [] if value is None else [value]
