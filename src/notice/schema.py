"""JSON Schema of each data file, generated from the same model the build validates with.

Editors with a YAML extension read it through the `# yaml-language-server: $schema=…` line at the top of
each data file, and complete and check while the legal team types.
"""

from __future__ import annotations

import ast
import inspect
import json
import textwrap
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from notice import model as model_module
from notice.language import Languages
from notice.model import SNAPSHOT_FILES
from notice.transaction import Changes, commit

SCHEMA_DIR = "schema"


def schema_name(data_file: str) -> str:
    return data_file.removesuffix(".yml") + ".schema.json"


def schemas(languages: Languages) -> dict[str, dict[str, Any]]:
    """Each data file's schema, by schema file name: every text in each of the notice's `languages`."""
    documents = {}
    models = {cls.__name__: cls for cls in vars(model_module).values()
              if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__ == model_module.__name__}
    for data_file, model in SNAPSHOT_FILES.items():
        schema = model.model_json_schema()
        for name, definition in [(model.__name__, schema), *schema.get("$defs", {}).items()]:
            if name in models:
                _describe_fields(definition, models[name])
            if name in ("Text", "Prose"):
                _in_languages(definition, languages)
        documents[schema_name(data_file)] = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": data_file, **schema}
    return documents


def _describe_fields(definition: dict[str, Any], cls: type[BaseModel]) -> None:
    """Each field's docstring as its description, for the editors' hover help. The model does not ask pydantic for
    them (`use_attribute_docstrings`): reading the sources at every import would slow every build for the sake
    of this command."""
    docstrings: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        if base.__module__ == model_module.__name__:
            docstrings.update(_attribute_docstrings(base))
    properties = definition.get("properties", {})
    for name, field in cls.model_fields.items():
        key = field.alias or name
        if key in properties and name in docstrings and "description" not in properties[key]:
            properties[key] = {**properties[key], "description": docstrings[name]}


def _attribute_docstrings(cls: type) -> dict[str, str]:
    """The string literal right after each annotated attribute of the class body, cleaned as pydantic does (none for
    a class made at run time, such as a parametrised generic model)."""
    try:
        source = inspect.getsource(cls)
    except OSError:
        return {}
    body = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(body, ast.ClassDef)
    found = {}
    for statement, following in zip(body.body, body.body[1:]):
        if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant) and isinstance(following.value.value, str)):
            found[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


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
