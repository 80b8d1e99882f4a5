#include "adapter_io.h"
#include "file_out.h"
#include "model_load.h"
#include "protocol.h"
#include "rng.h"

#include "ggml-backend.h"
#include "gguf.h"
#include "llama-adapter.h"

#include <cmath>
#include <cstdio>

std::vector<lora_pair> plan_lora(const std::string & base_path, const std::vector<std::string> & targets, int64_t rank) {
    ggml_context * meta = nullptr;
    gguf_init_params p = {/*no_alloc =*/ true, /*ctx =*/ &meta};
    gguf_context * g = gguf_init_from_file(base_path.c_str(), p);
    if (!g) fail(EXIT_INPUT, "not_gguf", "base: cannot read GGUF " + base_path);
    const int64_t arch_key = gguf_find_key(g, "general.architecture");
    const std::string arch = arch_key >= 0 ? gguf_get_val_str(g, arch_key) : "";
    if (arch != "llama" && arch != "mistral") fail(EXIT_INPUT, "unsupported_architecture", "base: architecture \"" + arch + "\" is not supported (llama-architecture models only)");
    std::vector<lora_pair> out;
    for (int64_t i = 0; i < gguf_get_n_tensors(g); ++i) {
        const std::string name = gguf_get_tensor_name(g, i);
        for (const auto & t : targets) {
            const std::string suffix = "." + t + ".weight";
            const bool match = (name.rfind("blk.", 0) == 0 && name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) ||
                               (t == "output" && name == "output.weight");
            if (!match) continue;
            ggml_tensor * x = ggml_get_tensor(meta, name.c_str());
            lora_pair lp;
            lp.base = name;
            lp.n_in = x->ne[0];
            lp.n_out = x->ne[1];
            lp.rank = rank;
            out.push_back(std::move(lp));
        }
    }
    gguf_free(g);
    ggml_free(meta);
    if (out.empty()) fail(EXIT_CONFIG, "bad_config", "config: no tensor of the base model matches the targets");
    return out;
}

void init_lora(std::vector<lora_pair> & pairs, uint64_t seed) {
    rng64 rng(seed ^ 0x10a4ull);
    for (auto & p : pairs) {
        const double bound = 1.0 / std::sqrt((double) p.n_in);
        p.a.resize(p.n_in * p.rank);
        for (auto & x : p.a) x = (float) ((rng.uniform() * 2.0 - 1.0) * bound);
        p.b.assign(p.rank * p.n_out, 0.0f);
    }
}

std::string write_adapter_part(const std::string & path, const std::vector<lora_pair> & pairs, float alpha, const std::string & arch) {
    size_t bytes = 0;
    for (const auto & p : pairs) bytes += (p.a.size() + p.b.size()) * sizeof(float) + 2 * ggml_tensor_overhead();
    ggml_init_params ip = {/*mem_size =*/ bytes + 4096, /*mem_buffer =*/ nullptr, /*no_alloc =*/ false};
    ggml_context * ctx = ggml_init(ip);
    gguf_context * g = gguf_init_empty();
    gguf_set_val_str(g, "general.architecture", arch.c_str());
    gguf_set_val_str(g, "general.type", "adapter");
    gguf_set_val_str(g, "adapter.type", "lora");
    gguf_set_val_f32(g, "adapter.lora.alpha", alpha);
    for (const auto & p : pairs) {
        ggml_tensor * a = ggml_new_tensor_2d(ctx, GGML_TYPE_F32, p.n_in, p.rank);
        ggml_tensor * b = ggml_new_tensor_2d(ctx, GGML_TYPE_F32, p.rank, p.n_out);
        ggml_set_name(a, (p.base + ".lora_a").c_str());
        ggml_set_name(b, (p.base + ".lora_b").c_str());
        std::copy(p.a.begin(), p.a.end(), (float *) a->data);
        std::copy(p.b.begin(), p.b.end(), (float *) b->data);
        gguf_add_tensor(g, a);
        gguf_add_tensor(g, b);
    }
    return write_gguf_part_then_free(g, ctx, path);
}

void write_adapter(const std::string & path, const std::vector<lora_pair> & pairs, float alpha, const std::string & arch) {
    // a crash or a full disk never leaves a half-written adapter under the final name
    commit_file(write_adapter_part(path, pairs, alpha, arch), path);
}

std::vector<ggml_tensor *> adapter_tensors(llama_adapter_lora * adapter, const std::vector<lora_pair> & pairs) {
    std::vector<ggml_tensor *> out;
    for (const auto & p : pairs) {
        auto it = adapter->ab_map.find(p.base);
        if (it == adapter->ab_map.end()) fail(EXIT_INTERNAL, "adapter_mismatch", "the loaded adapter has no " + p.base);
        out.push_back(it->second.a);
        out.push_back(it->second.b);
    }
    return out;
}

void read_adapter_weights(llama_adapter_lora * adapter, std::vector<lora_pair> & pairs) {
    auto tensors = adapter_tensors(adapter, pairs);
    for (size_t i = 0; i < pairs.size(); ++i) {
        ggml_backend_tensor_get(tensors[2 * i], pairs[i].a.data(), 0, pairs[i].a.size() * sizeof(float));
        ggml_backend_tensor_get(tensors[2 * i + 1], pairs[i].b.data(), 0, pairs[i].b.size() * sizeof(float));
    }
}

llama_adapter_lora * load_trainable_adapter(llama_model * model, const std::vector<lora_pair> & pairs, float alpha, const std::string & scratch) {
    write_adapter(scratch, pairs, alpha, model_architecture(model));
    llama_adapter_lora * adapter = llama_adapter_lora_init(model, scratch.c_str());
    std::remove(scratch.c_str());
    if (!adapter) fail(EXIT_INTERNAL, "adapter_failed", "llama.cpp could not load the fresh adapter");
    return adapter;
}

bool reject_base_tensors(const ggml_tensor *, void *) {
    return false;
}
