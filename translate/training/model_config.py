"""Model hyper-parameters and the position table, shared by training (torch) and export (NumPy)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import numpy as np


@dataclass
class ModelConfig:
    vocab_size: int
    d_model: int = 256
    ffn_dim: int = 1024
    heads: int = 4
    encoder_layers: int = 6
    decoder_layers: int = 3
    dropout: float = 0.1
    max_positions: int = 1024
    pad_id: int = 3

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ModelConfig:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def sinusoidal_table(max_positions: int, dim: int) -> np.ndarray:
    """Position table laid out as [sin | cos] halves; exported to CTranslate2 as-is."""
    half = dim // 2
    position = np.arange(max_positions, dtype=np.float32)[:, None]
    scale = np.exp(-np.log(10000.0) * np.arange(half, dtype=np.float32) / (half - 1))
    angles = position * scale[None, :]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1).astype(np.float32)
