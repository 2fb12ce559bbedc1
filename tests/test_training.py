"""The training recipe: cleaning, decontamination, code-switching, and a short real run that
exports through CTranslate2 into an Argos package that both hien and argostranslate load."""

import random

import numpy as np
import pytest

from translate.training.data import CleanReport, ParallelSet, clean_pairs, heldout_keys, match_key, sample_epoch

torch = pytest.importorskip("torch", reason="training needs the train extra")


def test_cleaning_rules():
    report = CleanReport()
    seen: set = set()
    pairs = [
        ("भारत एक देश है।", "India is a country."),
        ("भारत एक देश है।", "India is a country!"),  # duplicate once punctuation is ignored
        ("", "Empty Hindi"),
        ("Same text", "Same text"),
        ("English only", "English only too"),
        ("हिंदी", "हिंदी in English side"),
        ("एक दो तीन चार पांच छह सात आठ नौ दस", "one"),  # length ratio
        ("फ़ाइल खोलें %s", "Open file %s"),  # printf placeholder, only refused for software strings
    ]
    kept = clean_pairs(pairs, set(), seen, report)
    assert kept == [("भारत एक देश है।", "India is a country."), ("फ़ाइल खोलें %s", "Open file %s")]
    assert (report.duplicate, report.empty, report.identical, report.wrong_script, report.length_ratio) == (1, 1, 1, 2, 1)
    strings = clean_pairs([("फ़ाइल खोलें %s", "Open file %s")], set(), set(), CleanReport(), strings=True)
    assert strings == []


def test_decontamination_removes_test_sentences(shared_data):
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    held = heldout_keys(shared_data, corpus)
    ntrex_hi = (shared_data / "test_ntrex128" / "ntrex128.hi").read_text(encoding="utf-8").split("\n")[5]
    techfin_en = (corpus / "techfin" / "test.tsv").read_text(encoding="utf-8").split("\n")[0].split("\t")[1]
    pairs = [(ntrex_hi, "anything at all"), ("कुछ और", techfin_en.upper() + " "), ("नया वाक्य है।", "A new sentence.")]
    report = CleanReport()
    assert clean_pairs(pairs, held, set(), report) == [("नया वाक्य है।", "A new sentence.")]
    assert report.heldout == 2
    assert match_key(" India, is BIG! ") == match_key("india is big")


def test_sampling_weights():
    sets = [ParallelSet("a", [("क", "a")] * 10, 0.5), ParallelSet("b", [("ख", "b")] * 4, 2.0)]
    epoch = list(sample_epoch(sets, random.Random(0)))
    assert epoch.count(("क", "a")) == 5 and epoch.count(("ख", "b")) == 8


def test_code_switching_puts_verified_english_into_the_hindi():
    from glossary.load import load_glossaries
    from glossary.match import Matcher
    from translate.training.augment import code_switch_pair

    matcher = Matcher(load_glossaries([]))
    hi = "निवेशकों ने एडब्ल्यूएस के 38 बिलियन डॉलर के अनुबंध का स्वागत किया।"
    en = "Investors welcomed AWS's $38 billion contract."
    assert code_switch_pair(hi, en, matcher) == "Investors ने AWS के $38 billion के contract का स्वागत किया।"
    assert code_switch_pair("निवेशक खुश हैं।", "The markets rose.", matcher) is None  # nothing verifiable


def test_export_never_modifies_the_weights_it_is_given(tmp_path):
    from translate.training.export import HienConverter
    from translate.training.model import Seq2SeqTransformer
    from translate.training.model_config import ModelConfig

    config = ModelConfig(vocab_size=40, d_model=32, ffn_dim=64, heads=4, encoder_layers=1, decoder_layers=1)
    weights = {k: v.detach().numpy() for k, v in Seq2SeqTransformer(config).state_dict().items()}
    before = {k: v.copy() for k, v in weights.items()}
    vocab = ["<unk>", "<s>", "</s>", "<blank>"] + [f"t{i}" for i in range(36)]
    HienConverter(weights, config, vocab).convert(str(tmp_path / "m"), quantization="int8")
    assert all(np.array_equal(weights[k], before[k]) for k in weights)


