"""Equikern's NequIP model written with e3nn 0.5.6 + PyTorch (float64), as NequIP builds it, loading
Equikern's weights: the reference of org.equikern.model.NequipReferenceTest, and the PyTorch side of
the training-step benchmark (bench/oracle/nequip-step.sh).

Run from the repository root:
  ../shared/oracle/run bench/oracle/nequip_reference.py CONFIG.yaml WEIGHTS.safetensors OUT.safetensors
      writes energies, forces, the loss and d loss / d parameter for every parameter (float64)
  ../shared/oracle/run bench/oracle/nequip_reference.py CONFIG.yaml WEIGHTS.safetensors --bench=STEPS[:THREADS]
      times STEPS training steps (forward, forces with create_graph, loss gradient, Adam step) on the
      whole data set as one batch, on THREADS threads (default: every core); prints one line per step
      and the peak RSS

The model follows NequIP's ConvNetLayer and InteractionBlock: one-hot species -> o3.Linear embedding;
per edge, spherical harmonics (component normalization, normalized vectors, edge vector from the
centre to the neighbour) and NequIP's Bessel basis (2/r_max prefactor, frequencies n*pi fixed) times
the polynomial envelope; per layer, linear_1, a 'uvu' TensorProduct with per-edge weights from a
FullyConnectedNet(silu), scatter-sum over the centre divided by sqrt(avg_num_neighbors), linear_2,
plus the self-connection FullyConnectedTensorProduct(features, one-hot), then the Gate with NequIP's
{e: silu, o: tanh} on scalars and gates; a linear readout to 1x0e, times global_scale plus the
species' shift, summed per structure. Neighbours come from ase.neighborlist (not from Equikern).
Differences from NequIP itself (not from Equikern): NequIP trains the Bessel frequencies and reads
out through two linears (num_features//2 x0e, then 1x0e); Equikern keeps the frequencies fixed and
has one readout.
"""
import json
import os
import resource
import struct
import sys
import time

import numpy as np
import torch
import yaml
from ase.io import read
from ase.neighborlist import neighbor_list
from e3nn import o3
from e3nn.nn import FullyConnectedNet, Gate

torch.set_default_dtype(torch.float64)

ACTS = {1: torch.nn.functional.silu, -1: torch.tanh}   # NequIP's {e: silu, o: tanh}


# ---------------------------------------------------------------- safetensors (F64 only)
def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    base = 8 + n
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        if meta["dtype"] != "F64":
            raise ValueError(f"{path}: tensor {name} is {meta['dtype']}, expected F64")
        b, e = meta["data_offsets"]
        out[name] = np.frombuffer(raw[base + b:base + e], dtype="<f8").reshape(meta["shape"]).copy()
    return out


def write_safetensors(path, tensors, metadata):
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f8")
        header[name] = {"dtype": "F64", "shape": list(data.shape), "data_offsets": [offset, offset + data.nbytes]}
        blobs.append(data.tobytes())
        offset += data.nbytes
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


# ---------------------------------------------------------------- the model
def tp_path_exists(irreps_in1, irreps_in2, ir_out):
    ir_out = o3.Irrep(ir_out)
    return any(ir_out in ir1 * ir2 for _, ir1 in o3.Irreps(irreps_in1) for _, ir2 in o3.Irreps(irreps_in2))


class RadialEmbedding(torch.nn.Module):
    """NequIP's BesselBasis (frequencies not trained) times its PolynomialCutoff."""

    def __init__(self, r_max, num_basis, p):
        super().__init__()
        self.r_max, self.p = r_max, p
        self.register_buffer("freq", torch.arange(1, num_basis + 1) * np.pi)

    def forward(self, r):
        bessel = 2.0 / self.r_max * torch.sin(self.freq * r[:, None] / self.r_max) / r[:, None]
        x, p = r / self.r_max, self.p
        env = 1 - (p + 1) * (p + 2) / 2 * x ** p + p * (p + 2) * x ** (p + 1) - p * (p + 1) / 2 * x ** (p + 2)
        return bessel * (env * (x < 1))[:, None]


