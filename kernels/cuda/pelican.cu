/* CUDA entry points of pelican.h; build-cuda.sh compiles it once per precision. */
#include "../common/pelican.h"
