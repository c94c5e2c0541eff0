// Value types live in the public API (ctq/type.h); exec uses the same enum.
#pragma once

#include "ctq/type.h"
