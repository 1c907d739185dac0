/* OpenCL entry points of layout.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/layout.h"
