/* CUDA entry points of gate.h; build-cuda.sh compiles it once per precision. */
#include "../common/gate.h"
