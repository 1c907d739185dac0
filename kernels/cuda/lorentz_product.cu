/* CUDA entry points of lorentz_product.h; build-cuda.sh compiles it once per precision. */
#include "../common/lorentz_product.h"
