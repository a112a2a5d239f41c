"""The urgency rule: an article never says in its own words how fast to act on a listed warning sign.

A sign's urgency lives in its one entry (`safety.signs`), and an article shows it with a
`<!-- signs: ID -->` marker; two sentences that each give their own urgency are how a page
came to say "same day" where the handout said "emergency". So a sentence of an article
that *names* a sign and *says when or where to get care* is an error, located at its line.

- **Naming a sign:** one of the sign's `named_by` phrases, as words (a `*` at the end takes
  any ending), ignoring case and punctuation. A sentence that names none speaks of the signs
  named earlier in its paragraph or list item, or else of those its section's heading names
  ("Stop running and get checked soon" under "## Stress fracture").
- **Saying how fast, or where:** a time ("now", "today", "same day", "soon", "at once",
  "straight away", "within 2 days", "a day or two" …), an emergency word ("urgent",
  "emergency", "999", "911", "A&E", "ambulance" …), or a care step ("see a doctor",
  "get checked", "get advice", "call your surgeon", "go to hospital" …): an action with no
  time frame is still an urgency, and a softer one than the sign's entry. A lead-in that
  ends in "if:" or ":" (a paragraph, a list's first line, a box's title) gives its
  urgency to the list or box under it.

Describing a sign, its causes and what it feels like stays free prose; so does timing
that is not about a listed sign ("see a doctor if you are not better after about 6 weeks").
References, code, HTML comments, link addresses and pictures are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# ---- Saying how fast, or where -----------------------------------------------------------

# Someone to see or call, after a verb that says to: "see a doctor", "call your surgeon", "tell your therapist".
WHO = (
    r"(?:doctor|gp|clinic|surgeon|surgical team|therapist|physical therapist|physio|nurse|pharmacist|midwife|hospital)"
)
CARE_STEP = rf"\b(?:see|call|contact|phone|ring|tell|visit|ask|get in touch with) (?:a|your|the|their) {WHO}\b"
NUMBER = r"(?:a|an|one|two|three|four|five|a few|a couple of|\d+(?:\s*(?:to|or|-|–)\s*\d+)?)"
URGENCY = re.compile(
    "|".join(
        [
            # "now", but not "for now", "until now", "by now", "now and then", nor "Now," opening a sentence.
            r"(?<!\bfor )(?<!\buntil )(?<!\bby )(?<!\bjust )(?<!^)\bnow\b(?! and then)",
            r"\btoday\b",
            r"\btonight\b",
            r"\bsame[- ]day\b",
            r"\burgent(?:ly)?\b",
            r"\bemergenc(?:y|ies)\b",
            r"\bA&E\b",
            r"\b(?:999|911|112|111)\b",
            r"\bambulance\b",
            r"\bstraight away\b",
            r"\bright away\b",
            r"\bat once\b",
            r"\bimmediately\b",
            r"\bquickly\b",
            r"\bwithout delay\b",
            r"\bas soon as possible\b",
            r"(?<!\btoo )(?<!\bas )\bsoon(?:er)?\b(?! after)",
            rf"\b(?:within|in|after|more than|over|under|up to) (?:about )?{NUMBER} (?:hours?|days?)\b",
            rf"\bwithin (?:about )?{NUMBER} weeks?\b",
            r"\b(?:a|one) (?:day|week) or two\b",
            # Care steps: an action with no time frame still tells the reader how fast.
            r"\bget (?:it |them |this |that |your hip |yourself |your child )?"
            r"(?:checked|seen|looked at|help|advice|care|treated)\b",
            r"\bseek (?:medical )?(?:help|advice|care|attention)\b",
            r"\bneeds? (?:a |an |medical |quick |fast )?(?:check|care|doctor|treatment)\b",
            CARE_STEP,
            r"\bgo (?:straight )?to (?:a |the )?(?:hospital|emergency department|emergency room|a&e|doctor)\b",
            r"\bemergency department\b",
        ]
    ),
    re.IGNORECASE,
)

# A lead-in: its urgency is given to the list or box under it.
LEAD_IN = re.compile(r"(?:\bif|:)[\"”]?\s*$", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(*_]*[A-Z0-9])")


@dataclass(frozen=True)
class SignNames:
    """One sign's id and the pattern of the words that name it."""

    sign_id: str
    pattern: re.Pattern[str]


