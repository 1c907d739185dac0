/* CUDA entry points of lgeb.h; build-cuda.sh compiles it once per precision. */
#include "../common/lgeb.h"
