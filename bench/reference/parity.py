"""Parity of our tfjs learners with the PyTorch reference on one exported race step.

    /usr/bin/python3 bench/reference/parity.py results/reference/case.json [--all-grads]

Loads the case written by bench/reference/export-case.ts, loads every parameter by logical name,
rebuilds the step's inputs in PyTorch from the raw clip batch and the mask (tokenisation and
position tables are recomputed here and checked against ours), runs both learners forward in
float32 and in float64 and prints, per quantity, the max relative error
max|a − b| / max|reference| of ours against the float32 reference, of ours against the float64
reference, and of the float32 reference against the float64 one (PyTorch's own float32 noise).
The float64 run evaluates exactly the same function on the same float32 inputs, so it is the
"true" value both float32 implementations approximate.

Extras (same case): the gradients of both totals (autograd vs our hand-written gradients) and the
parameters after one AdamW step (our fused update vs the torch.optim formula applied to our
gradients, and vs torch.optim.AdamW stepping on the reference's own gradients).

Exits 1 if any forward quantity or gradient of ours differs from the float32 or the float64
reference by more than 1e-4 relative, or if an input check fails.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import learners as L  # noqa: E402

THRESHOLD = 1e-4


def load_case(path: str) -> tuple[dict, dict]:
    with open(path) as f:
        meta = json.load(f)
    raw = np.fromfile(os.path.join(os.path.dirname(path), meta["bin"]), dtype="<f4")
    tensors = {}
    for name, e in meta["tensors"].items():
        size = int(np.prod(e["shape"])) if e["shape"] else 1
        tensors[name] = torch.from_numpy(raw[e["offset"]:e["offset"] + size].reshape(e["shape"]).copy())
    return meta, tensors


def rel(ours: torch.Tensor, ref: torch.Tensor) -> float:
    ours, ref = ours.double().reshape(-1), ref.double().reshape(-1)
    scale = ref.abs().max().item()
    diff = (ours - ref).abs().max().item()
    return diff / scale if scale > 0 else diff


def build(meta: dict, t: dict, dtype: torch.dtype):
    cfg = meta["config"]
    grid = L.Grid.of(meta["grid"])
    enc, pred = L.Size.of(cfg["encoder"]), L.Size.of(cfg["predictor"])
    # Position tables: recomputed in float64, rounded to float32 as ours are stored, then cast.
    enc_table = L.sincos_positions(grid, enc.width).float().to(dtype)
    pred_table = L.sincos_positions(grid, pred.width).float().to(dtype)
    ctx = torch.tensor(meta["mask"]["context"], dtype=torch.long)
    tgt = torch.tensor(meta["mask"]["target"], dtype=torch.long)
    s = L.step_inputs(t["input/clips"].to(dtype), grid, ctx, tgt, enc_table, pred_table)
    params = {}
    for kind in ("pixel", "jepa"):
        params[kind] = {name: t[f"param/{kind}/{name}"].to(dtype).clone().requires_grad_(True) for name in meta["parameterOrder"][kind]}
    common = dict(hypotheses=cfg["hypotheses"], wta_relax=cfg["wtaRelax"])
    pixel = L.PixelLearner(params["pixel"], enc, pred, grid.patch_size, normalize=cfg["pixel"]["normalizePatches"], **common)
    if cfg["pixel"]["bottleneck"] is not None and "predictor/bottleneck/w" not in params["pixel"]:
        raise SystemExit("case has a bottleneck width but no bottleneck weights")
    jc = cfg["jepa"]
    jepa = L.JepaLearner(params["jepa"], enc, pred, anti_collapse=jc["antiCollapse"], lam=jc["lambda"],
                         regularized_tokens=jc["regularizedTokens"], **common)
    return grid, s, pixel, jepa, enc_table, pred_table


def run(meta: dict, t: dict, dtype: torch.dtype) -> tuple[dict, dict, tuple]:
    grid, s, pixel, jepa, enc_table, pred_table = build(meta, t, dtype)
    step = meta["step"]
    directions = t["sigreg/directions"].to(dtype)
    out: dict = {}
    po: dict = {}
    total, parts = pixel.losses(s, step, po)
    out["pixel/context_encoding"] = pixel.context_encoding(s)
    out["pixel/prediction"] = po["prediction"]
    out["pixel/prediction_pixels"] = pixel.predict_pixels(s)
    out["pixel/loss/mse"] = parts["mse"]
    out["pixel/loss/total"] = total
    grads = {}
    g = torch.autograd.grad(total, list(pixel.p.values()))
    grads.update({f"pixel/{k}": v for k, v in zip(pixel.p, g)})
    jo: dict = {}
    jtotal, jparts = jepa.losses(s, step, directions, jo)
    out["jepa/context_encoding"] = jepa.context_encoding(s)
    for k in ("prediction", "full_encoding", "targets", "regularized_rows", "sigreg_per_slice"):
        out[f"jepa/{k}"] = jo[k]
    out["jepa/loss/prediction"] = jparts["prediction"]
    out["jepa/loss/sigreg"] = jparts["sigreg"]
    out["jepa/loss/total"] = jtotal
    g = torch.autograd.grad(jtotal, list(jepa.p.values()))
    grads.update({f"jepa/{k}": v for k, v in zip(jepa.p, g)})
    out = {k: v.detach() for k, v in out.items()}
    return out, grads, (grid, s, enc_table, pred_table)


FORWARD_ORDER = [
    "pixel/context_encoding", "pixel/prediction", "pixel/prediction_pixels", "pixel/loss/mse", "pixel/loss/total",
    "jepa/context_encoding", "jepa/prediction", "jepa/full_encoding", "jepa/targets",
    "jepa/regularized_rows", "jepa/sigreg_per_slice", "jepa/loss/prediction", "jepa/loss/sigreg", "jepa/loss/total",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("case", nargs="?", default="results/reference/case.json")
    ap.add_argument("--all-grads", action="store_true", help="print every parameter's gradient error")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--gelu", choices=["tanh", "erf"], default="tanh",
                    help="GELU of the reference (erf: a deliberate formula difference, to see the check catch it)")
    ap.add_argument("--matmul", choices=["aten", "onednn"], default="aten",
                    help="how the reference runs dense products (see learners.MATMUL); both must pass")
    args = ap.parse_args()
    L.GELU_APPROXIMATE = "tanh" if args.gelu == "tanh" else "none"
    L.MATMUL = args.matmul
    if args.threads:
        torch.set_num_threads(args.threads)
    meta, t = load_case(args.case)
    cfg = meta["config"]
    print(f"case {args.case}: tfjs {meta['tfjs']} on {meta['backend']}, Node {meta['node']}, batch {cfg['batch']}, "
          f"step {meta['step']}, mask {meta['mask']['strategy']} ({len(meta['mask']['context'])} context / "
          f"{len(meta['mask']['target'])} target tokens); torch {torch.__version__}")
    print(f"encoder {cfg['encoder']}, predictor {cfg['predictor']}, K = {cfg['hypotheses']} (WTA eps {cfg['wtaRelax']}), "
          f"pixel {cfg['pixel']}, jepa {cfg['jepa']}")
    failures: list[str] = []

    # ---- input checks (exact or float32-rounding level)
    out32, grads32, (grid, s32, enc_table, pred_table) = run(meta, t, torch.float32)
    out64, grads64, _ = run(meta, t, torch.float64)
    sig = meta["sigreg"]
    stride = L.token_stride(cfg["batch"], grid.count, cfg["jepa"]["regularizedTokens"])
    knots, weights = L.epps_pulley_quadrature()
    d = t["sigreg/directions"].double()
    checks = [
        ("tokens (tubelet cut) = ours", rel(s32.tokens, t["input/tokens"])),
        ("encoder position table = ours", rel(L.sincos_positions(grid, cfg["encoder"]["width"]), t["tables/encoder"])),
        ("predictor position table = ours", rel(L.sincos_positions(grid, cfg["predictor"]["width"]), t["tables/predictor"])),
        ("EP knots (float32 export)", rel(t["sigreg/knots"], knots)),
        ("EP weights (float32 export)", rel(t["sigreg/weights"], weights)),
        ("directions have unit columns", (d.norm(dim=0) - 1).abs().max().item()),
    ]
    print("\nInput checks (max relative error; tables and quadrature are float32 exports of float64 values)")
    for name, err in checks:
        ok = err <= 1e-6
        print(f"  {name:36s} {err:9.2e}  {'ok' if ok else 'FAIL'}")
        if not ok:
            failures.append(name)
    ok = stride == sig["stride"] and meta["step"] % stride == sig["offset"]
    print(f"  {'SIGReg token stride / offset':36s} {stride} / {meta['step'] % stride} (ours {sig['stride']} / {sig['offset']}, {sig['rows']} rows)  {'ok' if ok else 'FAIL'}")
    if not ok:
        failures.append("stride")

    # ---- forward
    print("\nForward, no training. rel = max|a - b| / max|b| (b: the second named)")
    header = f"| quantity | shape | max abs ref | ours vs torch f32 | ours vs torch f64 | torch f32 vs f64 | |"
    print(header)
    print("|---|---|---|---|---|---|---|")
    rows = []
    for name in FORWARD_ORDER:
        ours = t[name]
        r32, r64 = out32[name], out64[name]
        if tuple(ours.shape) != tuple(r32.shape):
            # scalars are exported as shape []
            if ours.numel() != r32.numel():
                failures.append(f"{name}: shape {list(ours.shape)} vs {list(r32.shape)}")
                continue
        e32, e64, floor = rel(ours, r32), rel(ours, r64), rel(r32, r64)
        ok = max(e32, e64) <= THRESHOLD
        if not ok:
            failures.append(name)
        shape = "x".join(map(str, r32.shape)) or "scalar"
        extra = f" = {r64.item():.6g}" if r64.numel() == 1 else ""
        print(f"| {name} | {shape} | {r64.abs().max().item():.4g}{extra} | {e32:.1e} | {e64:.1e} | {floor:.1e} | {'ok' if ok else 'FAIL'} |")
        rows.append((name, e32, e64, floor))

    # ---- gradients (extra)
    print("\nGradients of each total (ours: tf.variableGrads with our hand-written gradients; torch: autograd)")
    for kind in ("pixel", "jepa"):
        names = meta["parameterOrder"][kind]
        errs = []
        for n in names:
            ours = t[f"grad/{kind}/{n}"]
            e32, e64, floor = rel(ours, grads32[f"{kind}/{n}"]), rel(ours, grads64[f"{kind}/{n}"]), rel(grads32[f"{kind}/{n}"], grads64[f"{kind}/{n}"])
            errs.append((max(e32, e64), n, e32, e64, floor, grads64[f"{kind}/{n}"].abs().max().item()))
        errs.sort(reverse=True)
        bad = [e for e in errs if e[0] > THRESHOLD]
        failures += [f"grad {kind}/{e[1]}" for e in bad]
        worst = errs if args.all_grads else errs[:5]
        print(f"| {kind}: {len(names)} tensors, worst first | max abs grad (f64) | ours vs f32 | ours vs f64 | f32 vs f64 |")
        print("|---|---|---|---|---|")
        for _, n, e32, e64, floor, scale in worst:
            print(f"| {n} | {scale:.3g} | {e32:.1e} | {e64:.1e} | {floor:.1e} |")
        print(f"  {kind}: {len(bad)} of {len(names)} gradients above {THRESHOLD:g}")

    # ---- one AdamW step (extra)
    if "param_after/pixel/encoder/embed/w" in t:
        print(f"\nOne optimiser step ({cfg['optimizer']['kind']}, lr {cfg['optimizer']['learningRate']}, wd {cfg['optimizer']['weightDecay']}); "
              "error in units of the learning rate, max over all parameters")
        lr = cfg["optimizer"]["learningRate"]
        for kind in ("pixel", "jepa"):
            names = meta["parameterOrder"][kind]
            iteration = meta["optimizerIterations"][kind] + 1
            flat_m, flat_v = t[f"optimizer/{kind}/m"], t[f"optimizer/{kind}/v"]
            sizes = [t[f"param/{kind}/{n}"].numel() for n in names]
            ms = dict(zip(names, torch.split(flat_m, sizes)))
            vs = dict(zip(names, torch.split(flat_v, sizes)))
            # (a) the update formula alone, fed with our own gradients and moments
            ea = 0.0
            for n in names:
                shape = t[f"param/{kind}/{n}"].shape
                new, _, _ = L.adamw_update(t[f"param/{kind}/{n}"], t[f"grad/{kind}/{n}"], ms[n].reshape(shape), vs[n].reshape(shape),
                                           iteration, meta["decays"][f"{kind}/{n}"], cfg["optimizer"])
                ea = max(ea, (new - t[f"param_after/{kind}/{n}"].double()).abs().max().item() / lr)
            # (b) torch.optim with the same moments, on the reference's own float32 gradients
            params = {n: t[f"param/{kind}/{n}"].clone().requires_grad_(True) for n in names}
            decay = {n for n in names if meta["decays"][f"{kind}/{n}"]}
            opt = L.make_optimizer(params, decay, cfg["optimizer"])
            for n in names:
                params[n].grad = grads32[f"{kind}/{n}"].clone()
                if iteration > 1:
                    opt.state[params[n]] = {"step": torch.tensor(float(iteration - 1)),
                                            "exp_avg": ms[n].reshape(params[n].shape).clone(),
                                            "exp_avg_sq": vs[n].reshape(params[n].shape).clone()}
            opt.step()
            diffs = torch.cat([(params[n].detach() - t[f"param_after/{kind}/{n}"]).abs().reshape(-1) for n in names])
            far = int((diffs > 0.01 * lr).sum())
            print(f"  {kind} (update {iteration}): ours vs the formula on our gradients and moments: {ea:.1e} lr;  "
                  f"vs torch.optim.{type(opt).__name__} on torch's gradients: max {diffs.max().item() / lr:.1e} lr "
                  f"({far} of {diffs.numel()} elements differ by > 0.01 lr)")
            if ea > 1e-3:
                failures.append(f"{kind} optimiser update")

    print()
    if failures:
        print(f"FAIL: {len(failures)} above threshold: {', '.join(failures)}")
        return 1
    print(f"PASS: every forward quantity and gradient within {THRESHOLD:g} relative of the float32 and float64 references; optimiser update within 1e-3 lr")
    return 0


if __name__ == "__main__":
    sys.exit(main())
