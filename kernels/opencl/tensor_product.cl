/* OpenCL entry points of tensor_product.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/tensor_product.h"
