/* CUDA entry points of linear.h; build-cuda.sh compiles it once per precision. */
#include "../common/linear.h"
