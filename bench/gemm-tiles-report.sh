#!/usr/bin/env bash
# Prints the "GEMM tiles" section of bench/results/KERNELS.md (kernels-report.sh appends it):
# nvcc --resource-usage on sm_90 for every tiled kernel (TILED_KERNEL in kernels/common/*.h),
# f32 and f64: registers, stack, spills and shared memory per block. Compile only, no GPU.
#
#   bench/gemm-tiles-report.sh >> bench/results/KERNELS.md
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo
echo "## GEMM tiles (Linear, shared-weight uvw, symmetric contraction; \`kernels/common/gemm_tile.h\`)"
echo
echo "Register-blocked tiles staged through shared memory, 256 threads per block (a 64 × 32 tile, 8 rows per thread, k in chunks of 16), chosen on GPUs, and on CPU devices where an op measured them faster (Linear; \`bench/results/GEMM-POCL.md\`, from \`bench/gemm-pocl.sh\`); \`-Dequikern.gemm.kernels=tiled|elements\` forces either. The symmetric contraction's tiled path mixes its weights per element (\`sc_mix_tiled\`, C = U·W), then runs its item kernels (above) over the distinct products instead of the monomials, and turns their gradient back with Uᵀ. \`gt_weight_gradient\` is compiled into every program that includes \`gemm_tile.h\` (the table above lists it per module); figures here from the first. Same \`nvcc -arch=sm_90 -cubin --resource-usage\` figures as above, plus shared memory per block."
echo
echo "| kernel | precision | registers | stack B | spill stores B | spill loads B | shared B | f32 target |"
echo "|---|---|---:|---:|---:|---:|---:|---|"
# The program that compiles a header's kernels: its own kernels/cuda/<name>.cu, or (gemm_tile.h,
# whose kernels every including program carries) the first program whose header includes it.
program_of() {
  local name=$1
  if [ -f "$root/kernels/cuda/$name.cu" ]; then echo "$name"; return; fi
  for includer in $(grep -l "#include \"$name.h\"" "$root"/kernels/common/*.h | sort); do
    local program
    program=$(basename "$includer" .h)
    if [ -f "$root/kernels/cuda/$program.cu" ]; then echo "$program"; return; fi
  done
  echo "gemm-tiles-report.sh: no CUDA program compiles $name.h" >&2
  exit 1
}
for header in $(grep -l "^TILED_KERNEL void" "$root"/kernels/common/*.h | sort); do
  program=$(program_of "$(basename "$header" .h)")
  kernels=$(sed -n 's/^TILED_KERNEL void \([a-z0-9_]*\)(.*/\1/p' "$header")
  for precision in f32 f64; do
    define=""
    [ "$precision" = f64 ] && define="-DREAL_IS_DOUBLE"
    nvcc -arch=sm_90 -cubin --resource-usage $define -o "$work/$program.cubin" \
        "$root/kernels/cuda/$program.cu" > "$work/usage.txt" 2>&1
    for kernel in $kernels; do
      awk -v k="$kernel" -v p="$precision" '
        $0 ~ "Function properties for " k "$" { found = 1; next }
        found && /stack frame/ { stack = $1; stores = $5; loads = $9; next }
        found && /Used [0-9]+ registers/ {
          for (i = 1; i <= NF; i++) { if ($(i + 1) == "registers,") regs = $i; if ($(i + 1) == "bytes" && $(i + 2) ~ /^smem/) smem = $i }
          met = p == "f64" ? "-" : (regs <= 128 && stack == 0 && stores == 0 && loads == 0 ? "met" : "missed")
          printf "| `%s` | %s | %s | %s | %s | %s | %s | %s |\n", k, p, regs, stack, stores, loads, smem + 0, met
          exit
        }' "$work/usage.txt"
    done
  done
done
