"""Prints the GPU kit's timing table in Markdown: Equikern's TimingRunner beside e3nn, joined by
workload, precision and mode, from the merged CSV of gpu-check.sh (standard library only).

  python3 gpu_report.py timings.csv"""
import csv, sys

# The target on the same GPU: NequIP and MACE convolutions >= 10x e3nn, forward+backward.
TARGETS = {('nequip_conv_uvu', 'forward_backward'), ('mace_large_uvu', 'forward_backward'),
           ('fused_conv', 'forward_backward')}
TARGET_SPEEDUP = 10.0


def main(path):
    rows = list(csv.DictReader(open(path, newline='')))
    keys, by_impl, backends = [], {}, {}
    for r in rows:
        key = (r['workload'], r['precision'], r['mode'])
        if key not in keys:
            keys.append(key)
        by_impl[(r['impl'],) + key] = r
        backends[r['impl']] = r['backend']
    eq, e3 = backends.get('equikern', '-'), backends.get('e3nn', '-')
    # Targets are about the same GPU; a dry run's tiny CPU batches say nothing about them.
    on_gpu = eq.startswith('cuda') and e3 == 'torch.cuda'
    print('Median of repeats, ms per call on the whole batch (min in brackets); speed-up = e3nn / Equikern.')
    print()
    print(f'| workload | precision | mode | batch | Equikern {eq} | e3nn {e3} | speed-up | target | note |')
    print('|---|---|---|---|---|---|---|---|---|')
    for key in keys:
        a, b = by_impl.get(('equikern',) + key), by_impl.get(('e3nn',) + key)
        batch = (a or b)['batch']
        speedup, target = '', ''
        if a and b and a['median_ms'] and b['median_ms']:
            s = float(b['median_ms']) / float(a['median_ms'])
            speedup = f'{s:.2f}x'
            if on_gpu and (key[0], key[2]) in TARGETS:
                target = f"≥ {TARGET_SPEEDUP:g}x: {'met' if s >= TARGET_SPEEDUP else 'NOT met'}"
        note = '; '.join(r['note'] for r in (a, b) if r and r['note'])
        print(f'| {key[0]} | {key[1]} | {key[2]} | {batch} | {cell(a)} | {cell(b)} | {speedup} | {target} | {note} |')


def cell(r):
    return f"{r['median_ms']} ({r['min_ms']})" if r and r['median_ms'] else '-'


if __name__ == '__main__':
    main(sys.argv[1])
