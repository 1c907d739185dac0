/* OpenCL entry points of convolution.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/convolution.h"
