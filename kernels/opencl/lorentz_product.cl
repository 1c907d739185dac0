/* OpenCL entry points of lorentz_product.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/lorentz_product.h"
