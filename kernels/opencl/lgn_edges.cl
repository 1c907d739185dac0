/* OpenCL entry points of lgn_edges.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/lgn_edges.h"
