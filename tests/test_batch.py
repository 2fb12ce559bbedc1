"""`hien batch` end to end with the real model: formats, mirroring, resume after a kill, bad input."""

import json
import os
import signal
import subprocess
import sys
import time

from tests.conftest import ROOT, run_hien

SENTENCES = ["बाज़ार में आज तेज़ी रही।", "रिज़र्व बैंक ने रेपो दर स्थिर रखी।", "कंपनी का मुनाफा बढ़ा।", "निवेशकों ने शेयर खरीदे।"]


def make_tree(root):
    (root / "news" / "deep").mkdir(parents=True)
    (root / "news" / "a.txt").write_text(f"{SENTENCES[0]}\n\n{SENTENCES[1]}\n", encoding="utf-8")
    (root / "news" / "deep" / "b.jsonl").write_text(
        json.dumps({"id": 1, "text": SENTENCES[2], "tag": "x"}, ensure_ascii=False) + "\n"
        + "{not json\n" + json.dumps({"id": 3}) + "\n\n", encoding="utf-8")
    (root / "news" / "c.tsv").write_text(f"id\thindi\n1\t{SENTENCES[3]}\n\n2\n", encoding="utf-8")
    (root / "news" / "d.csv").write_text(f'1,"{SENTENCES[0]}",z\n', encoding="utf-8")
    (root / "news" / "notes.md").write_text("skip me\n", encoding="utf-8")
    (root / "news" / "bad.txt").write_bytes(b"ok\n\xff\xfe\n")


def test_formats_mirroring_and_bad_input(tmp_path):
    make_tree(tmp_path)
    out_dir = tmp_path / "out"
    report = tmp_path / "terms.json"
    out = run_hien("batch", str(tmp_path / "news"), "--output", str(out_dir), "--column", "2", "--header",
                   "--terms-report", str(report))
    assert out.returncode == 2, out.stderr  # failures happened, so the exit code says so
    err = out.stderr.decode()
    assert "notes.md: skipped" in err
    assert "bad.txt:2: invalid UTF-8" in err
    assert "b.jsonl:2: malformed JSON" in err and "b.jsonl:3: no field 'text'" in err
    assert "c.tsv:4: no column 2" in err
    written = sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file())
    assert written == [".hien-manifest.json", "a.txt", "c.tsv", "d.csv", "deep/b.jsonl"]
    a = (out_dir / "a.txt").read_text(encoding="utf-8").split("\n")
    assert len(a) == 4 and a[1] == "" and a[0] and a[2]
    b = (out_dir / "deep" / "b.jsonl").read_text(encoding="utf-8").split("\n")[:-1]
    assert len(b) == 4
    first = json.loads(b[0])
    assert first["id"] == 1 and first["tag"] == "x" and first["text"] == SENTENCES[2] and first["text_en"]
    assert b[1] == "{not json" and json.loads(b[2]) == {"id": 3} and b[3] == ""
    c = (out_dir / "c.tsv").read_text(encoding="utf-8").split("\n")[:-1]
    assert c[0] == "id\thindi\thindi_en" and c[1].split("\t")[:2] == ["1", SENTENCES[3]] and len(c[1].split("\t")) == 3
    assert c[2] == "" and c[3] == "2"
    d = (out_dir / "d.csv").read_text(encoding="utf-8")
    assert d.startswith(f'1,{SENTENCES[0]},z,') or d.startswith('id')  # header flag applies to csv too
    summary = json.loads(report.read_text(encoding="utf-8"))
    assert summary["occurrences"] >= 1


def test_output_inside_input_and_name_collisions_are_refused(tmp_path):
    make_tree(tmp_path)
    inside = run_hien("batch", str(tmp_path / "news"), "--output", str(tmp_path / "news" / "out"))
    assert inside.returncode == 2 and b"inside the input folder" in inside.stderr
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "a.txt").write_text("x\n")
    clash = run_hien("batch", str(tmp_path / "news" / "a.txt"), str(tmp_path / "other" / "a.txt"), "-o", str(tmp_path / "o"))
    assert clash.returncode == 2 and b"would both be written" in clash.stderr


def corpus(root, files=24, lines=6):
    root.mkdir()
    for f in range(files):
        body = "\n".join(f"{SENTENCES[(f + n) % 4][:-1]} {f}-{n}।" for n in range(lines))
        (root / f"doc{f:02d}.txt").write_text(body + "\n", encoding="utf-8")
    return root


def test_resume_after_kill_matches_an_uninterrupted_run(tmp_path):
    src = corpus(tmp_path / "src")
    whole, resumed = tmp_path / "whole", tmp_path / "resumed"
    assert run_hien("batch", str(src), "-o", str(whole), "--pool-size", "12").returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "translate.cli", "batch", str(src), "-o", str(resumed), "--pool-size", "12"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = resumed / ".hien-manifest.json"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and len(json.loads(manifest.read_text())["files"]) >= 2:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(json.loads(manifest.read_text())["files"])
    assert 2 <= done_before < 24, "the kill should land mid-run"
    for path in resumed.glob("*.txt"):  # whatever exists is complete: written whole or not at all
        assert path.read_bytes() == (whole / path.name).read_bytes()
    again = run_hien("batch", str(src), "-o", str(resumed), "--pool-size", "12", "--resume")
    assert again.returncode == 0, again.stderr
    assert f"{done_before} already done".encode() in again.stderr
    for path in whole.glob("*.txt"):
        assert (resumed / path.name).read_bytes() == path.read_bytes()
    assert not [p for p in resumed.iterdir() if p.name.endswith(".tmp")]
    mtimes = {p.name: p.stat().st_mtime_ns for p in resumed.iterdir()}
    idle = run_hien("batch", str(src), "-o", str(resumed), "--pool-size", "12", "--resume")
    assert idle.returncode == 0 and b"0 files written, 24 already done" in idle.stderr
    assert {p.name: p.stat().st_mtime_ns for p in resumed.iterdir()} == mtimes  # nothing rewritten


def test_changed_input_is_redone_on_resume(tmp_path):
    src = corpus(tmp_path / "src", files=3, lines=2)
    out = tmp_path / "out"
    assert run_hien("batch", str(src), "-o", str(out)).returncode == 0
    (src / "doc01.txt").write_text(SENTENCES[3] + "\n", encoding="utf-8")
    again = run_hien("batch", str(src), "-o", str(out), "--resume")
    assert b"1 files written, 2 already done" in again.stderr
    assert (out / "doc01.txt").read_text(encoding="utf-8").count("\n") == 1
