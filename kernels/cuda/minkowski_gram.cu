/* CUDA entry points of minkowski_gram.h; build-cuda.sh compiles it once per precision. */
#include "../common/minkowski_gram.h"
