"""Scoring: the same numbers as sacrebleu, term metrics on hand-built cases, bad input, reports."""

import json
import subprocess
import sys

import pytest
import sacrebleu

from glossary.schema import Glossary, Term
from tests.conftest import run_hien
from translate.errors import InputError
from translate.score import has_loop, score, sentence_flags, term_scores

HYP = ["The RBI kept the repo rate unchanged.", "Investors bought shares worth ₹500 crore.", "GDP grew 7%."]
REF = ["The RBI left the repo rate unchanged.", "Investors bought shares worth ₹500 crore.", "GDP grew by 7%."]
REF2 = ["RBI kept its repo rate steady.", "Investors purchased ₹500 crore of shares.", "The economy grew 7%."]


def files(tmp_path, **named):
    out = {}
    for name, lines in named.items():
        path = tmp_path / f"{name}.txt"
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        out[name] = path
    return out


def test_corpus_scores_equal_sacrebleu_api_and_cli(tmp_path):
    f = files(tmp_path, hyp=HYP, ref=REF, ref2=REF2)
    report = score([f["hyp"]], [f["ref"], f["ref2"]])
    system = report["systems"][0]
    assert system["bleu"]["score"] == round(sacrebleu.corpus_bleu(HYP, [REF, REF2]).score, 2)
    assert system["chrf"]["score"] == round(sacrebleu.corpus_chrf(HYP, [REF, REF2]).score, 2)
    assert system["chrf++"]["score"] == round(sacrebleu.corpus_chrf(HYP, [REF, REF2], word_order=2).score, 2)
    assert system["ter"]["score"] == round(sacrebleu.corpus_ter(HYP, [REF, REF2]).score, 2)
    assert "nrefs:2" in system["bleu"]["signature"]
    cli = subprocess.run([sys.executable, "-m", "sacrebleu", str(f["ref"]), str(f["ref2"]), "-i", str(f["hyp"]),
                          "-m", "bleu", "chrf", "-b", "-w", "2", "-f", "text"], capture_output=True, text=True, check=True)
    bleu_cli, chrf_cli = (float(x) for x in cli.stdout.split())
    assert (system["bleu"]["score"], system["chrf"]["score"]) == (round(bleu_cli, 2), round(chrf_cli, 2))


def test_term_metrics_hand_built():
    glossary = Glossary(terms=[
        Term("निवेशक", "investor", avoid=["investment maker"]),
        Term("गणना", "compute", avoid=["calculation"]),
        Term("एडब्ल्यूएस", "AWS"),
    ])
    src = ["निवेशकों ने एडब्ल्यूएस पर भरोसा किया।", "गणना की मांग बढ़ी।", "गणना महंगी है।", "निवेशक नाराज़ है।",
           "एडब्ल्यूएस और एडब्ल्यूएस।"]
    hyp = ["Investors trusted AWS.", "Demand for compute rose.", "Calculation is expensive.", "The investor is upset.",
           "AWS and Amazon."]
    result = term_scores(hyp, src, glossary)
    table = {t["entry"]: t for t in result["terms"]}
    assert table["निवेशक"]["occurrences"] == 2 and table["निवेशक"]["hits"] == 2  # "Investors" counts (plural, sentence case)
    assert table["निवेशक"]["exact"] == 1  # only "investor" is the exact form
    assert table["गणना"]["hits"] == 1 and table["गणना"]["misses"] == 1  # compute once, calculation once
    assert table["गणना"]["avoid_used"] == 1
    assert table["एडब्ल्यूएस"]["occurrences"] == 3 and table["एडब्ल्यूएस"]["hits"] == 2  # the second AWS is missing
    assert result["occurrences"] == 7 and result["success_rate"] == round(5 / 7, 4)
    assert result["avoid_used"] == 1
    # consistency: of the terms seen twice or more, only निवेशक is rendered as its target every time
    assert result["consistency"] == round(1 / 3, 4)


def test_sentence_flags():
    assert has_loop("the boat, the boat, the boat sank")
    assert not has_loop("the boat and the car")
    assert sentence_flags("", "x") == ["empty"]
    assert "untranslated" in sentence_flags("Sensex गिरा today", "Sensex fell today")
    assert sentence_flags("a", "one two three four five")[0].startswith("length")


def test_misaligned_empty_and_invalid_inputs_are_refused(tmp_path):
    f = files(tmp_path, hyp=HYP, ref=REF[:2], empty=[])
    with pytest.raises(InputError, match="line counts differ"):
        score([f["hyp"]], [f["ref"]])
    with pytest.raises(InputError, match="empty file"):
        score([f["empty"]], [f["ref"]])
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"a\n\xff\nc\n")
    with pytest.raises(InputError, match="bad.txt:2: invalid UTF-8"):
        score([bad], [f["ref"]])
    out = run_hien("score", "--hyp", str(f["hyp"]), "--ref", str(f["ref"]))
    assert out.returncode == 2 and b"line counts differ" in out.stderr and out.stdout == b""


def test_two_systems_reports_and_significance(tmp_path):
    worse = ["The bank did something.", "People bought things.", "It grew."]
    f = files(tmp_path, hyp=HYP, worse=worse, ref=REF)
    md, html = tmp_path / "r.md", tmp_path / "r.html"
    out = run_hien("score", "--hyp", str(f["worse"]), "--hyp", str(f["hyp"]), "--ref", str(f["ref"]), "--json",
                   "--report", str(md))
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert [s["system"] for s in report["systems"]] == [str(f["worse"]), str(f["hyp"])]
    assert set(report["comparison"]) == {"BLEU", "chrF2"}
    assert report["comparison"]["BLEU"]["system_score"] > report["comparison"]["BLEU"]["baseline_score"]
    text = md.read_text(encoding="utf-8")
    assert "| system | lines | BLEU |" in text and "Paired bootstrap" in text
    assert run_hien("score", "--hyp", str(f["hyp"]), "--ref", str(f["ref"]), "--report", str(html)).returncode == 0
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "histogram" in page


def test_eval_translates_and_scores_with_and_without_glossary(tmp_path):
    rows = open("corpus/techfin/dev.tsv", encoding="utf-8").read().splitlines()[:6]
    tsv = tmp_path / "dev6.tsv"
    tsv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = run_hien("eval", "--tsv", str(tsv), "--compare-glossary", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    names = [s["system"] for s in report["systems"]]
    assert len(names) == 2 and names[0].endswith("(no glossary)") and names[1].endswith("(glossary)")
    with_terms = report["systems"][1]["terms"]
    assert with_terms["occurrences"] > 0 and with_terms["success_rate"] >= report["systems"][0]["terms"]["success_rate"]
    src, ref = tmp_path / "s.hi", tmp_path / "r.en"
    src.write_text("".join(r.split("\t")[0] + "\n" for r in rows), encoding="utf-8")
    ref.write_text("".join(r.split("\t")[1] + "\n" for r in rows[:5]), encoding="utf-8")
    misaligned = run_hien("eval", "--src", str(src), "--ref", str(ref))
    assert misaligned.returncode == 2 and b"line counts differ" in misaligned.stderr
