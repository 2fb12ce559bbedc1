"""The model card (README.md inside the package), written from measured facts only."""

from __future__ import annotations

import platform
from pathlib import Path


def cpu_name() -> str:
    """The CPU's model name (Linux), else the architecture."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def model_card(facts: dict, metadata: dict) -> str:
    t, m = facts["training"], facts["model"]
    inhouse = any(name.startswith("hien in-house") for name in facts["data"])
    sources = "the public sets in `../shared/data`" + (
        " and the project's own tech/finance corpus (`corpus/train/`)" if inhouse else " only")
    lines = [
        f"# hien {metadata['from_name']} → {metadata['to_name']} ({metadata['from_code']}→{metadata['to_code']})",
        "",
        f"A small Transformer trained by the hien project on a CPU from {sources}.",
        "It is the offline default of `hien`; an official Argos package, where one can be installed,",
        "translates general text better.",
        "",
        "## Model",
        f"- Pre-norm Transformer, {m['encoder_layers']} encoder / {m['decoder_layers']} decoder layers, "
        f"d_model {m['d_model']}, FFN {m['ffn_dim']}, {m['heads']} heads, shared embeddings, "
        f"{facts['parameters'] / 1e6:.1f}M parameters; joint SentencePiece vocabulary of {m['vocab_size']}.",
        "- Exported with CTranslate2 (int8 weights).",
        f"- Trained {t['steps']} steps in {t['minutes']} min on {t['device']} ({t['hardware']}); "
        f"the last {t['averaged_checkpoints']} checkpoints averaged.",
        "",
    ]
    decoding = facts.get("decoding")
    settings = "beam 4" + (f", length penalty {decoding['length_penalty']}, "
                           f"no repeated {decoding['no_repeat_ngram_size']}-grams" if decoding else "")
    lines += [
        f"## Evaluation ({settings}; sacrebleu defaults)",
        "",
        "| set | sentences | BLEU | chrF | sentences/s |",
        "|---|---:|---:|---:|---:|",
    ]
    signature = ""
    for name, r in facts["evaluation"].items():
        lines.append(f"| {name} | {r['sentences']} | {r['bleu']} | {r['chrf']} | {r['sentences_per_s']} |")
        signature = f"BLEU `{r['bleu_signature']}`, chrF `{r['chrf_signature']}`"
    lines += [
        "",
        f"Signatures: {signature}. newsdev2014 and NTREX-128 are from `../shared/data`; techfin-dev/test are",
        "the project's own sets in `corpus/techfin/`. None of their sentences were trained on.",
        "",
    ]
    if decoding:
        trials = facts["decoding_trials"]
        dev_names = list(trials[0]["chrf"])
        lines += [
            "Decoding settings were chosen after export by mean chrF on the dev sets only "
            f"({', '.join(dev_names)}) and are stored in `metadata.json` (`hien.decoding`); "
            "argostranslate ignores them and decodes with its own (length penalty 0.2).",
            "",
            "| length penalty | no repeated n-grams | " + " | ".join(f"{n} chrF" for n in dev_names) + " |",
            "|---:|---:|" + "---:|" * len(dev_names),
        ]
        for trial in trials:
            s = trial["settings"]
            lines.append(f"| {s['length_penalty']} | {s['no_repeat_ngram_size'] or 'off'} | "
                         + " | ".join(str(trial["chrf"][d]) for d in dev_names) + " |")
        lines.append("")
    lines += [
        "## Training data (after cleaning, deduplication and test-set decontamination)",
        "",
        "| set | pairs | sampling weight per epoch | licence |",
        "|---|---:|---:|---|",
    ]
    for name, d in facts["data"].items():
        lines.append(f"| {name} | {d['pairs']} | {d['weight']} | {d['licence']} |")
    lines += [
        "",
        "Licence note: a model trained on these sets inherits their obligations (FreeDict and the",
        "software catalogues are GPL; the Bible's Hindi text has no stated licence).",
        "",
        "## Rebuild",
        "",
        "```",
        facts.get("command", "python -m translate.training"),
        "```",
        "",
    ]
    return "\n".join(lines)
