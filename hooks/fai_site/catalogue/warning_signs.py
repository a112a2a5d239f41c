"""The warning signs: one entry per sign, each in one tier, and each tier with one action.

A sign's urgency is its tier's, never a sentence of its own, so the *When to get help*
page, every handout, the builder's sheet and "My program" can only ever say the same
thing about it. The emergency number is a site setting (`extra.clinic.emergency_number`),
written into the text where it says `{emergency_number}`, so a clinic abroad prints its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Annotated, Any

from pydantic import AfterValidator, Field, field_validator, model_validator

from fai_site.catalogue.problems import Problem
from fai_site.catalogue.strict import Strict

# What a sign's words may hold in braces: the number to call, filled in from the site's settings.
NUMBER_SLOT = "{emergency_number}"
BRACES = re.compile(r"[{}]")
# A word or phrase that names a sign in an article: lowercase words without punctuation (an article's commas are
# ignored when it is read), and a `*` at the end for any ending ("hernia*").
PHRASE_PATTERN = r"^[a-z0-9&' -]+\*?$"
SIGN_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SHORT_SIGN = 110


class Tier(str, Enum):
    """How fast to act: adults' two tiers, the therapist's, and the children's traffic light."""

    EMERGENCY = "emergency"
    TODAY = "today"
    THERAPIST = "therapist"
    CHILD_RED = "child_red"
    CHILD_AMBER = "child_amber"
    CHILD_GREEN = "child_green"

    @property
    def for_children(self) -> bool:
        return self in CHILD_TIERS

    @property
    def light(self) -> str | None:
        """The traffic-light colour a child's tier is named by, in words (paper may be grey)."""
        return TRAFFIC_LIGHTS.get(self)

    @property
    def box(self) -> str:
        """The kind of box a page draws the tier in (a Material admonition)."""
        return BOXES[self]


CHILD_TIERS = (Tier.CHILD_RED, Tier.CHILD_AMBER, Tier.CHILD_GREEN)
# The red flags every sheet and the companion print, in this order; the therapist's tier stays on the pages.
PRINTED_ADULT_TIERS = (Tier.EMERGENCY, Tier.TODAY)
TRAFFIC_LIGHTS = {Tier.CHILD_RED: "Red", Tier.CHILD_AMBER: "Amber", Tier.CHILD_GREEN: "Green"}
BOXES = {
    Tier.EMERGENCY: "danger",
    Tier.TODAY: "warning",
    Tier.THERAPIST: "info",
    Tier.CHILD_RED: "danger",
    Tier.CHILD_AMBER: "warning",
    Tier.CHILD_GREEN: "success",
}


def only_the_number_slot(value: str) -> str:
    """A validator for every text a sign or tier prints: only `{emergency_number}` may stand in braces."""
    if BRACES.search(value.replace(NUMBER_SLOT, "")):
        raise ValueError(
            f"only {NUMBER_SLOT} may stand in braces (it becomes the site's emergency number); "
            "write other braces as words"
        )
    return value


SignText = Annotated[str, Field(min_length=1, max_length=400), AfterValidator(only_the_number_slot)]
# A sign as a sheet prints it: a sheet's box holds every sign of every tier, whole, on its first page.
ShortSignText = Annotated[str, Field(min_length=1, max_length=SHORT_SIGN), AfterValidator(only_the_number_slot)]
Phrase = Annotated[
    str,
    Field(
        min_length=2,
        max_length=60,
        pattern=PHRASE_PATTERN,
        description="Lowercase words; a '*' at the end matches any ending.",
    ),
]


class TierWording(Strict):
    """What a tier tells the reader to do: pages and sheets head its list with this action, then 'if you have:'."""

    action: SignText = Field(
        description=(
            "What to do, as one instruction without a full stop, e.g. 'Contact your clinic or a doctor today'. "
            "It may say {emergency_number}."
        )
    )

    @field_validator("action")
    @classmethod
    def _no_end_stop(cls, value: str) -> str:
        if value.endswith((".", ":")):
            raise ValueError("leave off the full stop or colon: pages add 'if:' after it, or a full stop")
        return value


class Tiers(Strict):
    """The action of each tier, written once: every sign in the tier is printed with it."""

    emergency: TierWording = Field(description="Adults: an emergency, now.")
    today: TierWording = Field(description="Adults: a doctor or the clinic the same day.")
    therapist: TierWording = Field(description="Adults: the physical therapist (shown on the pages, not the sheets).")
    child_red: TierWording = Field(description="Children and teens, red: an emergency, now.")
    child_amber: TierWording = Field(description="Children and teens, amber: a doctor the same day.")
    child_green: TierWording = Field(description="Children and teens, green: care at home, with a safety net.")

    def of(self, tier: Tier) -> TierWording:
        wording: TierWording = getattr(self, tier.value)
        return wording


