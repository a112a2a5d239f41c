"""The paper sizes a handout ships for, its large-print edition, the file name of each PDF, and the page
budgets the layouts keep."""

from __future__ import annotations

from enum import Enum

# The layout's promise, kept by the tests on the wordiest exercises of the catalogue and
# checked on every PDF a build draws: this many exercises print on at most this many pages.
BUDGET_EXERCISES = 6
BUDGET_PAGES = 3
# Large print (every text at least 16 pt, RNIB's large print) takes more room: the same exercises on at most this many.
LARGE_PRINT_BUDGET_PAGES = 10
LARGE_PRINT_MIN_PT = 16
# Each drawn position prints at least this wide, so a patient can read the movement.
FRAME_WIDTH_CM = 4.0


class Paper(str, Enum):
    """A4 for most of the world, US Letter for North America; the sheet is laid out to fit both."""

    A4 = "A4"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return PAPER_LABELS[self]

    def pdf_name(self, program_id: str, *, large_print: bool = False) -> str:
        """`<id>.pdf` for A4, `<id>-letter.pdf` for Letter (A4 is the default most clinics print), and
        `<id>-large-print.pdf`, `<id>-large-print-letter.pdf` for large print."""
        name = f"{program_id}-large-print" if large_print else program_id
        return f"{name}.pdf" if self is Paper.A4 else f"{name}-{self.value}.pdf"


PAPER_LABELS = {Paper.A4: "A4", Paper.LETTER: "US Letter"}


def page_budget(exercise_count: int, *, large_print: bool = False) -> int | None:
    """The most pages a sheet of this many exercises may take, or None past the budget (it takes what it needs)."""
    if exercise_count > BUDGET_EXERCISES:
        return None
    return LARGE_PRINT_BUDGET_PAGES if large_print else BUDGET_PAGES
