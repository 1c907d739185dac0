/* OpenCL entry points of symmetric_contraction.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/symmetric_contraction.h"
