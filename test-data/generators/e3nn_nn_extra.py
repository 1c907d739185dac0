"""e3nn 0.5.6 reference vectors (SCHEMA.md format) for the norm activation and the edge embedding,
which the shipped files lack:
- norm_activation: e3nn.nn.NormActivation forward and backward, with and without normalize and
  bias, a custom epsilon, and irrep copies that are exactly zero (the clamp);
- edge_embedding: edge vectors pos[dst] - pos[src], e3nn.o3.spherical_harmonics(normalize=True,
  'component') of them, and radial features basis(r) * NequIP's polynomial cutoff u(r), with the
  basis e3nn.math.soft_one_hot_linspace ('bessel' from 0, 'gaussian' with cutoff False and True)
  or NequIP's BesselBasis (prefactor 2/r_c, computed here with torch as NequIP defines it); and
  the position gradients of sum(sh * grad_sh) + sum(radial * grad_radial) by autograd.
Run from the repository root:  ../shared/oracle/run test-data/generators/e3nn_nn_extra.py
Writes test-data/e3nn_extra/norm_activation.json and edge_embedding.json."""
import json, math, sys, torch
from e3nn import o3
from e3nn.math import soft_one_hot_linspace
from e3nn.nn import NormActivation
sys.path.insert(0, 'test-data/generators')
from e3nn_cases import flat  # noqa: E402 (found through the path above)
torch.manual_seed(2024)
torch.set_default_dtype(torch.float64)
SOURCE = 'e3nn 0.5.6 (test-data/generators/e3nn_nn_extra.py)'
ACTIVATIONS = {'silu': torch.nn.functional.silu, 'tanh': torch.tanh, 'sigmoid': torch.sigmoid,
               'relu': torch.relu, 'abs': torch.abs}


def norm_activation_case(irreps, act, normalize=True, epsilon=None, bias=False, batch=4, zero_copies=False):
    irreps = o3.Irreps(irreps)
    layer = NormActivation(irreps, ACTIVATIONS[act], normalize=True, epsilon=epsilon, bias=bias)
    if not normalize:
        # e3nn 0.5.6's constructor rejects normalize=False without epsilon ('not None > 0'); set the
        # state it means to build: no clamp, the plain norm, no division.
        layer.normalize, layer.epsilon, layer._eps_squared = False, None, 0.0
        layer.norm = o3.Norm(irreps, squared=False)
    x = torch.randn(batch, irreps.dim)
    if zero_copies:  # every third irrep copy (counted across samples) is exactly zero
        copies = [slice(s.start + u * ir.dim, s.start + (u + 1) * ir.dim)
                  for s, (mul, ir) in zip(irreps.slices(), irreps) for u in range(mul)]
        for b in range(batch):
            for c, copy in enumerate(copies):
                if (b * len(copies) + c) % 3 == 0:
                    x[b, copy] = 0.0
    x.requires_grad_(True)
    if bias:
        with torch.no_grad():
            layer.biases.copy_(torch.randn(irreps.num_irreps))
    y = layer(x)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    case = {'irreps': str(irreps), 'activation': act, 'normalize': normalize, 'epsilon': epsilon, 'bias': bias,
            'batch': batch, 'x': flat(x), 'out': flat(y), 'grad_out': flat(g), 'grad_x': flat(x.grad)}
    if bias:
        case['biases'] = flat(layer.biases)
        case['grad_biases'] = flat(layer.biases.grad)
    return case


def poly_cutoff(r, radius, p):
    """NequIP's PolynomialCutoff (nequip/nn/cutoffs.py, _poly_cutoff)."""
    x = r / radius
    out = 1.0 - ((p + 1.0) * (p + 2.0) / 2.0) * x.pow(p) + p * (p + 2.0) * x.pow(p + 1.0) \
        - (p * (p + 1.0) / 2.0) * x.pow(p + 2.0)
    return out * (x < 1.0)


def basis_values(basis, r, number, radius, start):
    if basis == 'e3nn_bessel':
        return soft_one_hot_linspace(r, 0.0, radius, number, basis='bessel', cutoff=False)
    if basis == 'e3nn_gaussian':
        return soft_one_hot_linspace(r, start, radius, number, basis='gaussian', cutoff=False)
    if basis == 'e3nn_gaussian_cutoff':
        return soft_one_hot_linspace(r, start, radius, number, basis='gaussian', cutoff=True)
    if basis == 'nequip_bessel':  # nequip/nn/radial_basis.py BesselBasis, weights n*pi not trained
        weights = torch.linspace(1.0, number, number) * math.pi
        return (2.0 / radius) * torch.sin(weights * r[:, None] / radius) / r[:, None]
    raise ValueError(basis)


def edge_embedding_case(basis, lmax=3, number=8, radius=3.0, start=0.0, exponent=6.0, atoms=6):
    pos = (1.2 * torch.randn(atoms, 3)).requires_grad_(True)
    src = [i for i in range(atoms) for j in range(atoms) if i != j]
    dst = [j for i in range(atoms) for j in range(atoms) if i != j]
    vec = pos[dst] - pos[src]
    r = vec.norm(dim=1)
    sh = o3.spherical_harmonics(list(range(lmax + 1)), vec, normalize=True, normalization='component')
    radial = basis_values(basis, r, number, radius, start) * poly_cutoff(r, radius, exponent)[:, None]
    grad_sh = torch.randn_like(sh)
    grad_radial = torch.randn_like(radial)
    ((sh * grad_sh).sum() + (radial * grad_radial).sum()).backward()
    return {'basis': basis, 'lmax': lmax, 'normalization': 'component', 'number': number, 'radius': radius,
            'start': start, 'cutoff_exponent': exponent, 'atoms': atoms, 'edges': len(src), 'edge_src': src,
            'edge_dst': dst, 'positions': flat(pos), 'lengths': flat(r), 'sh': flat(sh), 'radial': flat(radial),
            'grad_sh': flat(grad_sh), 'grad_radial': flat(grad_radial), 'grad_positions': flat(pos.grad)}


norm_cases = [
    norm_activation_case('2x0e+3x1o+2x2e+1x1e', 'silu', bias=True, zero_copies=True),
    norm_activation_case('2x0e+3x1o+2x2e+1x1e', 'tanh', normalize=False, bias=True),
    norm_activation_case('1x0o+2x1e+1x3o', 'sigmoid', epsilon=1e-3, zero_copies=True, batch=3),
    norm_activation_case('4x1o+2x2e', 'abs', batch=5),
]
json.dump({'kind': 'norm_activation', 'source': SOURCE, 'cases': norm_cases},
          open('test-data/e3nn_extra/norm_activation.json', 'w'))
edge_cases = [
    edge_embedding_case('e3nn_bessel'),
    edge_embedding_case('nequip_bessel', lmax=2, number=6, exponent=5.0),
    edge_embedding_case('e3nn_gaussian', lmax=4, number=10, radius=3.5, start=0.5),
    edge_embedding_case('e3nn_gaussian_cutoff', lmax=1, number=5, radius=2.5, start=0.0, exponent=8.0),
]
json.dump({'kind': 'edge_embedding', 'source': SOURCE, 'cases': edge_cases},
          open('test-data/e3nn_extra/edge_embedding.json', 'w'))
print('wrote', len(norm_cases), 'norm-activation and', len(edge_cases), 'edge-embedding cases')
