"""The whole recipe: data → SentencePiece → Transformer → CTranslate2 → Argos package → scores.

`python -m translate.training --work runs/hi-en --max-minutes 180` rebuilds the bundled
model; `--resume` continues a stopped run from its last checkpoint.
"""

from __future__ import annotations

import json
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import sentencepiece as spm
from sacrebleu.metrics import BLEU, CHRF

from translate.engine import Engine
from translate.training.card import cpu_name
from translate.training.data import ParallelSet, load_training_sets, read_aligned, read_lines, sample_epoch
from translate.training.export import build_package_dir, export_ct2, zip_package
from translate.training.model_config import ModelConfig
from translate.training.train import BOS, EOS, Example, Trainer, TrainSettings

MAX_TOKENS = 150


@dataclass
class RecipeOptions:
    work_dir: Path
    data_dir: Path
    corpus_dir: Path
    output_dir: Path | None = None
    from_code: str = "hi"
    to_code: str = "en"
    vocab_size: int = 8000
    use_inhouse: bool = True
    inhouse_weight: float = 3.0
    extra_sets: list[ParallelSet] = field(default_factory=list)
    code_switch_share: float = 0.0
    glossary_paths: list[Path] = field(default_factory=list)
    resume: bool = False
    export_only: bool = False  # average the saved checkpoints and export, without training
    model: ModelConfig | None = None
    train: TrainSettings = field(default_factory=TrainSettings)
    dev_lines: int = 150
    package_version: str = "1.0"


def log(message: str) -> None:
    print(f"[recipe] {message}", flush=True)


def orient(sets: list[ParallelSet], from_code: str) -> list[ParallelSet]:
    """Sets are stored hi→en; for en→hi swap the sides."""
    if from_code == "hi":
        return sets
    return [ParallelSet(s.name, [(en, hi) for hi, en in s.pairs], s.weight, s.licence, s.kind, s.stats) for s in sets]


def train_sentencepiece(sets: list[ParallelSet], path: Path, vocab_size: int, seed: int) -> None:
    """One joint vocabulary for both languages (Argos packages ship a single model)."""
    rng = random.Random(seed)
    text_path = path.with_suffix(".txt")
    with text_path.open("w", encoding="utf-8") as handle:
        for src, tgt in sample_epoch(sets, rng):
            handle.write(src + "\n" + tgt + "\n")
    spm.SentencePieceTrainer.train(
        input=str(text_path),
        model_prefix=str(path.with_suffix("")),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=0.9999,
        byte_fallback=True,
        split_digits=True,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=3,
        pad_piece="<blank>",
        input_sentence_size=2_000_000,
        shuffle_input_sentence=True,
        num_threads=2,
        minloglevel=2,
    )
    text_path.unlink()


def encode_sets(sets: list[ParallelSet], sp: spm.SentencePieceProcessor) -> list[tuple[list[Example], float]]:
    encoded = []
    for item in sets:
        if not item.pairs:
            continue
        sources = sp.encode([p[0] for p in item.pairs])
        targets = sp.encode([p[1] for p in item.pairs])
        examples = [
            (np.asarray(s, dtype=np.int32), np.asarray([BOS, *t, EOS], dtype=np.int32))
            for s, t in zip(sources, targets)
            if 0 < len(s) <= MAX_TOKENS and 0 < len(t) <= MAX_TOKENS
        ]
        encoded.append((examples, item.weight))
    return encoded


def epoch_sampler(encoded: list[tuple[list[Example], float]]):
    def sample(rng: random.Random) -> list[Example]:
        chosen: list[Example] = []
        for examples, weight in encoded:
            whole, fraction = divmod(weight, 1.0)
            chosen += examples * int(whole)
            if fraction:
                chosen += rng.sample(examples, round(fraction * len(examples)))
        return chosen

    return sample


