"""Extra e3nn 0.5.6 reference vectors (SCHEMA.md format) for cases the shipped files lack:
modes uvv and uuw, user path weights, 'none' normalizations, unweighted uvu, higher l, and
spherical harmonics beyond lmax 6 on non-unit vectors.
Run from the repository root:  ../shared/oracle/run test-data/generators/e3nn_extra.py
Writes test-data/e3nn_extra/tensor_product_extra.json and spherical_harmonics_extra.json."""
import json, sys, torch
from e3nn import o3
sys.path.insert(0, 'test-data/generators')
from e3nn_cases import flat, tp_case  # noqa: E402 (found through the path above)
torch.manual_seed(1234)
torch.set_default_dtype(torch.float64)


cases = [
    tp_case('uvv_per_sample_path_weights', '2x1o+3x2e', '4x1e+2x2o', '4x0o+4x2e+4x1e+2x3e',
            [(0, 0, 0, 'uvv', True, 0.5), (1, 0, 2, 'uvv', True, 2.0), (0, 1, 3, 'uvv', True, 1.5),
             (1, 0, 1, 'uvv', True, 1.0)], shared=False),
    tp_case('uuw_shared_norm_none', '3x1o+3x2e', '3x1e+3x2e', '2x0o+4x1o+2x2e',
            [(0, 0, 0, 'uuw', True), (0, 1, 1, 'uuw', True), (1, 1, 2, 'uuw', True), (1, 0, 2, 'uuw', True)],
            irrep_norm='norm', path_norm='none'),
    tp_case('uvu_unweighted_irrep_none', '3x0e+3x1o', '2x0e+1x1o', '3x0e+3x1o+3x1e',
            [(0, 0, 0, 'uvu', False), (1, 1, 0, 'uvu', False), (1, 0, 1, 'uvu', False), (0, 1, 1, 'uvu', False),
             (1, 1, 2, 'uvu', False)], irrep_norm='none'),
    tp_case('high_l_uvw', '2x3o+1x5e', '1x4e+1x2o', '2x1o+1x7o+2x6o+1x3e',
            [(0, 0, 0, 'uvw', True), (0, 0, 1, 'uvw', True), (1, 1, 2, 'uvw', True), (1, 0, 3, 'uvw', True),
             (0, 1, 3, 'uvw', True, 0.25)], path_norm='path', batch=2),
]
json.dump({'kind': 'tensor_product', 'source': 'e3nn 0.5.6 (test-data/generators/e3nn_extra.py)', 'cases': cases},
          open('test-data/e3nn_extra/tensor_product_extra.json', 'w'))

sh_cases = []
for lmax, norm, normalize in [(9, 'integral', False), (10, 'norm', True), (11, 'component', True)]:
    n = 8
    v = 1.7 * torch.randn(n, 3)
    v[0] = 0.0
    y = o3.spherical_harmonics(list(range(lmax + 1)), v, normalize, norm)
    sh_cases.append({'lmax': lmax, 'normalization': norm, 'normalize': normalize, 'n': n, 'vectors': flat(v),
                     'shape': [n, (lmax + 1) ** 2], 'values': flat(y)})
json.dump({'kind': 'spherical_harmonics', 'source': 'e3nn 0.5.6 (test-data/generators/e3nn_extra.py)',
           'cases': sh_cases}, open('test-data/e3nn_extra/spherical_harmonics_extra.json', 'w'))
print('wrote', len(cases), 'tensor-product and', len(sh_cases), 'spherical-harmonics cases')
