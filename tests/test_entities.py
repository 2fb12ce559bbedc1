"""Entities through the real pipeline and the real bundled model (issue #8).

Each sentence of tests/data/entities.tsv must come out with its figures, links, code,
acronyms and names exactly as the English should write them, and with no Devanagari left.
"""

from pathlib import Path

import pytest

from translate.enforce import ConstrainedProcessor, build_processor
from translate.pipeline import Translator
from translate.protect import decode_letter_names, find_entities

CASES = [line.split("\t") for line in (Path(__file__).parent / "data" / "entities.tsv").read_text(encoding="utf-8").splitlines()
         if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def results(engine):
    translator = Translator(engine, build_processor(engine, [], use_default_glossary=True))
    return translator.translate_lines([hi for hi, _ in CASES])


@pytest.mark.parametrize("index", range(len(CASES)))
def test_entity_comes_out_exactly(results, index):
    hi, expected = CASES[index]
    out = results[index].translation
    for piece in expected.split("|"):
        assert piece in out, f"{hi!r} → {out!r}: missing {piece!r}"
    assert not any("\u0900" <= ch <= "\u097f" for ch in out), out


def test_international_number_policy(engine):
    translator = Translator(engine, ConstrainedProcessor(None, numbers="international"))
    out = translator.translate_lines(["कंपनी पर 2 करोड़ रुपये का जुर्माना लगाया गया।"])[0]
    assert "₹20 million" in out.translation
    assert out.entities[0].kind == "money" and out.entities[0].status == "kept"


@pytest.mark.parametrize("word, latin", [
    ("एडब्ल्यूएस", "AWS"), ("आईपीओ", "IPO"), ("सीईओ", "CEO"), ("एपीआई", "API"), ("जीबी200", "GB200"),
    ("एचडीएफसी", "HDFC"), ("टीवी", "TV"), ("यूपीआई", "UPI"),
])
def test_letter_names_decode(word, latin):
    assert decode_letter_names(word) == latin


@pytest.mark.parametrize("word", ["के", "जी", "बीबी", "एक", "सीमा", "आई", "भारत", "जीना", "केवल"])
def test_hindi_words_are_not_acronyms(word):
    assert decode_letter_names(word) is None


def test_opaque_entities_win_over_their_digits():
    kinds = [(c.kind, c.output_text) for c in find_entities("संस्करण v2.4.1 और https://x.in/a1.2 पर 5%")]
    assert kinds == [("version", "v2.4.1"), ("url", "https://x.in/a1.2"), ("percent", "5%")]
