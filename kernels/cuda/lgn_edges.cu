/* CUDA entry points of lgn_edges.h; build-cuda.sh compiles it once per precision. */
#include "../common/lgn_edges.h"
