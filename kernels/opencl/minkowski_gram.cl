/* OpenCL entry points of minkowski_gram.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/minkowski_gram.h"
