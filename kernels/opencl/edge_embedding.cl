/* OpenCL entry points of edge_embedding.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/edge_embedding.h"