def eval_sets(options: RecipeOptions) -> dict[str, tuple[list[str], list[str]]]:
    """Held-out sets scored in the model card (never trained on: see data.heldout_keys)."""
    d, c = options.data_dir, options.corpus_dir
    sets = {
        "newsdev2014": read_aligned(d / "test_wmt14_newsdev2014/newsdev2014.hi", d / "test_wmt14_newsdev2014/newsdev2014.en"),
        "ntrex128": read_aligned(d / "test_ntrex128/ntrex128.hi", d / "test_ntrex128/ntrex128.en"),
    }
    for split in ("dev", "test"):
        path = c / "techfin" / f"{split}.tsv"
        if path.exists():
            sets[f"techfin-{split}"] = [tuple(line.split("\t")[:2]) for line in read_lines(path)]
    out = {}
    for name, pairs in sets.items():
        src = [p[0] for p in pairs]
        ref = [p[1] for p in pairs]
        if options.from_code != "hi":
            src, ref = ref, src
        out[name] = (src, ref)
    return out


def metadata_for(options: RecipeOptions) -> dict:
    names = {"hi": "Hindi", "en": "English"}
    return {
        "package_version": options.package_version,
        "argos_version": "1.9",
        "from_code": options.from_code,
        "from_name": names.get(options.from_code, options.from_code),
        "to_code": options.to_code,
        "to_name": names.get(options.to_code, options.to_code),
        "code": f"hien-{options.from_code}_{options.to_code}",
        "type": "translate",
        "links": [],
        # hien reads this: the model was trained to copy English put inline into the source
        "hien": {"code_switching": options.code_switch_share > 0},
    }


def score(engine: Engine, src: list[str], ref: list[str], beam_size: int | None = None) -> dict:
    started = time.monotonic()
    hyp = engine.translate(src, beam_size=beam_size)
    seconds = time.monotonic() - started
    bleu, chrf = BLEU(), CHRF()
    return {
        "bleu": round(bleu.corpus_score(hyp, [ref]).score, 2),
        "chrf": round(chrf.corpus_score(hyp, [ref]).score, 2),
        "sentences": len(src),
        "sentences_per_s": round(len(src) / seconds, 1),
        "bleu_signature": str(bleu.get_signature()),
        "chrf_signature": str(chrf.get_signature()),
    }


# Decoding settings tried on the dev sets after export; the best is written into the package.
DECODING_GRID = [{"length_penalty": lp, "no_repeat_ngram_size": n} for lp in (0.2, 0.6, 1.0) for n in (0, 3)]


def tune_decoding(package: Path, dev: dict[str, tuple[list[str], list[str]]]) -> tuple[dict, list[dict]]:
    """Pick the decoding settings with the best mean chrF over the dev sets and record them in
    the package's metadata.json, where hien's engine reads them (argostranslate ignores them)."""
    engine = Engine(package)  # loaded once; each trial only changes its decoding settings
    trials = []
    for settings in DECODING_GRID:
        engine.decoding = dict(settings)
        chrf = {name: round(CHRF().corpus_score(engine.translate(src), [ref]).score, 2) for name, (src, ref) in dev.items()}
        trials.append({"settings": settings, "chrf": chrf, "mean": sum(chrf.values()) / len(chrf)})
    chosen = dict(max(trials, key=lambda trial: trial["mean"])["settings"])
    path = package / "metadata.json"
    metadata = json.loads(path.read_text(encoding="utf-8"))
    metadata.setdefault("hien", {})["decoding"] = chosen
    path.write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return chosen, trials


def package_weights(weights, options: RecipeOptions, config: ModelConfig, spm_path: Path, name: str, card: str) -> Path:
    ct2_dir = export_ct2(weights, config, spm_path, options.work_dir / f"{name}-ct2")
    return build_package_dir(ct2_dir, spm_path, options.work_dir / name, metadata_for(options), card)


