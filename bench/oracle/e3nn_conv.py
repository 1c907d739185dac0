"""e3nn 0.5.6 baseline for the fused-convolution workload (float32, CPU, 2 threads), done the
e3nn way: gather sender features, channel-wise tensor product with per-edge weights, scatter-sum
into receivers (the per-edge outputs are materialized).
Run from the repository root: ../shared/oracle/run bench/oracle/e3nn_conv.py
Prints: name, batch (edges), nodes, forward ms, forward+backward ms (the line format of
the oracle's bench_e3nn.py, so bench/run-suite.sh joins it by name)."""
import time, statistics, torch
from e3nn import o3
torch.set_num_threads(2)
torch.manual_seed(0)

NODES, EDGES = 1000, 20000
irreps_node = o3.Irreps('32x0e+32x1o+32x2e')
irreps_sh = o3.Irreps('0e+1o+2e')
ins = []
for a, (m1, r1) in enumerate(irreps_node):
    for b, (_, r2) in enumerate(irreps_sh):
        for c, (mo, ro) in enumerate(irreps_node):
            if ro in r1 * r2 and mo == m1:
                ins.append((a, b, c, 'uvu', True))
tp = o3.TensorProduct(irreps_node, irreps_sh, irreps_node, ins, shared_weights=False, internal_weights=False)
x = torch.randn(NODES, irreps_node.dim, requires_grad=True)
sh = torch.randn(EDGES, irreps_sh.dim, requires_grad=True)
w = torch.randn(EDGES, tp.weight_numel, requires_grad=True)
src = torch.randint(0, NODES, (EDGES,))
dst = torch.randint(0, NODES, (EDGES,))

def conv():
    msg = tp(x[src], sh, w)
    return torch.zeros(NODES, irreps_node.dim).index_add(0, dst, msg)

def timeit(f, reps=7):
    f(); f()
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return statistics.median(ts) * 1e3

def fb():
    out = conv(); out.backward(torch.ones_like(out))

with torch.no_grad():
    tf = timeit(conv)
tb = timeit(fb)
print(f"fused_conv batch={EDGES} nodes={NODES} fwd_ms={tf:.2f} fwdbwd_ms={tb:.2f} fwd_edges_per_s={EDGES/tf*1e3:.4g}")
