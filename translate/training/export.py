"""Export a trained checkpoint as a CTranslate2 model and an Argos `.argosmodel` package.

The conversion goes through CTranslate2's own extension point (a `Converter` subclass
filling a `TransformerSpec`), so quantisation, validation and saving are CTranslate2's.
It needs only NumPy arrays named like `Seq2SeqTransformer.state_dict()`; torch is not
imported here.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from ctranslate2.converters import Converter
from ctranslate2.converters.utils import fuse_linear
from ctranslate2.specs import common_spec, transformer_spec

from translate.training.model_config import ModelConfig, sinusoidal_table


def _linear(spec: common_spec.LinearSpec, weight: np.ndarray, bias: np.ndarray | None) -> None:
    spec.weight = weight
    if bias is not None:
        spec.bias = bias


def _norm(spec: common_spec.LayerNormSpec, weights: Mapping[str, np.ndarray], name: str) -> None:
    spec.gamma = weights[f"{name}.weight"]
    spec.beta = weights[f"{name}.bias"]


def _self_attention(spec, weights: Mapping[str, np.ndarray], name: str) -> None:
    # torch stacks [q; k; v] in in_proj, which is exactly CTranslate2's fused layout.
    _linear(spec.linear[0], weights[f"{name}.in_proj_weight"], weights[f"{name}.in_proj_bias"])
    _linear(spec.linear[1], weights[f"{name}.out_proj.weight"], weights[f"{name}.out_proj.bias"])


def _cross_attention(spec, weights: Mapping[str, np.ndarray], name: str, d: int) -> None:
    w, b = weights[f"{name}.in_proj_weight"], weights[f"{name}.in_proj_bias"]
    _linear(spec.linear[0], w[:d], b[:d])
    keys, values = common_spec.LinearSpec(), common_spec.LinearSpec()
    _linear(keys, w[d : 2 * d], b[d : 2 * d])
    _linear(values, w[2 * d :], b[2 * d :])
    fuse_linear(spec.linear[1], [keys, values])
    _linear(spec.linear[2], weights[f"{name}.out_proj.weight"], weights[f"{name}.out_proj.bias"])


def _ffn(spec, weights: Mapping[str, np.ndarray], layer: str, norm: str) -> None:
    _norm(spec.layer_norm, weights, f"{layer}.{norm}")
    _linear(spec.linear_0, weights[f"{layer}.linear1.weight"], weights[f"{layer}.linear1.bias"])
    _linear(spec.linear_1, weights[f"{layer}.linear2.weight"], weights[f"{layer}.linear2.bias"])


class HienConverter(Converter):
    """Turns hien's pre-norm Transformer weights into a CTranslate2 TransformerSpec."""

    def __init__(self, weights: Mapping[str, np.ndarray], config: ModelConfig, vocabulary: list[str]):
        # CTranslate2 quantises the arrays it is given in place: work on copies, so that
        # exporting during training never touches the live weights.
        self.weights = {name: np.array(value, dtype=np.float32, copy=True) for name, value in weights.items()}
        self.config = config
        self.vocabulary = vocabulary

    def _load(self) -> transformer_spec.TransformerSpec:
        cfg, w = self.config, self.weights
        spec = transformer_spec.TransformerSpec.from_config(
            (cfg.encoder_layers, cfg.decoder_layers), cfg.heads, pre_norm=True
        )
        positions = sinusoidal_table(cfg.max_positions, cfg.d_model)
        embedding = w["embedding.weight"]
        spec.encoder.embeddings[0].weight = embedding
        spec.encoder.position_encodings.encodings = positions
        spec.decoder.embeddings.weight = embedding
        spec.decoder.position_encodings.encodings = positions
        _norm(spec.encoder.layer_norm, w, "encoder_norm")
        _norm(spec.decoder.layer_norm, w, "decoder_norm")
        for i, layer in enumerate(spec.encoder.layer):
            name = f"encoder_layers.{i}"
            _self_attention(layer.self_attention, w, f"{name}.self_attn")
            _norm(layer.self_attention.layer_norm, w, f"{name}.norm1")
            _ffn(layer.ffn, w, name, "norm2")
        for i, layer in enumerate(spec.decoder.layer):
            name = f"decoder_layers.{i}"
            _self_attention(layer.self_attention, w, f"{name}.self_attn")
            _norm(layer.self_attention.layer_norm, w, f"{name}.norm1")
            _cross_attention(layer.attention, w, f"{name}.multihead_attn", cfg.d_model)
            _norm(layer.attention.layer_norm, w, f"{name}.norm2")
            _ffn(layer.ffn, w, name, "norm3")
        _linear(spec.decoder.projection, embedding, w["output_bias"])
        spec.register_source_vocabulary(self.vocabulary)
        spec.register_target_vocabulary(self.vocabulary)
        return spec


def spm_vocabulary(spm_path: Path) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(spm_path))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def export_ct2(
    weights: Mapping[str, np.ndarray],
    config: ModelConfig,
    spm_path: Path,
    output_dir: Path,
    quantization: str = "int8",
) -> Path:
    converter = HienConverter(weights, config, spm_vocabulary(spm_path))
    converter.convert(str(output_dir), quantization=quantization, force=True)
    return output_dir


def build_package_dir(
    ct2_dir: Path,
    spm_path: Path,
    package_dir: Path,
    metadata: dict,
    model_card: str,
) -> Path:
    """Lay out an Argos package directory: metadata.json, sentencepiece.model, model/, README.md."""
    if package_dir.exists():
        shutil.rmtree(package_dir)
    package_dir.mkdir(parents=True)
    shutil.copytree(ct2_dir, package_dir / "model")
    shutil.copy(spm_path, package_dir / "sentencepiece.model")
    (package_dir / "metadata.json").write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n")
    (package_dir / "README.md").write_text(model_card)
    return package_dir


def zip_package(package_dir: Path, archive: Path) -> Path:
    """Zip a package directory the way Argos ships them: one top folder inside the archive."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=archive.parent, suffix=".tmp", delete=False) as tmp:
        tmp_path = Path(tmp.name)
    with zipfile.ZipFile(tmp_path, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(package_dir.rglob("*")):
            if path.is_file():
                zf.write(path, Path(package_dir.name) / path.relative_to(package_dir))
    tmp_path.replace(archive)
    return archive


def copy_package(package_dir: Path, destination: Path) -> Path:
    """Replace `destination` with a copy of the package directory (atomically via a rename)."""
    staging = destination.with_name(destination.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(package_dir, staging)
    if destination.exists():
        shutil.rmtree(destination)
    staging.rename(destination)
    return destination