def names_pattern(phrases: list[str]) -> re.Pattern[str]:
    """The phrases as one pattern over punctuation-free, lowercase text: `hernia*` → `hernia\\w*`."""
    parts = []
    for phrase in phrases:
        stem = phrase.rstrip("*").strip()
        words = r"\s+".join(re.escape(word) for word in stem.split())
        parts.append(words + (r"\w*" if phrase.endswith("*") else r"\b"))
    return re.compile(r"\b(?:" + "|".join(parts) + ")")


# ---- Reading an article ------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, heading or box title, as prose, with the file line of each of its lines."""

    text: str
    lines: tuple[int, ...]
    kind: str = "paragraph"
    indent: int = 0
    # The urgency a lead-in above gives this block (e.g. "Contact your therapist if:"), or "".
    inherited: str = ""

    def line_at(self, offset: int) -> int:
        return self.lines[min(self.text.count("\n", 0, offset), len(self.lines) - 1)]

    @property
    def leads_in(self) -> bool:
        """Ends with "if" or ":", so what follows reads on from it."""
        return bool(LEAD_IN.search(self.text))


FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")
REFERENCES = re.compile(r"^#{1,6}\s+(?:References|Sources)\b", re.IGNORECASE)
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
BOX = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*(?:\s+"(?P<title>.*)")?\s*$')
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
REFERENCE_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
INLINE_CODE = re.compile(r"`[^`]*`")
TAG = re.compile(r"<[^>]+>")
ATTRIBUTES = re.compile(r"\{[:#.][^}]*\}")
EMPHASIS = re.compile(r"[*_]{1,3}")


def prose(line: str) -> str:
    """A line's words as a reader sees them: no link addresses, pictures, code, tags or emphasis marks.

    A link's words may name a sign, but never say how fast to act: "read When to get help" names a page.
    """
    line = IMAGE.sub(" ", INLINE_CODE.sub(" ", line))
    line = LINK.sub(link_words, REFERENCE_LINK.sub(link_words, line))
    return EMPHASIS.sub("", ATTRIBUTES.sub(" ", TAG.sub(" ", line))).strip()


def link_words(match: re.Match[str]) -> str:
    return URGENCY.sub(" ", match[1])


def without_comments(text: str) -> str:
    """HTML comments (markers among them) blanked out, their line breaks kept so line numbers stay true."""
    return COMMENT.sub(lambda match: "\n" * match[0].count("\n"), text)


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def blocks(text: str) -> Iterator[Block]:
    """The article's prose blocks, in order, each with its file lines; references and code are left out."""
    front = FRONT_MATTER.match(text)
    start = front[0].count("\n") if front else 0
    lines = without_comments(text[front.end() :] if front else text).split("\n")
    current: list[tuple[int, str]] = []
    shape = ("paragraph", 0)
    in_code = False

    def flush() -> Iterator[Block]:
        if current:
            yield Block("\n".join(words for _, words in current), tuple(number for number, _ in current), *shape)
            current.clear()

    for index, line in enumerate(lines):
        number = start + index + 1
        if FENCE.match(line):
            in_code = not in_code
            yield from flush()
            continue
        if in_code:
            continue
        if REFERENCES.match(line):
            yield from flush()
            return
        if not line.strip():
            yield from flush()
            continue
        box, heading = BOX.match(line), HEADING.match(line)
        if box or heading:
            yield from flush()
            title = (box["title"] or "") if box else heading[1] if heading else ""
            yield Block(prose(title), (number,), "title" if box else "heading", indent_of(line))
            continue
        if LIST_ITEM.match(line) or not current:
            yield from flush()
            shape = ("item" if LIST_ITEM.match(line) else "paragraph", indent_of(line))
            line = LIST_ITEM.sub("", line)
        current.append((number, prose(line)))
    yield from flush()


