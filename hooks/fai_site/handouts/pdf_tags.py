"""What WeasyPrint 70's tagged PDF/UA-1 leaves open on a handout, mended with pikepdf after it writes the file.

WeasyPrint tags the sheet from its HTML: headings, paragraphs, lists, the log table with
its header cells, each picture a Figure with its `alt` or SVG `<title>`, borders and
backgrounds as artifacts. Two things it leaves open are mended here:

- **Running headers and footers.** The page's margin boxes (the name line, the page
  number, the footer) are marked as real content but hang from no structure element
  (WeasyPrint #1836: PDF 1.7 has no place for them in the tree). A reader that walks the
  page's marked content rather than the tree would read them on every page. They are
  marked as pagination artifacts instead, and their entries in the parent tree dropped.
- **Header cells' scope.** The log table's cells name their headers (`Headers` and `ID`),
  and its header cells get the `Scope` their HTML `scope` gave them, so a reader that
  looks only at the header cells knows which way each one reads.

Only the marks around the content change, never what is drawn: the pages look the same.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name

PAGINATION = Dictionary(Type=Name.Pagination)


def finish_tags(content: bytes) -> bytes:
    """The tagged PDF with margin boxes as artifacts and header cells scoped; equal input gives equal bytes."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root.StructTreeRoot
        tree = reachable(root)
        for page_number, page in enumerate(pdf.pages):
            parents = page_parents(root, page_number)
            orphans = {mcid for mcid, parent in enumerate(parents) if parent.is_indirect and parent.objgen not in tree}
            if orphans:
                mark_as_artifacts(pdf, page, orphans)
                for mcid in orphans:
                    parents[mcid] = pikepdf.Object.parse(b"null")
        for cell, scope in header_cells(root):
            cell.A = Dictionary({**cell.get("/A", Dictionary(O=Name.Table)), "/Scope": scope})
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True)
    return output.getvalue()


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
            return numbers[index + 1]
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
