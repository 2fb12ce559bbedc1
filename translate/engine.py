"""One loaded Argos package: a CTranslate2 translator plus its SentencePiece model.

Imports only ctranslate2 and sentencepiece (never argostranslate.translate, which pulls in
stanza and torch and costs seconds of start-up). Sentences are translated many at a time:
CTranslate2 sorts them by length and batches them by tokens.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ctranslate2
import sentencepiece

from translate.errors import InputError

# Argos Translate's own decoding settings: used for any package that does not name better
# ones, so outputs match argostranslate on the same model.
DEFAULT_BEAM_SIZE = 4
ARGOS_DECODING = {"length_penalty": 0.2, "no_repeat_ngram_size": 0}
# Longer token runs are cut into pieces of this size (at word starts where possible):
# the model was trained on sentences, and its position table has a hard limit.
MAX_INPUT_TOKENS = 200


@dataclass
class Hypothesis:
    text: str
    tokens: list[str]
    score: float
    attention: list[list[float]] | None = None  # per output token, weights over source tokens


def read_metadata(package_dir: Path) -> dict:
    path = package_dir / "metadata.json"
    if not path.is_file():
        raise InputError(f"{package_dir}: not an Argos package (no metadata.json)")
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: invalid metadata.json ({exc})") from exc
    if not isinstance(metadata, dict):
        raise InputError(f"{path}: metadata.json must hold a JSON object")
    return metadata


def decoding_settings(metadata: dict) -> dict:
    """Argos's decoding settings, overridden by those tuned for the package on its dev sets
    (`metadata["hien"]["decoding"]`, written by hien's training recipe)."""
    settings = dict(ARGOS_DECODING)
    tuned = (metadata.get("hien") or {}).get("decoding") or {}
    if not isinstance(tuned, dict):
        raise InputError("metadata.json: hien.decoding must be an object")
    for key, value in tuned.items():
        if key not in settings or isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"metadata.json: unsupported decoding setting {key}={value!r}")
        settings[key] = type(settings[key])(value)
    return settings


def thread_layout(device: str, threads: int) -> dict:
    """On CPU, one core per batch and batches in parallel: for models this small, splitting
    each matrix product across cores gains nothing, while parallel batches scale (measured
    2x on 2 cores, bench/README.md). The long inputs this tool exists for give many batches."""
    if device != "cpu":
        return {"inter_threads": 1, "intra_threads": threads}
    return {"inter_threads": threads or os.cpu_count() or 1, "intra_threads": 1}


def split_long(tokens: list[str], limit: int = MAX_INPUT_TOKENS) -> list[list[str]]:
    """Cut a token list into chunks of at most `limit`, preferring cuts before a word start."""
    chunks: list[list[str]] = []
    while len(tokens) > limit:
        cut = limit
        for i in range(limit, limit // 2, -1):
            if tokens[i].startswith("\u2581"):
                cut = i
                break
        chunks.append(tokens[:cut])
        tokens = tokens[cut:]
    chunks.append(tokens)
    return chunks


class Engine:
    """Translate lists of sentences with one Argos package."""

    def __init__(
        self,
        package_dir: Path | str,
        threads: int = 0,
        compute_type: str = "int8",
        device: str = "cpu",
        beam_size: int = DEFAULT_BEAM_SIZE,
        max_batch_tokens: int = 2048,
        decoding: dict | None = None,
    ):
        self.package_dir = Path(package_dir)
        self.metadata = read_metadata(self.package_dir)
        model_dir = self.package_dir / "model"
        if not (model_dir / "model.bin").is_file():
            raise InputError(f"{self.package_dir}: package has no CTranslate2 model (model/model.bin)")
        spm_path = self.package_dir / "sentencepiece.model"
        if not spm_path.is_file():
            raise InputError(f"{self.package_dir}: package has no sentencepiece.model")
        self.sp = sentencepiece.SentencePieceProcessor(model_file=str(spm_path))
        self.translator = ctranslate2.Translator(str(model_dir), device=device, compute_type=compute_type,
                                                 **thread_layout(device, threads))
        self.beam_size = beam_size
        # decoding=ARGOS_DECODING reproduces argostranslate exactly, whatever the package says.
        self.decoding = {**decoding_settings(self.metadata), **(decoding or {})}
        self.max_batch_tokens = max_batch_tokens
        self.target_prefix: str = self.metadata.get("target_prefix", "") or ""
        self.from_code: str = self.metadata.get("from_code", "")
        self.to_code: str = self.metadata.get("to_code", "")

    def tokenize(self, text: str) -> list[str]:
        return self.sp.encode(text, out_type=str)

    def detokenize(self, tokens: Sequence[str]) -> str:
        text = self.sp.decode(list(tokens))
        if self.target_prefix and text.startswith(self.target_prefix):
            text = text[len(self.target_prefix) :]
        return text.strip()

    def translate_tokens(
        self,
        batch: Sequence[list[str]],
        num_hypotheses: int = 1,
        beam_size: int | None = None,
        target_prefixes: Sequence[list[str] | None] | None = None,
        suppress_sequences: list[list[str]] | None = None,
        return_attention: bool = False,
    ) -> list[list[Hypothesis]]:
        """The n-best hypotheses for each tokenised input (inputs must fit the model)."""
        if not batch:
            return []
        prefixes: list[list[str] | None] | None = None
        if self.target_prefix or target_prefixes:
            base = [self.target_prefix] if self.target_prefix else []
            given = target_prefixes or [None] * len(batch)
            prefixes = [base + (p or []) or None for p in given]
        beam = max(beam_size or self.beam_size, num_hypotheses)
        results = self.translator.translate_batch(
            list(batch),
            target_prefix=prefixes,
            max_batch_size=self.max_batch_tokens,
            batch_type="tokens",
            beam_size=beam,
            num_hypotheses=num_hypotheses,
            length_penalty=self.decoding["length_penalty"],
            no_repeat_ngram_size=self.decoding["no_repeat_ngram_size"],
            replace_unknowns=True,
            return_scores=True,
            max_decoding_length=max(16, 2 * max(len(t) for t in batch) + 10),
            suppress_sequences=suppress_sequences,
            return_attention=return_attention,
        )
        out = []
        for r in results:
            attention = r.attention if return_attention else [None] * len(r.hypotheses)
            out.append([Hypothesis(self.detokenize(h), h, s, a) for h, s, a in zip(r.hypotheses, r.scores, attention)])
        return out

    def translate(self, sentences: Sequence[str], beam_size: int | None = None) -> list[str]:
        """Translate sentences; empty ones stay empty, over-long ones go in pieces."""
        pieces: list[list[str]] = []
        owner: list[int] = []
        for index, sentence in enumerate(sentences):
            tokens = self.tokenize(sentence) if sentence.strip() else []
            if not tokens:
                continue
            for chunk in split_long(tokens):
                pieces.append(chunk)
                owner.append(index)
        outputs: list[list[str]] = [[] for _ in sentences]
        for index, hyps in zip(owner, self.translate_tokens(pieces, beam_size=beam_size)):
            outputs[index].append(hyps[0].text)
        return [" ".join(parts) for parts in outputs]
