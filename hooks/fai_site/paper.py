"""The paper sizes a handout ships for, and the file name of each PDF."""

from __future__ import annotations

from enum import Enum


class Paper(str, Enum):
    """A4 for most of the world, US Letter for North America; the sheet is laid out to fit both."""

    A4 = "A4"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return PAPER_LABELS[self]

    def pdf_name(self, program_id: str) -> str:
        """`<id>.pdf` for A4, `<id>-letter.pdf` for Letter: A4 is the default most clinics print."""
        return f"{program_id}.pdf" if self is Paper.A4 else f"{program_id}-{self.value}.pdf"


PAPER_LABELS = {Paper.A4: "A4", Paper.LETTER: "US Letter"}
