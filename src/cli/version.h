#pragma once

#ifndef ASEMU_VERSION
#define ASEMU_VERSION "0.1.0"
#endif
