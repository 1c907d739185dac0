"""Reference trajectories for org.equikern.train, computed with PyTorch in float64.

Run from the project root:  ../shared/oracle/run test-data/generators/torch_optim.py
Writes test-data/train/torch_optim.ref.txt (JSON; named .txt so the e3nn harness, which reads every
*.json under test-data/, leaves it alone). Floats are written with repr, which round-trips exactly.

Sections:
  problem     two parameters w [2,3] and b [3], their initial values, and a fixed gradient per step
  optimizers  torch.optim.{Adam,AdamW,SGD} run for `steps` steps; `params` holds w then b after
              every step (steps x 9 values, flat)
  plateau     torch.optim.lr_scheduler.ReduceLROnPlateau stepped over `metrics`; `lr` after each
  cosine      LambdaLR with the cosine-with-linear-warm-up factor (transformers'
              get_cosine_with_min_lr_schedule_with_warmup, progress clamped at 1); `lr` at steps 0..n-1
  ema         torch_ema.ExponentialMovingAverage.update (re-typed here: torch_ema is not installed),
              shadow after each update of the parameter sequence `values`
  clip        torch.nn.utils.clip_grad_norm_ (total norm, clipped grads) and clip_grad_value_
  loss        weighted energy-per-atom + force loss (MSE, or torch.nn.HuberLoss with delta),
              mean reduction; value and autograd gradients w.r.t. predicted energies and forces
  metrics     energy MAE/RMSE per atom and force MAE/RMSE (component-wise) over two batches
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)
STEPS = 20
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train", "torch_optim.ref.txt")


def flat(ts):
    return [float(v) for t in ts for v in t.detach().reshape(-1).tolist()]


gen = torch.Generator().manual_seed(13)
w0 = torch.randn(2, 3, generator=gen)
b0 = torch.randn(3, generator=gen)
grads = [(torch.randn(2, 3, generator=gen), torch.randn(3, generator=gen)) for _ in range(STEPS)]
# Make a few gradient entries exactly zero and one large, so amsgrad's maximum and the
# zero-gradient branches are exercised.
grads[3][1][1] = 0.0
grads[7][0][0, 2] = 25.0

problem = {"shapes": {"w": [2, 3], "b": [3]}, "initial": flat([w0, b0]),
           "grads": [flat(g) for g in grads], "steps": STEPS}


def run_optimizer(kind, options):
    w = w0.clone().requires_grad_(True)
    b = b0.clone().requires_grad_(True)
    cls = {"adam": torch.optim.Adam, "adamw": torch.optim.AdamW, "sgd": torch.optim.SGD}[kind]
    opt = cls([w, b], **options)
    out = []
    for gw, gb in grads:
        w.grad = gw.clone()
        b.grad = gb.clone()
        opt.step()
        out.append(flat([w, b]))
    return out


configs = [
    ("adam", {"lr": 1e-3}),
    ("adam", {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-6}),
    ("adam", {"lr": 0.01, "weight_decay": 0.1}),
    ("adam", {"lr": 0.01, "amsgrad": True}),
    ("adam", {"lr": 0.02, "weight_decay": 0.05, "amsgrad": True}),
    ("adamw", {"lr": 1e-3}),
    ("adamw", {"lr": 0.01, "weight_decay": 0.1}),
    ("adamw", {"lr": 0.02, "weight_decay": 0.3, "amsgrad": True, "betas": (0.85, 0.98)}),
    ("sgd", {"lr": 0.01}),
    ("sgd", {"lr": 0.01, "momentum": 0.9}),
    ("sgd", {"lr": 0.02, "momentum": 0.8, "dampening": 0.1, "weight_decay": 0.01}),
    ("sgd", {"lr": 0.01, "momentum": 0.9, "nesterov": True, "weight_decay": 0.001}),
]
optimizers = []
for kind, options in configs:
    opts = dict(options)
    if "betas" in opts:
        opts["betas"] = list(opts["betas"])
    optimizers.append({"kind": kind, "options": opts, "params": run_optimizer(kind, options)})

metrics = [1.0, 0.9, 0.95, 0.9, 0.91, 0.92, 0.93, 0.5, 0.49999, 0.5, 0.51, 0.52, 0.53, 0.54,
           0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.29, 0.28, 0.28, 0.28, 0.28, 0.28,
           0.28, 0.28, 0.28, 0.28, 0.28, 0.28, 0.28, 0.28, 0.28, 0.28]
plateau_configs = [
    {"mode": "min", "factor": 0.1, "patience": 10, "threshold": 1e-4, "threshold_mode": "rel",
     "cooldown": 0, "min_lr": 0.0, "eps": 1e-8},
    {"mode": "min", "factor": 0.5, "patience": 2, "threshold": 1e-4, "threshold_mode": "rel",
     "cooldown": 0, "min_lr": 0.0, "eps": 1e-8},
    {"mode": "min", "factor": 0.5, "patience": 1, "threshold": 0.015, "threshold_mode": "abs",
     "cooldown": 2, "min_lr": 0.02, "eps": 1e-8},
    {"mode": "max", "factor": 0.8, "patience": 3, "threshold": 0.01, "threshold_mode": "rel",
     "cooldown": 1, "min_lr": 0.0, "eps": 1e-8},
    {"mode": "min", "factor": 0.9, "patience": 0, "threshold": 0.0, "threshold_mode": "rel",
     "cooldown": 0, "min_lr": 0.0, "eps": 0.05},
]
plateau = []
for cfg in plateau_configs:
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.1)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **cfg)
    lrs = []
    for m in metrics:
        sched.step(m)
        lrs.append(opt.param_groups[0]["lr"])
    plateau.append({"options": cfg, "initial_lr": 0.1, "lr": lrs})


def cosine_factor(step, warmup, total, min_lr_rate):
    if step < warmup:
        return float(step) / float(max(1, warmup))
    progress = min(1.0, float(step - warmup) / float(max(1, total - warmup)))
    factor = 0.5 * (1.0 + math.cos(math.pi * progress))
    return factor * (1.0 - min_lr_rate) + min_lr_rate


cosine = []
for base, warmup, total, min_lr in [(0.01, 5, 20, 1e-4), (0.003, 0, 12, 0.0), (1.0, 3, 4, 0.5)]:
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s, w=warmup, t=total, m=min_lr / base: cosine_factor(s, w, t, m))
    lrs = []
    for _ in range(total + 5):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    cosine.append({"base_lr": base, "warmup_steps": warmup, "total_steps": total, "min_lr": min_lr,
                   "lr": lrs})


def ema_run(decay, use_num_updates, values):
    shadow = [t.clone() for t in values[0]]
    num_updates = 0 if use_num_updates else None
    out = []
    for params in values[1:]:
        d = decay
        if num_updates is not None:
            num_updates += 1
            d = min(decay, (1 + num_updates) / (10 + num_updates))
        one_minus_decay = 1.0 - d
        for s, p in zip(shadow, params):
            tmp = s - p
            tmp.mul_(one_minus_decay)
            s.sub_(tmp)
        out.append(flat(shadow))
    return out


ema_values = [(torch.randn(2, 3, generator=gen), torch.randn(3, generator=gen)) for _ in range(16)]
ema = {"values": [flat(v) for v in ema_values],
       "runs": [{"decay": d, "use_num_updates": u, "shadow": ema_run(d, u, ema_values)}
                for d, u in [(0.99, True), (0.9, False), (0.5, True)]]}

clip = []
for scale, max_norm in [(1.0, 1.0), (0.1, 5.0), (3.0, 0.5), (0.0, 1.0)]:
    gw = torch.randn(2, 3, generator=gen) * scale
    gb = torch.randn(3, generator=gen) * scale
    w = torch.zeros(2, 3, requires_grad=True)
    b = torch.zeros(3, requires_grad=True)
    w.grad, b.grad = gw.clone(), gb.clone()
    total = torch.nn.utils.clip_grad_norm_([w, b], max_norm)
    clipped = flat([w.grad, b.grad])
    w.grad, b.grad = gw.clone(), gb.clone()
    torch.nn.utils.clip_grad_value_([w, b], 0.3)
    clip.append({"grads": flat([gw, gb]), "max_norm": max_norm, "total_norm": float(total),
                 "clipped": clipped, "clip_value": 0.3, "value_clipped": flat([w.grad, b.grad])})

num_atoms = torch.tensor([3.0, 5.0, 1.0, 4.0])
ref_e = torch.tensor([-10.0, -17.5, -2.0, -13.0])
pred_e0 = ref_e + torch.tensor([0.6, -3.0, 0.05, 0.9])
ref_f = torch.randn(13, 3, generator=gen)
pred_f0 = ref_f + torch.randn(13, 3, generator=gen) * 0.7
loss = []
for energy_weight, forces_weight, huber in [(1.0, 1.0, None), (0.25, 10.0, None), (1.0, 100.0, 0.01),
                                             (2.0, 1.0, 0.3), (0.0, 1.0, 1.5)]:
    pe = pred_e0.clone().requires_grad_(True)
    pf = pred_f0.clone().requires_grad_(True)
    if huber is None:
        crit = torch.nn.MSELoss()
    else:
        crit = torch.nn.HuberLoss(delta=huber)
    value = energy_weight * crit(pe / num_atoms, ref_e / num_atoms) + forces_weight * crit(pf, ref_f)
    value.backward()
    loss.append({"energy_weight": energy_weight, "forces_weight": forces_weight, "huber_delta": huber,
                 "value": float(value), "grad_energy": flat([pe.grad]), "grad_forces": flat([pf.grad])})
loss_problem = {"num_atoms": [int(n) for n in num_atoms.tolist()], "ref_energy": flat([ref_e]),
                "pred_energy": flat([pred_e0]), "ref_forces": flat([ref_f]), "pred_forces": flat([pred_f0])}

# Metrics over two batches: structures 0-1 (atoms 0-7), then structures 2-3 (atoms 8-12).
de = ((pred_e0 - ref_e) / num_atoms)
df = (pred_f0 - ref_f).reshape(-1)
metric_values = {"energy_mae_per_atom": float(de.abs().mean()),
                 "energy_rmse_per_atom": float(de.square().mean().sqrt()),
                 "forces_mae": float(df.abs().mean()), "forces_rmse": float(df.square().mean().sqrt())}

doc = {"source": "PyTorch %s, float64, test-data/generators/torch_optim.py" % torch.__version__,
       "problem": problem, "optimizers": optimizers, "plateau": {"metrics": metrics, "runs": plateau},
       "cosine": cosine, "ema": ema, "clip": clip,
       "loss": {"problem": loss_problem, "cases": loss}, "metrics": metric_values}
with open(OUT, "w") as f:
    json.dump(doc, f, indent=None, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.normpath(OUT))
