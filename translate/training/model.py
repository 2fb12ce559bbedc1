"""A pre-norm Transformer whose layout maps one-to-one onto CTranslate2's TransformerSpec.

Built from torch's own encoder/decoder layers (fast fused attention on CPU). Source,
target and output embeddings are one shared matrix (joint SentencePiece vocabulary).
"""

from __future__ import annotations

import math

import torch
from torch import nn

from translate.training.model_config import ModelConfig, sinusoidal_table


class Seq2SeqTransformer(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config
        d = config.d_model
        self.embedding = nn.Embedding(config.vocab_size, d, padding_idx=config.pad_id)
        nn.init.normal_(self.embedding.weight, mean=0.0, std=d**-0.5)
        table = torch.from_numpy(sinusoidal_table(config.max_positions, d))
        self.register_buffer("positions", table, persistent=False)
        self.dropout = nn.Dropout(config.dropout)

        def encoder_layer() -> nn.TransformerEncoderLayer:
            return nn.TransformerEncoderLayer(
                d, config.heads, config.ffn_dim, config.dropout, batch_first=True, norm_first=True
            )

        def decoder_layer() -> nn.TransformerDecoderLayer:
            return nn.TransformerDecoderLayer(
                d, config.heads, config.ffn_dim, config.dropout, batch_first=True, norm_first=True
            )

        self.encoder_layers = nn.ModuleList(encoder_layer() for _ in range(config.encoder_layers))
        self.decoder_layers = nn.ModuleList(decoder_layer() for _ in range(config.decoder_layers))
        self.encoder_norm = nn.LayerNorm(d)
        self.decoder_norm = nn.LayerNorm(d)
        self.output_bias = nn.Parameter(torch.zeros(config.vocab_size))

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        scale = math.sqrt(self.config.d_model)
        x = self.embedding(ids) * scale + self.positions[: ids.size(1)].unsqueeze(0)
        return self.dropout(x)

    def encode(self, src: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        src_pad = src.eq(self.config.pad_id)
        x = self.embed(src)
        for layer in self.encoder_layers:
            x = layer(x, src_key_padding_mask=src_pad)
        return self.encoder_norm(x), src_pad

    def decode(self, tgt_in: torch.Tensor, memory: torch.Tensor, src_pad: torch.Tensor) -> torch.Tensor:
        length = tgt_in.size(1)
        causal = torch.triu(torch.ones(length, length, dtype=torch.bool, device=tgt_in.device), diagonal=1)
        tgt_pad = tgt_in.eq(self.config.pad_id)
        x = self.embed(tgt_in)
        for layer in self.decoder_layers:
            x = layer(
                x,
                memory,
                tgt_mask=causal,
                tgt_key_padding_mask=tgt_pad,
                memory_key_padding_mask=src_pad,
                tgt_is_causal=True,
            )
        x = self.decoder_norm(x)
        return x @ self.embedding.weight.t() + self.output_bias

    def forward(self, src: torch.Tensor, tgt_in: torch.Tensor) -> torch.Tensor:
        memory, src_pad = self.encode(src)
        return self.decode(tgt_in, memory, src_pad)
