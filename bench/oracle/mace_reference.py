"""Equikern's MACE model written with e3nn 0.5.6 + PyTorch (float64), as the mace package builds its
ScaleShiftMACE, loading Equikern's weights and contracting with Equikern's coupling tensors: the reference
of org.equikern.model.MaceReferenceTest, and the PyTorch side of the MACE training-step benchmark.

Run from the repository root:
  ../shared/oracle/run bench/oracle/mace_reference.py CONFIG.yaml WEIGHTS.safetensors OUT.safetensors
      writes energies, forces, the loss and d loss / d parameter for every parameter (float64)
  ../shared/oracle/run bench/oracle/mace_reference.py CONFIG.yaml WEIGHTS.safetensors --bench=STEPS[:THREADS]
      times STEPS training steps, as bench/oracle/nequip_reference.py does
The coupling tensors are read from WEIGHTS's name with `.coupling.safetensors` for `.safetensors` (written by
org.equikern.bench.MaceCouplingExport: tensor U.n.L = [paths, D, ..., D, 2L+1] for order n onto irrep L).

The model: one-hot species -> o3.Linear node_embedding to the scalars of hidden_irreps; per edge,
spherical harmonics up to max_ell (component normalization) and MACE's Bessel basis (prefactor
sqrt(2/r_max), frequencies n*pi fixed) times the polynomial envelope of exponent num_cutoff_basis. Per layer (MACE's
RealAgnosticInteractionBlock first, RealAgnosticResidualInteractionBlock after): linear_up, the 'uvu'
convolution onto interaction_irreps (channels x every degree up to max_ell) with per-edge weights from
conv_tp_weights = FullyConnectedNet([num_radial_basis] + radial_MLP + [weights], silu), scatter-sum over
the centre divided by avg_num_neighbors, linear; skip_tp = FullyConnectedTensorProduct(., one-hot, .) on
the messages (first layer) or on the layer's input, added after the product (later layers); the product
block: the symmetric contraction of order `correlation` with weights per species
[species, paths, channels] (paths per output block, then order 1..correlation, then basis tensor),
then a linear; the last layer keeps only the scalars. Readouts after every layer: o3.Linear to 1x0e,
after the last FullyConnectedNet([hidden scalars, MLP_irreps, 1], silu). Atom energy: atomic_inter_scale
times the sum of readouts plus the species' shift; summed per structure.
Differences from the mace package (not from Equikern): MACE's own coupling basis (U_matrix_real) spans the
same space but is another basis; MACE trains no Bessel frequencies either (same), and uses the ZBL/pair
repulsion only when asked (not here).
"""
import sys

import torch
from e3nn import o3
from e3nn.nn import FullyConnectedNet

from reference_common import (RadialEmbedding, convolution_tp, edge_features, main, read_safetensors,
                              scatter_sum, structure_energies)

# out[a, u, M] = sum_k w[a, k, u] U_k[i1..in, M] x[a, u, i1] ... x[a, u, in]
CONTRACTIONS = {1: "kiM,aui,aku->auM", 2: "kijM,aui,auj,aku->auM", 3: "kijlM,aui,auj,aul,aku->auM"}


class SymmetricContraction(torch.nn.Module):
    """MACE's symmetric contraction with Equikern's coupling tensors, channel by channel, weights per species."""

    def __init__(self, irreps_in, irreps_out, correlation, species, coupling):
        super().__init__()
        self.irreps_in, self.irreps_out = irreps_in, irreps_out
        self.mul = irreps_in[0].mul
        self.terms = []      # per output block: [(order, buffer name, first path, paths)]
        paths = 0
        for o, (_, ir) in enumerate(irreps_out):
            block = []
            for n in range(1, correlation + 1):
                key = f"U.{n}.{ir}"
                if key in coupling:
                    name = f"U_{o}_{n}"
                    self.register_buffer(name, torch.from_numpy(coupling[key]))
                    block.append((n, name, paths, coupling[key].shape[0]))
                    paths += coupling[key].shape[0]
            self.terms.append(block)
        self.weight = torch.nn.Parameter(torch.zeros(species, paths, self.mul))

    def forward(self, x, species):
        atoms = len(x)
        channels = torch.cat([x[:, s].reshape(atoms, mul, ir.dim)
                              for s, (mul, ir) in zip(self.irreps_in.slices(), self.irreps_in)], dim=2)
        w = self.weight[species]
        out = []
        for (_, ir), block in zip(self.irreps_out, self.terms):
            acc = torch.zeros(atoms, self.mul, ir.dim)
            for n, name, first, count in block:
                acc = acc + torch.einsum(CONTRACTIONS[n], getattr(self, name), *[channels] * n,
                                         w[:, first:first + count])
            out.append(acc.reshape(atoms, self.mul * ir.dim))
        return torch.cat(out, dim=1)


