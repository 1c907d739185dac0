/* CUDA entry points of spherical_harmonics.h; build-cuda.sh compiles it once per precision. */
#include "../common/spherical_harmonics.h"
