"""`python -m translate.training ...`: rebuild the bundled model (see recipe.py)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from translate.training.data import user_set
from translate.training.model_config import ModelConfig
from translate.training.recipe import RecipeOptions, run
from translate.training.train import TrainSettings


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m translate.training", description=__doc__)
    p.add_argument("--work", type=Path, default=Path("runs/hi-en"), help="run directory (checkpoints, logs)")
    p.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    p.add_argument("--corpus", type=Path, default=Path("corpus"), help="the project's corpus/ folder")
    p.add_argument("--output", type=Path, help="copy the finished package here (e.g. translate/models/hi_en)")
    p.add_argument("--from", dest="from_code", default="hi", choices=["hi", "en"])
    p.add_argument("--to", dest="to_code", default="en", choices=["hi", "en"])
    p.add_argument("--extra", type=Path, action="append", default=[],
                   help="your own parallel data: FILE.tsv (hi<TAB>en) or FILE.hi + FILE.en given as FILE")
    p.add_argument("--no-inhouse", action="store_true", help="leave out corpus/train (for comparisons)")
    p.add_argument("--inhouse-weight", type=float, default=3.0)
    p.add_argument("--glossary", type=Path, action="append", default=[], help="glossary for code-switching")
    p.add_argument("--code-switch", type=float, default=0.0, help="share of pairs to code-switch (0 = off; hi→en only)")
    p.add_argument("--resume", action="store_true", help="continue from the last checkpoint in --work")
    p.add_argument("--export-only", action="store_true",
                   help="average the last checkpoints in --work, export and evaluate, without training")
    p.add_argument("--max-minutes", type=float, default=60.0)
    p.add_argument("--max-steps", type=int, default=0)
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--batch-tokens", type=int, default=3000)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--warmup", type=int, default=1500)
    p.add_argument("--vocab-size", type=int, default=8000)
    p.add_argument("--d-model", type=int, default=256)
    p.add_argument("--ffn", type=int, default=1024)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--encoder-layers", type=int, default=6)
    p.add_argument("--decoder-layers", type=int, default=3)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--checkpoint-minutes", type=float, default=10.0)
    p.add_argument("--eval-minutes", type=float, default=15.0)
    p.add_argument("--no-bf16", action="store_true", help="train in float32 (bf16 autocast is the default)")
    p.add_argument("--seed", type=int, default=1234)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.from_code == args.to_code:
        parser().error("--from and --to must differ")
    model = ModelConfig(
        vocab_size=args.vocab_size, d_model=args.d_model, ffn_dim=args.ffn, heads=args.heads,
        encoder_layers=args.encoder_layers, decoder_layers=args.decoder_layers, dropout=args.dropout,
    )
    settings = TrainSettings(
        max_minutes=args.max_minutes, max_steps=args.max_steps, batch_tokens=args.batch_tokens, lr=args.lr,
        warmup_steps=args.warmup, device=args.device, threads=args.threads, seed=args.seed,
        checkpoint_minutes=args.checkpoint_minutes, eval_minutes=args.eval_minutes, bf16=not args.no_bf16,
    )
    options = RecipeOptions(
        work_dir=args.work, data_dir=args.data, corpus_dir=args.corpus, output_dir=args.output,
        from_code=args.from_code, to_code=args.to_code, vocab_size=args.vocab_size,
        use_inhouse=not args.no_inhouse, inhouse_weight=args.inhouse_weight,
        extra_sets=[user_set(p) for p in args.extra], code_switch_share=args.code_switch,
        glossary_paths=args.glossary, resume=args.resume, export_only=args.export_only, model=model, train=settings,
    )
    command = "python -m translate.training " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    run(options, command)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
