"""Reference-case builders shared by the e3nn generator scripts (SCHEMA.md format)."""
import torch
from e3nn import o3


def flat(t):
    return [float(v) for v in t.detach().reshape(-1)]

def tp_case(name, in1, in2, out, instructions, irrep_norm='component', path_norm='element', shared=True, batch=3):
    tp = o3.TensorProduct(in1, in2, out, instructions, irrep_normalization=irrep_norm,
                          path_normalization=path_norm, internal_weights=False, shared_weights=shared)
    x1 = torch.randn(batch, tp.irreps_in1.dim, requires_grad=True)
    x2 = torch.randn(batch, tp.irreps_in2.dim, requires_grad=True)
    wshape = (tp.weight_numel,) if shared else (batch, tp.weight_numel)
    w = torch.randn(*wshape, requires_grad=True)
    y = tp(x1, x2, w)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    ins = []
    for spec, i in zip(instructions, tp.instructions):
        ins.append({'i_in1': i.i_in1, 'i_in2': i.i_in2, 'i_out': i.i_out, 'mode': i.connection_mode,
                    'has_weight': i.has_weight, 'path_weight': spec[5] if len(spec) > 5 else 1.0,
                    'normalized_path_weight': i.path_weight, 'path_shape': list(i.path_shape)})
    return {'name': name, 'irreps_in1': str(tp.irreps_in1), 'irreps_in2': str(tp.irreps_in2),
            'irreps_out': str(tp.irreps_out), 'irrep_normalization': irrep_norm, 'path_normalization': path_norm,
            'shared_weights': shared, 'batch': batch, 'weight_numel': tp.weight_numel, 'instructions': ins,
            'x1': flat(x1), 'x2': flat(x2), 'weight': flat(w), 'out': flat(y), 'grad_out': flat(g),
            'grad_x1': flat(x1.grad), 'grad_x2': flat(x2.grad),
            'grad_weight': flat(w.grad) if tp.weight_numel else []}
