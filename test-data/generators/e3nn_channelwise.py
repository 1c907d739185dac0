"""e3nn 0.5.6 reference vectors (SCHEMA.md format) for channel-wise (uvu) products wide enough
that Equikern's Java backend compiles them into generated kernels: NequIP's convolution product
with per-sample weights, and an l <= 3 product with shared weights.
Run from the repository root:  ../shared/oracle/run test-data/generators/e3nn_channelwise.py
Writes test-data/e3nn_extra/tensor_product_channelwise.json."""
import json, sys, torch
from e3nn import o3
sys.path.insert(0, 'test-data/generators')
from e3nn_cases import tp_case

torch.manual_seed(4321)
torch.set_default_dtype(torch.float64)


def channelwise(in1, in2, out):
    """Every weighted uvu path e3nn's channel-wise convolution builds: (i1, i2) to each allowed out block."""
    in1, in2, out = o3.Irreps(in1), o3.Irreps(in2), o3.Irreps(out)
    ins = []
    for i, (m1, ir1) in enumerate(in1):
        for j, (_, ir2) in enumerate(in2):
            for k, (mo, iro) in enumerate(out):
                if iro in ir1 * ir2 and mo == m1:
                    ins.append((i, j, k, 'uvu', True))
    return str(in1), str(in2), str(out), ins


cases = [
    tp_case('nequip_channelwise_per_sample', *channelwise('32x0e+32x1o+32x2e', '0e+1o+2e', '32x0e+32x1o+32x2e'),
            shared=False, batch=3),
    tp_case('l3_channelwise_shared', *channelwise('16x0e+16x1o+16x2e+16x3o', '0e+1o+2e+3o',
                                                  '16x0e+16x1o+16x2e+16x3o'), batch=3),
]
json.dump({'kind': 'tensor_product', 'source': 'e3nn 0.5.6 (test-data/generators/e3nn_channelwise.py)',
           'cases': cases}, open('test-data/e3nn_extra/tensor_product_channelwise.json', 'w'))
print('wrote', len(cases), 'channel-wise tensor-product cases')
