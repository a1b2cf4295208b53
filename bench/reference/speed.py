"""Training-step speed of the PyTorch reference learners on the CPU.

    /usr/bin/python3 bench/reference/speed.py --batch 32 [--threads 2] [--repeats 7]
    /usr/bin/python3 bench/reference/speed.py --batch 8,32,128 --threads 1,2 --size default,large --matmul aten,onednn

One training step = build the step's inputs from a clip batch (tubelet cut, gather of context and
target tokens, SIGReg directions for the JEPA), forward, backward, and one torch.optim.AdamW update
with the settings of models/adamw.ts (lr 1e-3, betas 0.9/0.999, eps 1e-8, weight decay 0.05 on
linear weights only). Timed for the pixel learner alone, the JEPA alone, and the race (both on the
same inputs, as models/race-trainer.ts does). Warm-up steps are excluded; then `repeats` timings
of `steps-per-repeat` steps each; the table gives the median and min–max in ms per step.

Not included (unlike `npm run bench:race`): rendering the scene (clips here are random, fixed per
step from a small pool) and any readout of losses. Weights are random (the TS init: trunc-normal
0.02, zeros, ones); the mask has the default multi-block counts (28 context / 36 target tokens of
64). Sizes: default = encoder width 32 depth 2 heads 2, predictor width 32 depth 1 (RACE_DEFAULTS);
large = encoder width 64 depth 4 heads 4, predictor width 64 depth 2 heads 4 (--large-* flags).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import learners as L  # noqa: E402

OPTIMIZER = {"kind": "adamw", "learningRate": 1e-3, "weightDecay": 0.05, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def ints(text: str) -> list[int]:
    return [int(v) for v in text.split(",") if v]


class Race:
    """Both learners with their optimisers on one grid and one mask."""

    def __init__(self, enc: L.Size, pred: L.Size, batch: int, seed: int = 1, slices: int = 256,
                 regularized_tokens: int = 256, lam: float = 0.05, wta_relax: float = 0.05):
        self.grid = L.Grid(8, 32, 32, 2, 8, 8)
        self.batch, self.slices, self.enc = batch, slices, enc
        g = torch.Generator().manual_seed(seed)
        n = self.grid.count
        perm = torch.randperm(n, generator=g)
        self.target = perm[:36].sort().values   # default multi-block counts: 36 of 64 hidden
        self.context = perm[36:].sort().values
        self.enc_table = L.sincos_positions(self.grid, enc.width).float()
        self.pred_table = L.sincos_positions(self.grid, pred.width).float()
        # A small pool of clip batches, used in turn (sparse bright pixels, like balls on black).
        self.pool = [(torch.rand(batch, 8, 32, 32, generator=g) > 0.97).float() for _ in range(4)]
        pp, pd = L.init_params(enc, pred, self.grid.patch_size, self.grid.patch_size, 1, None, seed * 10 + 1)
        jp, jd = L.init_params(enc, pred, self.grid.patch_size, enc.width, 1, None, seed * 10 + 2)
        for p in (pp, jp):
            for v in p.values():
                v.requires_grad_(True)
        self.pixel = L.PixelLearner(pp, enc, pred, self.grid.patch_size, wta_relax=wta_relax)
        self.jepa = L.JepaLearner(jp, enc, pred, wta_relax=wta_relax, lam=lam, regularized_tokens=regularized_tokens)
        self.opt = {"pixel": L.make_optimizer(pp, pd, OPTIMIZER), "jepa": L.make_optimizer(jp, jd, OPTIMIZER)}
        self.gen = torch.Generator().manual_seed(seed + 99)
        self.step_number = 0

    def parameter_counts(self) -> dict:
        return {k: sum(v.numel() for v in l.p.values()) for k, l in (("pixel", self.pixel), ("jepa", self.jepa))}

    def step(self, which: tuple[str, ...]) -> None:
        self.step_number += 1
        clips = self.pool[self.step_number % len(self.pool)]
        s = L.step_inputs(clips, self.grid, self.context, self.target, self.enc_table, self.pred_table)
        if "pixel" in which:
            opt = self.opt["pixel"]
            opt.zero_grad(set_to_none=True)
            total, _ = self.pixel.losses(s, self.step_number)
            total.backward()
            opt.step()
        if "jepa" in which:
            opt = self.opt["jepa"]
            opt.zero_grad(set_to_none=True)
            directions = L.sigreg_directions(self.enc.width, self.slices, self.gen)
            total, _ = self.jepa.losses(s, self.step_number, directions)
            total.backward()
            opt.step()


def time_steps(race: Race, which: tuple[str, ...], repeats: int, per_repeat: int, warmup: int) -> tuple[list[float], list[float]]:
    """Wall-clock and process-CPU ms per step of each repeat (CPU time sums all threads)."""
    for _ in range(warmup):
        race.step(which)
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(per_repeat):
            race.step(which)
        wall.append((time.perf_counter() - start) * 1000 / per_repeat)
        cpu.append((time.process_time() - start_cpu) * 1000 / per_repeat)
    return wall, cpu


def load_average() -> list[float]:
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except OSError:
        return []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--batch", default="8,32,128", help="comma-separated batch sizes (default 8,32,128)")
    ap.add_argument("--threads", default=str(torch.get_num_threads()), help="comma-separated torch intra-op thread counts (default: torch's)")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--steps-per-repeat", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--size", default="default,large", help="default, large or both (comma-separated)")
    ap.add_argument("--large-width", type=int, default=64)
    ap.add_argument("--large-depth", type=int, default=4)
    ap.add_argument("--large-heads", type=int, default=4)
    ap.add_argument("--large-predictor-depth", type=int, default=2)
    ap.add_argument("--learners", default="pixel,jepa,race", help="which timings: pixel, jepa, race")
    ap.add_argument("--matmul", default="aten", help="aten, onednn or both (comma-separated): how dense products run, see learners.MATMUL")
    args = ap.parse_args()
    if args.repeats < 5:
        print("note: fewer than 5 repeats", file=sys.stderr)
    torch.set_num_interop_threads(1)
    sizes = {
        "default": (L.Size(32, 2, 2, 2), L.Size(32, 1, 2, 2)),
        "large": (L.Size(args.large_width, args.large_depth, args.large_heads, 2),
                  L.Size(args.large_width, args.large_predictor_depth, args.large_heads, 2)),
    }
    modes = {"pixel": ("pixel",), "jepa": ("jepa",), "race": ("pixel", "jepa")}
    results = []
    load_before = load_average()
    print(f"torch {torch.__version__}, {cpu_name()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"warm-up {args.warmup}, {args.repeats} repeats x {args.steps_per_repeat} steps; load average {load_before}")
    print("| size | matmul | threads | batch | learner | params | median ms/step | min - max | CPU ms/step (median) | load (1 min) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size_name in [s for s in args.size.split(",") if s]:
        enc, pred = sizes[size_name]
        for matmul in [m for m in args.matmul.split(",") if m]:
            L.MATMUL = matmul
            for threads in ints(args.threads):
                torch.set_num_threads(threads)
                for batch in ints(args.batch):
                    for mode in [m for m in args.learners.split(",") if m]:
                        race = Race(enc, pred, batch)
                        wall, cpu = time_steps(race, modes[mode], args.repeats, args.steps_per_repeat, args.warmup)
                        counts = race.parameter_counts()
                        params = sum(counts[k] for k in modes[mode])
                        r = {"size": size_name, "encoder": vars(enc), "predictor": vars(pred), "matmul": matmul, "threads": threads,
                             "batch": batch, "learner": mode, "parameters": params, "median_ms": statistics.median(wall),
                             "min_ms": min(wall), "max_ms": max(wall), "cpu_median_ms": statistics.median(cpu),
                             "repeats": args.repeats, "steps_per_repeat": args.steps_per_repeat, "load_1min": (load_average() or [None])[0]}
                        results.append(r)
                        print(f"| {size_name} | {matmul} | {threads} | {batch} | {mode} | {params:,} | {r['median_ms']:.1f} | "
                              f"{r['min_ms']:.1f} - {r['max_ms']:.1f} | {r['cpu_median_ms']:.1f} | {r['load_1min']} |", flush=True)
    print(json.dumps({"torch": torch.__version__, "blas": "generic" if "BLAS_INFO=generic" in torch.__config__.show() else "see torch.__config__",
                      "threads": ints(args.threads), "cpu": cpu_name(), "cpus": os.cpu_count(), "python": platform.python_version(),
                      "warmup": args.warmup, "load_average_before": load_before, "load_average_after": load_average(), "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
