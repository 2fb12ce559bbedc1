"""Scheduling in the pipeline: chunked processor calls and a bounded translation cache give
the same output as one big call, on the real model with the default glossary."""

from translate import pipeline
from translate.enforce import build_processor
from translate.pipeline import Translator

LINES = [
    "रिज़र्व बैंक ने रेपो दर 6.5 प्रतिशत पर बरकरार रखी।",
    "",
    "एडब्ल्यूएस के साथ 38 बिलियन डॉलर का करार हुआ। निवेशकों ने इसका स्वागत किया।",
    "कंपनी का शुद्ध लाभ 12 प्रतिशत बढ़ा।",
    "रिज़र्व बैंक ने रेपो दर 6.5 प्रतिशत पर बरकरार रखी।",
    "शेयर बाज़ार में आज तेज़ी रही।",
]


def translate_all(engine, lines):
    return [r.to_json() for r in Translator(engine, build_processor(engine, [])).translate_lines(lines)]


def test_chunks_and_bounded_cache_change_nothing(engine, monkeypatch):
    whole = translate_all(engine, LINES)
    monkeypatch.setattr(pipeline, "CHUNK_SENTENCES", 2)
    monkeypatch.setattr(pipeline, "CACHE_SENTENCES", 3)
    translator = Translator(engine, build_processor(engine, []))
    first = [r.to_json() for r in translator.translate_lines(LINES)]
    again = [r.to_json() for r in translator.translate_lines(LINES[::-1])]
    assert first == whole and again == whole[::-1]
    assert len(translator._cache) == 3
    assert whole[1]["translation"] == "" and all(r["translation"] for i, r in enumerate(whole) if i != 1)


def test_a_word_said_twice_is_said_once():
    from translate.enforce import STUTTER, ConstrainedProcessor

    assert STUTTER.sub(r"\1", "after its corporate corporate restructuring") == "after its corporate restructuring"
    assert STUTTER.sub(r"\1", "Altman Altman Altman said") == "Altman said"
    assert STUTTER.sub(r"\1", "what he had had, that is") == "what he had had, that is"  # short words stay
    processor = ConstrainedProcessor(None)
    plan = processor.plan("कंपनी ने कहा।")
    assert processor._finish(plan, "growth growth was strong.", {}).text == "Growth was strong."
