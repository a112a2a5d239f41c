"""The catalogue's data model: what an editor may write in `exercises.yaml`.

Every field carries a description because the editor's guide and the JSON Schema
are generated from these classes; closed sets are enums so a typo fails validation
and the schema lists the allowed values.
"""

from __future__ import annotations

import datetime
import re
from enum import Enum
from functools import cached_property
from typing import Annotated, Any

from pydantic import ConfigDict, Field, ValidationInfo, field_validator, model_validator

from fai_site.catalogue.pose import Pose
from fai_site.catalogue.strict import Strict
from fai_site.catalogue.warning_signs import Safety

Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        max_length=60,
        description=(
            "Lowercase letters, digits and single hyphens. It becomes the web address, so never change it once "
            "published."
        ),
    ),
]
Line = Annotated[str, Field(min_length=1, max_length=400)]
Short = Annotated[str, Field(min_length=1, max_length=120)]
# Item counts for the two lists that also accept a short form. The JSON Schema of such a
# field comes from its validator's `json_schema_input_type`, which drops the field's own
# constraints, so each count is named once here and given to both.
PHASE_COUNT = Field(min_length=1)
PROGRAM_LENGTH = Field(min_length=1, max_length=12)
# For a mapping keyed by a Slug, pydantic moves the key's pattern out of `propertyNames`
# into `patternProperties`, which only describes matching keys and lets any other key
# through. Closing the mapping makes the schema refuse the keys the model refuses.
SLUG_KEYS_ONLY: dict[str, Any] = {"additionalProperties": False}
DRAFT_HELP = (
    "true while you are still writing it: it is checked and its problems listed, but it blocks nothing and is "
    "never published."
)
# A program's weeks, as `weeks_label` can say them with "usually about": a range, a start, or "ongoing".
WEEKS_PATTERN = r"^(?:\d{1,2}(?:[–-]\d{1,2}|\+)|ongoing)$"
WEEK_RANGE = re.compile(r"^(?P<first>\d{1,2})(?:[–-](?P<last>\d{1,2})|(?P<on>\+))$")
# What makes an exercise a strength exercise is that it gets harder by adding load; the page, every
# handout card and My program print how, under this one heading.
LOAD_RULE = "When 12 slow reps feel easy"
# A program's spacing advice that states a frequency would be a second, drifting copy of it.
FREQUENCY_WORDS = re.compile(
    r"\b(once|twice|daily|every day|\d+ (times|days?)|times a|a day|a week|per day|per week)\b", re.IGNORECASE
)


class Category(str, Enum):
    """What kind of exercise it is; the index groups by it."""

    STRENGTH = "strength"
    CORE = "core"
    STRETCH = "stretch"
    MOBILITY = "mobility"
    BALANCE = "balance"
    CONTROL = "control"
    CARDIO = "cardio"
    AGILITY = "agility"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


class Phase(str, Enum):
    """The stage of rehabilitation an exercise or program belongs to."""

    EARLY = "early"
    MIDDLE = "middle"
    LATE = "late"
    RETURN = "return-to-activity"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]

    @property
    def name_only(self) -> str:
        """The phase without its usual weeks, for a program that states its own."""
        return PHASE_NAMES[self]


CATEGORY_LABELS = {
    Category.STRENGTH: "Strength",
    Category.CORE: "Core (trunk)",
    Category.STRETCH: "Stretches",
    Category.MOBILITY: "Mobility",
    Category.BALANCE: "Balance",
    Category.CONTROL: "Movement control",
    Category.CARDIO: "Low-impact fitness",
    Category.AGILITY: "Agility and hopping",
}
PHASE_NAMES = {
    Phase.EARLY: "Early",
    Phase.MIDDLE: "Middle",
    Phase.LATE: "Late",
    Phase.RETURN: "Return to activity",
}
# Phases are criteria, not calendar weeks: the weeks come from a post-surgery protocol (Tijssen 2016)
# and are only what it usually takes, so every label that gives them says "usually about".
PHASE_LABELS = {
    Phase.EARLY: "Early (usually about weeks 0–4)",
    Phase.MIDDLE: "Middle (usually about weeks 4–10)",
    Phase.LATE: "Late (usually from about week 10)",
    Phase.RETURN: "Return to activity",
}


