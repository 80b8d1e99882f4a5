// Loading models and contexts with the settings training needs (native-trainer.md): no repacked
// weight buffers, F32 K/V cache, flash attention off, n_ctx = n_batch = n_ubatch.
#pragma once
#include "llama.h"
#include <string>

struct loaded_model {
    llama_model * model = nullptr;
    llama_context * ctx = nullptr;
    ~loaded_model();
};

llama_model * load_model(const std::string & path, bool writable);
llama_context * make_context(llama_model * model, int n_ctx, int threads);
std::string model_architecture(llama_model * model);
// every weight of the model is F32 (full training needs it)
bool model_is_f32(const std::string & path);
