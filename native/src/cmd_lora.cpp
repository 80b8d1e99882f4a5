// `lora`: trains a LoRA adapter on prompt/answer pairs, loss on the answer tokens only.
#include "adapter_io.h"
#include "commands.h"
#include "config.h"
#include "dataset.h"
#include "file_out.h"
#include "model_load.h"
#include "rng.h"
#include "training.h"

#include "ggml-backend.h"
#include "gguf.h"
#include "llama-adapter.h"

#include <cstdio>
#include <numeric>

namespace {

const std::vector<std::string> DEFAULT_TARGETS = {"attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"};

void load_adapter_weights(const std::string & path, std::vector<lora_pair> & pairs) {
    ggml_context * meta = nullptr;
    gguf_init_params p = {/*no_alloc =*/ false, /*ctx =*/ &meta};
    gguf_context * g = gguf_init_from_file(path.c_str(), p);
    if (!g) fail(EXIT_INPUT, "not_gguf", "init_adapter: cannot read GGUF " + path);
    for (auto & lp : pairs) {
        ggml_tensor * a = ggml_get_tensor(meta, (lp.base + ".lora_a").c_str());
        ggml_tensor * b = ggml_get_tensor(meta, (lp.base + ".lora_b").c_str());
        if (!a || !b || a->type != GGML_TYPE_F32 || b->type != GGML_TYPE_F32 || a->ne[0] != lp.n_in || a->ne[1] != lp.rank || b->ne[1] != lp.n_out) {
            fail(EXIT_INPUT, "adapter_mismatch", "init_adapter: " + path + " does not match the base model, targets and rank for " + lp.base);
        }
        lp.a.assign((float *) a->data, (float *) a->data + ggml_nelements(a));
        lp.b.assign((float *) b->data, (float *) b->data + ggml_nelements(b));
    }
    gguf_free(g);
    ggml_free(meta);
}

struct checkpoint_files {
    std::string adapter, state;
    explicit checkpoint_files(const std::string & base) : adapter(base + ".adapter.gguf"), state(base + ".state.gguf") {}
};

// the optimizer state saved with a checkpoint, restored once ggml-opt has allocated (and zeroed) it
struct pending_state {
    std::vector<ggml_tensor *> params;
    std::vector<std::vector<float>> m, v;
};

void restore_state(ggml_opt_context_t opt, void * ud) {
    auto * s = (pending_state *) ud;
    for (size_t i = 0; i < s->params.size(); ++i) {
        ggml_tensor * m = nullptr;
        ggml_tensor * v = nullptr;
        if (!ggml_opt_param_momenta(opt, s->params[i], &m, &v)) fail(EXIT_INTERNAL, "resume_failed", "the optimizer has no state for a trained tensor");
        ggml_backend_tensor_set(m, s->m[i].data(), 0, s->m[i].size() * sizeof(float));
        ggml_backend_tensor_set(v, s->v[i].data(), 0, s->v[i].size() * sizeof(float));
    }
    log_info("restored the optimizer state of %zu tensors", s->params.size());
}

static std::string save_state_part(const std::string & path, ggml_opt_context_t opt, const std::vector<ggml_tensor *> & params, const train_position & pos, const std::string & fingerprint) {
    size_t bytes = 4096;
    for (auto * p : params) bytes += 2 * (ggml_nbytes(p) + ggml_tensor_overhead());
    ggml_init_params ip = {/*mem_size =*/ bytes, /*mem_buffer =*/ nullptr, /*no_alloc =*/ false};
    ggml_context * ctx = ggml_init(ip);
    gguf_context * g = gguf_init_empty();
    gguf_set_val_i32(g, "collapse.epoch", pos.epoch);
    gguf_set_val_i64(g, "collapse.index", pos.index);
    gguf_set_val_i64(g, "collapse.step", pos.step);
    gguf_set_val_i64(g, "collapse.opt_iter", pos.opt_iter);
    gguf_set_val_str(g, "collapse.fingerprint", fingerprint.c_str());
    for (size_t i = 0; i < params.size(); ++i) {
        ggml_tensor * m = nullptr;
        ggml_tensor * v = nullptr;
        const bool have = ggml_opt_param_momenta(opt, params[i], &m, &v);
        if (!have) log_info("checkpoint: no optimizer state for tensor %zu", i);
        ggml_tensor * mc = ggml_new_tensor_1d(ctx, GGML_TYPE_F32, ggml_nelements(params[i]));
        ggml_tensor * vc = ggml_new_tensor_1d(ctx, GGML_TYPE_F32, ggml_nelements(params[i]));
        ggml_format_name(mc, "m.%zu", i);
        ggml_format_name(vc, "v.%zu", i);
        if (have) {
            ggml_backend_tensor_get(m, mc->data, 0, ggml_nbytes(mc));
            ggml_backend_tensor_get(v, vc->data, 0, ggml_nbytes(vc));
        } else {
            std::fill((float *) mc->data, (float *) mc->data + ggml_nelements(mc), 0.0f);
            std::fill((float *) vc->data, (float *) vc->data + ggml_nelements(vc), 0.0f);
        }
        gguf_add_tensor(g, mc);
        gguf_add_tensor(g, vc);
    }
    return write_gguf_part_then_free(g, ctx, path);
}

bool load_state(const std::string & path, pending_state & s, train_position & pos, const std::string & fingerprint) {
    ggml_context * meta = nullptr;
    gguf_init_params p = {/*no_alloc =*/ false, /*ctx =*/ &meta};
    gguf_context * g = gguf_init_from_file(path.c_str(), p);
    if (!g) return false;
    const int64_t fk = gguf_find_key(g, "collapse.fingerprint");
    if (fk < 0 || fingerprint != gguf_get_val_str(g, fk)) {
        gguf_free(g);
        ggml_free(meta);
        fail(EXIT_CONFIG, "checkpoint_mismatch", "the checkpoint " + path + " belongs to another training configuration; delete it or drop --resume");
    }
    pos.epoch = gguf_get_val_i32(g, gguf_find_key(g, "collapse.epoch"));
    pos.index = gguf_get_val_i64(g, gguf_find_key(g, "collapse.index"));
    pos.step = gguf_get_val_i64(g, gguf_find_key(g, "collapse.step"));
    pos.opt_iter = gguf_get_val_i64(g, gguf_find_key(g, "collapse.opt_iter"));
    for (size_t i = 0; i < s.params.size(); ++i) {
        ggml_tensor * m = ggml_get_tensor(meta, ("m." + std::to_string(i)).c_str());
        ggml_tensor * v = ggml_get_tensor(meta, ("v." + std::to_string(i)).c_str());
        if (!m || !v || ggml_nelements(m) != ggml_nelements(s.params[i])) fail(EXIT_INPUT, "bad_checkpoint", "the checkpoint " + path + " is damaged");
        s.m.emplace_back((float *) m->data, (float *) m->data + ggml_nelements(m));
        s.v.emplace_back((float *) v->data, (float *) v->data + ggml_nelements(v));
    }
    gguf_free(g);
    ggml_free(meta);
    return true;
}

} // namespace

