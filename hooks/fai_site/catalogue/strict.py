"""The base of every catalogue model: unknown fields are mistakes, and a loaded catalogue never changes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Base for every catalogue object: unknown fields are mistakes, not extras."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
