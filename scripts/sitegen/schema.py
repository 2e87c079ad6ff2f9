"""JSON Schemas for the data files, generated from the models so they never drift apart."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, RootModel

from .models import ContactsFile, ContentChecks, InfographicsFile, Site


class Strings(RootModel[dict[str, str | dict[str, str]]]):
    """Interface strings of one language: `key: text`, and under `theme:` the theme's own words
    (for a language the theme does not know)."""


class UnitReview(BaseModel):
    """One unit a fluent speaker checked: against which original, and which translation of it."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(description="The hash of the original text the reviewer saw")
    target: str = Field(description="The hash of the translation the reviewer checked")
    by: str | None = Field(None, description="Who reviewed it")
    date: dt.date | None = Field(None, description="When (YYYY-MM-DD)")


class TranslationHashes(BaseModel):
    """Written by `sitegen stamp` and `sitegen translations import`: which version of each original
    text a translation was made from (`key: hash`), and under `reviewed:` which units a fluent speaker
    has checked. A unit stays reviewed only while its original and its translation are the ones checked."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, str]

    reviewed: dict[str, UnitReview] = Field(
        default_factory=dict, description="Unit id (as in the exchange files) -> the review of that unit"
    )


SCHEMAS: dict[str, type[BaseModel]] = {
    "site": Site,
    "contacts": ContactsFile,
    "infographics": InfographicsFile,
    "strings": Strings,
    "content-checks": ContentChecks,
    "translations": TranslationHashes,
}


def schema_text(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(data_dir: Path) -> list[Path]:
    out = data_dir / "schema"
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = out / f"{name}.schema.json"
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written
