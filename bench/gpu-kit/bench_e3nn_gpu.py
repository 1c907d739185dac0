"""e3nn 0.5.6 on the GPU kit's workloads, beside Equikern's TimingRunner, on torch.cuda when a GPU
is present, else on the CPU (the kit's dry run). The workloads come from the runner itself
(`TimingRunner --list`, a TSV), so both sides time the same shapes and batches.

  python3 bench_e3nn_gpu.py WORKLOADS.tsv OUT.csv [--precisions f32,f64] [--reps 10] [--warmup 3]

Writes the runner's CSV columns: impl,backend,workload,precision,mode,batch,median_ms,min_ms,repeats,note."""
import argparse, csv, os, statistics, sys
import torch
from e3nn import o3

# e3nn_conv.py sits beside this file in the kit, in ../oracle in the repository; importing it
# leaves no __pycache__ in either.
sys.dont_write_bytecode = True
here = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [here, os.path.join(here, '..', 'oracle')]
from e3nn_conv import channelwise, convolution, samples  # noqa: E402

HEADER = ['impl', 'backend', 'workload', 'precision', 'mode', 'batch', 'median_ms', 'min_ms', 'repeats', 'note']
DTYPES = {'f32': torch.float32, 'f64': torch.float64}
# Edges per node of the fused convolution's random graph, as ConvolutionBenchmark.DEGREE.
DEGREE = 20


def tensor_product(kind, in1, in2, out):
    return channelwise(in1, in2, out) if kind == 'channel_wise' else o3.FullyConnectedTensorProduct(in1, in2, out)


def closures(row, device, dtype):
    """(forward, forward+backward or None) for one workload row of the TSV."""
    wid, kind, batch, in1, in2, out, lmax = row
    n = int(batch)
    opts = dict(device=device, dtype=dtype)
    if kind == 'spherical_harmonics':
        v = torch.randn(n, 3, **opts)
        ls = list(range(int(lmax) + 1))
        return (lambda: o3.spherical_harmonics(ls, v, True, 'component')), None
    if kind == 'convolution':
        return convolution(max(2, n // DEGREE), n, device, dtype)
    if kind not in ('channel_wise', 'fully_connected'):
        raise NotImplementedError(f'{kind} is not in e3nn 0.5.6 (MACE implements it on top of e3nn)')
    tp = tensor_product(kind, in1, in2, out).to(**opts)
    x1 = torch.randn(n, tp.irreps_in1.dim, requires_grad=True, **opts)
    x2 = torch.randn(n, tp.irreps_in2.dim, requires_grad=True, **opts)
    per_sample = kind == 'channel_wise'
    w = torch.randn(n, tp.weight_numel, requires_grad=True, **opts) if per_sample else None
    fwd = (lambda: tp(x1, x2, w)) if per_sample else (lambda: tp(x1, x2))

    def fb():
        y = fwd()
        y.backward(torch.ones_like(y))
    return fwd, fb


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('workloads')
    p.add_argument('out')
    p.add_argument('--precisions', default='f32,f64')
    p.add_argument('--reps', type=int, default=10)
    p.add_argument('--warmup', type=int, default=3)
    a = p.parse_args()
    cuda = torch.cuda.is_available()
    device = 'cuda' if cuda else 'cpu'
    backend = 'torch.cuda' if cuda else 'torch.cpu'
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    torch.manual_seed(0)
    with open(a.workloads) as f:
        rows = [line.rstrip('\n').split('\t') for line in f if line.strip()]
    with open(a.out, 'w', newline='') as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for row in rows:
            for precision in a.precisions.split(','):
                base = ['e3nn', backend, row[0], precision]
                try:
                    fwd, fb = closures(row, device, DTYPES[precision])
                    with torch.no_grad():
                        timed = [('forward', samples(fwd, a.reps, sync, a.warmup))]
                    if fb is not None:
                        timed.append(('forward_backward', samples(fb, a.reps, sync, a.warmup)))
                    for mode, ts in timed:
                        out.writerow(base + [mode, row[2], f'{statistics.median(ts):.4f}', f'{min(ts):.4f}', len(ts), ''])
                except (NotImplementedError, RuntimeError) as e:
                    out.writerow(base + ['forward', row[2], '', '', 0, f'{type(e).__name__}: {e}'])
                f.flush()
                if cuda:
                    torch.cuda.empty_cache()
                print(f'e3nn {row[0]} {precision} done', file=sys.stderr)


if __name__ == '__main__':
    main()