class Sign(Strict):
    """One warning sign: its words, its tier, and the words that name it in an article."""

    id: Annotated[str, Field(pattern=SIGN_ID_PATTERN, max_length=60)] = Field(
        description="Stable id, used by `<!-- signs: ID -->` markers in articles: never rename one."
    )
    tier: Tier = Field(description="How fast to act; the tier's action is printed with the sign.")
    text: ShortSignText = Field(
        description=(
            "The sign in a few plain words, as every page, sheet and the companion print it: a sheet has room for "
            "little more. It may say {emergency_number}."
        )
    )
    detail: SignText | None = Field(
        default=None,
        description=(
            "More about the sign, printed after it where there is room: the pages, their markers and My program, "
            "not the sheets."
        ),
    )
    named_by: Annotated[list[Phrase], Field(min_length=1)] = Field(
        description=(
            "Words that name this sign in an article. A sentence with one of them that also says how fast to act is "
            "an error: the article must use a marker."
        )
    )


class Safety(Strict):
    """The warning signs, kept once: every page, handout, the builder and "My program" print them from here."""

    tiers: Tiers = Field(description="What each tier tells the reader to do.")
    signs: Annotated[list[Sign], Field(min_length=1)] = Field(
        description="Every warning sign, one entry each, in the order pages and sheets print them."
    )
    during_exercise: SignText = Field(
        description=(
            "The stop rule during an exercise; every handout prints it with the red flags. It may say "
            "{emergency_number}."
        )
    )

    @model_validator(mode="after")
    def _every_printed_tier_has_a_sign(self) -> Safety:
        empty = [tier.value for tier in (*PRINTED_ADULT_TIERS, *CHILD_TIERS) if not self.in_tier(tier)]
        if empty:
            raise ValueError(f"every handout prints these tiers, so each needs a sign: {', '.join(empty)}")
        return self

    @cached_property
    def by_id(self) -> dict[str, Sign]:
        return {sign.id: sign for sign in self.signs}

    def in_tier(self, tier: Tier) -> list[Sign]:
        return [sign for sign in self.signs if sign.tier is tier]


def repeated_sign_ids(data: dict[str, Any]) -> list[Problem]:
    """Each sign id written twice, naming the line of the first: a marker must mean one sign. Read from the data as
    written, like the catalogue's other cross-entry checks, so it is reported beside the model's problems."""
    safety = data.get("safety")
    signs = safety.get("signs") if isinstance(safety, dict) else None
    if not isinstance(signs, list):
        return []
    first: dict[str, int] = {}
    problems = []
    for index, sign in enumerate(signs):
        sign_id = sign.get("id") if isinstance(sign, dict) else None
        if not isinstance(sign_id, str):
            continue
        if sign_id in first:
            message = (
                f"'{sign_id}' is already the id of safety.signs[{first[sign_id]}] on line {{see_line}}; "
                "every sign needs its own id"
            )
            problems.append(
                Problem(("safety", "signs", index, "id"), message, see=("safety", "signs", first[sign_id], "id"))
            )
        first.setdefault(sign_id, index)
    return problems


# ---- The signs as a site prints them ----------------------------------------------------


@dataclass(frozen=True)
class PrintedSign:
    """A sign's words with the emergency number written in: a sheet prints `text`, a page `full`."""

    sign_id: str
    text: str
    detail: str | None = None

    @property
    def full(self) -> str:
        return f"{self.text} {self.detail}" if self.detail else self.text


@dataclass(frozen=True)
class TierList:
    """A tier as a page or a sheet prints it: its heading (the action, then 'if you have:'), action and signs."""

    tier: Tier
    action: str
    heading: str
    signs: tuple[PrintedSign, ...]


@dataclass(frozen=True)
class PrintedSafety:
    """Every warning sign with the site's emergency number written in, grouped as pages and sheets print them."""

    during_exercise: str
    adults: tuple[TierList, ...]
    children: tuple[TierList, ...]
    therapist: TierList


def filled(text: str, number: str) -> str:
    return text.replace(NUMBER_SLOT, number)


def heading(tier: Tier, action: str) -> str:
    """'Call … now if you have:' for adults, '… if a child or teen:' for children: the signs read on from it."""
    return f"{action} if a child or teen:" if tier.for_children else f"{action} if you have:"


def tier_list(safety: Safety, tier: Tier, number: str, signs: list[Sign] | None = None) -> TierList:
    """The tier's signs (or those of `signs` in it) with its action, `number` written in."""
    action = filled(safety.tiers.of(tier).action, number)
    chosen = safety.in_tier(tier) if signs is None else [sign for sign in signs if sign.tier is tier]
    printed = tuple(
        PrintedSign(sign.id, filled(sign.text, number), filled(sign.detail, number) if sign.detail else None)
        for sign in chosen
    )
    return TierList(tier, action, heading(tier, action), printed)


def printed_safety(safety: Safety, number: str) -> PrintedSafety:
    """The signs with `number` written in, as the handouts, the builder's sheet, the companion and the pages print
    them."""
    return PrintedSafety(
        during_exercise=filled(safety.during_exercise, number),
        adults=tuple(tier_list(safety, tier, number) for tier in PRINTED_ADULT_TIERS),
        children=tuple(tier_list(safety, tier, number) for tier in CHILD_TIERS),
        therapist=tier_list(safety, Tier.THERAPIST, number),
    )


def signs_named(safety: Safety, ids: list[str], number: str) -> list[TierList]:
    """The marked signs grouped by tier, in tier order then marker order: a marker prints each under its tier's
    action."""
    marked = [safety.by_id[sign_id] for sign_id in dict.fromkeys(ids)]
    groups = [tier_list(safety, tier, number, marked) for tier in Tier]
    return [group for group in groups if group.signs]
