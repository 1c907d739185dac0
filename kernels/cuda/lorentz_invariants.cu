/* CUDA entry points of lorentz_invariants.h; build-cuda.sh compiles it once per precision. */
#include "../common/lorentz_invariants.h"
