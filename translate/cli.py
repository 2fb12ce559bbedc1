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

    m = sub.add_parser("models", help="list or install Argos packages")
    msub = m.add_subparsers(dest="models_command", required=True, parser_class=ArgumentParser)
    ml = msub.add_parser("list", help="installed and bundled packages")
    ml.add_argument("--json", action="store_true")
    ml.set_defaults(handler=cmd_models_list)
    mi = msub.add_parser("install", help="install an .argosmodel file, or a pair (hi-en) from the Argos index")
    mi.add_argument("source", help="FILE.argosmodel or a pair such as hi-en")
    mi.set_defaults(handler=cmd_models_install)

    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
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
