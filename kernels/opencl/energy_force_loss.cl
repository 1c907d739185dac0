/* OpenCL entry points of energy_force_loss.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/energy_force_loss.h"
