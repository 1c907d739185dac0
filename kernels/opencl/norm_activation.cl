/* OpenCL entry points of norm_activation.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/norm_activation.h"
