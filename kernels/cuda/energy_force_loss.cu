/*
 * CUDA entry points of energy_force_loss.h. build-cuda.sh compiles every .cu twice, with and without
 * -DREAL_IS_DOUBLE, into <name>.f64.fatbin and <name>.f32.fatbin.
 */
#include "../common/energy_force_loss.h"
