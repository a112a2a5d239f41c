"""Dosages in the words a patient reads on the page and the handout."""

from __future__ import annotations

from typing import Protocol

from fai_site.catalogue.model import Dosage


class Schedule(Protocol):
    """Anything that says how often: an exercise's dosage or a program's frequency."""

    @property
    def times_per_day(self) -> int: ...

    @property
    def days_per_week(self) -> int: ...


TIMES = {1: "once", 2: "twice"}


def amount(dosage: Dosage) -> str:
    """'3 sets of 12', '5 holds of 10 seconds', '20 minutes' — the core of the dose."""
    if dosage.duration_minutes is not None and dosage.reps is None and dosage.hold_seconds is None:
        return f"{dosage.duration_minutes} minutes"
    rounds = plural(dosage.sets or 1, "set")
    if dosage.reps is not None and dosage.hold_seconds is not None:
        return f"{rounds} of {dosage.reps}, holding each for {plural(dosage.hold_seconds, 'second')}"
    if dosage.reps is not None:
        return f"{rounds} of {dosage.reps}"
    return f"{plural(dosage.sets or 1, 'hold')} of {plural(dosage.hold_seconds or 0, 'second')}"


def frequency(dosage: Schedule) -> str:
    """'once a day, 5 days a week' or 'twice a day, every day'."""
    per_day = f"{TIMES.get(dosage.times_per_day, f'{dosage.times_per_day} times')} a day"
    per_week = "every day" if dosage.days_per_week == 7 else f"{plural(dosage.days_per_week, 'day')} a week"
    return f"{per_day}, {per_week}"


def describe(dosage: Dosage) -> str:
    """The whole dose in one line."""
    side = ", each side" if dosage.each_side else ""
    return f"{amount(dosage)}{side} — {frequency(dosage)}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
