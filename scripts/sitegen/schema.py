"""JSON Schemas for the data files, generated from the models so they never drift apart."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, RootModel

from .models import ContactsFile, ContentChecks, InfographicsFile, Site


class Strings(RootModel[dict[str, str | dict[str, str]]]):
    """Interface strings of one language: `key: text`, and under `theme:` the theme's own words
    (for a language the theme does not know)."""


class TranslationHashes(RootModel[dict[str, str]]):
    """Written by `sitegen stamp`: which version of each original text a translation was made from."""


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
