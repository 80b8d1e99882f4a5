// LoRA adapters as GGUF files that llama.cpp and node-llama-cpp load unchanged:
// general.type=adapter, adapter.type=lora, adapter.lora.alpha; blk.N.<name>.weight.lora_a [n_in, r]
// and .lora_b [r, n_out], F32.
#pragma once
#include "llama.h"
#include <string>
#include <vector>

struct lora_pair {
    std::string base;    // e.g. blk.0.attn_q.weight
    int64_t n_in = 0, n_out = 0, rank = 0;
    std::vector<float> a; // n_in * rank
    std::vector<float> b; // rank * n_out
};

// the target tensors of a base model with their shapes (from its GGUF header)
std::vector<lora_pair> plan_lora(const std::string & base_path, const std::vector<std::string> & targets, int64_t rank);
// A ~ U(±1/sqrt(n_in)), B = 0: the adapter starts as the identity
void init_lora(std::vector<lora_pair> & pairs, uint64_t seed);
void write_adapter(const std::string & path, const std::vector<lora_pair> & pairs, float alpha, const std::string & arch);
// The same, written to "<path>.tmp" only (file_out.h): a checkpoint renames its two files once both are written.
std::string write_adapter_part(const std::string & path, const std::vector<lora_pair> & pairs, float alpha, const std::string & arch);
// copies the adapter's A/B from the backend (after training) into pairs
void read_adapter_weights(llama_adapter_lora * adapter, std::vector<lora_pair> & pairs);
// the adapter's trainable tensors, in plan order
std::vector<struct ggml_tensor *> adapter_tensors(llama_adapter_lora * adapter, const std::vector<lora_pair> & pairs);
// `pairs` as an adapter of `model`, loaded through a temporary GGUF at `scratch` (removed again)
llama_adapter_lora * load_trainable_adapter(llama_model * model, const std::vector<lora_pair> & pairs, float alpha, const std::string & scratch);
// llama_opt_param_filter that accepts no base tensor: only the adapter's A/B, marked by hand, train
bool reject_base_tensors(const struct ggml_tensor *, void *);
