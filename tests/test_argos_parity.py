"""Same model, same beam settings: hien's engine and argostranslate's own translation agree."""

import pytest

from tests.test_engine import SENTENCES
from translate.engine import ARGOS_DECODING, Engine


class WholeText:
    """argostranslate's default sentencizer (MiniSBD) downloads a model, which offline machines
    cannot do; hien splits sentences itself, so argos is given the same sentences."""

    def split_sentences(self, text):
        return [text]


def test_same_output_as_argostranslate(bundled_package, argos_home):
    translate = pytest.importorskip("argostranslate.translate", reason="argostranslate's full stack not installed")
    import ctranslate2
    from argostranslate.package import Package

    pkg = Package(bundled_package)
    translator = ctranslate2.Translator(str(bundled_package / "model"), device="cpu", compute_type="int8")
    theirs = [
        translate.apply_packaged_translation(pkg, s, translator, WholeText(), num_hypotheses=1)[0].value
        for s in SENTENCES
    ]
    # The bundled package names its own tuned settings; with Argos's, the outputs are the same.
    engine = Engine(bundled_package, threads=2, decoding=ARGOS_DECODING)
    assert engine.translate(SENTENCES) == theirs
