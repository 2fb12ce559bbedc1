"""The engine on the real bundled model."""

import json
import shutil
import sys

import pytest

from translate.engine import ARGOS_DECODING, MAX_INPUT_TOKENS, Engine, split_long
from translate.errors import InputError

SENTENCES = [
    "भारत एक बड़ा देश है।",
    "रिज़र्व बैंक ने ब्याज दरों में कोई बदलाव नहीं किया।",
    "कंपनी का शुद्ध लाभ 12 प्रतिशत बढ़ा।",
    "सरकार ने नई नीति की घोषणा की।",
    "बाज़ार में आज तेज़ी रही।",
]


def test_engine_translates_to_english(engine):
    out = engine.translate(SENTENCES)
    assert len(out) == len(SENTENCES)
    for text in out:
        assert text and not any("\u0900" <= ch <= "\u097f" for ch in text)


def test_batch_equals_one_by_one(engine):
    together = engine.translate(SENTENCES)
    alone = [engine.translate([s])[0] for s in SENTENCES]
    assert together == alone


def test_empty_sentences_stay_empty(engine):
    assert engine.translate(["", "   ", SENTENCES[0]])[:2] == ["", ""]


def test_over_long_input_is_translated_in_pieces(engine):
    text = " ".join(s.rstrip("।") for s in SENTENCES * 12)  # one "sentence" far above the model limit
    tokens = engine.tokenize(text)
    assert len(tokens) > MAX_INPUT_TOKENS
    pieces = split_long(tokens)
    assert sum(map(len, pieces)) == len(tokens)  # nothing dropped
    assert all(len(p) <= MAX_INPUT_TOKENS for p in pieces) and len(pieces) >= 2
    per_piece = [hyps[0].text for hyps in engine.translate_tokens(pieces)]
    assert all(per_piece)
    assert engine.translate([text])[0] == " ".join(per_piece)  # every piece translated, in order


def test_target_prefix_from_metadata_is_forced_and_stripped(bundled_package, tmp_path):
    # Multilingual Argos packages name a target-language token in metadata.json; the decoder
    # must start from it and the user must not see it.
    copy = tmp_path / "pkg"
    shutil.copytree(bundled_package, copy)
    meta = json.loads((copy / "metadata.json").read_text())
    plain = Engine(bundled_package)
    pieces = (plain.sp.id_to_piece(i) for i in range(4, plain.sp.get_piece_size()))
    token = next(p for p in pieces if p.isascii() and p.isalpha())  # an in-vocabulary piece
    meta["target_prefix"] = token
    (copy / "metadata.json").write_text(json.dumps(meta))
    prefixed = Engine(copy)
    hyp = prefixed.translate_tokens([prefixed.tokenize(SENTENCES[0])])[0][0]
    assert hyp.tokens[0] == token
    assert hyp.text == prefixed.sp.decode(hyp.tokens[1:]).strip()


def test_engine_does_not_import_torch_or_stanza():
    import subprocess

    code = "import translate.engine, translate.cli, translate.pipeline, translate.enforce, sys; " \
           "print(any(m in sys.modules for m in ('torch', 'stanza', 'argostranslate.translate')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_parts_are_clear_errors(tmp_path, bundled_package):
    with pytest.raises(InputError, match="metadata.json"):
        Engine(tmp_path)
    broken = tmp_path / "broken"
    shutil.copytree(bundled_package, broken)
    (broken / "model" / "model.bin").unlink()
    with pytest.raises(InputError, match="model.bin"):
        Engine(broken)


def test_decoding_settings_come_from_the_package(bundled_package, tmp_path):
    # The bundled package names settings tuned on its dev sets; a package without them (any
    # official Argos package) decodes as argostranslate does; a bad value is a clear error.
    tuned = json.loads((bundled_package / "metadata.json").read_text())["hien"]["decoding"]
    assert Engine(bundled_package).decoding == tuned
    copy = tmp_path / "pkg"
    shutil.copytree(bundled_package, copy)
    meta = json.loads((copy / "metadata.json").read_text())
    del meta["hien"]
    (copy / "metadata.json").write_text(json.dumps(meta))
    assert Engine(copy).decoding == ARGOS_DECODING
    meta["hien"] = {"decoding": {"beam_size": "wide"}}
    (copy / "metadata.json").write_text(json.dumps(meta))
    with pytest.raises(InputError, match="beam_size"):
        Engine(copy)