def with_lead_ins(found: Iterator[Block]) -> Iterator[Block]:
    """Each block with the urgency of the lead-in it reads on from.

    A box's title gives its urgency to everything inside the box (indented deeper); a paragraph or
    heading that ends in "if:" or ":" gives its urgency to the list items under it, up to the next block
    that is not one of them.
    """
    lead: Block | None = None
    for block in found:
        if lead is not None and not reads_on(lead, block):
            lead = None
        given = "" if lead is None else (found_urgency[0] if (found_urgency := URGENCY.search(lead.text)) else "")
        yield Block(block.text, block.lines, block.kind, block.indent, inherited=given)
        if block.leads_in and block.kind != "item":
            lead = block


def reads_on(lead: Block, block: Block) -> bool:
    """Whether `block` is part of what the lead-in `lead` introduces."""
    if lead.kind == "title":
        return block.indent > lead.indent
    return (
        block.kind == "item"
        and block.indent >= lead.indent
        or (block.kind == "paragraph" and block.indent > lead.indent)
    )


def sentences(block: Block) -> Iterator[tuple[int, str]]:
    """The block's sentences with their offsets in it."""
    offset = 0
    for part in SENTENCE_END.split(block.text):
        position = block.text.find(part, offset)
        yield position, part
        offset = position + len(part)


def plain(sentence: str) -> str:
    """Lowercase words with punctuation dropped, so 'hot, red' reads as the phrase 'hot red'."""
    return re.sub(r"[^\w&'’\s-]+", " ", sentence.lower())


# ---- The rule ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Breach:
    """A sentence that names signs and gives its own urgency, at its file line."""

    line: int
    sentence: str
    sign_ids: tuple[str, ...]
    named: str
    urgency: str

    def message(self) -> str:
        marker = f"<!-- signs: {' '.join(self.sign_ids)} -->"
        return (
            f"this sentence names a warning sign ('{self.named}': {', '.join(self.sign_ids)}) and says how fast to act "
            f"('{self.urgency}'), which only the sign's entry in exercises.yaml may say. Keep the description, take "
            f"out the timing or the care step, and put '{marker}' on a line of its own where the urgency belongs"
        )


def named_signs(sentence: str, names: list[SignNames]) -> tuple[tuple[str, ...], str]:
    """The ids of the signs the sentence names, and the first words that named one."""
    text = plain(sentence)
    found = [(sign.sign_id, match) for sign in names if (match := sign.pattern.search(text))]
    return tuple(sign_id for sign_id, _ in found), (found[0][1][0] if found else "")


def breaches(text: str, names: list[SignNames]) -> Iterator[Breach]:
    """Every sentence of the article `text` that gives its own urgency for a sign it, its block or its section names.

    A sentence speaks of the signs it names; failing that, of those named earlier in its paragraph or list item,
    or in the heading of its section: "Stop running and get checked soon" under "## Stress fracture" is about it.
    """
    section: tuple[tuple[str, ...], str] = ((), "")
    for block in with_lead_ins(blocks(text)):
        if block.kind == "heading":
            section = named_signs(block.text, names)
        earlier: tuple[tuple[str, ...], str] = ((), "")
        for offset, sentence in sentences(block):
            ids, named = named_signs(sentence, names)
            if ids:
                earlier = (ids, named)
            else:
                ids, named = earlier if earlier[0] else section
            urgency = URGENCY.search(sentence)
            said = urgency[0] if urgency else block.inherited
            if ids and said:
                at = offset + (urgency.start() if urgency else 0)
                yield Breach(block.line_at(at), " ".join(sentence.split()), ids, named, said)
