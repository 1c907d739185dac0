/* CUDA entry points of tensor_product.h; build-cuda.sh compiles it once per precision. */
#include "../common/tensor_product.h"
