/* OpenCL entry points of spherical_harmonics.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/spherical_harmonics.h"
