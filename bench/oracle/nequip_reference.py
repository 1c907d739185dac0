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
import sys

import torch
from e3nn import o3
from e3nn.nn import FullyConnectedNet, Gate

from reference_common import (RadialEmbedding, convolution_tp, edge_features, main, scatter_sum,
                              structure_energies, tp_path_exists)

ACTS = {1: torch.nn.functional.silu, -1: torch.tanh}   # NequIP's {e: silu, o: tanh}


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
        self.tp, mid = convolution_tp(irreps_in, irreps_sh, lambda ir: ir in conv_out or ir == o3.Irrep(0, 1))
        hs = [cfg["num_basis"]] + cfg["invariant_layers"] * [cfg["invariant_neurons"]] + [self.tp.weight_numel]
        self.radial_mlp = FullyConnectedNet(hs, torch.nn.functional.silu)
        self.linear_2 = o3.Linear(mid, conv_out)
        self.self_connection = o3.FullyConnectedTensorProduct(irreps_in, o3.Irreps(f"{species}x0e"), conv_out)
        self.norm = cfg["avg_num_neighbors"] ** 0.5
        self.irreps_out = self.gate.irreps_out

    def forward(self, x, one_hot, sh, radial, centre, neighbour):
        sc = self.self_connection(x, one_hot)
        h = self.linear_1(x)
        messages = self.tp(h[neighbour], sh, self.radial_mlp(radial))
        h = scatter_sum(messages, centre, len(x)) / self.norm
        return self.gate(self.linear_2(h) + sc)


class Nequip(torch.nn.Module):
    """NequIP's model; its trainable parameters carry Equikern's names ('layers.0.radial_mlp.layer1.weight')."""

    def __init__(self, cfg):
        super().__init__()
        lmax, species = cfg["l_max"], len(cfg["chemical_symbols"])
        self.irreps_sh = o3.Irreps.spherical_harmonics(lmax)
        parities = (1, -1) if cfg["parity"] else (None,)
        hidden = o3.Irreps([(cfg["num_features"], (l, p if p is not None else (-1) ** l))
                            for p in parities for l in range(lmax + 1)])
        self.radial = RadialEmbedding(cfg["r_max"], cfg["num_basis"], cfg["PolynomialCutoff_p"], 2.0 / cfg["r_max"])
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
        sh, radial = edge_features(graph, positions, self.irreps_sh, self.radial)
        x = self.embedding(graph["one_hot"])
        for layer in self.layers:
            x = layer(x, graph["one_hot"], sh, radial, graph["centre"], graph["neighbour"])
        atom_energy = self.scale * self.readout(x)[:, 0] + self.shifts[graph["species"]]
        return structure_energies(graph, atom_energy)


if __name__ == "__main__":
    main(sys.argv, Nequip, __doc__)
