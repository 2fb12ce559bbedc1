"""What a termbase is: terms with one enforced rendering each, and the errors a file can have."""

from __future__ import annotations

from dataclasses import dataclass, field

DOMAINS = {"tech", "finance", "economy", "company", "product", "person", "organization", "general"}
TERM_FIELDS = {"source", "target", "variants", "avoid", "domain", "case_sensitive", "note"}
HEADER_FIELDS = {"name", "source_lang", "target_lang", "terms", "description", "version"}


@dataclass
class Term:
    source: str
    target: str
    variants: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    domain: str = ""
    case_sensitive: bool = True
    note: str = ""
    origin: str = ""  # file:line it came from

    def spellings(self) -> list[str]:
        return [self.source, *self.variants]

    def to_yaml_dict(self) -> dict:
        data: dict = {"source": self.source, "target": self.target}
        if self.variants:
            data["variants"] = list(self.variants)
        if self.avoid:
            data["avoid"] = list(self.avoid)
        if self.domain:
            data["domain"] = self.domain
        if not self.case_sensitive:
            data["case_sensitive"] = False
        if self.note:
            data["note"] = self.note
        return data


@dataclass
class Glossary:
    name: str = "glossary"
    source_lang: str = "hi"
    target_lang: str = "en"
    terms: list[Term] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.terms)


@dataclass
class Problem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class GlossaryError(Exception):
    """A termbase that cannot be used; carries every problem found (file, line, reason)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")
