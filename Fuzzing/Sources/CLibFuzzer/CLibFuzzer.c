// Header-only module: LLVMFuzzerRunDriver is defined by compiler-rt's libFuzzer.
#include "CLibFuzzer.h"
