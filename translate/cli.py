"""The `hien` command. Thin: parsing and printing here, the work in the modules.

Exit codes: 0 success, 2 usage or input error (one line on stderr, nothing half-written),
1 internal failure. Heavy modules are imported inside the handlers so that start-up
stays short.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from translate.errors import InputError

LANGS = ("hi", "en")


def _print_err(message: str) -> None:
    print(f"hien: {message}", file=sys.stderr)


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 already; keep its message on one line
        self.print_usage(sys.stderr)
        _print_err(message)
        raise SystemExit(2)


# -- shared options ---------------------------------------------------------------------


def add_model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="from_code", default="hi", help="source language (hi or en)")
    p.add_argument("--to", dest="to_code", default="en", help="target language (en or hi)")
    p.add_argument("--model", help="installed package name, package folder or .argosmodel file")
    p.add_argument("--threads", type=int, default=0, help="CPU threads for the model (0: all)")
    p.add_argument("--beam-size", type=int, default=4)


def add_glossary_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--glossary", type=Path, action="append", default=[],
                   help="YAML/CSV/TSV termbase; repeat to layer files (later ones win per term)")
    p.add_argument("--no-glossary", action="store_true", help="do not use the default tech/finance termbase")
    p.add_argument("--numbers", choices=["indian", "international"], default="indian",
                   help="render lakh/crore as such (indian) or as million/billion (international)")
    p.add_argument("--strategy", choices=["auto", "inline", "post"], default="auto",
                   help="inline: terms go into the source in English from the start; post: plain sentence first, "
                        "misses retried inline; auto: inline for models trained to copy inline English")


def load_engine(args: argparse.Namespace):
    from translate.engine import Engine
    from translate.models import resolve

    if args.from_code not in LANGS or args.to_code not in LANGS or args.from_code == args.to_code:
        raise InputError(f"unknown language pair {args.from_code}→{args.to_code} (hien handles hi→en and en→hi)")
    info = resolve(args.model, args.from_code, args.to_code)
    if info.origin == "bundled":
        _print_err(f"using the bundled model {info.name} {info.version} ({info.pair})")
    return Engine(info.path, threads=args.threads, beam_size=args.beam_size), info


def build_translator(args: argparse.Namespace):
    from translate.enforce import build_processor
    from translate.pipeline import Translator

    engine, info = load_engine(args)
    processor = build_processor(
        engine,
        glossary_paths=args.glossary,
        use_default_glossary=not args.no_glossary,
        numbers=args.numbers,
        strategy=args.strategy,
    )
    return Translator(engine, processor), info


# -- translate --------------------------------------------------------------------------


def cmd_translate(args: argparse.Namespace) -> int:
    from translate.textio import check_writable, read_stdin, read_text, split_lines, write_atomic

    if args.text is not None and args.input is not None:
        raise InputError("give TEXT or --input, not both")
    if args.text is not None:
        if not args.text.strip():
            raise InputError("empty TEXT argument")
        text = args.text
    elif args.input is not None:
        text = read_text(args.input)
    else:
        text = read_stdin()
    if args.output is not None:
        check_writable(args.output)
    if args.terms_report is not None:
        check_writable(args.terms_report)
    lines = split_lines(text)
    if not lines:
        if args.output is not None:
            write_atomic(args.output, "")
        return 0
    translator, _ = build_translator(args)
    results = translator.translate_lines(lines)
    if args.json:
        body = "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in results)
    else:
        body = "".join(r.translation + "\n" for r in results)
    if args.output is not None:
        write_atomic(args.output, body)
    else:
        sys.stdout.write(body)
    if args.terms_report is not None:
        from glossary.report import terms_summary

        write_atomic(args.terms_report, json.dumps(terms_summary(results), ensure_ascii=False, indent=2) + "\n")
    return 0


# -- models -----------------------------------------------------------------------------


def cmd_models_list(args: argparse.Namespace) -> int:
    from translate.models import all_models

    models = all_models()
    if args.json:
        print(json.dumps([m.to_json() for m in models], ensure_ascii=False, indent=2))
        return 0
    if not models:
        print("no models installed")
    for m in models:
        print(f"{m.name:32} {m.pair:8} v{m.version:6} {m.origin:9} {m.path}")
    return 0


def cmd_models_install(args: argparse.Namespace) -> int:
    from translate.models import install_file, install_from_index

    source = Path(args.source)
    info = install_file(source) if source.suffix == ".argosmodel" or source.exists() else install_from_index(args.source)
    print(f"installed {info.name} ({info.pair}) in {info.path}")
    return 0


# -- batch ------------------------------------------------------------------------------


def cmd_batch(args: argparse.Namespace) -> int:
    from translate.batch import BatchOptions, glossary_fingerprint, model_fingerprint, run_batch
    from translate.textio import check_writable

    if args.column < 1:
        raise InputError("--column counts from 1")
    if args.pool_size < 1:
        raise InputError("--pool-size must be at least 1")
    if args.terms_report is not None:
        check_writable(args.terms_report)
    args.threads = args.jobs
    translator, info = build_translator(args)
    options = BatchOptions(
        output_dir=args.output, fmt=args.format, field=args.field, column=args.column, header=args.header,
        resume=args.resume, pool_size=args.pool_size,
        settings={"model": model_fingerprint(info.path), "glossary": glossary_fingerprint(args.glossary, not args.no_glossary),
                  "numbers": args.numbers, "beam": args.beam_size, "to": args.to_code},
    )
    summary, results = run_batch(args.paths, translator, options, args.to_code)
    for failure in summary.failures:
        print(f"hien batch: {failure}", file=sys.stderr)
    rate = summary.segments / summary.seconds if summary.seconds else 0.0
    print(f"hien batch: {summary.files} files written, {summary.skipped} already done, {summary.segments} segments in "
          f"{summary.seconds:.1f} s ({rate:.1f} segments/s), terms applied {summary.terms_applied}, missed "
          f"{summary.terms_missed}, failures {len(summary.failures)}", file=sys.stderr)
    if args.terms_report is not None:
        from glossary.report import terms_summary
        from translate.textio import write_atomic

        write_atomic(args.terms_report, json.dumps(terms_summary(results), ensure_ascii=False, indent=2) + "\n")
    return 2 if summary.failures else 0


# -- score and eval ---------------------------------------------------------------------


def _print_score_report(report: dict, args: argparse.Namespace) -> None:
    from translate.report import to_html, to_markdown
    from translate.textio import write_atomic

    if args.report is not None:
        suffix = args.report.suffix.lower()
        if suffix not in (".md", ".html", ".htm"):
            raise InputError(f"{args.report}: the report must be .md or .html")
        write_atomic(args.report, to_html(report) if suffix != ".md" else to_markdown(report))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for s in report["systems"]:
        line = (f"{s['system']}: BLEU {s['bleu']['score']:.2f}  chrF {s['chrf']['score']:.2f}  "
                f"chrF++ {s['chrf++']['score']:.2f}  TER {s['ter']['score']:.2f}  ({s['lines']} lines)")
        print(line)
        terms = s.get("terms")
        if terms and terms["occurrences"]:
            print(f"  terms: {terms['occurrences']} occurrences, success {terms['success_rate']:.4f} "
                  f"(exact {terms['exact_rate']:.4f}), consistency {terms['consistency']}, avoid used {terms['avoid_used']}")
        flags = s["segments"]["flag_counts"]
        if flags:
            print("  flags: " + ", ".join(f"{k} {v}" for k, v in sorted(flags.items())))
    first = report["systems"][0]
    print("signatures: BLEU " + first["bleu"]["signature"] + " | chrF " + first["chrf"]["signature"])
    for metric, c in report.get("comparison", {}).items():
        verdict = "significant" if c["significant"] else "not significant"
        print(f"paired bootstrap {metric}: {c['baseline_score']} vs {c['system_score']}, p={c['p_value']} ({verdict})")


def _score_glossary(args: argparse.Namespace):
    if args.src is None and not getattr(args, "tsv", None):
        return None
    from glossary.load import load_glossaries
    from glossary.schema import GlossaryError

    if not args.glossary and getattr(args, "no_glossary", False):
        return None
    try:
        return load_glossaries(args.glossary, use_default=not getattr(args, "no_default_glossary", False))
    except GlossaryError as exc:
        raise InputError(f"glossary: {exc}") from None


def cmd_score(args: argparse.Namespace) -> int:
    from translate.score import score

    if args.report is not None:
        from translate.textio import check_writable

        check_writable(args.report)
    glossary = _score_glossary(args) if args.src else None
    report = score(args.hyp, args.ref, args.src, glossary, worst=args.worst)
    _print_score_report(report, args)
    return 0


def _eval_inputs(args: argparse.Namespace) -> tuple[list[str], list[list[str]]]:
    from translate.score import read_lines_strict

    if args.tsv:
        rows = [line.split("\t") for line in read_lines_strict(args.tsv)]
        if not rows:
            raise InputError(f"{args.tsv}: empty file")
        bad = [n for n, r in enumerate(rows, 1) if len(r) < 2]
        if bad:
            raise InputError(f"{args.tsv}:{bad[0]}: expected source<TAB>reference")
        return [r[0] for r in rows], [[r[1] for r in rows]]
    if args.src is None or not args.ref:
        raise InputError("give --src and --ref, or --tsv")
    from translate.score import load_aligned

    _, refs, src = load_aligned([], args.ref, args.src)
    return src, refs


def cmd_eval(args: argparse.Namespace) -> int:
    from glossary.load import load_glossaries
    from glossary.schema import GlossaryError
    from translate.enforce import ConstrainedProcessor, matcher_for
    from translate.pipeline import Translator
    from translate.score import score_lines

    if args.report is not None:
        from translate.textio import check_writable

        check_writable(args.report)
    src, refs = _eval_inputs(args)
    engine, info = load_engine(args)
    glossary = None
    if args.glossary or not args.no_glossary:
        try:
            glossary = load_glossaries(args.glossary, use_default=not args.no_glossary)
        except GlossaryError as exc:
            raise InputError(f"glossary: {exc}") from None
    runs = []
    if args.compare_glossary:
        runs.append(("no glossary", ConstrainedProcessor(None, numbers=args.numbers, strategy=args.strategy)))
    runs.append(("glossary" if glossary else "no glossary",
                 ConstrainedProcessor(matcher_for(glossary, engine), numbers=args.numbers, strategy=args.strategy)))
    names, hyps = [], []
    for name, processor in runs:
        results = Translator(engine, processor).translate_lines(src)
        names.append(f"{info.name} ({name})")
        hyps.append([r.translation for r in results])
    if args.output is not None:
        from translate.textio import write_atomic

        write_atomic(args.output, "".join(h + "\n" for h in hyps[-1]))
    report = score_lines(names, hyps, refs, src, glossary, worst=args.worst)
    _print_score_report(report, args)
    return 0


# -- glossary ---------------------------------------------------------------------------


def cmd_glossary_lint(args: argparse.Namespace) -> int:
    from glossary.load import lint
    from glossary.schema import GlossaryError

    status = 0
    for path in args.files:
        try:
            glossary, problems, warnings = lint(path)
        except GlossaryError as exc:
            problems, warnings, glossary = exc.problems, [], None
        for problem in problems:
            print(f"{problem}", file=sys.stderr)
        for warning in warnings:
            print(f"{warning} (warning)", file=sys.stderr)
        if problems:
            status = 2
        else:
            print(f"{path}: {len(glossary.terms)} terms, ok" + (f", {len(warnings)} warnings" if warnings else ""))
    return status


def _load_for_cli(args: argparse.Namespace):
    from glossary.load import load_glossaries
    from glossary.schema import GlossaryError

    try:
        return load_glossaries(args.glossary, use_default=not args.no_default)
    except GlossaryError as exc:
        raise InputError(f"glossary: {exc}") from None


def cmd_glossary_show(args: argparse.Namespace) -> int:
    glossary = _load_for_cli(args)
    terms = [t for t in glossary.terms if not args.domain or t.domain == args.domain]
    if args.json:
        print(json.dumps([{**t.to_yaml_dict(), "origin": t.origin} for t in terms], ensure_ascii=False, indent=2))
        return 0
    for t in terms:
        extra = f"  [{t.domain}]" if t.domain else ""
        print(f"{t.source}\t{t.target}{extra}")
    print(f"{len(terms)} terms", file=sys.stderr)
    return 0


def cmd_glossary_convert(args: argparse.Namespace) -> int:
    """import: CSV/TSV → YAML; export: YAML → CSV/TSV (the format follows the file extension)."""
    from glossary.load import dump_table, dump_yaml, load_file
    from glossary.schema import GlossaryError
    from translate.textio import write_atomic

    try:
        glossary = load_file(args.source)
    except GlossaryError as exc:
        raise InputError(f"glossary: {exc}") from None
    suffix = args.destination.suffix.lower()
    if suffix in (".yaml", ".yml"):
        text = dump_yaml(glossary)
    elif suffix in (".csv", ".tsv"):
        text = dump_table(glossary, "\t" if suffix == ".tsv" else ",")
    else:
        raise InputError(f"{args.destination}: use a .yaml, .csv or .tsv file name")
    write_atomic(args.destination, text)
    print(f"wrote {len(glossary.terms)} terms to {args.destination}")
    return 0


# -- train ------------------------------------------------------------------------------


def cmd_train(args: argparse.Namespace) -> int:
    try:
        from translate.training.__main__ import main as train_main
    except ImportError as exc:  # torch lives in the optional `train` extra
        raise InputError(f"training needs the train extra: pip install -e '.[train]' ({exc})") from None
    return train_main(args.options)


# -- parser -----------------------------------------------------------------------------


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="hien", description="Offline Hindi↔English translation with enforced terminology.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=ArgumentParser)

    t = sub.add_parser("translate", help="translate TEXT, a file or stdin (one output line per input line)")
    t.add_argument("text", nargs="?", help="text to translate (default: --input or stdin)")
    t.add_argument("--input", "-i", type=Path, help="read this file")
    t.add_argument("--output", "-o", type=Path, help="write here (atomically) instead of stdout")
    t.add_argument("--json", action="store_true", help="one JSON object per line, with the terms report")
    t.add_argument("--terms-report", type=Path, help="write a JSON summary of term use for the whole input")
    add_model_options(t)
    add_glossary_options(t)
    t.set_defaults(handler=cmd_translate)

    b = sub.add_parser("batch", help="translate files and folders into a mirrored tree (resumable)")
    b.add_argument("paths", type=Path, nargs="+", help="files and folders (searched recursively)")
    b.add_argument("--output", "-o", type=Path, required=True, help="output folder (mirrors the input tree)")
    b.add_argument("--resume", action="store_true", help="skip files already finished with the same settings")
    b.add_argument("--format", choices=["auto", "txt", "jsonl", "tsv", "csv"], default="auto",
                   help="auto: by extension (.txt .jsonl .tsv .csv); other files are skipped unless a format is given")
    b.add_argument("--field", default="text", help="JSONL field to translate; the translation goes in FIELD_<to>")
    b.add_argument("--column", type=int, default=1, help="TSV/CSV column to translate (from 1); the translation is appended")
    b.add_argument("--header", action="store_true", help="TSV/CSV files have a header row")
    b.add_argument("--jobs", type=int, default=0, help="CPU threads for the model (0: all cores)")
    b.add_argument("--terms-report", type=Path, help="write a JSON report of term use for the whole run")
    b.add_argument("--pool-size", type=int, default=2000, help="lines pooled across files per engine call")
    add_model_options(b)
    add_glossary_options(b)
    b.set_defaults(handler=cmd_batch)

    m = sub.add_parser("models", help="list or install Argos packages")
    msub = m.add_subparsers(dest="models_command", required=True, parser_class=ArgumentParser)
    ml = msub.add_parser("list", help="installed and bundled packages")
    ml.add_argument("--json", action="store_true")
    ml.set_defaults(handler=cmd_models_list)
    mi = msub.add_parser("install", help="install an .argosmodel file, or a pair (hi-en) from the Argos index")
    mi.add_argument("source", help="FILE.argosmodel or a pair such as hi-en")
    mi.set_defaults(handler=cmd_models_install)

    sc = sub.add_parser("score", help="BLEU/chrF/chrF++/TER (sacrebleu) plus terminology metrics")
    sc.add_argument("--hyp", type=Path, action="append", required=True, help="hypothesis file; twice to compare two systems")
    sc.add_argument("--ref", type=Path, action="append", required=True, help="reference file; repeat for several")
    sc.add_argument("--src", type=Path, help="source file, for terminology metrics")
    sc.add_argument("--glossary", type=Path, action="append", default=[])
    sc.add_argument("--no-default-glossary", action="store_true")
    sc.add_argument("--json", action="store_true")
    sc.add_argument("--report", type=Path, help="write a Markdown (.md) or HTML (.html) report")
    sc.add_argument("--worst", type=int, default=10, help="how many worst sentences to list")
    sc.set_defaults(handler=cmd_score)

    ev = sub.add_parser("eval", help="translate a test set, then score it")
    ev.add_argument("--src", type=Path)
    ev.add_argument("--ref", type=Path, action="append", default=[])
    ev.add_argument("--tsv", type=Path, help="source<TAB>reference[<TAB>…] file instead of --src/--ref")
    ev.add_argument("--compare-glossary", action="store_true", help="run without and with the glossary (WMT23 protocol)")
    ev.add_argument("--output", type=Path, help="also write the (glossary) translations here")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--report", type=Path)
    ev.add_argument("--worst", type=int, default=10)
    add_model_options(ev)
    add_glossary_options(ev)
    ev.set_defaults(handler=cmd_eval)

    tr = sub.add_parser("train", help="rebuild the bundled model (same as python -m translate.training)", add_help=False)
    tr.add_argument("options", nargs=argparse.REMAINDER, help="options of python -m translate.training (see --help)")
    tr.set_defaults(handler=cmd_train)

    g = sub.add_parser("glossary", help="check, show, import and export termbases")
    gsub = g.add_subparsers(dest="glossary_command", required=True, parser_class=ArgumentParser)
    gl = gsub.add_parser("lint", help="validate files; problems as FILE:LINE: reason; exit 2 on errors")
    gl.add_argument("files", type=Path, nargs="+")
    gl.set_defaults(handler=cmd_glossary_lint)
    gs = gsub.add_parser("show", help="the terms in use (default termbase plus --glossary files)")
    gs.add_argument("--glossary", type=Path, action="append", default=[])
    gs.add_argument("--no-default", action="store_true", help="leave out the default tech/finance termbase")
    gs.add_argument("--domain", help="only this domain (tech, finance, economy, company, …)")
    gs.add_argument("--json", action="store_true")
    gs.set_defaults(handler=cmd_glossary_show)
    for name, help_text in (("import", "CSV/TSV (source, target) → YAML"), ("export", "YAML → CSV/TSV or YAML")):
        gc = gsub.add_parser(name, help=help_text)
        gc.add_argument("source", type=Path)
        gc.add_argument("destination", type=Path)
        gc.set_defaults(handler=cmd_glossary_convert)

    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["train"]:  # everything after `train` belongs to the training recipe
            return cmd_train(argparse.Namespace(options=argv[1:]))
        args = build_parser().parse_args(argv)
        return args.handler(args)
    except InputError as exc:
        _print_err(str(exc))
        return 2
    except KeyboardInterrupt:
        _print_err("interrupted")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
