"""JSON Schema of each data file, generated from the same model the build validates with.

Editors with a YAML extension read it through the `# yaml-language-server: $schema=…` line at the top of
each data file, and complete and check while the legal team types.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from notice.language import Languages
from notice.model import SNAPSHOT_FILES
from notice.transaction import Changes, commit

SCHEMA_DIR = "schema"


def schema_name(data_file: str) -> str:
    return data_file.removesuffix(".yml") + ".schema.json"


def schemas(languages: Languages) -> dict[str, dict[str, Any]]:
    """Each data file's schema, by schema file name: every text in each of the notice's `languages`."""
    documents = {}
    for data_file, model in SNAPSHOT_FILES.items():
        schema = model.model_json_schema()
        for name, definition in schema.get("$defs", {}).items():
            if name in ("Text", "Prose"):
                _in_languages(definition, languages)
        documents[schema_name(data_file)] = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": data_file, **schema}
    return documents


def _in_languages(definition: dict[str, Any], languages: Languages) -> None:
    """A text's schema: one property per language, all required, no other."""
    (text,) = definition.pop("patternProperties").values()
    definition["properties"] = {language.code: {**text, "description": language.english_name} for language in languages}
    definition["required"] = list(languages.codes)
    definition["additionalProperties"] = False


def write_schemas(root: Path, languages: Languages) -> list[Path]:
    """Write every schema into `root`/schema/, all of them or none."""
    target = root / SCHEMA_DIR
    documents = {target / name: (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
                 for name, document in schemas(languages).items()}
    if target.is_dir():
        commit(Changes(files=documents), root)
    else:
        commit(Changes(folders={target: {path.name: content for path, content in documents.items()}}), root)
    return list(documents)


def schema_comment(data_file: str) -> str:
    """The first line of a data file in data/versions/<date>/ (or examples/versions/<date>/)."""
    return f"# yaml-language-server: $schema=../../../{SCHEMA_DIR}/{schema_name(data_file)}\n"
