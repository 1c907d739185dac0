#include "../common/absent.h"
