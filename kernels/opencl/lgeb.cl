/* OpenCL entry points of lgeb.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/lgeb.h"
