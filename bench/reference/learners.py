"""PyTorch reference of the JEPA Playground's two learners (models/*.ts), for parity and speed.

Functional style: a learner's parameters are a dict {logical name: tensor} with the same names,
shapes and layouts as the TypeScript ParamSet (a linear layer's weight is [in, out], y = x·W + b;
attention has no key bias), so exported weights load by name. Everything here follows
models/*.ts; where the TS file has a detail that matters it is quoted in a comment.

Tokens:    tubelets t×h×w of a [B, T, H, W] clip, token index (ti·nh + hi)·nw + wi, pixel order
           (dt·h + dy)·w + dx (models/tubelets.ts).
Positions: fixed 3-D sine-cosine table, recomputed here (sincos_positions; the case file's own
           tables are only compared against, never used).
Encoder:   x·W_embed + b + pos → depth × pre-norm block [x += MHSA(LN x); x += MLP(LN x)] → LN.
           MHSA: q scaled by 1/√d_h before QKᵀ, softmax, separate q/k/v/out projections, no key bias.
           MLP: width → mlpRatio·width → width with GELU, tanh approximation (models/gelu.ts).
           LayerNorm eps 1e-5, biased variance.
Predictor: [optional bottleneck] → linear to predictor width + context positions; one query per
           target = learned mask token + target position; concat [context; queries]; transformer;
           the target slots through a head giving K·outDim values → [B, nt, K, outDim].
Pixel:     loss = WTA over K of per-sample MSE on hidden tokens (optionally MAE per-patch
           normalised targets: (x − mean)/√(var + 1e-6)).
JEPA:      z = encoder(all tokens) (same encoder, no stop-gradient, no EMA for 'sigreg');
           prediction = WTA of per-sample MSE between predictor output and z at the targets;
           SIGReg on the strided token subset with this step's M directions;
           total = (1 − λ)·prediction + λ·SIGReg.
SIGReg:    EP(x) = N Σ_k w_k [(mean cos t_k x − e^{−t_k²/2})² + (mean sin t_k x)²],
           t_k = 3k/16 (k = 0..16), w_k = 2 · trapezoid weight · e^{−t_k²/2}; SIGReg = mean_m EP(Z a_m).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F

LAYER_NORM_EPSILON = 1e-5
PATCH_NORM_EPSILON = 1e-6
VIT_INIT_STD = 0.02
# models/gelu.ts uses the tanh approximation; "none" (exact erf, PyTorch's nn.GELU default and
# timm/MAE's choice) is only for showing that parity.py catches a real formula difference.
GELU_APPROXIMATE = "tanh"
EP_KNOTS = 17
EP_T_MAX = 3.0


# ----------------------------------------------------------------------------- configuration

@dataclass
class Size:
    width: int
    depth: int
    heads: int
    mlp_ratio: int

    @staticmethod
    def of(d: dict) -> "Size":
        return Size(d["width"], d["depth"], d["heads"], d.get("mlpRatio", d.get("mlp_ratio", 2)))


@dataclass
class Grid:
    T: int
    H: int
    W: int
    t: int
    h: int
    w: int

    @property
    def nt(self) -> int:
        return self.T // self.t

    @property
    def nh(self) -> int:
        return self.H // self.h

    @property
    def nw(self) -> int:
        return self.W // self.w

    @property
    def count(self) -> int:
        return self.nt * self.nh * self.nw

    @property
    def patch_size(self) -> int:
        return self.t * self.h * self.w

    @staticmethod
    def of(g: dict) -> "Grid":
        return Grid(g["T"], g["H"], g["W"], g["tubelet"]["t"], g["tubelet"]["h"], g["tubelet"]["w"])


# ----------------------------------------------------------------------------- data

def tokenize(clips: torch.Tensor, grid: Grid) -> torch.Tensor:
    """[B, T, H, W] → [B, N, P] tubelet tokens (models/tubelets.ts order)."""
    b = clips.shape[0]
    x = clips.reshape(b, grid.nt, grid.t, grid.nh, grid.h, grid.nw, grid.w)
    # → [B, nt, nh, nw, t, h, w]
    return x.permute(0, 1, 3, 5, 2, 4, 6).reshape(b, grid.count, grid.patch_size)


def _axis_widths(width: int) -> tuple[int, int, int]:
    spatial = 2 * (width // 6)
    return width - 2 * spatial, spatial, spatial


def _sincos(dims: int, positions: torch.Tensor) -> torch.Tensor:
    half = dims // 2
    i = torch.arange(half, dtype=torch.float64)
    omega = 1.0 / 10000.0 ** (i / half)
    angle = positions[:, None].double() * omega[None, :]
    return torch.cat([torch.sin(angle), torch.cos(angle)], dim=1)


def sincos_positions(grid: Grid, width: int) -> torch.Tensor:
    """Table [N, width] in float64 (models/positional.ts; the TS table is stored as float32)."""
    dt, dh, dw = _axis_widths(width)
    t, h, w = torch.meshgrid(torch.arange(grid.nt), torch.arange(grid.nh), torch.arange(grid.nw), indexing="ij")
    return torch.cat([_sincos(dt, t.reshape(-1)), _sincos(dh, h.reshape(-1)), _sincos(dw, w.reshape(-1))], dim=1)


@dataclass
class StepInputs:
    """The tensors of one step, shared by both learners (models/step-inputs.ts)."""
    tokens: torch.Tensor          # [B, N, P]
    context: torch.Tensor         # [B, nc, P]
    target_pixels: torch.Tensor   # [B, nt, P]
    context_index: torch.Tensor   # [nc] long
    target_index: torch.Tensor    # [nt] long
    enc_all: torch.Tensor         # [N, De]
    enc_context: torch.Tensor     # [nc, De]
    pred_context: torch.Tensor    # [nc, Dp]
    pred_target: torch.Tensor     # [nt, Dp]


def step_inputs(clips: torch.Tensor, grid: Grid, context: torch.Tensor, target: torch.Tensor,
                enc_table: torch.Tensor, pred_table: torch.Tensor) -> StepInputs:
    tokens = tokenize(clips, grid)
    return StepInputs(tokens, tokens[:, context], tokens[:, target], context, target,
                      enc_table, enc_table[context], pred_table[context], pred_table[target])


# ----------------------------------------------------------------------------- building blocks

# How dense products run. "aten": F.linear / torch.matmul, i.e. the BLAS torch was linked with
# (Debian's python3-torch 1.13: BLAS_INFO=generic, the netlib reference BLAS unless an optimised
# libblas.so.3 such as OpenBLAS is installed, about 6 GFLOP/s here). "onednn": the same product as
# a 1x1 convolution over `rows` images of 1x1 pixels, which torch sends to oneDNN (bundled with
# torch, JIT AVX2/AVX-512 kernels) forward and backward: the same values up to summation order.
# Attention's products: see attend().
MATMUL = "aten"


def dense(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor | None = None) -> torch.Tensor:
    """x [..., in] · w [in, out] (+ b)."""
    if MATMUL == "onednn":
        rows = x.numel() // x.shape[-1]
        # torch picks oneDNN for a 1x1 float32 convolution when the batch is ≥ 16 (or threads > 1).
        if rows >= 16:
            y = F.conv2d(x.reshape(rows, x.shape[-1], 1, 1), w.t().reshape(w.shape[1], w.shape[0], 1, 1), b)
            return y.reshape(*x.shape[:-1], w.shape[1])
    return F.linear(x, w.t(), b)


def linear(p: dict, name: str, x: torch.Tensor) -> torch.Tensor:
    return dense(x, p[f"{name}/w"], p.get(f"{name}/b"))


def layer_norm(p: dict, name: str, x: torch.Tensor) -> torch.Tensor:
    return F.layer_norm(x, (x.shape[-1],), p[f"{name}/g"], p[f"{name}/b"], LAYER_NORM_EPSILON)


def gelu(x: torch.Tensor) -> torch.Tensor:
    # models/gelu.ts: tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³))), not erf.
    return F.gelu(x, approximate=GELU_APPROXIMATE)


def attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """softmax(q·kᵀ)·v for q, k, v [G, n, d_h] (q already scaled by 1/√d_h)."""
    g, n, hd = q.shape
    if MATMUL == "onednn" and n >= 40:
        # Both products as grouped 1x1 convolutions (one group per clip and head, the n queries as
        # the conv batch), which torch sends to oneDNN; faster than aten's bmm here from n ≈ 40
        # (measured: 64 groups, d_h 16: 2.5x at n = 64, slower at n = 28).
        scores = F.conv2d(q.transpose(0, 1).reshape(n, g * hd, 1, 1), k.reshape(g * n, hd, 1, 1), groups=g).reshape(n, g, n)
        weights = torch.softmax(scores, dim=-1)
        mixed = F.conv2d(weights.reshape(n, g * n, 1, 1), v.transpose(1, 2).reshape(g * hd, n, 1, 1), groups=g)
        return mixed.reshape(n, g, hd).transpose(0, 1)
    return torch.softmax(q @ k.transpose(-1, -2), dim=-1) @ v


def self_attention(p: dict, name: str, x: torch.Tensor, heads: int) -> torch.Tensor:
    b, n, width = x.shape
    hd = width // heads

    def to_heads(t: torch.Tensor) -> torch.Tensor:  # [B, n, width] → [B·heads, n, hd]
        return t.reshape(b, n, heads, hd).transpose(1, 2).reshape(b * heads, n, hd)

    q = to_heads(linear(p, f"{name}/q", x) * (1.0 / math.sqrt(hd)))
    k = to_heads(linear(p, f"{name}/k", x))
    v = to_heads(linear(p, f"{name}/v", x))
    mixed = attend(q, k, v).reshape(b, heads, n, hd).transpose(1, 2).reshape(b, n, width)
    return linear(p, f"{name}/out", mixed)


def transformer(p: dict, name: str, size: Size, x: torch.Tensor) -> torch.Tensor:
    h = x
    for i in range(size.depth):
        block = f"{name}/block{i}"
        h = h + self_attention(p, f"{block}/attn", layer_norm(p, f"{block}/norm1", h), size.heads)
        h = h + linear(p, f"{block}/mlp2", gelu(linear(p, f"{block}/mlp1", layer_norm(p, f"{block}/norm2", h))))
    return layer_norm(p, f"{name}/norm", h)


def encode(p: dict, size: Size, tokens: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
    return transformer(p, "encoder", size, linear(p, "encoder/embed", tokens) + positions)


def predict(p: dict, size: Size, hypotheses: int, out_dim: int, context: torch.Tensor,
            context_positions: torch.Tensor, target_positions: torch.Tensor) -> torch.Tensor:
    b, nc, _ = context.shape
    nt = target_positions.shape[0]
    c = context
    if "predictor/bottleneck/w" in p:
        c = linear(p, "predictor/bottleneck", c)
    c = linear(p, "predictor/in", c) + context_positions
    queries = (target_positions + p["predictor/mask-token"]).unsqueeze(0).expand(b, nt, size.width)
    out = transformer(p, "predictor", size, torch.cat([c, queries], dim=1))
    return linear(p, "predictor/head", out[:, nc:]).reshape(b, nt, hypotheses, out_dim)


def per_hypothesis_mse(prediction: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """[B, nt, K, d], [B, nt, d] → [B, K] (models/learner.ts)."""
    return (prediction - target.unsqueeze(2)).square().mean(dim=(1, 3))


def winner_takes_all(per_hypothesis: torch.Tensor, relax: float = 0.0) -> torch.Tensor:
    k = per_hypothesis.shape[1]
    best = per_hypothesis.min(dim=1).values.mean()
    if k == 1 or relax == 0:
        return best
    others = relax / (k - 1)
    return best * (1 - relax - others) + per_hypothesis.sum(dim=1).mean() * others


def normalize_patches(pixels: torch.Tensor) -> torch.Tensor:
    mean = pixels.mean(dim=2, keepdim=True)
    std = ((pixels - mean).square().mean(dim=2, keepdim=True) + PATCH_NORM_EPSILON).sqrt()
    return (pixels - mean) / std


# ----------------------------------------------------------------------------- SIGReg

def epps_pulley_quadrature(dtype=torch.float64) -> tuple[torch.Tensor, torch.Tensor]:
    dt = EP_T_MAX / (EP_KNOTS - 1)
    k = torch.arange(EP_KNOTS, dtype=torch.float64)
    t = k * dt
    trapezoid = torch.full((EP_KNOTS,), dt, dtype=torch.float64)
    trapezoid[0] = trapezoid[-1] = dt / 2
    weights = 2 * trapezoid * torch.exp(-t * t / 2)
    return t.to(dtype), weights.to(dtype)


def epps_pulley_per_slice(x: torch.Tensor) -> torch.Tensor:
    """x [N, M] → EP of every column [M]. Knot 0 (t = 0) is left out, as in models/sigreg.ts: its
    term is exactly 0 (cos 0 = e^0 = 1, sin 0 = 0), so the value is that of all 17 knots."""
    n = x.shape[0]
    t, w = epps_pulley_quadrature(x.dtype)
    t, w = t[1:].to(x.device), w[1:].to(x.device)
    tx = x.unsqueeze(-1) * t                      # [N, M, K]
    cos_mean = torch.cos(tx).mean(dim=0)          # [M, K]
    sin_mean = torch.sin(tx).mean(dim=0)
    error = (cos_mean - torch.exp(-t * t / 2)).square() + sin_mean.square()
    return n * (error * w).sum(dim=1)


def sigreg(z: torch.Tensor, directions: torch.Tensor) -> torch.Tensor:
    return epps_pulley_per_slice(dense(z, directions)).mean()


def token_stride(batch: int, tokens: int, rows: int) -> int:
    """Largest k dividing N with B·N/k ≥ rows (models/jepa-learner.ts tokenStride)."""
    best = 1
    for k in range(1, tokens + 1):
        if tokens % k == 0 and batch * tokens / k >= rows:
            best = k
    return best


def stride_tokens(z: torch.Tensor, stride: int, offset: int) -> torch.Tensor:
    b, n, d = z.shape
    if stride == 1:
        return z.reshape(b * n, d)
    return z.reshape(b, n // stride, stride, d)[:, :, offset % stride].reshape(b * n // stride, d)


def sigreg_directions(dim: int, slices: int, generator: torch.Generator | None = None) -> torch.Tensor:
    """Random unit columns [dim, slices] (a torch RNG, not the project PRNG: for speed runs)."""
    raw = torch.randn(dim, slices, generator=generator, dtype=torch.float64)
    return (raw / raw.norm(dim=0, keepdim=True).clamp_min(1e-12)).float()


# ----------------------------------------------------------------------------- learners

def _add_linear(p: dict, decay: set, name: str, i: int, o: int, bias: bool, gen) -> None:
    p[f"{name}/w"] = trunc_normal((i, o), gen)
    decay.add(f"{name}/w")
    if bias:
        p[f"{name}/b"] = torch.zeros(o)


def trunc_normal(shape, gen) -> torch.Tensor:
    z = torch.randn(*shape, generator=gen)
    bad = z.abs() > 2
    while bad.any():
        z[bad] = torch.randn(int(bad.sum()), generator=gen)
        bad = z.abs() > 2
    return z * VIT_INIT_STD


def _add_transformer(p: dict, decay: set, name: str, size: Size, gen) -> None:
    w = size.width
    for i in range(size.depth):
        block = f"{name}/block{i}"
        p[f"{block}/norm1/g"], p[f"{block}/norm1/b"] = torch.ones(w), torch.zeros(w)
        for part, bias in (("q", True), ("k", False), ("v", True), ("out", True)):
            _add_linear(p, decay, f"{block}/attn/{part}", w, w, bias, gen)
        p[f"{block}/norm2/g"], p[f"{block}/norm2/b"] = torch.ones(w), torch.zeros(w)
        _add_linear(p, decay, f"{block}/mlp1", w, w * size.mlp_ratio, True, gen)
        _add_linear(p, decay, f"{block}/mlp2", w * size.mlp_ratio, w, True, gen)
    p[f"{name}/norm/g"], p[f"{name}/norm/b"] = torch.ones(w), torch.zeros(w)


def init_params(encoder: Size, predictor: Size, patch_size: int, out_dim: int, hypotheses: int,
                bottleneck: int | None, seed: int) -> tuple[dict, set]:
    """Random parameters with the TS names, shapes and init (trunc-normal 0.02, zeros, ones)."""
    gen = torch.Generator().manual_seed(seed)
    p: dict = {}
    decay: set = set()
    _add_linear(p, decay, "encoder/embed", patch_size, encoder.width, True, gen)
    _add_transformer(p, decay, "encoder", encoder, gen)
    width = encoder.width
    if bottleneck is not None:
        _add_linear(p, decay, "predictor/bottleneck", width, bottleneck, True, gen)
        width = bottleneck
    _add_linear(p, decay, "predictor/in", width, predictor.width, True, gen)
    p["predictor/mask-token"] = trunc_normal((predictor.width,), gen)
    _add_transformer(p, decay, "predictor", predictor, gen)
    _add_linear(p, decay, "predictor/head", predictor.width, hypotheses * out_dim, True, gen)
    return p, decay


class PixelLearner:
    kind = "pixel"

    def __init__(self, params: dict, encoder: Size, predictor: Size, patch_size: int,
                 hypotheses: int = 1, wta_relax: float = 0.05, normalize: bool = False):
        self.p, self.encoder, self.predictor = params, encoder, predictor
        self.patch_size, self.hypotheses, self.wta_relax, self.normalize = patch_size, hypotheses, wta_relax, normalize

    def context_encoding(self, s: StepInputs) -> torch.Tensor:
        return encode(self.p, self.encoder, s.context, s.enc_context)

    def predict_raw(self, s: StepInputs) -> torch.Tensor:
        return predict(self.p, self.predictor, self.hypotheses, self.patch_size,
                       self.context_encoding(s), s.pred_context, s.pred_target)

    def predict_pixels(self, s: StepInputs) -> torch.Tensor:
        """[B, nt, K, P] in pixel units (normalised predictions mapped back with each target's mean, std)."""
        raw = self.predict_raw(s)
        if not self.normalize:
            return raw
        mean = s.target_pixels.mean(dim=2, keepdim=True)
        std = ((s.target_pixels - mean).square().mean(dim=2, keepdim=True) + PATCH_NORM_EPSILON).sqrt()
        return raw * std.unsqueeze(2) + mean.unsqueeze(2)

    def losses(self, s: StepInputs, step: int = 1, outputs: dict | None = None) -> tuple[torch.Tensor, dict]:
        pred = self.predict_raw(s)
        target = normalize_patches(s.target_pixels) if self.normalize else s.target_pixels
        per = per_hypothesis_mse(pred, target)
        if outputs is not None:
            outputs["prediction"] = pred
        return winner_takes_all(per, self.wta_relax), {"mse": winner_takes_all(per)}


class JepaLearner:
    kind = "jepa"

    def __init__(self, params: dict, encoder: Size, predictor: Size, hypotheses: int = 1,
                 wta_relax: float = 0.05, anti_collapse: str = "sigreg", lam: float = 0.05,
                 regularized_tokens: int = 256):
        if anti_collapse not in ("sigreg", "none"):
            raise NotImplementedError(f"anti-collapse '{anti_collapse}' is not in the reference (sigreg, none)")
        self.p, self.encoder, self.predictor = params, encoder, predictor
        self.hypotheses, self.wta_relax, self.anti_collapse, self.lam = hypotheses, wta_relax, anti_collapse, lam
        self.regularized_tokens = regularized_tokens

    def context_encoding(self, s: StepInputs) -> torch.Tensor:
        return encode(self.p, self.encoder, s.context, s.enc_context)

    def predict_embeddings(self, s: StepInputs) -> torch.Tensor:
        return predict(self.p, self.predictor, self.hypotheses, self.encoder.width,
                       self.context_encoding(s), s.pred_context, s.pred_target)

    def losses(self, s: StepInputs, step: int, directions: torch.Tensor, outputs: dict | None = None) -> tuple[torch.Tensor, dict]:
        z = encode(self.p, self.encoder, s.tokens, s.enc_all)
        targets = z[:, s.target_index]
        pred = self.predict_embeddings(s)
        per = per_hypothesis_mse(pred, targets)
        prediction = winner_takes_all(per, self.wta_relax)
        stride = token_stride(z.shape[0], z.shape[1], self.regularized_tokens)
        rows = stride_tokens(z, stride, step)
        sig = sigreg(rows, directions)
        if self.anti_collapse == "sigreg" and self.lam > 0:
            total = prediction * (1 - self.lam) + sig * self.lam
        else:
            total = prediction
        if outputs is not None:
            outputs.update(full_encoding=z, targets=targets, prediction=pred, regularized_rows=rows,
                           sigreg_per_slice=epps_pulley_per_slice(dense(rows, directions)))
        return total, {"prediction": winner_takes_all(per), "sigreg": sig}


# ----------------------------------------------------------------------------- optimiser

def make_optimizer(params: dict, decay: set, cfg: dict) -> torch.optim.Optimizer:
    """torch.optim.Adam/AdamW with models/adamw.ts semantics: decay only on linear weights."""
    decayed = [v for k, v in params.items() if k in decay]
    plain = [v for k, v in params.items() if k not in decay]
    groups = [{"params": decayed, "weight_decay": cfg["weightDecay"]}, {"params": plain, "weight_decay": 0.0}]
    kw = dict(lr=cfg["learningRate"], betas=(cfg["beta1"], cfg["beta2"]), eps=cfg["epsilon"])
    if cfg["kind"] == "adamw":
        return torch.optim.AdamW(groups, **kw)
    return torch.optim.Adam(groups, **kw)


def adamw_update(param: torch.Tensor, grad: torch.Tensor, m: torch.Tensor, v: torch.Tensor, iteration: int,
                 decays: bool, cfg: dict) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Update number `iteration` (1-based) in float64, the formula of models/adamw-wasm.ts:
    returns the new parameter, m and v."""
    p, g, m, v = param.double(), grad.double(), m.double(), v.double()
    lr, wd, b1, b2, eps = cfg["learningRate"], cfg["weightDecay"], cfg["beta1"], cfg["beta2"], cfg["epsilon"]
    decay = p * (1.0 if decays else 0.0)
    if cfg["kind"] == "adam":
        g = g + wd * decay
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    out = p - (lr / (1 - b1 ** iteration)) * m / ((v / (1 - b2 ** iteration)).sqrt() + eps)
    if cfg["kind"] == "adamw":
        out = out - lr * wd * decay
    return out, m, v
