/* OpenCL entry points of lorentz_invariants.h; precision from the build option -DREAL_IS_DOUBLE. */
#include "../common/lorentz_invariants.h"
