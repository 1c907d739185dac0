"""What bench/oracle/nequip_reference.py and bench/oracle/mace_reference.py share: float64 safetensors I/O,
NequIP's radial embedding, the convolution tensor product of NequIP and MACE, the batch of a data set with
ASE's neighbour list, Equikern's energy+force loss, loading Equikern's weights, and the two actions of both
scripts (write the reference tensors, or time training steps).

A model module gives `build(cfg)` (a torch.nn.Module whose forward(graph, positions) returns the energy
of each structure and whose trainable parameters carry Equikern's names) and calls `main(sys.argv, build,
__doc__)`.
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

torch.set_default_dtype(torch.float64)


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


# ---------------------------------------------------------------- shared pieces of the models
def tp_path_exists(irreps_in1, irreps_in2, ir_out):
    ir_out = o3.Irrep(ir_out)
    return any(ir_out in ir1 * ir2 for _, ir1 in o3.Irreps(irreps_in1) for _, ir2 in o3.Irreps(irreps_in2))


class RadialEmbedding(torch.nn.Module):
    """The Bessel basis prefactor * sin(n pi r / r_max) / r (frequencies not trained) times the polynomial
    envelope of exponent p; the prefactor is NequIP's 2/r_max or MACE's sqrt(2/r_max)."""

    def __init__(self, r_max, num_basis, p, prefactor):
        super().__init__()
        self.r_max, self.p, self.prefactor = r_max, p, prefactor
        self.register_buffer("freq", torch.arange(1, num_basis + 1) * np.pi)

    def forward(self, r):
        bessel = self.prefactor * torch.sin(self.freq * r[:, None] / self.r_max) / r[:, None]
        x, p = r / self.r_max, self.p
        env = 1 - (p + 1) * (p + 2) / 2 * x ** p + p * (p + 2) * x ** (p + 1) - p * (p + 1) / 2 * x ** (p + 2)
        return bessel * (env * (x < 1))[:, None]


def convolution_tp(irreps_in, irreps_sh, keep):
    """The convolution product of NequIP and MACE: a 'uvu' path from every (feature block, harmonic) to every
    irrep `keep(ir)` accepts, each path its own output block, blocks sorted by irrep, weights per edge.
    Returns the TensorProduct and its simplified output irreps (irreps_mid)."""
    mid, instructions = [], []
    for i, (mul, ir_in) in enumerate(irreps_in):
        for j, (_, ir_edge) in enumerate(irreps_sh):
            for ir_out in ir_in * ir_edge:
                if keep(ir_out):
                    instructions.append((i, j, len(mid), "uvu", True))
                    mid.append((mul, ir_out))
    mid, perm, _ = o3.Irreps(mid).sort()
    instructions = [(i, j, perm[k], mode, train) for i, j, k, mode, train in instructions]
    tp = o3.TensorProduct(irreps_in, irreps_sh, mid, instructions, shared_weights=False, internal_weights=False)
    return tp, mid.simplify()


def edge_features(graph, positions, irreps_sh, radial):
    """Spherical harmonics (component normalization, normalized edge vectors from the centre to the neighbour)
    and radial features of every edge."""
    vec = positions[graph["neighbour"]] - positions[graph["centre"]] + graph["shift"]
    sh = o3.spherical_harmonics(irreps_sh, vec, normalize=True, normalization="component")
    return sh, radial(vec.norm(dim=1))


def scatter_sum(values, index, rows):
    return torch.zeros(rows, values.shape[1], dtype=values.dtype).index_add(0, index, values)


def structure_energies(graph, atom_energy):
    return torch.zeros(graph["structures"]).index_add(0, graph["structure"], atom_energy)


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


def load(config_path, weights_path, build):
    """The configuration, the model `build(cfg)` with Equikern's weights, and the configuration's data set as
    one batch; cfg is the model section with the top-level r_max and the weights file's path."""
    with open(config_path) as f:
        config = yaml.safe_load(f)
    cfg = dict(config["model"], r_max=config["r_max"], weights_path=weights_path)
    model = build(cfg)
    weights = read_safetensors(weights_path)
    names = equikern_names(model)
    if sorted(names) != sorted(weights):
        raise ValueError(f"parameters differ: e3nn {sorted(names)}, file {sorted(weights)}")
    with torch.no_grad():
        for name in names:
            p = model.get_parameter(name)
            p.copy_(torch.from_numpy(weights[name]).reshape(p.shape))
    data_file = config["dataset_file_name"]
    frames = read(os.path.join(os.path.dirname(os.path.abspath(config_path)), data_file), ":")
    return config, model, batch(config, frames)


# ---------------------------------------------------------------- the two actions
def reference(config, model, graph, out_path, generator):
    energy, forces, loss = energies_forces_loss(model, graph, config["loss_coeffs"])
    names = equikern_names(model)
    grads = torch.autograd.grad(loss, [model.get_parameter(n) for n in names])
    tensors = {"energies": energy.detach().numpy(), "forces": forces.detach().numpy().reshape(-1),
               "loss": np.array([loss.item()]), "edges": np.array([float(len(graph["centre"]))])}
    for n, g in zip(names, grads):
        tensors["grad." + n] = g.numpy().reshape(-1)
    write_safetensors(out_path, tensors, {"generator": generator,
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


def main(argv, build, usage):
    """argv: SCRIPT CONFIG.yaml WEIGHTS.safetensors (OUT.safetensors | --bench=STEPS[:THREADS])."""
    if len(argv) != 4:
        sys.exit(usage)
    config, model, graph = load(argv[1], argv[2], build)
    if argv[3].startswith("--bench="):
        steps, _, threads = argv[3][len("--bench="):].partition(":")
        bench(config, model, graph, int(steps), int(threads) if threads else os.cpu_count())
    else:
        reference(config, model, graph, argv[3], "bench/oracle/" + os.path.basename(argv[0]))
