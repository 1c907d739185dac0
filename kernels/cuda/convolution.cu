/* CUDA entry points of convolution.h; build-cuda.sh compiles it once per precision. */
#include "../common/convolution.h"
