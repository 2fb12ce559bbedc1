"""Per-sentence constraints around the model: inline, verify, repair, report.

1. Inline: every protected entity (translate.protect) and glossary term (glossary.enforce)
   is replaced in the model's input by the English it must become. Models trained to copy
   such English (hien's recipe marks them in metadata.json) get this from the start; any
   other model first translates the plain sentence, and only misses are retried inline.
2. Verify: each translation must contain every constraint's English (terms: plural-aware)
   and none of a term's `avoid` renderings.
3. Repair what failed, cheapest first: edit the translation where the model's attention
   says the missing span went (replace the aligned words, or insert), with no decoding;
   then, for what is still missing, forced decoding: the hypothesis is cut where the
   span belongs and decoding resumes from that prefix plus the required English
   (CTranslate2 `target_prefix`), with `avoid` renderings suppressed.
Whatever still fails is reported as `missed`, never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from glossary.match import Matcher
from translate.engine import MAX_INPUT_TOKENS, Engine, Hypothesis
from translate.pipeline import EntityReport, SegmentResult, TermReport
from translate.protect import Constraint, find_entities

DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
DEVANAGARI = re.compile(r"[\u0900-\u097f]+(?:[\s-]+[\u0900-\u097f]+)*")


@dataclass
class Plan:
    sentence: str
    model_input: str  # with every constraint's English inline
    constraints: list[Constraint]
    model_spans: list[tuple[int, int]] = field(default_factory=list)  # each constraint's span in model_input

    @property
    def natural(self) -> str:
        """The sentence as written (Devanagari digits in ASCII), for models that do not copy inline English."""
        return self.sentence.translate(DIGITS)


@dataclass
class Check:
    spans: list[tuple[int, int] | None]
    avoid_hits: int

    @property
    def missing(self) -> int:
        return sum(span is None for span in self.spans)

    @property
    def ok(self) -> bool:
        return self.missing == 0 and self.avoid_hits == 0


def _overlaps(c: Constraint, taken: list[Constraint]) -> bool:
    return any(c.start < t.end and t.start < c.end for t in taken)


def check(text: str, constraints: list[Constraint]) -> Check:
    """Find every constraint in the output (each occurrence used once)."""
    spans: list[tuple[int, int] | None] = []
    used: list[tuple[int, int]] = []
    for c in constraints:
        found = None
        pos = 0
        while True:
            span = c.find(text, pos)
            if span is None:
                break
            if not any(span[0] < e and s < span[1] for s, e in used):
                found = span
                break
            pos = span[0] + 1
        spans.append(found)
        if found:
            used.append(found)
    avoid_hits = 0
    for c in constraints:
        for phrase in c.avoid:
            if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w])", text, re.IGNORECASE):
                avoid_hits += 1
    return Check(spans, avoid_hits)


class ConstrainedProcessor:
    """Entities and glossary terms enforced around any Argos/CTranslate2 model."""

    def __init__(self, matcher: Matcher | None = None, numbers: str = "indian", repair: bool = True,
                 transliterate: bool = True, strategy: str = "auto"):
        self.matcher = matcher
        self.numbers = numbers
        self.repair = repair
        self.transliterate = transliterate
        self.strategy = strategy  # inline | post | auto (inline for models trained to copy inline English)

    def _inline_first(self, engine: Engine) -> bool:
        if self.strategy != "auto":
            return self.strategy == "inline"
        return bool((engine.metadata.get("hien") or {}).get("code_switching"))

    # -- planning ------------------------------------------------------------------------
    def plan(self, sentence: str) -> Plan:
        from glossary.enforce import term_constraint

        entities = find_entities(sentence, self.numbers)
        terms = [term_constraint(m) for m in self.matcher.find(sentence)] if self.matcher else []
        chosen: list[Constraint] = []
        # Opaque entities and figures first, then glossary terms, then decoded acronyms.
        for c in [e for e in entities if e.kind != "acronym"] + terms + [e for e in entities if e.kind == "acronym"]:
            if not _overlaps(c, chosen):
                chosen.append(c)
        chosen.sort(key=lambda c: c.start)
        parts, spans, pos = [], [], 0
        length = 0
        for c in chosen:
            parts.append(sentence[pos : c.start])
            length += c.start - pos
            spans.append((length, length + len(c.model_text)))
            parts.append(c.model_text)
            length += len(c.model_text)
            pos = c.end
        parts.append(sentence[pos:])
        model_input = "".join(parts).translate(DIGITS)
        return Plan(sentence, model_input, chosen, spans)

    # -- translating ---------------------------------------------------------------------
    def translate_segments(self, engine: Engine, segments: Sequence[str]) -> list[SegmentResult]:
        plans = [self.plan(s) for s in segments]
        tokens = [engine.tokenize(p.model_input) for p in plans]
        fits = [i for i, t in enumerate(tokens) if 0 < len(t) <= MAX_INPUT_TOKENS]
        inline_first = self._inline_first(engine)
        best: dict[int, Hypothesis] = {}
        # Attention is only needed to repair constrained sentences; asking for it on every
        # sentence costs time and memory (a list of floats per output token).
        for constrained in (False, True):
            ids = [i for i in fits if bool(plans[i].constraints) == constrained]
            # without constraints the model input is already the natural sentence
            first_pass = [tokens[i] if inline_first or not constrained else engine.tokenize(plans[i].natural) for i in ids]
            for i, hyps in zip(ids, engine.translate_tokens(first_pass, return_attention=inline_first and constrained)):
                best[i] = hyps[0]
        failing = [i for i in fits if plans[i].constraints and not check(best[i].text, plans[i].constraints).ok]
        if failing and not inline_first:
            # A model not trained on inline English gets the plain sentence first; only
            # sentences that missed a constraint are retried with the English inline (and
            # repaired from that translation, whose attention matches the inline tokens).
            for i, hyps in zip(failing, engine.translate_tokens([tokens[i] for i in failing], return_attention=True)):
                best[i] = hyps[0]
            failing = [i for i in failing if not check(best[i].text, plans[i].constraints).ok]
        if self.repair and failing:
            best.update(self._repair(engine, {i: (plans[i], tokens[i], best[i]) for i in failing}))
        texts = []
        for i, plan in enumerate(plans):
            if not tokens[i]:
                texts.append("")
            elif i not in best:  # too long to constrain: translated in pieces, verified only
                texts.append(engine.translate([plan.model_input])[0])
            else:
                texts.append(best[i].text)
        names = self._romanize_leftovers(engine, texts) if self.transliterate else {}
        return [self._finish(plan, text, names) for plan, text in zip(plans, texts)]

    @staticmethod
    def _romanize_leftovers(engine: Engine, texts: list[str]) -> dict[str, str]:
        """Latin forms for the Devanagari the model left in its output (see romanize)."""
        return romanize(engine, sorted({m.group() for text in texts for m in DEVANAGARI.finditer(text)}))

    def _repair(self, engine: Engine, todo: dict[int, tuple[Plan, list[str], Hypothesis]]) -> dict[int, Hypothesis]:
        """Repair failed sentences, cheapest first.

        1. Edit: each missing constraint replaces the output words aligned to it by the
           model's attention (or is inserted where the alignment points), and an `avoid`
           rendering is swapped for the target. No decoding.
        2. Force, for what is still missing: decoding resumes from the hypothesis cut where
           the constraint belongs plus its English (CTranslate2 target_prefix), one
           constraint per round, all sentences of a round in one batch; `avoid`
           renderings are suppressed (sentences are grouped by their avoid sets, because
           suppress_sequences applies to a whole batch).
        """
        repaired: dict[int, Hypothesis] = {}
        ranges = {i: self._source_token_ranges(engine, plan) for i, (plan, _, _) in todo.items()}
        still: list[int] = []
        for i, (plan, _, hyp) in todo.items():
            edited = self._edit(engine, plan, hyp, ranges[i])
            if check(edited.text, plan.constraints).missing < check(hyp.text, plan.constraints).missing:
                repaired[i] = edited
            if not check(repaired.get(i, hyp).text, plan.constraints).ok:
                still.append(i)
        groups: dict[tuple, list[int]] = {}
        for i in still:
            groups.setdefault(tuple(sorted({a for c in todo[i][0].constraints for a in c.avoid})), []).append(i)
        for avoid, ids in groups.items():
            suppress = self._suppress(engine, list(avoid))
            forcing = {i: todo[i][2] for i in ids}
            floor = dict.fromkeys(forcing, 0)  # forced tokens so far: later cuts come after them
            rounds = 2 * max((len(todo[i][0].constraints) for i in forcing), default=0)
            while forcing and rounds > 0:
                rounds -= 1  # each round places the earliest missing constraint of every sentence
                prefixes: dict[int, list[str]] = {}
                placing: dict[int, int] = {}
                for i, hyp in forcing.items():
                    constraints = todo[i][0].constraints
                    missing = [k for k, span in enumerate(check(hyp.text, constraints).spans) if span is None]
                    if missing:
                        k = placing[i] = min(missing, key=lambda j: constraints[j].start)
                        cut = max(self._cut_position(hyp, ranges[i][k]), floor[i])
                        prefixes[i] = hyp.tokens[:cut] + engine.tokenize(constraints[k].output_text)
                if not prefixes:
                    break
                order = list(prefixes)
                # greedy: the prefix already fixes most of the sentence, and repair must stay cheap
                forced = engine.translate_tokens([todo[i][1] for i in order], target_prefixes=[prefixes[i] for i in order],
                                                 beam_size=1, suppress_sequences=suppress, return_attention=True)
                next_round: dict[int, Hypothesis] = {}
                for i, hyps in zip(order, forced):
                    constraints = todo[i][0].constraints
                    candidate = self._unglue(engine, hyps[0], len(prefixes[i]))
                    after = check(candidate.text, constraints)
                    best_so_far = repaired.get(i, todo[i][2])
                    # keep it if the placed constraint is there and nothing was lost overall;
                    # the floor moves forward every round, so this ends
                    if after.spans[placing[i]] is not None and after.missing <= check(forcing[i].text, constraints).missing:
                        next_round[i] = candidate
                        floor[i] = len(prefixes[i])
                        if after.missing <= check(best_so_far.text, constraints).missing:
                            repaired[i] = candidate
                forcing = next_round
        return repaired

    def _edit(self, engine: Engine, plan: Plan, hyp: Hypothesis, ranges: list[tuple[int, int]]) -> Hypothesis:
        """Put each missing constraint where the attention says its source went (no decoding)."""
        constraints = plan.constraints
        result = check(hyp.text, constraints)
        missing = [k for k, span in enumerate(result.spans) if span is None]
        if not missing or not hyp.attention:
            return hyp
        tokens = list(hyp.tokens)
        peaks = [max(range(len(w)), key=w.__getitem__) if w else -1 for w in hyp.attention[: len(tokens)]]
        # output tokens that carry a constraint already satisfied must not be overwritten
        offsets, position = [], -1  # detokenised text drops the leading space of the first word
        for token in tokens:
            piece = token.replace("\u2581", " ")
            offsets.append((position, position + len(piece)))
            position += len(piece)
        satisfied = {t for span in result.spans if span is not None
                     for t, (s, e) in enumerate(offsets) if s < span[1] and span[0] < e}
        edits: list[tuple[int, int, list[str]]] = []  # (start, end, replacement) in token positions
        for k in missing:
            a, b = ranges[k]
            aligned = [t for t, p in enumerate(peaks) if a <= p < b and t not in satisfied]
            english = constraints[k].output_text
            if aligned:
                start, end = word_start(tokens, min(aligned)), word_end(tokens, max(aligned) + 1)
                if end - start > len(english.split()) + 4:  # a wide, unsure alignment: insert instead
                    end = start
            else:
                start = end = self._cut_position(hyp, (a, b))
            if start == 0 and english[:1].islower():
                english = english[:1].upper() + english[1:]
            if not any(s < end and start < e or s == start for s, e, _ in edits):
                edits.append((start, end, engine.tokenize(english)))
        for start, end, replacement in sorted(edits, reverse=True):
            tokens[start:end] = replacement
        text = edited = engine.detokenize(tokens)
        for c in constraints:  # an avoided rendering where the target is missing: swap it
            if c.avoid and c.find(text) is None:
                for phrase in c.avoid:
                    swapped = re.sub(rf"(?<![\w-]){re.escape(phrase)}(?![\w])", c.output_text, text, count=1, flags=re.IGNORECASE)
                    if swapped != text:
                        text = swapped
                        break
        return Hypothesis(text, engine.tokenize(text) if text != edited else tokens, hyp.score, None)

    @staticmethod
    def _unglue(engine: Engine, hyp: Hypothesis, prefix_length: int) -> Hypothesis:
        """Drop word pieces the model glued onto a forced term ("million" + "ed"): the term
        must stay a word of its own."""
        end = word_end(hyp.tokens, prefix_length)
        if end == prefix_length:
            return hyp
        tokens = hyp.tokens[:prefix_length] + hyp.tokens[end:]
        attention = hyp.attention[:prefix_length] + hyp.attention[end:] if hyp.attention else None
        return Hypothesis(engine.detokenize(tokens), tokens, hyp.score, attention)

    @staticmethod
    def _suppress(engine: Engine, avoid: list[str]) -> list[list[str]] | None:
        sequences = []
        for phrase in avoid:
            for form in {phrase, phrase.capitalize()}:
                sequences.append(engine.tokenize(form))
        return sequences or None

    @staticmethod
    def _source_token_ranges(engine: Engine, plan: Plan) -> list[tuple[int, int]]:
        """Token index range of each constraint in the model input (SentencePiece splits on spaces)."""
        ranges = []
        for start, end in plan.model_spans:
            a = len(engine.tokenize(plan.model_input[:start])) if start else 0
            b = len(engine.tokenize(plan.model_input[:end]))
            ranges.append((a, max(b, a + 1)))
        return ranges

    @staticmethod
    def _cut_position(hyp: Hypothesis, source_range: tuple[int, int]) -> int:
        """Where the required English should start: the first output token attending to the span."""
        if not hyp.attention:
            return len(hyp.tokens)
        a, b = source_range
        last_before = 0
        for t, weights in enumerate(hyp.attention[: len(hyp.tokens)]):
            if not weights:
                continue
            peak = max(range(len(weights)), key=weights.__getitem__)
            if a <= peak < b:
                return word_start(hyp.tokens, t)  # never cut inside a word
            if peak < a:
                last_before = t + 1
        cut = last_before
        while cut < len(hyp.tokens) and not hyp.tokens[cut].startswith("\u2581"):
            cut += 1  # never cut inside a word
        while cut > 0 and hyp.tokens[cut - 1].lstrip("\u2581") in (".", "?", "!", "।", ".\""):
            cut -= 1  # nor after the sentence has ended
        return cut

    # -- reporting -----------------------------------------------------------------------
    def _finish(self, plan: Plan, text: str, names: dict[str, str]) -> SegmentResult:
        text = STUTTER.sub(r"\1", text)
        first = text.split(" ", 1)[0]
        if re.fullmatch(r"[a-z]+(?:-[a-z]+)*[,;:]?", first):  # not iPhone, v2.4.1, https://…
            text = text[:1].upper() + text[1:]  # an inline term opened the sentence ("investors …"); not iPhone
        result = check(text, plan.constraints)
        terms: list[TermReport] = []
        entities: list[EntityReport] = []
        for c, span in zip(plan.constraints, result.spans):
            if c.kind == "term":
                terms.append(TermReport(c.source, c.entry, c.target, "applied" if span else "missed",
                                        (c.start, c.end), span))
            else:
                status = "kept" if span else "missed"
                entities.append(EntityReport(c.kind, c.source, c.output_text, status))
        if self.transliterate and DEVANAGARI.search(text):

            def replace(m: re.Match) -> str:
                latin = names[m.group()]
                entities.append(EntityReport("transliterated", m.group(), latin, "restored"))
                return latin

            text = DEVANAGARI.sub(replace, text)
            if terms:  # spans moved: find them again in the final text
                final = check(text, [c for c in plan.constraints if c.kind == "term"])
                for report, span in zip(terms, final.spans):
                    report.target_span = span
                    report.status = "applied" if span else "missed"
        return SegmentResult(text, terms, entities)


def word_start(tokens: list[str], i: int) -> int:
    """The index of the SentencePiece token that starts the word holding token i."""
    while i > 0 and not tokens[i].startswith("\u2581"):
        i -= 1
    return i


def word_end(tokens: list[str], i: int) -> int:
    """Past the word pieces glued on at i (letters or digits without a word-start mark)."""
    while i < len(tokens) and not tokens[i].startswith("\u2581") and tokens[i][:1].isalnum():
        i += 1
    return i


# A word said twice in a row ("corporate corporate restructuring"): the model's echo of an
# inline term or a small-model stutter. Short words are left alone ("had had").
STUTTER = re.compile(r"\b([A-Za-z]{4,})(?: \1\b)+")


def romanize(engine: Engine, spans: list[str]) -> dict[str, str]:
    """Latin forms of Devanagari spans, mostly names nobody knew.

    Rule-based transliteration gives a spelling; the model, asked about the span alone,
    knows the real spelling of names it has seen (Altman, not "Altmain") but translates
    others into unrelated words. So the model's answer is taken only when it is a short
    Latin phrase that sounds like the transliteration (bench/transliteration.py measures
    both).
    """
    from difflib import SequenceMatcher

    from translate.transliterate import transliterate

    if not spans:
        return {}
    names = {}
    for span, answer in zip(spans, engine.translate(spans)):
        spelled = transliterate(span)
        words = answer.strip(" .,;:!?\"'").split()
        latin = bool(words) and all(re.fullmatch(r"[A-Za-z][A-Za-z.'&-]*", w) for w in words)
        similar = SequenceMatcher(None, " ".join(words).lower(), spelled.lower()).ratio() >= 0.7
        names[span] = " ".join(words) if latin and similar else spelled
    return names


def matcher_for(glossary, engine: Engine) -> Matcher | None:
    """A matcher when the glossary's direction is the engine's (a hi→en termbase does nothing for en→hi)."""
    if glossary is None or not glossary.terms:
        return None
    if (glossary.source_lang, glossary.target_lang) != (engine.from_code, engine.to_code):
        return None
    return Matcher.for_glossary(glossary)


def build_processor(
    engine: Engine,
    glossary_paths: list[Path],
    use_default_glossary: bool = True,
    numbers: str = "indian",
    strategy: str = "auto",
) -> ConstrainedProcessor:
    """The processor the CLI uses: default termbase (unless turned off) plus the user's files."""
    from glossary.load import load_glossaries
    from glossary.schema import GlossaryError
    from translate.errors import InputError

    glossary = None
    if use_default_glossary or glossary_paths:
        try:
            glossary = load_glossaries(glossary_paths, use_default=use_default_glossary)
        except GlossaryError as exc:
            raise InputError(f"glossary: {exc}") from None
    return ConstrainedProcessor(matcher_for(glossary, engine), numbers=numbers, strategy=strategy)
