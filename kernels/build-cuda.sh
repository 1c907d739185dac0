#!/usr/bin/env bash
# Compiles every kernels/cuda/*.cu into fatbins for the jar:
#   OUT_DIR/<name>.f32.fatbin   (REAL = float)
#   OUT_DIR/<name>.f64.fatbin   (REAL = double, -DREAL_IS_DOUBLE)
# Each fatbin holds SASS for every compute capability in kernels/cuda-architectures.txt (the one
# list, which CudaProbe also reads for the minimum) and PTX for the lowest (a newer GPU
# JIT-compiles the PTX; PTX from CUDA 13 needs a 580+ driver, hence the SASS).
#
# nvcc is looked up on PATH, then in $CUDA_HOME/bin. Without nvcc the script warns and exits 0,
# unless EQUIKERN_REQUIRE_NVCC=true (set by Maven under CI=true or -Dequikern.requireNvcc=true),
# where it fails. A compile error always fails. Up-to-date fatbins are not rebuilt.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
out_dir=$1
here=$(cd "$(dirname "$0")" && pwd)

nvcc=$(command -v nvcc || true)
if [ -z "$nvcc" ] && [ -n "${CUDA_HOME:-}" ] && [ -x "$CUDA_HOME/bin/nvcc" ]; then
  nvcc=$CUDA_HOME/bin/nvcc
fi
if [ -z "$nvcc" ]; then
  if [ "${EQUIKERN_REQUIRE_NVCC:-false}" = "true" ]; then
    echo "[ERROR] build-cuda.sh: nvcc not found on PATH or in \$CUDA_HOME/bin, and it is required" \
         "(CI=true or -Dequikern.requireNvcc=true). Install the CUDA toolkit." >&2
    exit 1
  fi
  echo "[WARNING] build-cuda.sh: nvcc not found on PATH or in \$CUDA_HOME/bin: CUDA kernels are" \
       "not built and the jar will not run on CUDA devices." >&2
  exit 0
fi

architectures=$here/cuda-architectures.txt
arch_flags=()
lowest=
while read -r capability; do
  case $capability in ''|'#'*) continue ;; esac
  sm=${capability/./}
  arch_flags+=(-gencode "arch=compute_$sm,code=sm_$sm")
  if [ -z "$lowest" ] || [ "$sm" -lt "$lowest" ]; then lowest=$sm; fi
done < "$architectures"
if [ -z "$lowest" ]; then
  echo "[ERROR] build-cuda.sh: $architectures lists no architecture" >&2
  exit 1
fi
arch_flags+=(-gencode "arch=compute_$lowest,code=compute_$lowest")

# The files a source includes with #include "...", transitively, once each: a fatbin is rebuilt
# only when one of them changed, not whenever any shared header did.
includes_of() {
  local file=$1 dir name path
  dir=$(dirname "$file")
  for name in $(sed -n 's/^[[:space:]]*#include "\([^"]*\)".*/\1/p' "$file"); do
    path=$(realpath -m "$dir/$name")
    [[ " $seen " == *" $path "* ]] && continue
    seen="$seen $path"
    echo "$path"
    includes_of "$path"
  done
}

mkdir -p "$out_dir"
shopt -s nullglob
for cu in "$here"/cuda/*.cu; do
  name=$(basename "$cu" .cu)
  seen=""
  mapfile -t headers < <(includes_of "$cu")
  for precision in f32 f64; do
    target=$out_dir/$name.$precision.fatbin
    stale=0
    [ -f "$target" ] || stale=1
    for dep in "$cu" "${headers[@]}" "$0" "$architectures"; do
      [ "$dep" -nt "$target" ] && stale=1
    done
    [ $stale -eq 1 ] || continue
    defines=()
    [ "$precision" = f64 ] && defines=(-DREAL_IS_DOUBLE)
    echo "build-cuda.sh: $name.cu -> $name.$precision.fatbin"
    "$nvcc" -fatbin -std=c++17 -Werror all-warnings "${arch_flags[@]}" "${defines[@]}" \
      -o "$target.tmp" "$cu"
    mv "$target.tmp" "$target"
  done
done