class Product(torch.nn.Module):
    """MACE's EquivariantProductBasisBlock without its residual: symmetric contraction, then a linear."""

    def __init__(self, irreps_in, irreps_out, correlation, species, coupling):
        super().__init__()
        self.symmetric_contractions = SymmetricContraction(irreps_in, irreps_out, correlation, species, coupling)
        self.linear = o3.Linear(irreps_out, irreps_out)

    def forward(self, x, species):
        return self.linear(self.symmetric_contractions(x, species))


class Interaction(torch.nn.Module):
    """MACE's RealAgnostic(Residual)InteractionBlock; `residual` moves skip_tp from the messages to the input."""

    def __init__(self, irreps_in, irreps_sh, target, irreps_out, residual, cfg):
        super().__init__()
        species = o3.Irreps(f"{len(cfg['chemical_symbols'])}x0e")
        self.linear_up = o3.Linear(irreps_in, irreps_in)
        self.conv_tp, mid = convolution_tp(irreps_in, irreps_sh, lambda ir: ir in target)
        self.conv_tp_weights = FullyConnectedNet([cfg["num_radial_basis"]] + cfg["radial_MLP"]
                                                 + [self.conv_tp.weight_numel], torch.nn.functional.silu)
        self.linear = o3.Linear(mid, target)
        self.residual = residual
        self.skip_tp = (o3.FullyConnectedTensorProduct(irreps_in, species, irreps_out) if residual
                        else o3.FullyConnectedTensorProduct(target, species, target))
        self.norm = cfg["avg_num_neighbors"]

    def forward(self, x, one_hot, sh, radial, centre, neighbour):
        """The messages and the skip connection (None for the first layer, whose skip is in the messages)."""
        messages = self.conv_tp(self.linear_up(x)[neighbour], sh, self.conv_tp_weights(radial))
        messages = self.linear(scatter_sum(messages, centre, len(x)) / self.norm)
        if self.residual:
            return messages, self.skip_tp(x, one_hot)
        return self.skip_tp(messages, one_hot), None


class LinearBlock(torch.nn.Module):
    """MACE's LinearNodeEmbeddingBlock and LinearReadoutBlock: an o3.Linear named `linear`."""

    def __init__(self, irreps_in, irreps_out):
        super().__init__()
        self.linear = o3.Linear(irreps_in, irreps_out)

    def forward(self, x):
        return self.linear(x)


class Mace(torch.nn.Module):
    """MACE's model; its trainable parameters carry Equikern's names ('products.0.symmetric_contractions.weight')."""

    def __init__(self, cfg):
        super().__init__()
        coupling = read_safetensors(cfg["weights_path"].removesuffix(".safetensors") + ".coupling.safetensors")
        species = len(cfg["chemical_symbols"])
        hidden = o3.Irreps(cfg["hidden_irreps"])
        channels = hidden[0].mul
        scalars = o3.Irreps(f"{channels}x0e")
        self.irreps_sh = o3.Irreps.spherical_harmonics(cfg["max_ell"])
        target = o3.Irreps([(channels, ir) for _, ir in self.irreps_sh])
        self.radial = RadialEmbedding(cfg["r_max"], cfg["num_radial_basis"], cfg["num_cutoff_basis"],
                                      (2.0 / cfg["r_max"]) ** 0.5)
        self.node_embedding = LinearBlock(o3.Irreps(f"{species}x0e"), scalars)
        self.interactions, self.products, self.readouts = (torch.nn.ModuleList() for _ in range(3))
        features, layers = scalars, cfg["num_interactions"]
        for i in range(layers):
            out = scalars if i == layers - 1 else hidden
            self.interactions.append(Interaction(features, self.irreps_sh, target, out, i > 0, cfg))
            self.products.append(Product(target, out, cfg["correlation"], species, coupling))
            self.readouts.append(FullyConnectedNet([out.dim, o3.Irreps(cfg["MLP_irreps"]).dim, 1],
                                                   torch.nn.functional.silu)
                                 if i == layers - 1 else LinearBlock(out, o3.Irreps("1x0e")))
            features = out
        self.register_buffer("shifts", torch.tensor(cfg["per_species_shifts"], dtype=torch.float64))
        self.scale = cfg["atomic_inter_scale"]

    def forward(self, graph, positions):
        sh, radial = edge_features(graph, positions, self.irreps_sh, self.radial)
        x = self.node_embedding(graph["one_hot"])
        readout = 0
        for interaction, product, read in zip(self.interactions, self.products, self.readouts):
            messages, skip = interaction(x, graph["one_hot"], sh, radial, graph["centre"], graph["neighbour"])
            x = product(messages, graph["species"])
            x = x if skip is None else x + skip
            readout = readout + read(x)[:, 0]
        return structure_energies(graph, self.scale * readout + self.shifts[graph["species"]])


if __name__ == "__main__":
    main(sys.argv, Mace, __doc__)
