/* CUDA entry points of layout.h; build-cuda.sh compiles it once per precision. */
#include "../common/layout.h"