def run(options: RecipeOptions, command: str = "python -m translate.training") -> dict:
    if options.code_switch_share > 0 and options.from_code != "hi":
        # English terms put into the Hindi side teach a hi→en model to copy them; for en→hi
        # they would teach it to leave English in its Hindi output.
        raise SystemExit("--code-switch applies to hi→en only")
    work = options.work_dir
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    sets, reports = load_training_sets(
        options.data_dir, options.corpus_dir, options.use_inhouse, options.inhouse_weight, options.extra_sets
    )
    if options.code_switch_share > 0:
        from translate.training.augment import code_switched_set

        sets.append(code_switched_set(sets, options.glossary_paths, options.code_switch_share, options.train.seed))
        reports[sets[-1].name] = {"kept": len(sets[-1].pairs)}
    sets = orient(sets, options.from_code)
    (work / "data_report.json").write_text(json.dumps(
        {s.name: {**s.stats, "weight": s.weight, "licence": s.licence, "pairs": len(s.pairs)} for s in sets},
        indent=2, ensure_ascii=False))
    log(f"data: {sum(len(s.pairs) for s in sets)} pairs in {len(sets)} sets after cleaning")

    spm_path = work / "sentencepiece.model"
    if not ((options.resume or options.export_only) and spm_path.exists()):
        train_sentencepiece(sets, spm_path, options.vocab_size, options.train.seed)
    sp = spm.SentencePieceProcessor(model_file=str(spm_path))
    config = options.model or ModelConfig(vocab_size=sp.get_piece_size())
    config.vocab_size = sp.get_piece_size()
    encoded = encode_sets(sets, sp)

    dev_src, dev_ref = [], []
    for name, (src, ref) in eval_sets(options).items():
        if name in ("newsdev2014", "techfin-dev"):
            dev_src += src[: options.dev_lines]
            dev_ref += ref[: options.dev_lines]

    def evaluate(weights) -> dict:
        package = package_weights(weights, options, config, spm_path, "eval-package", "dev check\n")
        return score(Engine(package, beam_size=1), dev_src, dev_ref) if dev_src else {}

    trainer = Trainer(work, config, options.train, epoch_sampler(encoded), evaluate)
    if options.resume or options.export_only:
        if not trainer.resume():
            raise SystemExit(f"no checkpoint in {trainer.ckpt_dir} to resume from")
    if not options.export_only:
        trainer.run()

    weights = trainer.averaged_weights()
    card_facts = {
        "command": command,
        "data": {s.name: {"pairs": len(s.pairs), "weight": s.weight, "licence": s.licence} for s in sets},
        "model": config.to_dict(),
        "parameters": int(sum(np.prod(v.shape) for k, v in weights.items())),
        "training": {
            "steps": trainer.step,
            "minutes": round(trainer.trained_seconds / 60, 1),
            "device": options.train.device,
            "hardware": f"{cpu_name()}, {options.train.threads or os.cpu_count()} threads",
            "averaged_checkpoints": min(options.train.average_last, len(trainer.checkpoints())),
        },
    }
    package = package_weights(weights, options, config, spm_path, "package", "pending evaluation\n")
    held_out = eval_sets(options)
    dev = {name: held_out[name] for name in ("newsdev2014", "techfin-dev") if name in held_out}
    if dev:
        card_facts["decoding"], card_facts["decoding_trials"] = tune_decoding(package, dev)
        log(f"decoding tuned on {', '.join(dev)}: {card_facts['decoding']}")
    engine = Engine(package)
    results = {name: score(engine, src, ref) for name, (src, ref) in held_out.items()}
    card_facts["evaluation"] = results
    (work / "results.json").write_text(json.dumps(card_facts, indent=2, ensure_ascii=False))
    from translate.training.card import model_card

    (package / "README.md").write_text(model_card(card_facts, metadata_for(options)))
    archive = zip_package(package, work / f"translate-{options.from_code}_{options.to_code}-hien.argosmodel")
    if options.output_dir:
        from translate.training.export import copy_package

        copy_package(package, options.output_dir)
    log(f"done in {(time.monotonic() - started) / 60:.1f} min: {archive}")
    for name, r in results.items():
        log(f"{name}: BLEU {r['bleu']} chrF {r['chrf']} ({r['sentences_per_s']} sent/s)")
    return card_facts
