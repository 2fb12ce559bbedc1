"""Text → sentences → protection and glossary → engine → restore and verify → report.

Everything that touches one sentence before or after the model lives in a `SegmentPlan`
(see `translate.protect` and `glossary.enforce`); this module only schedules the work so
that all sentences of all lines go to the engine together, in large batches, and each
distinct sentence is translated once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from translate.engine import Engine
from translate.segment import cap_length, split_prefix, split_sentences

CHUNK_SENTENCES = 1000  # distinct sentences per processor call (bounds peak memory)
CACHE_SENTENCES = 200_000  # translations remembered across calls (a batch run repeats boilerplate)


@dataclass
class TermReport:
    source: str  # as found in the input
    entry: str  # the glossary entry's lemma
    target: str
    status: str  # applied | missed
    source_span: tuple[int, int]
    target_span: tuple[int, int] | None = None

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "entry": self.entry,
            "target": self.target,
            "status": self.status,
            "source_span": list(self.source_span),
            "target_span": list(self.target_span) if self.target_span else None,
        }


@dataclass
class EntityReport:
    kind: str
    source: str
    output: str
    status: str  # kept | restored | missed

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class LineResult:
    source: str
    translation: str
    terms: list[TermReport] = field(default_factory=list)
    entities: list[EntityReport] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "translation": self.translation,
            "terms": [t.to_json() for t in self.terms],
            "entities": [e.to_json() for e in self.entities],
        }


@dataclass
class SegmentResult:
    text: str
    terms: list[TermReport] = field(default_factory=list)
    entities: list[EntityReport] = field(default_factory=list)


class SegmentProcessor(Protocol):
    """Turns sentences into finished translations using an engine (see translate.enforce)."""

    def translate_segments(self, engine: Engine, segments: Sequence[str]) -> list[SegmentResult]: ...


class PlainProcessor:
    """No protection, no glossary: the model's output as it is."""

    def translate_segments(self, engine: Engine, segments: Sequence[str]) -> list[SegmentResult]:
        return [SegmentResult(text) for text in engine.translate(segments)]


@dataclass
class _LinePlan:
    prefix: str
    segment_ids: list[int]
    offsets: list[int]


class Translator:
    """Translate lines of text: one output line per input line, empty lines kept empty."""

    def __init__(self, engine: Engine, processor: SegmentProcessor | None = None):
        self.engine = engine
        self.processor = processor or PlainProcessor()
        self._cache: OrderedDict[str, SegmentResult] = OrderedDict()  # least recently used first

    def translate_lines(self, lines: Iterable[str]) -> list[LineResult]:
        lines = list(lines)
        unique: dict[str, int] = {}
        plans: list[_LinePlan] = []
        for line in lines:
            prefix, body = split_prefix(line)
            ids, offsets = [], []
            search_from = 0
            for sentence in (piece for s in split_sentences(body) for piece in cap_length(s)):
                ids.append(unique.setdefault(sentence, len(unique)))
                offset = body.find(sentence, search_from)
                offsets.append(len(prefix) + offset)
                search_from = offset + len(sentence)
            plans.append(_LinePlan(prefix, ids, offsets))
        todo = [s for s in unique if s not in self._cache]
        # In chunks, so memory stays flat however long the input is (each chunk is still
        # many CTranslate2 batches).
        for start in range(0, len(todo), CHUNK_SENTENCES):
            chunk = todo[start : start + CHUNK_SENTENCES]
            for sentence, result in zip(chunk, self.processor.translate_segments(self.engine, chunk)):
                self._cache[sentence] = result
        by_id = {i: self._cache[s] for s, i in unique.items()}
        for sentence in unique:
            self._cache.move_to_end(sentence)
        while len(self._cache) > CACHE_SENTENCES:
            self._cache.popitem(last=False)
        return [self._assemble(line, plan, by_id) for line, plan in zip(lines, plans)]

    @staticmethod
    def _assemble(line: str, plan: _LinePlan, by_id: dict[int, SegmentResult]) -> LineResult:
        if not plan.segment_ids:
            return LineResult(source=line, translation="")
        out = plan.prefix
        terms: list[TermReport] = []
        entities: list[EntityReport] = []
        for n, (segment_id, offset) in enumerate(zip(plan.segment_ids, plan.offsets)):
            result = by_id[segment_id]
            if n:
                out += " "
            shift = len(out)
            for term in result.terms:
                terms.append(TermReport(
                    term.source, term.entry, term.target, term.status,
                    (term.source_span[0] + offset, term.source_span[1] + offset),
                    (term.target_span[0] + shift, term.target_span[1] + shift) if term.target_span else None,
                ))
            entities.extend(result.entities)
            out += result.text
        return LineResult(source=line, translation=out.rstrip(), terms=terms, entities=entities)

    def translate_text(self, text: str) -> str:
        return "\n".join(r.translation for r in self.translate_lines(text.split("\n")))
