#include "config.h"
#include "file_out.h"
#include "commands.h"
#include "rng.h"

#include "ggml.h"
#include "gguf.h"
#include "llama.h"

#include <cstdio>
#include <cstring>
#include <map>
#include <unistd.h>
#include <vector>

static uint64_t physical_memory() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long size  = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && size > 0 ? (uint64_t) pages * (uint64_t) size : 0;
}

static const std::map<std::string, llama_ftype> FTYPES = {
    {"f16", LLAMA_FTYPE_MOSTLY_F16}, {"q8_0", LLAMA_FTYPE_MOSTLY_Q8_0}, {"q4_0", LLAMA_FTYPE_MOSTLY_Q4_0}, {"q4_K", LLAMA_FTYPE_MOSTLY_Q4_K_M},
};

int cmd_init(const json & cfg) {
    const std::string out   = cfg_string(cfg, "out");
    const std::string vocab = cfg_input_file(cfg, "vocab");
    require_gguf(vocab, "vocab");
    const int64_t n_embd    = cfg_int(cfg, "n_embd", 8, 65536);
    const int64_t n_layer   = cfg_int(cfg, "n_layer", 1, 512);
    const int64_t n_head    = cfg_int(cfg, "n_head", 1, 1024);
    const int64_t n_head_kv = cfg_int(cfg, "n_head_kv", n_head, 1, 1024);
    const int64_t n_ff      = cfg_int(cfg, "n_ff", 8, 1 << 20);
    const int64_t n_ctx     = cfg_int(cfg, "n_ctx_train", 2048, 16, 1 << 20);
    const double  rope_base = cfg_number(cfg, "rope_freq_base", 10000.0, 1.0, 1e9);
    const int64_t swa       = cfg_int(cfg, "sliding_window", 0, 0, 1 << 20);
    const double  norm_eps  = cfg_number(cfg, "norm_eps", 1e-5, 1e-12, 1e-1);
    const int64_t seed      = cfg_int(cfg, "seed", 42, 0, INT64_MAX);
    const double  init_std  = cfg_number(cfg, "init_std", 0.02, 1e-6, 1.0);
    const std::string type  = cfg_string(cfg, "type", "f32");
    const std::string name  = cfg_string(cfg, "name", "collapse-lab tiny model");
    if (n_embd % n_head != 0) fail(EXIT_CONFIG, "bad_config", "config: n_embd must be a multiple of n_head");
    if (n_head % n_head_kv != 0) fail(EXIT_CONFIG, "bad_config", "config: n_head must be a multiple of n_head_kv (grouped-query attention)");
    if (type != "f32" && FTYPES.find(type) == FTYPES.end()) fail(EXIT_CONFIG, "bad_config", "config: type must be f32, f16, q8_0, q4_0 or q4_K, not " + type);

    gguf_init_params vp = {/*no_alloc =*/ true, /*ctx =*/ nullptr};
    gguf_context * vctx = gguf_init_from_file(vocab.c_str(), vp);
    if (!vctx) fail(EXIT_INPUT, "not_gguf", "vocab: cannot read GGUF " + vocab);
    const int64_t tok_key = gguf_find_key(vctx, "tokenizer.ggml.tokens");
    if (tok_key < 0) fail(EXIT_INPUT, "no_vocabulary", "vocab: " + vocab + " has no tokenizer.ggml.tokens");
    const int64_t n_vocab = (int64_t) gguf_get_arr_n(vctx, tok_key);

    const int64_t head_dim = n_embd / n_head;
    const int64_t n_kv     = head_dim * n_head_kv;
    struct spec { std::string name; int64_t ne0, ne1; bool norm; };
    std::vector<spec> tensors = {{"token_embd.weight", n_embd, n_vocab, false}, {"output_norm.weight", n_embd, 1, true}, {"output.weight", n_embd, n_vocab, false}};
    for (int64_t i = 0; i < n_layer; ++i) {
        const std::string b = "blk." + std::to_string(i) + ".";
        tensors.push_back({b + "attn_norm.weight", n_embd, 1, true});
        tensors.push_back({b + "attn_q.weight", n_embd, n_embd, false});
        tensors.push_back({b + "attn_k.weight", n_embd, n_kv, false});
        tensors.push_back({b + "attn_v.weight", n_embd, n_kv, false});
        tensors.push_back({b + "attn_output.weight", n_embd, n_embd, false});
        tensors.push_back({b + "ffn_norm.weight", n_embd, 1, true});
        tensors.push_back({b + "ffn_gate.weight", n_embd, n_ff, false});
        tensors.push_back({b + "ffn_up.weight", n_embd, n_ff, false});
        tensors.push_back({b + "ffn_down.weight", n_ff, n_embd, false});
    }
    uint64_t n_params = 0;
    for (const auto & t : tensors) n_params += (uint64_t) t.ne0 * t.ne1;
    const uint64_t bytes = n_params * 4 + tensors.size() * ggml_tensor_overhead() + (1 << 20);
    const uint64_t mem = physical_memory();
    if (mem && bytes > mem / 2) {
        fail(EXIT_MEMORY, "out_of_memory", "the recipe has " + std::to_string(n_params) + " parameters (" + std::to_string(bytes >> 20) +
             " MiB in F32), more than half of this machine's memory (" + std::to_string(mem >> 20) + " MiB)");
    }

    ggml_init_params ip = {/*mem_size =*/ bytes, /*mem_buffer =*/ nullptr, /*no_alloc =*/ false};
    ggml_context * ctx = ggml_init(ip);
    if (!ctx) fail(EXIT_MEMORY, "out_of_memory", "cannot allocate the model's weights");
    gguf_context * g = gguf_init_empty();
    gguf_set_kv(g, vctx); // the whole tokenizer, as the real vocabulary file has it
    gguf_set_val_str(g, "general.architecture", "llama");
    gguf_set_val_str(g, "general.name", name.c_str());
    gguf_set_val_u32(g, "general.file_type", 0);
    gguf_set_val_u32(g, "llama.context_length", (uint32_t) n_ctx);
    gguf_set_val_u32(g, "llama.embedding_length", (uint32_t) n_embd);
    gguf_set_val_u32(g, "llama.block_count", (uint32_t) n_layer);
    gguf_set_val_u32(g, "llama.feed_forward_length", (uint32_t) n_ff);
    gguf_set_val_u32(g, "llama.attention.head_count", (uint32_t) n_head);
    gguf_set_val_u32(g, "llama.attention.head_count_kv", (uint32_t) n_head_kv);
    gguf_set_val_f32(g, "llama.attention.layer_norm_rms_epsilon", (float) norm_eps);
    gguf_set_val_f32(g, "llama.rope.freq_base", (float) rope_base);
    gguf_set_val_u32(g, "llama.rope.dimension_count", (uint32_t) head_dim);
    gguf_set_val_u32(g, "llama.vocab_size", (uint32_t) n_vocab);
    // Recorded as Mistral's GGUFs record it; llama.cpp's llama architecture does not apply it (native/README.md).
    if (swa > 0) gguf_set_val_u32(g, "llama.attention.sliding_window", (uint32_t) swa);

    rng64 rng((uint64_t) seed);
    for (const auto & t : tensors) {
        ggml_tensor * x = t.ne1 == 1 ? ggml_new_tensor_1d(ctx, GGML_TYPE_F32, t.ne0) : ggml_new_tensor_2d(ctx, GGML_TYPE_F32, t.ne0, t.ne1);
        ggml_set_name(x, t.name.c_str());
        float * d = (float *) x->data;
        const int64_t n = ggml_nelements(x);
        for (int64_t i = 0; i < n; ++i) d[i] = t.norm ? 1.0f : (float) (rng.normal() * init_std);
        gguf_add_tensor(g, x);
    }
    // Written under a per-process name and renamed at the end: a reader never maps a half-written
    // model, and two processes creating the same model do not write into one file.
    const std::string part = out + ".part" + std::to_string((long) getpid());
    const std::string f32_path = type == "f32" ? part : part + ".f32";
    commit_file(write_gguf_part(g, f32_path), f32_path);
    gguf_free(g);
    gguf_free(vctx);
    ggml_free(ctx);

    if (type != "f32") {
        llama_model_quantize_params qp = llama_model_quantize_default_params();
        qp.ftype   = FTYPES.at(type);
        qp.nthread = 1;
        if (llama_model_quantize(f32_path.c_str(), part.c_str(), &qp) != 0) fail(EXIT_INTERNAL, "quantize_failed", "quantisation to " + type + " failed");
        std::remove(f32_path.c_str());
    }

    // the tokenizer must handle Russian: count the tokens of a report sentence
    llama_model_params mp = llama_model_default_params();
    mp.vocab_only = true;
    llama_model * model = llama_model_load_from_file(part.c_str(), mp);
    if (!model) fail(EXIT_INTERNAL, "load_failed", "the written model does not load: " + part);
    const char * probe = "В правой доле определяется образование средней эхогенности, размерами 0,9х0,8 см. EU-TIRADS 3";
    std::vector<llama_token> toks(512);
    const int n_tok = llama_tokenize(llama_model_get_vocab(model), probe, (int32_t) std::strlen(probe), toks.data(), (int32_t) toks.size(), false, false);
    llama_model_free(model);
    if (std::rename(part.c_str(), out.c_str()) != 0) fail(EXIT_INTERNAL, "write_failed", "cannot rename " + part + " to " + out);

    emit({{"type", "result"}, {"command", "init"}, {"model", out}, {"parameters", n_params}, {"n_vocab", n_vocab}, {"type_name", type},
          {"russian_probe_tokens", n_tok}, {"russian_probe_chars", 91}});
    return EXIT_OK;
}
