/* OpenCL entry points of scale.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/scale.h"
