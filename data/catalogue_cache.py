"""A pre-validated copy of the bundled catalogue, for a faster start in the browser.

In the static PWA, building pydantic's validators for the content models and validating every
program cost about 0.3 s of the offline start. The PWA build writes the catalogue as it was
validated into one JSON file (``CACHE_FILE``), with a hash of the content files and of the
models' fields. At start, a matching hash builds the frozen models with ``model_construct``
(no validation and, as the content models defer building their schema, no schema either); no
file, a different hash or anything unexpected loads and validates the folder as always. The
server and the CLI never have the file, so they always validate.
"""

from __future__ import annotations

import hashlib
import json
import types
from enum import Enum
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from data.catalogue import BUNDLED_CONTENT_DIR, Catalogue, load_catalogue
from data.models import Lesson, Program, Step

CACHE_FILE = Path(__file__).resolve().parent / "catalogue_cache.json"
_FORMAT = 1
_MODELS = (Program, Lesson, Step)


def content_hash(folder: Path) -> str:
    """The content files (names and bytes) and the models' fields, as the loader sees them."""
    digest = hashlib.sha256(f"format {_FORMAT}\n".encode())
    for model in _MODELS:
        fields = sorted((name, repr(info)) for name, info in model.model_fields.items())
        digest.update(f"{model.__name__} {fields}\n".encode())
    for path in sorted(folder.glob("*.json")):
        data = path.read_bytes()
        digest.update(f"{path.name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def write_cache(folder: Path, target: Path) -> bool:
    """Write the pre-validated catalogue of ``folder``; False (and no file) if any file is bad.

    The file is checked by reading it back: it must give the very catalogue validation gave.
    """
    catalogue = load_catalogue(folder)
    if catalogue.skipped:
        return False
    programs = [p.model_dump(mode="json", exclude_unset=True) for p in catalogue.programs]
    for program in programs:
        _drop_computed(Program, program)
    text = json.dumps({"hash": content_hash(folder), "programs": programs}, ensure_ascii=False)
    rebuilt = _construct_catalogue(json.loads(text)["programs"])
    if not _same(rebuilt, catalogue):
        raise AssertionError("the pre-validated catalogue does not read back as validated")
    target.write_text(text, encoding="utf-8")
    return True


def load_catalogue_fast(folder: Path = BUNDLED_CONTENT_DIR, cache: Path = CACHE_FILE) -> Catalogue:
    """``load_catalogue(folder)``, from the pre-validated file when its hash matches."""
    if folder == BUNDLED_CONTENT_DIR and cache.is_file():
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if data.get("hash") == content_hash(folder):
                return _construct_catalogue(data["programs"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass  # validated below, as without the file
    return load_catalogue(folder)


def _drop_computed(model: type[BaseModel], data: dict[str, Any]) -> None:
    for name in model.model_computed_fields:
        data.pop(name, None)
    for name, value in data.items():
        inner = _model_of(model.model_fields[name].annotation)
        if inner is not None:
            for item in value if isinstance(value, list) else [value]:
                _drop_computed(inner, item)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _construct_catalogue(programs: list[dict[str, Any]]) -> Catalogue:
    return Catalogue(programs=tuple(_construct(Program, p) for p in programs), skipped=())


def _construct(model: type[BaseModel], data: dict[str, Any]) -> Any:
    fields = model.model_fields
    return model.model_construct(
        **{name: _value(fields[name].annotation, value) for name, value in data.items()}
    )


def _value(annotation: Any, value: Any) -> Any:
    """A JSON value as validation gave it: models and enums rebuilt, the rest as is."""
    if value is None:
        return None
    origin = get_origin(annotation)
    if origin is list:
        (item,) = get_args(annotation)
        return [_value(item, v) for v in value]
    if origin is Union or origin is types.UnionType:
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        if len(kinds) != 1:
            raise TypeError(f"unsupported field type {annotation!r}")
        return _value(kinds[0], value)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _construct(annotation, value)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation(value)
    if annotation is float:
        return float(value)
    return value


def _same(a: Catalogue, b: Catalogue) -> bool:
    """Equal models, and equal sets of given fields, all the way down."""
    return a == b and all(_same_set(x, y) for x, y in zip(a.programs, b.programs, strict=True))


def _same_set(a: Any, b: Any) -> bool:
    if isinstance(a, BaseModel):
        if type(a) is not type(b) or a.model_fields_set != b.model_fields_set:
            return False
        return all(_same_set(getattr(a, n), getattr(b, n)) for n in type(a).model_fields)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same_set(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b
