"""`hien batch`: translate files and folders into a mirrored tree, resumably.

- Segments from many files are pooled into large engine calls (the Translator's cache
  translates each distinct sentence once per run).
- Every output file is written to a temporary file and renamed when complete; a manifest
  in the output folder records each finished file (input size, mtime, SHA-256, settings).
  `--resume` skips files finished with the same settings and redoes changed or half-done
  ones; a finished run resumed again rewrites nothing.
- Bad input never stops the run: unreadable files, invalid UTF-8, malformed JSONL lines and
  missing fields are reported as path:line: reason and counted; N lines in, N lines out.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sys
import time
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

from translate.errors import InputError
from translate.pipeline import LineResult, Translator
from translate.textio import decode_utf8, write_atomic

MANIFEST = ".hien-manifest.json"
FORMATS = {".txt": "txt", ".jsonl": "jsonl", ".tsv": "tsv", ".csv": "csv"}
POOL_SEGMENTS = 2000


@dataclass
class BatchOptions:
    output_dir: Path
    fmt: str = "auto"  # auto | txt | jsonl | tsv | csv
    field: str = "text"
    column: int = 1  # 1-based
    header: bool = False
    resume: bool = False
    pool_size: int = POOL_SEGMENTS  # lines per engine call, pooled across files
    settings: dict = dataclass_field(default_factory=dict)  # model, glossary, numbers: part of the resume key


@dataclass
class InputFile:
    path: Path
    rel: Path
    fmt: str


@dataclass
class Job:
    item: InputFile
    raw_lines: list[str]
    texts: list[str | None]  # what to translate per line (None: nothing)
    results: list[LineResult | None] = dataclass_field(default_factory=list)
    failures: list[str] = dataclass_field(default_factory=list)


@dataclass
class Summary:
    files: int = 0
    skipped: int = 0
    failed_files: int = 0
    segments: int = 0
    failures: list[str] = dataclass_field(default_factory=list)
    seconds: float = 0.0
    terms_applied: int = 0
    terms_missed: int = 0


# -- discovering inputs -----------------------------------------------------------------


def discover(paths: list[Path], options: BatchOptions, notices: list[str]) -> list[InputFile]:
    out_dir = options.output_dir.resolve()
    found: list[InputFile] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            root = path.resolve()
            if out_dir == root or root in out_dir.parents:
                raise InputError(f"output folder {options.output_dir} is inside the input folder {path}")
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.resolve() != out_dir and out_dir not in p.resolve().parents)
            pairs = [(p, p.relative_to(path)) for p in files]
        else:
            pairs = [(path, Path(path.name))]
        for file, rel in pairs:
            if rel.name == MANIFEST or rel.name.startswith("."):
                continue
            fmt = options.fmt if options.fmt != "auto" else FORMATS.get(file.suffix.lower())
            if fmt is None:
                notices.append(f"{file}: skipped (unknown extension; use --format txt to translate it as text)")
                continue
            found.append(InputFile(file, rel, fmt))
    seen: dict[Path, Path] = {}
    for item in found:
        if item.rel in seen:
            raise InputError(f"{item.path} and {seen[item.rel]} would both be written to {options.output_dir / item.rel}")
        seen[item.rel] = item.path
    return found


# -- reading one file -------------------------------------------------------------------


def _split(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def prepare(item: InputFile, options: BatchOptions) -> Job:
    data = item.path.read_bytes()
    text = decode_utf8(data, str(item.path))
    raw = _split(text)
    job = Job(item, raw, [None] * len(raw))
    for n, line in enumerate(raw):
        where = f"{item.path}:{n + 1}"
        if item.fmt == "txt":
            job.texts[n] = line
        elif item.fmt == "jsonl":
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                job.failures.append(f"{where}: malformed JSON ({exc.msg})")
                continue
            if not isinstance(obj, dict) or options.field not in obj:
                job.failures.append(f"{where}: no field {options.field!r}")
                continue
            if not isinstance(obj[options.field], str):
                job.failures.append(f"{where}: field {options.field!r} is not a string")
                continue
            job.texts[n] = obj[options.field]
        else:
            if not line.strip() or (options.header and n == 0):
                continue
            row = next(csv.reader([line], delimiter="\t" if item.fmt == "tsv" else ","))
            if len(row) < options.column:
                job.failures.append(f"{where}: no column {options.column}")
                continue
            job.texts[n] = row[options.column - 1]
    job.results = [None] * len(raw)
    return job


def render(job: Job, options: BatchOptions, target_lang: str) -> str:
    out = io.StringIO()
    new_field = f"{options.field}_{target_lang}"
    for n, line in enumerate(job.raw_lines):
        result = job.results[n]
        if job.item.fmt == "txt":
            out.write((result.translation if result else "") + "\n")
        elif job.item.fmt == "jsonl":
            if result is None:
                out.write(line + "\n")  # kept as it was; the failure is reported
                continue
            obj = json.loads(line)
            obj[new_field] = result.translation
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        else:
            delimiter = "\t" if job.item.fmt == "tsv" else ","
            if options.header and n == 0:
                row = next(csv.reader([line], delimiter=delimiter))
                name = row[options.column - 1] if len(row) >= options.column else f"column{options.column}"
                row.append(f"{name}_{target_lang}")
            elif result is None:
                out.write(line + "\n")
                continue
            else:
                row = next(csv.reader([line], delimiter=delimiter))
                row.append(result.translation)
            writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
            writer.writerow(row)
    return out.getvalue()


# -- the manifest -----------------------------------------------------------------------


def file_fingerprint(path: Path) -> dict:
    stat = path.stat()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest}


def settings_key(options: BatchOptions, item: InputFile) -> str:
    key = {**options.settings, "format": item.fmt, "field": options.field, "column": options.column, "header": options.header}
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]


class Manifest:
    def __init__(self, output_dir: Path):
        self.path = output_dir / MANIFEST
        self.files: dict[str, dict] = {}
        if self.path.exists():
            try:
                self.files = json.loads(self.path.read_text(encoding="utf-8")).get("files", {})
            except (json.JSONDecodeError, UnicodeDecodeError):
                self.files = {}  # a damaged manifest only costs a redo

    def finished(self, item: InputFile, key: str, output: Path) -> bool:
        entry = self.files.get(item.rel.as_posix())
        if not entry or entry.get("settings") != key or not output.exists():
            return False
        stat = item.path.stat()
        if entry["size"] == stat.st_size and entry["mtime_ns"] == stat.st_mtime_ns:
            return True
        return entry["size"] == stat.st_size and entry["sha256"] == file_fingerprint(item.path)["sha256"]

    def record(self, item: InputFile, key: str, extra: dict) -> None:
        self.files[item.rel.as_posix()] = {"input": str(item.path), **file_fingerprint(item.path), "settings": key, **extra}
        write_atomic(self.path, json.dumps({"version": 1, "files": self.files}, ensure_ascii=False, indent=1) + "\n")


# -- progress ---------------------------------------------------------------------------


class Progress:
    """tqdm on a terminal; plain periodic lines otherwise (logs, CI)."""

    def __init__(self, total: int):
        self.total, self.done, self.start, self.last = total, 0, time.monotonic(), 0.0
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="seg", file=sys.stderr, dynamic_ncols=True)

    def update(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
            return
        now = time.monotonic()
        if now - self.last >= 10 or self.done == self.total:
            rate = self.done / max(now - self.start, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0
            print(f"hien batch: {self.done}/{self.total} segments, {rate:.1f}/s, ETA {eta:.0f}s", file=sys.stderr)
            self.last = now

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# -- the run ----------------------------------------------------------------------------


def run_batch(paths: list[Path], translator: Translator, options: BatchOptions, target_lang: str) -> tuple[Summary, list[LineResult]]:
    started = time.monotonic()
    notices: list[str] = []
    items = discover(paths, options, notices)
    for notice in notices:
        print(f"hien batch: {notice}", file=sys.stderr)
    options.output_dir.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(options.output_dir)
    summary = Summary()
    all_results: list[LineResult] = []
    jobs: list[Job] = []
    for item in items:
        key = settings_key(options, item)
        if options.resume and manifest.finished(item, key, options.output_dir / item.rel):
            summary.skipped += 1
            earlier = manifest.files[item.rel.as_posix()].get("failures", 0)
            if earlier:
                summary.failures.append(f"{item.path}: {earlier} lines failed in the earlier run (fix the file to redo it)")
            continue
        try:
            jobs.append(prepare(item, options))
        except (InputError, OSError) as exc:
            message = str(exc) if isinstance(exc, InputError) else f"{item.path}: cannot read ({exc.strerror})"
            summary.failures.append(message)
            summary.failed_files += 1
    progress = Progress(sum(1 for job in jobs for t in job.texts if t is not None and t.strip()))
    pending = [(j, n) for j, job in enumerate(jobs) for n, t in enumerate(job.texts) if t is not None]
    remaining = [sum(1 for t in job.texts if t is not None) for job in jobs]
    written = [False] * len(jobs)
    try:
        for j, job in enumerate(jobs):  # files with nothing to translate are done at once
            if remaining[j] == 0:
                _finish(job, options, manifest, target_lang, summary, all_results)
                written[j] = True
        for start in range(0, len(pending), options.pool_size):
            chunk = pending[start : start + options.pool_size]
            results = translator.translate_lines([jobs[j].texts[n] for j, n in chunk])
            for (j, n), result in zip(chunk, results):
                jobs[j].results[n] = result
                remaining[j] -= 1
            progress.update(sum(1 for j, n in chunk if jobs[j].texts[n].strip()))
            for j in sorted({j for j, _ in chunk}):
                if remaining[j] == 0 and not written[j]:
                    _finish(jobs[j], options, manifest, target_lang, summary, all_results)
                    written[j] = True
                    jobs[j].raw_lines, jobs[j].texts = [], []  # free memory of finished files
    finally:
        progress.close()
    summary.seconds = time.monotonic() - started
    return summary, all_results


def _finish(job: Job, options: BatchOptions, manifest: Manifest, target_lang: str, summary: Summary,
            all_results: list[LineResult]) -> None:
    target = options.output_dir / job.item.rel
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, render(job, options, target_lang))
    done = [r for r in job.results if r is not None]
    summary.files += 1
    summary.segments += sum(1 for r in done if r.source.strip())
    summary.terms_applied += sum(1 for r in done for t in r.terms if t.status == "applied")
    summary.terms_missed += sum(1 for r in done for t in r.terms if t.status == "missed")
    summary.failures.extend(job.failures)
    all_results.extend(done)
    manifest.record(job.item, settings_key(options, job.item),
                    {"lines": len(job.raw_lines), "failures": len(job.failures), "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S")})


def glossary_fingerprint(paths: list[Path], use_default: bool) -> str:
    from glossary.load import DEFAULT_GLOSSARY

    digest = hashlib.sha256()
    for path in ([DEFAULT_GLOSSARY] if use_default else []) + list(paths):
        digest.update(str(path).encode() + b"\0" + path.read_bytes() if path.exists() else str(path).encode())
    return digest.hexdigest()[:16]


def model_fingerprint(package_dir: Path) -> str:
    meta = (package_dir / "metadata.json").read_bytes()
    stat = (package_dir / "model" / "model.bin").stat()
    return hashlib.sha256(meta + str(stat.st_size).encode() + str(stat.st_mtime_ns).encode() + os.fsencode(package_dir)).hexdigest()[:16]
