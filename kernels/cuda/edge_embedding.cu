/* CUDA entry points of edge_embedding.h; build-cuda.sh compiles it once per precision. */
#include "../common/edge_embedding.h"
