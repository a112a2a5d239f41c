"""Reading a PDF back: the text of each page; the structure tree with each element's text, as a screen reader reads
it; and the text runs of the pages with their size on paper and how they are marked.

pikepdf reads the structure tree; pypdf reads the pages' text, tracking the marked-content
sequences (`BDC` … `EMC`) around each run, so each run is known by its marked-content id
(its place in the tree) or as an artifact, which readers skip. pypdf reads a page in one
pass that gives both its text and its runs, once per file and test process: several tests
read the same shipped PDF, and reading is the slow part.

What Chromium prints (a builder's sheet, a handout page printed from the browser) is read by
poppler's `pdftotext` instead: Chromium draws each letter with an operator of its own, which
pypdf reads about 15 times slower, and the tests want only each page's words.
"""

from __future__ import annotations

import functools
import math
import subprocess
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pikepdf
from pypdf import PageObject, PdfReader

if TYPE_CHECKING:
    from playwright.sync_api import Page

ARTIFACT = "artifact"


@dataclass(frozen=True)
class TextRun:
    """A run of text as drawn: its page (from 0), its marked-content id (or ARTIFACT, or None), its size in points."""

    page: int
    mark: int | str | None
    text: str
    size: float


@dataclass
class Element:
    """A structure element with its own attributes, and the text of its content in the tree's order."""

    role: str
    page: int | None
    alt: str | None
    attributes: dict[str, str | list[float]]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.iter()

    def find(self, *roles: str) -> list[Element]:
        return [element for element in self.iter() if element.role in roles]


@dataclass(frozen=True)
class PageText:
    """A page's text as pypdf extracts it, and its runs of text in drawing order."""

    text: str
    runs: tuple[TextRun, ...]


@functools.cache
def read_pages(path: Path) -> tuple[PageText, ...]:
    """Every page of the PDF, read once per file and test process (the file must not change while the tests run)."""
    return tuple(read_page(number, page) for number, page in enumerate(PdfReader(path).pages))


def printed(page: Page, paper: str) -> list[str]:
    """The words of each page Chromium prints of the loaded page, as its "Save as PDF" makes it, in the order they are
    drawn (`pdftotext -raw`)."""
    command = ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"]
    pdf = page.pdf(format=paper)
    text = subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    return [" ".join(sheet.split()) for sheet in text.split("\f")[:-1]]  # each page ends with a form feed


def page_texts(path: Path) -> list[str]:
    """The text of each page, as pypdf's `extract_text` gives it."""
    return [page.text for page in read_pages(path)]


def text_runs(path: Path) -> list[TextRun]:
    """Every run of text on every page, in drawing order."""
    return [run for page in read_pages(path) for run in page.runs]


def read_page(number: int, page: PageObject) -> PageText:
    """A page's text, and its runs of text each with the innermost mark around it."""
    runs: list[TextRun] = []
    marks: list[int | str | None] = []

    def before(operator: bytes, operands: list, cm: list, tm: list) -> None:
        if operator in (b"BDC", b"BMC"):
            tag = str(operands[0])
            properties = operands[1] if operator == b"BDC" and len(operands) > 1 else {}
            marks.append(ARTIFACT if tag == "/Artifact" else properties.get("/MCID"))
        elif operator == b"EMC":
            marks.pop()

    def shown(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if text.strip():
            # The text matrix times the page's: its vertical scale turns the font size into points on paper.
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            mark = next((mark for mark in reversed(marks) if mark is not None), None)
            runs.append(TextRun(number, mark, text, size * math.hypot(c, d)))

    text = page.extract_text(visitor_operand_before=before, visitor_text=shown)
    return PageText(text, tuple(runs))


@functools.cache
def structure(path: Path) -> Element:
    """The document's structure tree, each element with its text gathered from the content it marks (read once)."""
    texts: dict[tuple[int, int], list[str]] = defaultdict(list)
    for run in text_runs(path):
        if isinstance(run.mark, int):
            texts[run.page, run.mark].append(run.text)
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
        root = pdf.Root.StructTreeRoot
        (document,) = [read(kid, None, pages, texts) for kid in kids(root.K)]
    return document


def kids(value: object) -> list:
    return list(value) if isinstance(value, pikepdf.Array) else [] if value is None else [value]


def attribute(value: object) -> str | list[float]:
    """A name without its slash, a box as numbers, anything else as text."""
    if isinstance(value, pikepdf.Array):
        numbers = [item for item in value if isinstance(item, int | float | Decimal)]
        return [float(number) for number in numbers] if len(numbers) == len(value) else str(value)
    return str(value).lstrip("/")


def read(node: pikepdf.Dictionary, page: int | None, pages: dict, texts: dict) -> Element:
    page = pages.get(node.Pg.objgen, page) if "/Pg" in node else page
    attributes = node.get("/A", pikepdf.Dictionary())
    element = Element(
        role=str(node.S).lstrip("/"),
        page=page,
        alt=str(node.Alt) if "/Alt" in node else None,
        attributes={str(key).lstrip("/"): attribute(value) for key, value in attributes.items()},
    )
    parts = []
    for kid in kids(node.get("/K")):
        if isinstance(kid, int):
            parts.append("".join(texts.get((page, int(kid)), [])))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != pikepdf.Name.OBJR:
            child = read(kid, page, pages, texts)
            element.children.append(child)
            parts.append(child.text)
    element.text = " ".join(" ".join(parts).split())
    return element