class Reference(Strict):
    """A published source, cited by its key from exercises."""

    authors: Line = Field(description="Authors as in the citation, e.g. 'Terrell SL, Olson GE, Lynch J'.")
    year: int = Field(ge=1900, le=2100, description="Year of publication.")
    title: Line = Field(description="Title of the article, guideline or page.")
    source: Line = Field(description="Journal with volume and pages, or the organisation.")
    doi: str | None = Field(
        default=None, pattern=r"^10\.\d{4,9}/\S+$", description="DOI without the 'https://doi.org/' prefix."
    )
    url: str | None = Field(default=None, pattern=r"^https://\S+$", description="A stable https web address.")
    note: Line | None = Field(
        default=None,
        description=(
            "What kind of source it is, in plain words, where the title does not say: e.g. that a trial's plan"
            " shows only which exercises it used, or that a protocol is for after surgery. Printed after the source"
            " on every exercise page that cites it."
        ),
    )


class DosageChange(Strict):
    """Dosage fields a program may change for one exercise; all optional."""

    sets: int | None = Field(default=None, ge=1, le=10, description="How many sets (1–10).")
    reps: int | None = Field(default=None, ge=1, le=50, description="Repetitions in each set (1–50).")
    hold_seconds: int | None = Field(
        default=None, ge=1, le=120, description="How long to hold each repetition, in seconds (1–120)."
    )
    duration_minutes: int | None = Field(
        default=None, ge=1, le=90, description="For walking, cycling and the like: minutes per session (1–90)."
    )
    each_side: bool | None = Field(default=None, description="True when the dose is for each leg or side.")
    times_per_day: int | None = Field(default=None, ge=1, le=5, description="How many times a day (1–5).")
    days_per_week: int | None = Field(default=None, ge=1, le=7, description="How many days a week (1–7).")


class Dosage(DosageChange):
    """How much to do: sets with reps and/or a hold, or minutes for endurance work."""

    each_side: bool = Field(default=False, description="True when the dose is for each leg or side.")
    times_per_day: int = Field(default=1, ge=1, le=5, description="How many times a day (1–5).")
    days_per_week: int = Field(default=7, ge=1, le=7, description="How many days a week (1–7).")

    @model_validator(mode="after")
    def _has_an_amount(self) -> Dosage:
        if self.reps is None and self.hold_seconds is None and self.duration_minutes is None:
            raise ValueError("give reps, hold_seconds or duration_minutes")
        if self.duration_minutes is None and self.sets is None:
            raise ValueError("give sets (how many rounds of the reps or holds)")
        return self

    def changed(self, change: DosageChange | None) -> Dosage:
        """The dosage with a program's changes applied, validated again as a whole."""
        if change is None:
            return self
        updates = change.model_dump(exclude_none=True)
        return Dosage.model_validate(self.model_dump() | updates)


class ImageIllustration(Strict):
    """A picture file, for when a drawn pose is not enough. Its licence must be known."""

    image: str = Field(
        pattern=r"^[A-Za-z0-9_./-]+\.(svg|png|jpg|jpeg|webp)$",
        description="Path of the file inside docs/, e.g. 'assets/images/band-anchor.png'.",
    )
    alt: Line = Field(description="What the picture shows, for people who cannot see it.")
    licence: Short = Field(description="Licence of the picture, e.g. 'CC BY 4.0'.")
    source: Line = Field(description="Where the picture comes from (a web address or 'own work').")
    author: Short = Field(description="Who made the picture.")

    @field_validator("image")
    @classmethod
    def _stays_inside_docs(cls, value: str) -> str:
        if value.startswith("/") or ".." in value.split("/"):
            raise ValueError("must be a path inside docs/, without '..'")
        return value


class PoseIllustration(Strict):
    """A picture drawn from a described pose: start and end positions, side by side."""

    pose: Pose = Field(description="The position, props and frames to draw (see the pose fields below).")


# The JSON Schema's form of the load rule, so an editor's tool flags a strength exercise without `add_load` too.
STRENGTH_NEEDS_LOAD: dict[str, Any] = {
    "if": {"properties": {"category": {"const": Category.STRENGTH.value}}, "required": ["category"]},
    "then": {"required": ["add_load"]},
}


