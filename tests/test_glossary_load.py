"""Termbase files: errors with file, line and reason; safe YAML; layering; CSV/TSV round trips."""

import pytest

from glossary.load import dump_table, dump_yaml, lint, load_file, load_glossaries
from glossary.schema import GlossaryError
from tests.conftest import run_hien


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path):
    return [str(p) for p in lint(path)[1]]


def test_default_termbase_is_clean():
    glossary, errors, _ = lint(__import__("glossary.load").load.DEFAULT_GLOSSARY)
    assert errors == [] and len(glossary.terms) >= 500


@pytest.mark.parametrize("body, line, reason", [
    ("terms:\n  - source: गणना\n    target: [compute\n", 4, "YAML syntax"),
    ("terms:\n  - source: गणना\n", 2, "missing field 'target'"),
    ("terms:\n  - source: गणना\n    target: ''\n", 3, "empty target"),
    ("terms:\n  - source: गणना\n    target: 42\n", 3, "target must be a string, got int"),
    ("terms:\n  - source: गणना\n    target: compute\n    variants: calc\n", 4, "variants must be a list"),
    ("terms:\n  - source: गणना\n    tagret: compute\n", 3, "unknown field 'tagret'"),
    ("terms:\n  - source: गणना\n    target: compute\n  - source: गणना\n    target: calculation\n", 4,
     "duplicate source 'गणना' with a different target"),
    ("terms:\n  - source: गणना\n    target: compute\n  - source: कंप्यूट\n    target: compute\n    variants: [गणना]\n", 4,
     "variant 'गणना' of 'कंप्यूट' is the source of another term"),
    ("terms:\n  - source: x\n    target: !!python/object/apply:os.system ['touch /tmp/hien-pwned']\n", 3,
     "tag !!python/object/apply:os.system is not allowed"),
    ("terms: 5\n", 1, "terms must be a list"),
])
def test_errors_name_file_line_and_reason(tmp_path, body, line, reason):
    path = write(tmp_path, "bad.yaml", body)
    found = problems(path)
    assert any(p.startswith(f"{path}:{line}: ") and reason in p for p in found), found
    with pytest.raises(GlossaryError):
        load_file(path)


def test_python_tags_are_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    path = write(tmp_path, "evil.yaml", f"terms:\n  - source: x\n    target: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(GlossaryError):
        load_file(path)
    assert not marker.exists()


def test_invalid_utf8_and_missing_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"terms:\n  - source: \xff\n")
    with pytest.raises(GlossaryError, match="bad.yaml:2: invalid UTF-8"):
        lint(bad)
    with pytest.raises(GlossaryError, match="no such file"):
        load_file(tmp_path / "missing.yaml")


def test_later_files_override_earlier_per_term(tmp_path):
    user = write(tmp_path, "user.yaml", "terms:\n  - source: गणना\n    target: computing power\n"
                 "  - source: टोकन\n    target: token\n")
    merged = load_glossaries([user])
    by_source = {t.source: t.target for t in merged.terms}
    assert by_source["गणना"] == "computing power"
    assert by_source["टोकन"] == "token"
    assert by_source["एडब्ल्यूएस"] == "AWS"  # the rest of the default termbase stays


def test_csv_tsv_import_export_round_trip(tmp_path):
    csv_path = write(tmp_path, "terms.csv", "source,target\nगणना,compute\n\"शेयर बाज़ार\",\"stock market, India\"\n")
    glossary = load_file(csv_path)
    assert [(t.source, t.target) for t in glossary.terms] == [("गणना", "compute"), ("शेयर बाज़ार", "stock market, India")]
    assert str(glossary.terms[1].origin).endswith(":3")
    yaml_path = write(tmp_path, "terms.yaml", dump_yaml(glossary))
    tsv_path = write(tmp_path, "terms.tsv", dump_table(load_file(yaml_path), "\t"))
    assert [(t.source, t.target) for t in load_file(tsv_path).terms] == [(t.source, t.target) for t in glossary.terms]
    assert "empty target" in problems(write(tmp_path, "bad.tsv", "गणना\t\n"))[0]


def test_cli_lint_show_import_export(tmp_path):
    good = write(tmp_path, "good.yaml", "name: mine\nterms:\n  - source: गणना\n    target: compute\n    domain: tech\n")
    bad = write(tmp_path, "bad.yaml", "terms:\n  - source: गणना\n")
    ok = run_hien("glossary", "lint", str(good))
    assert ok.returncode == 0 and b"1 terms, ok" in ok.stdout
    failed = run_hien("glossary", "lint", str(bad))
    assert failed.returncode == 2 and f"{bad}:2: missing field 'target'".encode() in failed.stderr
    shown = run_hien("glossary", "show", "--no-default", "--glossary", str(good), "--domain", "tech")
    assert shown.returncode == 0 and shown.stdout.decode().startswith("गणना\tcompute")
    out_csv = tmp_path / "out.csv"
    assert run_hien("glossary", "export", str(good), str(out_csv)).returncode == 0
    assert out_csv.read_text(encoding="utf-8").splitlines() == ["source,target", "गणना,compute"]
    assert run_hien("glossary", "import", str(out_csv), str(tmp_path / "back.yaml")).returncode == 0
    assert load_file(tmp_path / "back.yaml").terms[0].target == "compute"


def test_parse_cache_follows_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write(tmp_path, "mine.yaml", "terms:\n  - source: गणना\n    target: compute\n")
    assert load_file(path).terms[0].target == "compute"
    assert list((tmp_path / "cache").rglob("*.pickle"))  # the clean parse was cached
    assert load_file(path).terms[0].target == "compute"
    path.write_text("terms:\n  - source: गणना\n    target: computing power\n", encoding="utf-8")
    assert load_file(path).terms[0].target == "computing power"
    path.write_text("terms:\n  - source: गणना\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="missing field"):
        load_file(path)  # a broken file is never served from the cache


def test_cached_matcher_follows_file_changes(tmp_path, monkeypatch):
    from glossary.match import Matcher

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write(tmp_path, "mine.yaml", "terms:\n  - source: गणना\n    target: compute\n")
    first = Matcher.for_glossary(load_glossaries([path], use_default=False))
    assert [m.term.target for m in first.find("गणनाओं की मांग")] == ["compute"]
    assert list((tmp_path / "cache" / "hien" / "matchers").glob("*.pickle"))
    path.write_text("terms:\n  - source: मांग\n    target: demand\n", encoding="utf-8")
    second = Matcher.for_glossary(load_glossaries([path], use_default=False))
    assert [m.term.target for m in second.find("गणनाओं की मांग")] == ["demand"]