class Interaction(torch.nn.Module):
    """NequIP's ConvNetLayer around its InteractionBlock (self-connection on, no resnet)."""

    def __init__(self, irreps_in, irreps_sh, hidden, species, cfg):
        super().__init__()
        scalars = o3.Irreps([(m, ir) for m, ir in hidden if ir.l == 0 and tp_path_exists(irreps_in, irreps_sh, ir)])
        gated = o3.Irreps([(m, ir) for m, ir in hidden if ir.l > 0 and tp_path_exists(irreps_in, irreps_sh, ir)])
        gate_ir = "0e" if tp_path_exists(irreps_in, irreps_sh, "0e") else "0o"
        gates = o3.Irreps([(m, gate_ir) for m, _ in gated])
        self.gate = Gate(scalars, [ACTS[ir.p] for _, ir in scalars], gates, [ACTS[ir.p] for _, ir in gates], gated)
        conv_out = self.gate.irreps_in.simplify()
        self.linear_1 = o3.Linear(irreps_in, irreps_in)
        mid, instructions = [], []
        for i, (mul, ir_in) in enumerate(irreps_in):
            for j, (_, ir_edge) in enumerate(irreps_sh):
                for ir_out in ir_in * ir_edge:
                    if ir_out in conv_out or ir_out == o3.Irrep(0, 1):
                        instructions.append((i, j, len(mid), "uvu", True))
                        mid.append((mul, ir_out))
        mid, perm, _ = o3.Irreps(mid).sort()
        instructions = [(i, j, perm[k], mode, train) for i, j, k, mode, train in instructions]
        self.tp = o3.TensorProduct(irreps_in, irreps_sh, mid, instructions, shared_weights=False,
                                   internal_weights=False)
        hs = [cfg["num_basis"]] + cfg["invariant_layers"] * [cfg["invariant_neurons"]] + [self.tp.weight_numel]
        self.radial_mlp = FullyConnectedNet(hs, torch.nn.functional.silu)
        self.linear_2 = o3.Linear(mid.simplify(), conv_out)
        self.self_connection = o3.FullyConnectedTensorProduct(irreps_in, o3.Irreps(f"{species}x0e"), conv_out)
        self.norm = cfg["avg_num_neighbors"] ** 0.5
        self.irreps_out = self.gate.irreps_out

    def forward(self, x, one_hot, sh, radial, centre, neighbour):
        sc = self.self_connection(x, one_hot)
        h = self.linear_1(x)
        messages = self.tp(h[neighbour], sh, self.radial_mlp(radial))
        h = torch.zeros(len(x), messages.shape[1], dtype=x.dtype).index_add(0, centre, messages) / self.norm
        return self.gate(self.linear_2(h) + sc)


class Nequip(torch.nn.Module):
    def __init__(self, cfg):
        super().__init__()
        lmax, species = cfg["l_max"], len(cfg["chemical_symbols"])
        self.irreps_sh = o3.Irreps.spherical_harmonics(lmax)
        parities = (1, -1) if cfg["parity"] else (None,)
        hidden = o3.Irreps([(cfg["num_features"], (l, p if p is not None else (-1) ** l))
                            for p in parities for l in range(lmax + 1)])
        self.radial = RadialEmbedding(cfg["r_max"], cfg["num_basis"], cfg["PolynomialCutoff_p"])
        features = o3.Irreps(f"{cfg['num_features']}x0e")
        self.embedding = o3.Linear(o3.Irreps(f"{species}x0e"), features)
        self.layers = torch.nn.ModuleList()
        for _ in range(cfg["num_layers"]):
            layer = Interaction(features, self.irreps_sh, hidden, species, cfg)
            self.layers.append(layer)
            features = layer.irreps_out
        self.readout = o3.Linear(features, o3.Irreps("1x0e"))
        self.register_buffer("shifts", torch.tensor(cfg["per_species_shifts"], dtype=torch.float64))
        self.scale = cfg["global_scale"]

    def forward(self, graph, positions):
        vec = positions[graph["neighbour"]] - positions[graph["centre"]] + graph["shift"]
        sh = o3.spherical_harmonics(self.irreps_sh, vec, normalize=True, normalization="component")
        radial = self.radial(vec.norm(dim=1))
        x = self.embedding(graph["one_hot"])
        for layer in self.layers:
            x = layer(x, graph["one_hot"], sh, radial, graph["centre"], graph["neighbour"])
        atom_energy = self.scale * self.readout(x)[:, 0] + self.shifts[graph["species"]]
        return torch.zeros(graph["structures"]).index_add(0, graph["structure"], atom_energy)

    def weight(self, name):
        """The tensor of Equikern's parameter `name` (e3nn's names, 'layers.0.radial_mlp.layer1.weight')."""
        return self.get_parameter(name)


def equikern_names(model):
    """The trainable tensors, named as Equikern names its parameters (e3nn's empty biases left out)."""
    return [n for n, p in model.named_parameters() if p.requires_grad and p.numel() > 0]


