/* OpenCL entry points of gate.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/gate.h"
