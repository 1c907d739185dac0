/* OpenCL entry points of optimizer.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/optimizer.h"