int cmd_lora(const json & cfg, const run_flags & flags) {
    const std::string base = cfg_input_file(cfg, "base");
    require_gguf(base, "base");
    const std::string train_path = cfg_input_file(cfg, "train");
    const std::string val_path = cfg_input_file(cfg, "val", false);
    const std::string out = cfg_string(cfg, "out");
    const int64_t rank = cfg_int(cfg, "rank", 8, 1, 1024);
    const double alpha = cfg_number(cfg, "alpha", 16.0, 1e-6, 1e6);
    const auto targets = cfg_strings(cfg, "targets", DEFAULT_TARGETS);
    train_config defaults;
    defaults.lr = 1e-3;
    const train_config tc = read_train_config(cfg, defaults);
    const double val_fraction = cfg_number(cfg, "val_fraction", val_path.empty() ? 0.1 : 0.0, 0.0, 0.9);
    const bool special = cfg_bool(cfg, "special_tokens", false);
    const bool pack = cfg_bool(cfg, "pack", false);
    const std::string init_adapter = cfg_input_file(cfg, "init_adapter", false);
    const checkpoint_files ckpt(cfg_string(cfg, "checkpoint", (out + ".ckpt").c_str()));

    std::vector<pair_text> pairs = read_pairs(train_path);
    std::vector<pair_text> val_pairs = val_path.empty() ? std::vector<pair_text>{} : read_pairs(val_path);
    if (val_path.empty() && val_fraction > 0 && pairs.size() >= 2) {
        std::vector<size_t> idx(pairs.size());
        std::iota(idx.begin(), idx.end(), 0);
        rng64 rng(tc.seed ^ 0x5eedull);
        for (size_t i = idx.size(); i > 1; --i) std::swap(idx[i - 1], idx[rng.below(i)]);
        const size_t n_val = std::max<size_t>(1, (size_t) (pairs.size() * val_fraction));
        std::vector<pair_text> kept;
        for (size_t k = 0; k < idx.size(); ++k) (k < n_val ? val_pairs : kept).push_back(pairs[idx[k]]);
        pairs.swap(kept);
    }

    emit({{"type", "progress"}, {"phase", "load"}, {"epoch", 0}, {"epochs", tc.epochs}, {"step", 0}, {"steps", 0}, {"tokens", 0}, {"loss", nullptr}, {"val_loss", nullptr}, {"tokens_per_s", 0}, {"eta_s", nullptr}});
    loaded_model lm;
    lm.model = load_model(base, false);
    const llama_vocab * vocab = llama_model_get_vocab(lm.model);
    std::vector<window> train, val;
    if (pack) {
        train = pair_windows_packed(vocab, pairs, tc.n_ctx, special);
        if (!val_pairs.empty()) val = pair_windows_packed(vocab, val_pairs, tc.n_ctx, special);
    } else {
        for (const auto & p : pairs) train.push_back(pair_window(vocab, p, tc.n_ctx, special));
        for (const auto & p : val_pairs) val.push_back(pair_window(vocab, p, tc.n_ctx, special));
    }

    // the run's identity: a checkpoint of another configuration must not be resumed
    const std::string fingerprint = cfg.dump();
    std::vector<lora_pair> lora = plan_lora(base, targets, rank);
    train_position start;
    pending_state state;
    const bool resuming = flags.resume && file_exists(ckpt.adapter) && file_exists(ckpt.state);
    if (resuming) load_adapter_weights(ckpt.adapter, lora);
    else if (!init_adapter.empty()) load_adapter_weights(init_adapter, lora);
    else init_lora(lora, tc.seed);
    llama_adapter_lora * adapter = load_trainable_adapter(lm.model, lora, (float) alpha, out + ".initial.gguf");

    lm.ctx = make_context(lm.model, tc.n_ctx, flags.threads);
    float scale = 1.0f;
    llama_set_adapters_lora(lm.ctx, &adapter, 1, &scale);
    const std::vector<ggml_tensor *> params = adapter_tensors(adapter, lora);
    for (auto * t : params) ggml_set_param(t);
    llama_opt_init(lm.ctx, lm.model, make_opt_params(tc, reject_base_tensors, (int64_t) train.size() * tc.epochs));
    ggml_opt_context_t opt = llama_opt_get_context(lm.ctx);
    if (resuming) {
        state.params = params;
        load_state(ckpt.state, state, start, fingerprint);
        ggml_opt_set_on_state_alloc(opt, restore_state, &state);
        ggml_opt_set_iter(opt, start.opt_iter);
        log_info("resuming at epoch %d, step %lld", start.epoch + 1, (long long) start.step);
    }

    const std::string arch = model_architecture(lm.model);
    const auto save_checkpoint = [&](const train_position & pos) {
        read_adapter_weights(adapter, lora);
        // both files are written in full before either replaces the previous checkpoint: a full disk
        // leaves the previous one whole (an adapter of one step with the state of another would resume wrongly)
        const std::string adapter_part = write_adapter_part(ckpt.adapter, lora, (float) alpha, arch);
        std::string state_part;
        try {
            state_part = save_state_part(ckpt.state, opt, params, pos, fingerprint);
        } catch (...) {
            std::remove(adapter_part.c_str());
            throw;
        }
        commit_file(adapter_part, ckpt.adapter);
        commit_file(state_part, ckpt.state);
        emit({{"type", "checkpoint"}, {"path", ckpt.adapter}, {"step", pos.step}, {"epoch", pos.epoch}});
    };
    const train_outcome r = run_training(lm.ctx, train, val, tc, start, save_checkpoint);
    if (r.stopped) {
        log_info("stopped at step %lld; resume with --resume", (long long) r.position.step);
        return EXIT_STOPPED;
    }
    read_adapter_weights(adapter, lora);
    write_adapter(out, lora, (float) alpha, arch);
    std::remove(ckpt.adapter.c_str());
    std::remove(ckpt.state.c_str());
    emit({{"type", "result"}, {"command", "lora"}, {"adapter", out}, {"train_loss", r.train_loss}, {"val_loss", r.val_loss < 0 ? json(nullptr) : json(r.val_loss)},
          {"initial_val_loss", r.first_val_loss < 0 ? json(nullptr) : json(r.first_val_loss)}, {"train_pairs", pairs.size()}, {"val_pairs", val_pairs.size()}, {"train_windows", train.size()},
          {"steps", r.position.step}, {"tokens", r.tokens}, {"seconds", r.seconds}, {"tokens_per_s", r.seconds > 0 ? r.tokens / r.seconds : 0.0}});
    return EXIT_OK;
}
