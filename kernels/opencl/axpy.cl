/* OpenCL entry points of axpy.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/axpy.h"