# ---------------------------------------------------------------- data and loss
def batch(config, frames):
    symbols = config["model"]["chemical_symbols"]
    centre, neighbour, shift, structure, species, offset = [], [], [], [], [], 0
    for k, atoms in enumerate(frames):
        i, j, S = neighbor_list("ijS", atoms, config["r_max"])
        centre.append(i + offset)
        neighbour.append(j + offset)
        shift.append(S @ atoms.cell.array)
        structure += [k] * len(atoms)
        species += [symbols.index(s) for s in atoms.get_chemical_symbols()]
        offset += len(atoms)
    species = torch.tensor(species)
    return {
        "centre": torch.tensor(np.concatenate(centre)), "neighbour": torch.tensor(np.concatenate(neighbour)),
        "shift": torch.tensor(np.concatenate(shift)), "structure": torch.tensor(structure),
        "species": species, "one_hot": torch.nn.functional.one_hot(species, len(symbols)).to(torch.float64),
        "structures": len(frames), "atoms": torch.tensor([len(a) for a in frames], dtype=torch.float64),
        "positions": torch.tensor(np.concatenate([a.positions for a in frames])),
        "energy": torch.tensor([a.get_potential_energy() for a in frames]),
        "forces": torch.tensor(np.concatenate([a.get_forces() for a in frames])),
    }


def energies_forces_loss(model, graph, coeffs):
    """org.equikern.train.EnergyForceLoss (MSE): w_E mean_s ((E_s - E_s^ref)/n_s)^2 + w_F mean (F - F^ref)^2."""
    positions = graph["positions"].clone().requires_grad_(True)
    energy = model(graph, positions)
    forces = -torch.autograd.grad(energy.sum(), positions, create_graph=True)[0]
    loss = (coeffs["energy"] * (((energy - graph["energy"]) / graph["atoms"]) ** 2).mean()
            + coeffs["forces"] * ((forces - graph["forces"]) ** 2).mean())
    return energy, forces, loss


def load(config_path, weights_path):
    with open(config_path) as f:
        config = yaml.safe_load(f)
    cfg = dict(config["model"], r_max=config["r_max"])
    model = Nequip(cfg)
    weights = read_safetensors(weights_path)
    names = equikern_names(model)
    if sorted(names) != sorted(weights):
        raise ValueError(f"parameters differ: e3nn {sorted(names)}, file {sorted(weights)}")
    with torch.no_grad():
        for name in names:
            p = model.weight(name)
            p.copy_(torch.from_numpy(weights[name]).reshape(p.shape))
    data_file = config["dataset_file_name"]
    frames = read(os.path.join(os.path.dirname(os.path.abspath(config_path)), data_file), ":")
    return config, model, batch(config, frames)


def reference(config, model, graph, out_path):
    energy, forces, loss = energies_forces_loss(model, graph, config["loss_coeffs"])
    names = equikern_names(model)
    grads = torch.autograd.grad(loss, [model.weight(n) for n in names])
    tensors = {"energies": energy.detach().numpy(), "forces": forces.detach().numpy().reshape(-1),
               "loss": np.array([loss.item()]), "edges": np.array([float(len(graph["centre"]))])}
    for n, g in zip(names, grads):
        tensors["grad." + n] = g.numpy().reshape(-1)
    write_safetensors(out_path, tensors, {"generator": "bench/oracle/nequip_reference.py",
                                          "e3nn": __import__("e3nn").__version__, "torch": torch.__version__})
    print(f"{len(graph['centre'])} edges, loss {loss.item():.17g}, wrote {out_path}")


def bench(config, model, graph, steps, threads):
    """Adam steps on the whole data set as one batch on `threads` threads; per step the wall time and the
    process's CPU time (all threads); the first step (warm-up) is timed too."""
    torch.set_num_threads(threads)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.get("learning_rate", 0.01))
    for s in range(steps):
        start, cpu_start = time.perf_counter(), time.process_time()
        optimizer.zero_grad()
        _, _, loss = energies_forces_loss(model, graph, config["loss_coeffs"])
        loss.backward()
        optimizer.step()
        print(f"step {s} {1e3 * (time.perf_counter() - start):.3f} ms "
              f"cpu {1e3 * (time.process_time() - cpu_start):.3f} ms loss {loss.item():.6g}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB, "
          f"{torch.get_num_threads()} threads, {len(graph['centre'])} edges, "
          f"{sum(p.numel() for p in model.parameters())} weights")


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    config, model, graph = load(argv[1], argv[2])
    if argv[3].startswith("--bench="):
        steps, _, threads = argv[3][len("--bench="):].partition(":")
        bench(config, model, graph, int(steps), int(threads) if threads else os.cpu_count())
    else:
        reference(config, model, graph, argv[3])


if __name__ == "__main__":
    main(sys.argv)
