"""Reading termbases (YAML, CSV, TSV) with errors that name file, line and reason.

YAML goes through PyYAML's safe loader only: a `!!python/...` tag is reported as an error
and never constructed. Several files layer: a later file's term replaces an earlier one
with the same (normalised) source.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from glossary.cache import cached, file_key
from glossary.normalize import normalize
from glossary.schema import HEADER_FIELDS, TERM_FIELDS, Glossary, GlossaryError, Problem, Term

DEFAULT_GLOSSARY = Path(__file__).resolve().parent / "data" / "tech_finance.yaml"
# libyaml's safe loader when PyYAML was built with it (ten times faster), else the Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ALLOWED_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GlossaryError([Problem(str(path), 0, "no such file")]) from None
    except OSError as exc:
        raise GlossaryError([Problem(str(path), 0, f"cannot read ({exc.strerror})")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError([Problem(str(path), line, "invalid UTF-8")]) from None
    return text.lstrip("\ufeff")


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _check_tags(node: yaml.Node, file: str, problems: list[Problem]) -> None:
    if node.tag not in _ALLOWED_TAGS:
        problems.append(Problem(file, _line(node), f"tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed"))
        return
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _check_tags(child, file, problems)
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            _check_tags(key, file, problems)
            _check_tags(value, file, problems)
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    problems.append(Problem(file, _line(key), f"field {key.value!r} given twice (first on line {seen[key.value]})"))
                seen[key.value] = _line(key)


def _string_list(value, field: str, file: str, line: int, problems: list[Problem]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(Problem(file, line, f"{field} must be a list of non-empty strings"))
        return []
    return [v.strip() for v in value]


def _term_from_mapping(data, line: int, field_lines: dict[str, int], file: str, problems: list[Problem]) -> Term | None:
    if not isinstance(data, dict):
        problems.append(Problem(file, line, f"a term must be a mapping with source and target, got {type(data).__name__}"))
        return None
    start = len(problems)
    for key in data:
        if key not in TERM_FIELDS:
            problems.append(Problem(file, field_lines.get(key, line), f"unknown field {key!r}"))
    values: dict[str, str] = {}
    for key in ("source", "target"):
        value = data.get(key)
        where = field_lines.get(key, line)
        if key not in data:
            problems.append(Problem(file, line, f"missing field {key!r}"))
        elif not isinstance(value, str):
            problems.append(Problem(file, where, f"{key} must be a string, got {type(value).__name__}"))
        elif not value.strip():
            problems.append(Problem(file, where, f"empty {key}"))
        else:
            values[key] = value.strip()
    for key in ("domain", "note"):
        if key in data and not isinstance(data[key], str):
            problems.append(Problem(file, field_lines.get(key, line), f"{key} must be a string"))
    if "case_sensitive" in data and not isinstance(data["case_sensitive"], bool):
        problems.append(Problem(file, field_lines.get("case_sensitive", line), "case_sensitive must be true or false"))
    variants = _string_list(data.get("variants"), "variants", file, field_lines.get("variants", line), problems)
    avoid = _string_list(data.get("avoid"), "avoid", file, field_lines.get("avoid", line), problems)
    if len(problems) > start:
        return None
    return Term(
        source=values["source"],
        target=values["target"],
        variants=variants,
        avoid=avoid,
        domain=str(data.get("domain") or ""),
        case_sensitive=bool(data.get("case_sensitive", True)),
        note=str(data.get("note") or ""),
        origin=f"{file}:{line}",
    )


def _parse_yaml(text: str, file: str) -> tuple[Glossary, list[Problem]]:
    problems: list[Problem] = []
    loader = _SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        return Glossary(), [Problem(file, mark.line + 1 if mark else 0, f"YAML syntax: {reason}")]
    if root is None:
        return Glossary(), [Problem(file, 1, "empty file")]
    _check_tags(root, file, problems)
    if problems:
        return Glossary(), problems

    def value(node: yaml.Node):
        """Python value of a checked node; strings (nearly all scalars here) without the constructor."""
        if isinstance(node, yaml.ScalarNode):
            return node.value if node.tag.endswith(":str") else loader.construct_object(node)
        if isinstance(node, yaml.SequenceNode):
            return [value(child) for child in node.value]
        return {k.value if isinstance(k, yaml.ScalarNode) else value(k): value(v) for k, v in node.value}

    data = value(root)
    loader.dispose()
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        return Glossary(), [Problem(file, _line(root), "the file must be a mapping with a 'terms' list")]
    key_nodes = {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    for key in data:
        if key not in HEADER_FIELDS:
            problems.append(Problem(file, _line(key_nodes[key][0]) if key in key_nodes else 1, f"unknown field {key!r}"))
    glossary = Glossary(
        name=str(data.get("name") or Path(file).stem),
        source_lang=str(data.get("source_lang") or "hi"),
        target_lang=str(data.get("target_lang") or "en"),
        files=[file],
    )
    if "terms" not in data:
        problems.append(Problem(file, 1, "missing field 'terms'"))
        return glossary, problems
    terms_node = key_nodes["terms"][1]
    if not isinstance(data["terms"], list):
        problems.append(Problem(file, _line(terms_node), "terms must be a list"))
        return glossary, problems
    for item, node in zip(data["terms"], terms_node.value):
        field_lines = {}
        if isinstance(node, yaml.MappingNode):
            field_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}
        term = _term_from_mapping(item, _line(node), field_lines, file, problems)
        if term:
            glossary.terms.append(term)
    return glossary, problems


def _parse_table(text: str, file: str, delimiter: str) -> tuple[Glossary, list[Problem]]:
    """Two or more columns: source, target[, domain[, note]]; an optional header row."""
    problems: list[Problem] = []
    glossary = Glossary(name=Path(file).stem, files=[file])
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for row in reader:
        line = reader.line_num
        if not row or all(not c.strip() for c in row):
            continue
        if line == 1 and [c.strip().lower() for c in row[:2]] == ["source", "target"]:
            continue
        if len(row) < 2:
            problems.append(Problem(file, line, "expected at least two columns: source, target"))
            continue
        source, target = row[0].strip(), row[1].strip()
        if not source or not target:
            problems.append(Problem(file, line, "empty source" if not source else "empty target"))
            continue
        glossary.terms.append(Term(
            source=source,
            target=target,
            domain=row[2].strip() if len(row) > 2 else "",
            note=row[3].strip() if len(row) > 3 else "",
            origin=f"{file}:{line}",
        ))
    return glossary, problems


def _cross_checks(glossary: Glossary) -> tuple[list[Problem], list[Problem]]:
    """Duplicate sources with different targets, variants that are another term's source."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    by_key: dict[str, Term] = {}
    for term in glossary.terms:
        key = normalize(term.source)
        first = by_key.get(key)
        file, line = term.origin.rsplit(":", 1)
        if first is None:
            by_key[key] = term
        elif first.target != term.target:
            problems.append(Problem(file, int(line), f"duplicate source {term.source!r} with a different target "
                                    f"({term.target!r} here, {first.target!r} on line {first.origin.rsplit(':', 1)[1]})"))
        else:
            warnings.append(Problem(file, int(line), f"duplicate entry {term.source!r} (same as line {first.origin.rsplit(':', 1)[1]})"))
    for term in glossary.terms:
        file, line = term.origin.rsplit(":", 1)
        for variant in term.variants:
            other = by_key.get(normalize(variant))
            if other is not None and other is not term and other.source != term.source:
                problems.append(Problem(file, int(line), f"variant {variant!r} of {term.source!r} is the source of "
                                        f"another term (line {other.origin.rsplit(':', 1)[1]})"))
    return problems, warnings


