"""The paper sizes a handout ships for, the file name of each PDF, and the page budget the layout keeps."""

from __future__ import annotations

from enum import Enum

# The layout's promise, kept by the tests on the wordiest exercises of the catalogue and
# checked on every PDF a build draws: this many exercises print on at most this many pages.
BUDGET_EXERCISES = 6
BUDGET_PAGES = 3
# Each drawn position prints at least this wide, so a patient can read the movement.
FRAME_WIDTH_CM = 4.0


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


def page_budget(exercise_count: int) -> int | None:
    """The most pages a sheet of this many exercises may take, or None past the budget (it takes what it needs)."""
    return BUDGET_PAGES if exercise_count <= BUDGET_EXERCISES else None
