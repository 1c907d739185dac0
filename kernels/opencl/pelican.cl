/* OpenCL entry points of pelican.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/pelican.h"
