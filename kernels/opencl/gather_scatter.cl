/* OpenCL entry points of gather_scatter.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/gather_scatter.h"