class Exercise(Strict):
    """One exercise: everything a patient needs to do it safely at home."""

    model_config = ConfigDict(json_schema_extra=STRENGTH_NEEDS_LOAD)

    id: Slug = Field(description="Unique, stable id; the page lives at exercises/<id>/.")
    name: Short = Field(description="The exercise's everyday name.")
    summary: Annotated[str, Field(min_length=1, max_length=160)] = Field(
        description="One sentence: what it does. Also the page's search description."
    )
    illustration: PoseIllustration | ImageIllustration | None = Field(
        default=None, description="A pose to draw, or an image file with its licence."
    )
    category: Category = Field(description="What kind of exercise it is.")
    phase: Annotated[list[Phase], PHASE_COUNT] = Field(description="The phases it suits, e.g. [early, middle].")
    muscles: list[Short] = Field(
        min_length=1, description="Muscles it works, plain name first, e.g. 'buttock muscles (gluteus maximus)'."
    )
    equipment: list[Short] = Field(
        default_factory=list, description="What you need, e.g. [mat, resistance band]; [] for nothing."
    )
    position: Line = Field(description="The starting position, in one or two sentences.")
    steps: list[Line] = Field(
        min_length=2, max_length=8, description="What to do, as short numbered steps (3–6 is best)."
    )
    dosage: Dosage = Field(description="How much and how often.")
    feel: Line = Field(description="Where you should feel it working.")
    mistakes: list[Line] = Field(default_factory=list, description="Common mistakes to avoid.")
    precautions: list[Line] = Field(
        min_length=1,
        description=(
            "Safety points, each printed on the page and every handout. Pages and handouts add the pain rule "
            "themselves, so leave it out."
        ),
    )
    add_load: Line | None = Field(
        default=None,
        validate_default=True,
        description=(
            "How to add load once it is easy (a band, an ankle weight, a dumbbell, a kettlebell, one leg), e.g."
            " 'Hold a dumbbell in each hand.' Needed for a strength exercise. The page, every handout card and"
            f" My program print it after '{LOAD_RULE}:'."
        ),
    )
    easier: list[Slug] = Field(
        default_factory=list,
        description=(
            "Ids of easier versions. Each link also shows the other way round: write it on one of the two exercises "
            "only."
        ),
    )
    harder: list[Slug] = Field(
        default_factory=list,
        description="Ids of harder versions. The harder exercise's page lists this one as easier by itself.",
    )
    references: list[Slug] = Field(min_length=1, description="Keys of the top-level references that support it.")
    draft: bool = Field(default=False, description=DRAFT_HELP)

    @field_validator("phase", mode="before", json_schema_input_type=Annotated[list[Phase], PHASE_COUNT] | Phase)
    @classmethod
    def _one_phase_is_a_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("add_load")
    @classmethod
    def _strength_says_how_to_add_load(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Personalised hip therapy is progressive (Wall 2016): strength work that never adds load stops working."""
        if value is None and info.data.get("category") is Category.STRENGTH:
            raise ValueError(
                "a strength exercise must say how to add load once it is easy: add 'add_load:' with one short line,"
                f" e.g. 'Hold a dumbbell in each hand.' (printed after '{LOAD_RULE}:')"
            )
        return value


class Frequency(Strict):
    """How often a program is done: the one place a handout's frequency comes from."""

    times_per_day: int = Field(default=1, ge=1, le=5, description="How many times a day (1–5).")
    days_per_week: int = Field(ge=1, le=7, description="How many days a week (1–7).")


class ProgramItem(Strict):
    """An exercise in a program, with changes to its usual dosage."""

    id: Slug = Field(description="Id of the exercise.")
    dosage: DosageChange | None = Field(default=None, description="Only the dosage fields that differ in this program.")
    note: Short | None = Field(default=None, description="A short note for this program, shown on the handout.")


class Program(Strict):
    """A home program: the exercises a clinic hands out together, as one printable handout."""

    id: Slug = Field(description="Unique, stable id; the handout lives at handouts/<id>/.")
    title: Short = Field(description="The handout's title.")
    phase: Phase = Field(description="The rehabilitation phase it belongs to.")
    weeks: str = Field(
        pattern=WEEKS_PATTERN,
        description=(
            "About when it usually starts and ends, in weeks: a range such as '0–4', a start such as '10+', or"
            " 'ongoing'. It is printed as 'usually about weeks 0–4': `move_on` says when to move on."
        ),
    )
    audience: Line = Field(description="Who it is for, in one sentence.")
    goal: Line = Field(description="What it aims to do, in one sentence.")
    frequency: Frequency = Field(
        description=(
            "How often to do the whole program. It is every card's frequency on the handout, unless the program "
            "changes an exercise's own times_per_day or days_per_week."
        )
    )
    how_often: Line | None = Field(
        default=None,
        description=(
            "Advice on spacing the sessions, printed after the frequency, e.g. 'Leave a rest day between sessions.' "
            "Never a number of times or days: that is `frequency`."
        ),
    )
    move_on: Line = Field(description="When to move on to the next program.")
    exercises: Annotated[list[ProgramItem], PROGRAM_LENGTH] = Field(
        description="Exercise ids, or mappings with id, dosage changes and a note."
    )
    draft: bool = Field(default=False, description=DRAFT_HELP)

    @field_validator(
        "exercises", mode="before", json_schema_input_type=Annotated[list[Slug | ProgramItem], PROGRAM_LENGTH]
    )
    @classmethod
    def _bare_ids_are_items(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"id": item} if isinstance(item, str) else item for item in value]
        return value

    @field_validator("how_often")
    @classmethod
    def _no_second_frequency(cls, value: str | None) -> str | None:
        if value is not None and (found := FREQUENCY_WORDS.search(value)):
            raise ValueError(
                f"says how often ('{found.group(0)}'), which `frequency` already says; keep only advice here, e.g. "
                "'Leave a rest day between sessions.'"
            )
        return value

    @property
    def phase_line(self) -> str:
        """'Middle phase · usually about weeks 4–10': under its handout's title, and in the link that adapts it."""
        return f"{self.phase.name_only} phase · {self.weeks_label}"

    @property
    def weeks_label(self) -> str:
        """'usually about weeks 0–4', 'usually from about week 10' or 'ongoing': a guide; `move_on` is the rule."""
        found = WEEK_RANGE.match(self.weeks)
        if found is None:
            return self.weeks
        if found["on"]:
            return f"usually from about week {found['first']}"
        return f"usually about weeks {found['first']}–{found['last']}"


