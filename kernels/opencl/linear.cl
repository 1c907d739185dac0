/* OpenCL entry points of linear.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/linear.h"
