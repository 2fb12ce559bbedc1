"""The training loop: token-based batches, label smoothing, warm-up, resumable checkpoints.

Run through `python -m translate.training` (see __main__.py). Every few minutes it saves
a checkpoint (resume with --resume, across sessions) and, on its own schedule, exports
the current weights through CTranslate2 to score chrF on a dev slice, so a run that has
stopped learning is seen early.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from translate.training.model import Seq2SeqTransformer
from translate.training.model_config import ModelConfig

BOS, EOS, PAD = 1, 2, 3


@dataclass
class TrainSettings:
    max_minutes: float = 60.0
    max_steps: int = 0  # 0: no step limit
    batch_tokens: int = 3000
    lr: float = 1e-3
    warmup_steps: int = 1500
    label_smoothing: float = 0.1
    clip_norm: float = 1.0
    checkpoint_minutes: float = 10.0
    eval_minutes: float = 15.0
    keep_checkpoints: int = 6
    average_last: int = 4
    device: str = "cpu"
    threads: int = 0
    seed: int = 1234
    bf16: bool = True
    log_seconds: float = 60.0


Example = tuple[np.ndarray, np.ndarray]  # (source ids, target ids with BOS ... EOS)


def make_batches(examples: list[Example], batch_tokens: int, rng: random.Random) -> list[list[Example]]:
    """Group examples of similar length so that padded tokens per batch stay under the budget."""
    order = sorted(examples, key=lambda e: (len(e[1]) + rng.random() * 2, len(e[0])))
    batches: list[list[Example]] = []
    current: list[Example] = []
    longest = 0
    for example in order:
        longest_if_added = max(longest, len(example[0]), len(example[1]))
        if current and longest_if_added * (len(current) + 1) > batch_tokens:
            batches.append(current)
            current, longest_if_added = [], max(len(example[0]), len(example[1]))
        current.append(example)
        longest = longest_if_added
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def collate(batch: list[Example]) -> tuple[torch.Tensor, torch.Tensor]:
    src_len = max(len(s) for s, _ in batch)
    tgt_len = max(len(t) for _, t in batch)
    src = np.full((len(batch), src_len), PAD, dtype=np.int64)
    tgt = np.full((len(batch), tgt_len), PAD, dtype=np.int64)
    for i, (s, t) in enumerate(batch):
        src[i, : len(s)] = s
        tgt[i, : len(t)] = t
    return torch.from_numpy(src), torch.from_numpy(tgt)


def learning_rate(step: int, settings: TrainSettings) -> float:
    step = max(step, 1)
    return settings.lr * min(step / settings.warmup_steps, math.sqrt(settings.warmup_steps / step))


def average_state_dicts(paths: list[Path]) -> dict[str, torch.Tensor]:
    """Element-wise mean of the model weights in several checkpoints."""
    total: dict[str, torch.Tensor] = {}
    for path in paths:
        state = torch.load(path, map_location="cpu", weights_only=True)["model"]
        for key, value in state.items():
            total[key] = total.get(key, 0) + value.float()
    return {key: value / len(paths) for key, value in total.items()}


class Trainer:
    def __init__(
        self,
        work_dir: Path,
        model_config: ModelConfig,
        settings: TrainSettings,
        epoch_examples: Callable[[random.Random], list[Example]],
        evaluate: Callable[[dict[str, np.ndarray]], dict] | None = None,
    ):
        self.work_dir = work_dir
        self.ckpt_dir = work_dir / "checkpoints"
        self.ckpt_dir.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self.model_config = model_config
        self.epoch_examples = epoch_examples
        self.evaluate = evaluate
        if settings.threads:
            torch.set_num_threads(settings.threads)
        torch.manual_seed(settings.seed)
        self.device = torch.device(settings.device)
        self.model = Seq2SeqTransformer(model_config).to(self.device)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=settings.lr, betas=(0.9, 0.98), eps=1e-9)
        self.loss_fn = nn.CrossEntropyLoss(label_smoothing=settings.label_smoothing, ignore_index=PAD)
        self.step = 0
        self.epoch = 0
        self.trained_seconds = 0.0
        self.rng = random.Random(settings.seed)
        self.metrics_path = work_dir / "metrics.jsonl"

    # -- checkpoints -------------------------------------------------------------------
    def save(self) -> Path:
        path = self.ckpt_dir / f"step_{self.step:07d}.pt"
        state = {
            "model": self.model.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "step": self.step,
            "epoch": self.epoch,
            "trained_seconds": self.trained_seconds,
            "rng": self.rng.getstate(),
            "model_config": self.model_config.to_dict(),
        }
        tmp = path.with_suffix(".tmp")
        torch.save(state, tmp)
        tmp.replace(path)
        for old in self.checkpoints()[: -self.settings.keep_checkpoints]:
            old.unlink()
        return path

    def checkpoints(self) -> list[Path]:
        return sorted(self.ckpt_dir.glob("step_*.pt"))

    def resume(self) -> bool:
        checkpoints = self.checkpoints()
        if not checkpoints:
            return False
        state = torch.load(checkpoints[-1], map_location=self.device, weights_only=False)
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.step, self.epoch = state["step"], state["epoch"]
        self.trained_seconds = state["trained_seconds"]
        self.rng.setstate(state["rng"])
        self.log(f"resumed from {checkpoints[-1].name} (step {self.step}, {self.trained_seconds / 60:.1f} min trained)")
        return True

    def averaged_weights(self) -> dict[str, np.ndarray]:
        paths = self.checkpoints()[-self.settings.average_last :]
        return {k: v.numpy() for k, v in average_state_dicts(paths).items()}

    def current_weights(self) -> dict[str, np.ndarray]:
        return {k: v.detach().float().cpu().numpy().copy() for k, v in self.model.state_dict().items()}

    # -- logging -----------------------------------------------------------------------
    def log(self, message: str) -> None:
        print(f"[train] {message}", file=sys.stderr, flush=True)

    def record(self, **metrics) -> None:
        with self.metrics_path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"step": self.step, "minutes": round(self.trained_seconds / 60, 2), **metrics}) + "\n")

    # -- the loop ----------------------------------------------------------------------
    def train_step(self, batch: list[Example]) -> tuple[float, int]:
        src, tgt = collate(batch)
        src, tgt = src.to(self.device), tgt.to(self.device)
        tgt_in, tgt_out = tgt[:, :-1], tgt[:, 1:]
        for group in self.optimizer.param_groups:
            group["lr"] = learning_rate(self.step + 1, self.settings)
        self.model.train()
        with torch.autocast(self.device.type, dtype=torch.bfloat16, enabled=self.settings.bf16):
            logits = self.model(src, tgt_in)
        loss = self.loss_fn(logits.float().reshape(-1, logits.size(-1)), tgt_out.reshape(-1))
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(self.model.parameters(), self.settings.clip_norm)
        self.optimizer.step()
        self.step += 1
        return loss.item(), int(tgt_out.ne(PAD).sum())

    def run(self) -> None:
        s = self.settings
        budget = s.max_minutes * 60
        start = time.monotonic()
        session_start_seconds = self.trained_seconds
        last_ckpt = last_eval = last_log = time.monotonic()
        window_loss, window_tokens, window_start = 0.0, 0, time.monotonic()
        done = False
        while not done:
            batches = make_batches(self.epoch_examples(self.rng), s.batch_tokens, self.rng)
            self.log(f"epoch {self.epoch + 1}: {len(batches)} batches")
            for batch in batches:
                loss, tokens = self.train_step(batch)
                window_loss += loss * tokens
                window_tokens += tokens
                now = time.monotonic()
                self.trained_seconds = session_start_seconds + (now - start)
                if now - last_log >= s.log_seconds:
                    rate = window_tokens / (now - window_start)
                    remaining = budget - self.trained_seconds
                    self.log(
                        f"step {self.step} epoch {self.epoch + 1} loss {window_loss / max(window_tokens, 1):.3f} "
                        f"lr {learning_rate(self.step, s):.2e} {rate:.0f} tgt tok/s "
                        f"elapsed {self.trained_seconds / 60:.1f} min, ETA {max(remaining, 0) / 60:.1f} min"
                    )
                    self.record(loss=round(window_loss / max(window_tokens, 1), 4), tok_per_s=round(rate))
                    window_loss, window_tokens, window_start, last_log = 0.0, 0, now, now
                if self.trained_seconds >= budget or (s.max_steps and self.step >= s.max_steps):
                    done = True
                    break
                if now - last_ckpt >= s.checkpoint_minutes * 60:
                    self.save()
                    last_ckpt = now
                if self.evaluate and now - last_eval >= s.eval_minutes * 60:
                    self.run_eval(self.current_weights())
                    last_eval = time.monotonic()
            else:
                self.epoch += 1
        self.save()
        self.log(f"stopped at step {self.step} after {self.trained_seconds / 60:.1f} min of training")

    def run_eval(self, weights: dict[str, np.ndarray]) -> dict:
        if not self.evaluate:
            return {}
        started = time.monotonic()
        scores = self.evaluate(weights)
        self.record(**{f"dev_{k}": v for k, v in scores.items()})
        self.log(f"dev at step {self.step}: {scores} ({time.monotonic() - started:.0f}s)")
        return scores