def lint(path: Path) -> tuple[Glossary, list[Problem], list[Problem]]:
    """Parse and check one file: (glossary, errors, warnings)."""
    text = _read(path)
    file = str(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        glossary, problems = _parse_yaml(text, file)
    elif suffix in (".csv", ".tsv"):
        glossary, problems = _parse_table(text, file, "\t" if suffix == ".tsv" else ",")
    else:
        raise GlossaryError([Problem(file, 0, "unknown glossary format (use .yaml, .csv or .tsv)")])
    cross, warnings = _cross_checks(glossary)
    return glossary, problems + cross, warnings


def load_file(path: Path) -> Glossary:
    """Load and validate one file. A big termbase takes seconds to parse, so a clean file's
    parse is cached (glossary.cache) until the file changes; a file with problems raises."""

    def parse() -> Glossary:
        glossary, problems, _ = lint(path)
        if problems:
            raise GlossaryError(problems)
        return glossary

    return cached("glossaries", file_key([path]), parse)


def merge(glossaries: list[Glossary]) -> Glossary:
    """Later glossaries override earlier ones term by term (same normalised source)."""
    merged: dict[str, Term] = {}
    for glossary in glossaries:
        for term in glossary.terms:
            merged[normalize(term.source)] = term
    first = glossaries[0] if glossaries else Glossary()
    return Glossary(
        name="+".join(g.name for g in glossaries) or "empty",
        source_lang=first.source_lang,
        target_lang=first.target_lang,
        terms=list(merged.values()),
        files=[f for g in glossaries for f in g.files],
    )


def load_glossaries(paths: list[Path], use_default: bool = True) -> Glossary:
    files = ([DEFAULT_GLOSSARY] if use_default else []) + list(paths)
    return merge([load_file(p) for p in files])


def dump_yaml(glossary: Glossary) -> str:
    data = {
        "name": glossary.name,
        "source_lang": glossary.source_lang,
        "target_lang": glossary.target_lang,
        "terms": [t.to_yaml_dict() for t in glossary.terms],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def dump_table(glossary: Glossary, delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["source", "target"])
    for term in glossary.terms:
        writer.writerow([term.source, term.target])
    return out.getvalue()
