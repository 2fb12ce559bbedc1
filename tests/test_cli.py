"""`hien translate` through a real subprocess: line contract, JSON, error cases, exit codes."""

import json

from tests.conftest import run_hien

HINDI = "भारत एक बड़ा देश है।"


def test_translate_argument_prints_english():
    out = run_hien("translate", HINDI)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert text.endswith("\n") and text.count("\n") == 1
    assert text.strip() and not any("\u0900" <= ch <= "\u097f" for ch in text)
    assert b"bundled model" in out.stderr  # the user is told which model ran


def test_n_lines_in_n_lines_out_with_empty_lines_kept(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("पहली पंक्ति।\n\nतीसरी पंक्ति। चौथा वाक्य!\n   \n- सूची की पंक्ति\n", encoding="utf-8")
    out = run_hien("translate", "--input", str(src))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.decode().split("\n")[:-1]
    assert len(lines) == 5
    assert lines[1] == "" and lines[3] == ""
    assert lines[0] and lines[2] and lines[4].startswith("- ")


def test_stdin_and_json_objects_per_line():
    out = run_hien("translate", "--json", input="एडब्ल्यूएस ने निवेशकों से बात की।\n\n".encode())
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(rows) == 2
    assert set(rows[0]) >= {"source", "translation", "terms"}
    assert rows[1] == {"source": "", "translation": "", "terms": [], "entities": []}
    for term in rows[0]["terms"]:
        assert term["status"] in ("applied", "missed")


def test_empty_input_is_empty_output():
    out = run_hien("translate", input=b"")
    assert out.returncode == 0 and out.stdout == b""


def test_huge_line_is_translated_not_rejected(tmp_path):
    line = ("बाज़ार में आज तेज़ी रही और निवेशक खुश रहे " * 2500)[:100_000]
    src = tmp_path / "huge.txt"
    src.write_text(line + "\n" + HINDI + "\n", encoding="utf-8")
    out = run_hien("translate", "--input", str(src), "--no-glossary")
    assert out.returncode == 0, out.stderr[-500:]
    lines = out.stdout.decode().split("\n")[:-1]
    assert len(lines) == 2
    assert len(lines[0].split()) > 1000


def _fails(out, fragment: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stderr)
    message = out.stderr.decode().strip().splitlines()[-1]
    assert fragment in message, message


def test_error_cases_exit_2_with_one_line(tmp_path):
    _fails(run_hien("translate", ""), "empty TEXT")
    _fails(run_hien("translate", "--input", str(tmp_path / "missing.txt")), "no such file")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("ठीक है\n".encode() + b"\xff\xfe broken\n")
    _fails(run_hien("translate", "--input", str(bad)), "bad.txt:2: invalid UTF-8")
    _fails(run_hien("translate", input=b"\xc3\x28"), "<stdin>:1: invalid UTF-8")
    _fails(run_hien("translate", "--from", "fr", "--to", "en", "bonjour"), "unknown language pair")
    _fails(run_hien("translate", "--model", str(tmp_path / "nope"), HINDI), "unknown model")
    _fails(run_hien("translate", HINDI, "--output", str(tmp_path / "no" / "dir" / "out.txt")), "does not exist")


def test_output_file_written_whole_or_not_at_all(tmp_path):
    target = tmp_path / "out.txt"
    out = run_hien("translate", HINDI, "--output", str(target))
    assert out.returncode == 0 and target.read_text(encoding="utf-8").count("\n") == 1
    from translate.textio import current_umask

    assert target.stat().st_mode & 0o777 == 0o666 & ~current_umask()  # as `>` would leave it, not mkstemp's 0600
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xff\n")
    before = target.read_bytes()
    failed = run_hien("translate", "--input", str(bad), "--output", str(target))
    assert failed.returncode == 2
    assert target.read_bytes() == before  # the earlier output is untouched
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_missing_model_for_pair_is_a_clear_error(argos_home):
    out = run_hien("translate", "--from", "en", "--to", "hi", "India is big.",
                   env={"ARGOS_PACKAGES_DIR": str(argos_home)})
    if out.returncode == 0:  # an en→hi model is bundled: then it must translate into Devanagari
        assert any("\u0900" <= ch <= "\u097f" for ch in out.stdout.decode())
    else:
        _fails(out, "no model for en→hi")
