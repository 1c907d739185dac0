/*
 * CUDA entry points of gather_scatter.h. build-cuda.sh compiles every .cu twice, with and
 * without -DREAL_IS_DOUBLE, into <name>.f64.fatbin and <name>.f32.fatbin, so kernel names
 * are the same in both precisions and on both dialects.
 */
#include "../common/gather_scatter.h"
