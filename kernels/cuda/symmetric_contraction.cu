/* CUDA entry points of symmetric_contraction.h; build-cuda.sh compiles it once per precision. */
#include "../common/symmetric_contraction.h"
