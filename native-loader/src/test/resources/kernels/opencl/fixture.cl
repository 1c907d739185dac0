/* entry */
#include "../common/a.h"
#include "../common/b.h"
kernel_body;