class Catalogue(Strict):
    """The whole of `exercises.yaml`."""

    version: Short = Field(description="The catalogue's version, printed on handouts, e.g. '2026.11'.")
    last_reviewed: datetime.date = Field(description="When the clinical content was last reviewed (YYYY-MM-DD).")
    references: dict[Slug, Reference] = Field(
        default_factory=dict,
        description="Sources, by a short key such as 'terrell-2021'.",
        json_schema_extra=SLUG_KEYS_ONLY,
    )
    exercises: list[Exercise] = Field(min_length=1, description="Every exercise.")
    programs: list[Program] = Field(default_factory=list, description="Every home program.")
    safety: Safety = Field(
        description=(
            "The warning signs, one entry each with its tier; each tier's action; and the stop rule during exercise."
        )
    )

    @model_validator(mode="after")
    def _links_go_both_ways(self) -> Catalogue:
        """An editor writes a link once, on either exercise; both pages show it.

        The model is frozen, so the derived lists replace the written ones here, before anything reads them.
        """
        easier = {exercise.id: list(exercise.easier) for exercise in self.exercises}
        harder = {exercise.id: list(exercise.harder) for exercise in self.exercises}
        for exercise in self.exercises:
            for other in exercise.harder:
                if other in easier and exercise.id not in easier[other]:
                    easier[other].append(exercise.id)
            for other in exercise.easier:
                if other in harder and exercise.id not in harder[other]:
                    harder[other].append(exercise.id)
        linked = [
            exercise.model_copy(update={"easier": easier[exercise.id], "harder": harder[exercise.id]})
            for exercise in self.exercises
        ]
        self.__dict__["exercises"] = linked
        return self

    def exercise(self, exercise_id: str) -> Exercise:
        return self.exercises_by_id[exercise_id]

    @cached_property
    def exercises_by_id(self) -> dict[str, Exercise]:
        return {exercise.id: exercise for exercise in self.exercises}

    def programs_with(self, exercise_id: str) -> list[Program]:
        """The programs that include the exercise, in catalogue order."""
        return self.programs_by_exercise.get(exercise_id, [])

    @cached_property
    def programs_by_exercise(self) -> dict[str, list[Program]]:
        """Built once, so each exercise page finds its programs without scanning them all."""
        found: dict[str, list[Program]] = {}
        for program in self.programs:
            for exercise_id in dict.fromkeys(item.id for item in program.exercises):
                found.setdefault(exercise_id, []).append(program)
        return found
