#include "model_load.h"
#include "protocol.h"

#include "gguf.h"

#include <thread>

loaded_model::~loaded_model() {
    if (ctx) llama_free(ctx);
    if (model) llama_model_free(model);
}

// what can be said from the header, before llama.cpp tries (and fails less clearly) to load it
static void check_model_file(const std::string & path) {
    gguf_init_params p = {/*no_alloc =*/ true, /*ctx =*/ nullptr};
    gguf_context * g = gguf_init_from_file(path.c_str(), p);
    if (!g) fail(EXIT_INPUT, "not_gguf", "cannot read GGUF " + path);
    const int64_t arch_key = gguf_find_key(g, "general.architecture");
    const std::string arch = arch_key >= 0 ? gguf_get_val_str(g, arch_key) : "";
    if (arch != "llama" && arch != "mistral") {
        gguf_free(g);
        fail(EXIT_INPUT, "unsupported_architecture", "architecture \"" + arch + "\" of " + path + " is not supported (llama-architecture models only)");
    }
    if (gguf_get_n_tensors(g) == 0) {
        gguf_free(g);
        fail(EXIT_INPUT, "no_weights", path + " holds no weights (a vocabulary-only file?)");
    }
    for (int64_t i = 0; i < gguf_get_n_tensors(g); ++i) {
        const ggml_type t = gguf_get_tensor_type(g, i);
        const bool ok = t == GGML_TYPE_F32 || t == GGML_TYPE_F16 || t == GGML_TYPE_Q8_0 || t == GGML_TYPE_Q4_0 || t == GGML_TYPE_Q4_K ||
                        t == GGML_TYPE_Q6_K || t == GGML_TYPE_Q5_K || t == GGML_TYPE_Q5_0 || t == GGML_TYPE_Q4_1 || t == GGML_TYPE_Q5_1;
        if (!ok) {
            const std::string name = gguf_get_tensor_name(g, i);
            gguf_free(g);
            fail(EXIT_INPUT, "unsupported_tensor_type", "tensor " + name + " has type " + ggml_type_name(t) + ", which the trainer does not support");
        }
    }
    gguf_free(g);
}

bool model_is_f32(const std::string & path) {
    gguf_init_params p = {/*no_alloc =*/ true, /*ctx =*/ nullptr};
    gguf_context * g = gguf_init_from_file(path.c_str(), p);
    if (!g) return false;
    bool f32 = true;
    for (int64_t i = 0; i < gguf_get_n_tensors(g); ++i) f32 = f32 && gguf_get_tensor_type(g, i) == GGML_TYPE_F32;
    gguf_free(g);
    return f32;
}

llama_model * load_model(const std::string & path, bool writable) {
    check_model_file(path);
    llama_model_params mp = llama_model_default_params();
    mp.use_extra_bufts = false; // repacked weights have no OUT_PROD (backward) and cannot be read back
    if (writable) mp.load_mode = LLAMA_LOAD_MODE_NONE; // full training writes the weights in place
    mp.n_gpu_layers = 999;
    llama_model * model = llama_model_load_from_file(path.c_str(), mp);
    if (!model) fail(EXIT_INPUT, "load_failed", "llama.cpp could not load the model " + path + " (see the log above)");
    const std::string arch = model_architecture(model);
    if (arch != "llama" && arch != "mistral") {
        llama_model_free(model);
        fail(EXIT_INPUT, "unsupported_architecture", "architecture \"" + arch + "\" is not supported (llama-architecture models only)");
    }
    return model;
}

std::string model_architecture(llama_model * model) {
    char buf[128] = {0};
    llama_model_meta_val_str(model, "general.architecture", buf, sizeof buf);
    return buf;
}

llama_context * make_context(llama_model * model, int n_ctx, int threads) {
    llama_context_params cp = llama_context_default_params();
    cp.n_ctx = (uint32_t) n_ctx;
    cp.n_batch = (uint32_t) n_ctx;
    cp.n_ubatch = (uint32_t) n_ctx;
    cp.n_seq_max = 1;
    cp.type_k = GGML_TYPE_F32;
    cp.type_v = GGML_TYPE_F32;
    cp.flash_attn_type = LLAMA_FLASH_ATTN_TYPE_DISABLED;
    const int n = threads > 0 ? threads : (int) std::max(1u, std::thread::hardware_concurrency());
    cp.n_threads = n;
    cp.n_threads_batch = n;
    cp.no_perf = true;
    llama_context * ctx = llama_init_from_model(model, cp);
    if (!ctx) fail(EXIT_MEMORY, "out_of_memory", "could not create a training context of " + std::to_string(n_ctx) + " tokens");
    // The CPU backend learns its thread count only in llama_decode; the optimizer's graphs run on the
    // backend's default (4 threads), which on a 2-core machine spins in barriers 90 % of the time.
    llama_token bos = llama_vocab_bos(llama_model_get_vocab(model));
    llama_batch one = llama_batch_get_one(&bos, 1);
    if (llama_decode(ctx, one) != 0) fail(EXIT_INTERNAL, "decode_failed", "the warm-up decode failed");
    llama_memory_clear(llama_get_memory(ctx), true);
    return ctx;
}
