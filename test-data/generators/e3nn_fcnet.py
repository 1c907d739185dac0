"""e3nn 0.5.6 reference vectors for kind = fully_connected_net (SCHEMA.md): nn.FullyConnectedNet's
forward, its backward (autograd) and the double backward force training needs.
Run from the repository root:  ../shared/oracle/run test-data/generators/e3nn_fcnet.py
Writes test-data/e3nn_extra/fully_connected_net.json."""
import json, torch
from e3nn.nn import FullyConnectedNet
torch.set_default_dtype(torch.float64)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1)]


def case(name, hs, act, batch, seed, variance_in=1, variance_out=1, out_act=False):
    gen = torch.Generator().manual_seed(seed)
    fn = {'silu': torch.nn.functional.silu, 'tanh': torch.tanh, 'sigmoid': torch.sigmoid, None: None}[act]
    net = FullyConnectedNet(hs, fn, variance_in=variance_in, variance_out=variance_out, out_act=out_act)
    layers = list(net.children())
    with torch.no_grad():
        for layer in layers:
            layer.weight.copy_(torch.randn(layer.weight.shape, generator=gen))
    weights = [layer.weight for layer in layers]
    x = torch.randn(batch, hs[0], generator=gen).requires_grad_()
    grad_out = torch.randn(batch, hs[-1], generator=gen).requires_grad_()
    v_x = torch.randn(batch, hs[0], generator=gen)
    v_weights = [torch.randn(w.shape, generator=gen) for w in weights]
    out = net(x)
    # Backward of sum(out * grad_out), kept differentiable for the double backward.
    grads = torch.autograd.grad(out, [x] + weights, grad_out, create_graph=True)
    # Double backward: the gradient of Q = <v_x, grad_x> + sum_l <v_weights[l], grad_weights[l]>.
    q = (v_x * grads[0]).sum() + sum((v * g).sum() for v, g in zip(v_weights, grads[1:]))
    dq = torch.autograd.grad(q, [x, grad_out] + weights)
    first = layers[0].act if layers[0].act is not None else None
    return {'name': name, 'hs': hs, 'act': act, 'act_constant': first.cst if first is not None else 1.0,
            'variance_in': variance_in, 'variance_out': variance_out, 'out_act': out_act, 'batch': batch,
            'x': flat(x), 'weights': [v for w in weights for v in flat(w)], 'out': flat(out),
            'grad_out': flat(grad_out), 'grad_x': flat(grads[0]),
            'grad_weights': [v for g in grads[1:] for v in flat(g)],
            'v_x': flat(v_x), 'v_weights': [v for w in v_weights for v in flat(w)],
            'double_backward_x': flat(dq[0]), 'double_backward_grad_out': flat(dq[1]),
            'double_backward_weights': [v for g in dq[2:] for v in flat(g)]}


cases = [
    case('silu_8_16_16_4', [8, 16, 16, 4], 'silu', batch=5, seed=1),
    case('tanh_3_5_1', [3, 5, 1], 'tanh', batch=4, seed=2),
    case('sigmoid_variances_out_act', [4, 6, 3], 'sigmoid', batch=3, seed=3, variance_in=2, variance_out=3,
         out_act=True),
    case('linear_no_act_variances', [3, 4, 2], None, batch=2, seed=4, variance_in=3, variance_out=2),
]
json.dump({'kind': 'fully_connected_net', 'source': 'e3nn 0.5.6 (test-data/generators/e3nn_fcnet.py)',
           'cases': cases}, open('test-data/e3nn_extra/fully_connected_net.json', 'w'))
print('wrote', len(cases), 'fully-connected-net cases')
