/* CUDA entry points of norm_activation.h; build-cuda.sh compiles it once per precision. */
#include "../common/norm_activation.h"
