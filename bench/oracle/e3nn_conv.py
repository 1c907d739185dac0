"""e3nn 0.5.6 baseline for the fused-convolution workload, done the e3nn way: gather sender
features, channel-wise tensor product with per-edge weights, scatter-sum into receivers (the
per-edge outputs are materialized).
Run from the repository root: ../shared/oracle/run bench/oracle/e3nn_conv.py
Prints (float32, CPU, 2 threads): name, batch (edges), nodes, forward ms, forward+backward ms (the
line format of the oracle's bench_e3nn.py, so bench/run-suite.sh joins it by name).
bench/gpu-kit/bench_e3nn_gpu.py imports channelwise, convolution and samples for the GPU kit."""
import time, statistics, torch
from e3nn import o3

NODES, EDGES = 1000, 20000


def channelwise(irreps1, irreps2, irreps_out):
    """e3nn's channel-wise ('uvu') tensor product with external per-sample weights."""
    i1, i2, io = o3.Irreps(irreps1), o3.Irreps(irreps2), o3.Irreps(irreps_out)
    ins = []
    for a, (m1, r1) in enumerate(i1):
        for b, (_, r2) in enumerate(i2):
            for c, (mo, ro) in enumerate(io):
                if ro in r1 * r2 and mo == m1:
                    ins.append((a, b, c, 'uvu', True))
    return o3.TensorProduct(i1, i2, io, ins, shared_weights=False, internal_weights=False)


def convolution(nodes, edges, device='cpu', dtype=torch.float32):
    """The fused-convolution workload on a random graph: (forward, forward+backward) closures."""
    irreps_node, irreps_sh = '32x0e+32x1o+32x2e', '0e+1o+2e'
    tp = channelwise(irreps_node, irreps_sh, irreps_node).to(device=device, dtype=dtype)
    dim = tp.irreps_in1.dim
    opts = dict(device=device, dtype=dtype)
    x = torch.randn(nodes, dim, requires_grad=True, **opts)
    sh = torch.randn(edges, tp.irreps_in2.dim, requires_grad=True, **opts)
    w = torch.randn(edges, tp.weight_numel, requires_grad=True, **opts)
    src = torch.randint(0, nodes, (edges,), device=device)
    dst = torch.randint(0, nodes, (edges,), device=device)

    def conv():
        msg = tp(x[src], sh, w)
        return torch.zeros(nodes, dim, **opts).index_add(0, dst, msg)

    def fb():
        out = conv()
        out.backward(torch.ones_like(out))
    return conv, fb


def samples(f, reps=7, sync=lambda: None, warmup=2):
    """Milliseconds of reps calls after warm-up calls; sync waits for the device after each call."""
    for _ in range(warmup):
        f()
    sync()
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); f(); sync(); ts.append((time.perf_counter() - t) * 1e3)
    return ts


def timeit(f, reps=7):
    """Median ms of reps calls after two warm-up calls."""
    return statistics.median(samples(f, reps))


if __name__ == '__main__':
    torch.set_num_threads(2)
    torch.manual_seed(0)
    conv, fb = convolution(NODES, EDGES)
    with torch.no_grad():
        tf = timeit(conv)
    tb = timeit(fb)
    print(f"fused_conv batch={EDGES} nodes={NODES} fwd_ms={tf:.2f} fwdbwd_ms={tb:.2f} fwd_edges_per_s={EDGES/tf*1e3:.4g}")
