#pragma once
#include "protocol.h"

struct run_flags {
    bool resume = false;
    int threads = 0; // 0: all cores
};

int cmd_init(const json & cfg);
int cmd_lora(const json & cfg, const run_flags & flags);
int cmd_pretrain(const json & cfg, const run_flags & flags);
int cmd_eval(const json & cfg, const run_flags & flags);
int cmd_gradcheck(const json & cfg, const run_flags & flags);