def test_short_training_run_exports_a_loadable_argos_package(tmp_path):
    """A few real steps on a tiny slice of the in-house corpus, then the whole export path."""
    from pathlib import Path

    import sentencepiece as spm

    from translate.engine import Engine
    from translate.training.data import inhouse_pairs
    from translate.training.model_config import ModelConfig
    from translate.training.recipe import RecipeOptions, encode_sets, epoch_sampler, package_weights, train_sentencepiece
    from translate.training.train import Trainer, TrainSettings

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    pairs = inhouse_pairs(corpus)[:300]
    assert len(pairs) == 300
    sets = [ParallelSet("slice", pairs)]
    spm_path = tmp_path / "sentencepiece.model"
    train_sentencepiece(sets, spm_path, vocab_size=600, seed=1)
    sp = spm.SentencePieceProcessor(model_file=str(spm_path))
    config = ModelConfig(vocab_size=sp.get_piece_size(), d_model=32, ffn_dim=64, heads=4, encoder_layers=2, decoder_layers=1)
    settings = TrainSettings(max_minutes=5, max_steps=12, batch_tokens=800, warmup_steps=4, checkpoint_minutes=100,
                             threads=1, log_seconds=1000)
    trainer = Trainer(tmp_path / "run", config, settings, epoch_sampler(encode_sets(sets, sp)))
    first_loss = trainer.train_step(trainer.epoch_examples(trainer.rng)[:8])[0]
    trainer.run()
    assert trainer.step == 12 and len(trainer.checkpoints()) == 1
    resumed = Trainer(tmp_path / "run", config, settings, epoch_sampler(encode_sets(sets, sp)))
    assert resumed.resume() and resumed.step == 12  # --resume continues where it stopped
    options = RecipeOptions(work_dir=tmp_path / "run", data_dir=tmp_path, corpus_dir=corpus)
    package = package_weights(trainer.averaged_weights(), options, config, spm_path, "package", "# test model\n")
    engine = Engine(package)
    out = engine.translate(["बाज़ार में तेज़ी रही।", ""])
    assert isinstance(out[0], str) and out[1] == ""
    assert first_loss > 0
    from argostranslate.package import Package

    pkg = Package(package)
    assert (pkg.from_code, pkg.to_code) == ("hi", "en") and pkg.get_readme() == "# test model\n"
    # Decoding is tuned on dev sentences after export and travels in the package metadata.
    from translate.training.recipe import DECODING_GRID, tune_decoding

    dev = {"dev": ([p[0] for p in pairs[:5]], [p[1] for p in pairs[:5]])}
    chosen, trials = tune_decoding(package, dev)
    assert [t["settings"] for t in trials] == DECODING_GRID
    assert chosen == max(trials, key=lambda t: t["mean"])["settings"]
    assert Engine(package).decoding == chosen  # written into metadata.json, read back by a new engine


def test_en_hi_swaps_sides_and_refuses_code_switching(tmp_path):
    from translate.training.recipe import RecipeOptions, orient, run

    sets = [ParallelSet("s", [("भारत एक देश है।", "India is a country.")], 2.0, "CC0")]
    assert orient(sets, "hi") == sets
    swapped = orient(sets, "en")[0]
    assert swapped.pairs == [("India is a country.", "भारत एक देश है।")] and (swapped.weight, swapped.licence) == (2.0, "CC0")
    options = RecipeOptions(work_dir=tmp_path, data_dir=tmp_path, corpus_dir=tmp_path, from_code="en", to_code="hi",
                            code_switch_share=0.4)
    with pytest.raises(SystemExit, match="hi→en only"):
        run(options)
