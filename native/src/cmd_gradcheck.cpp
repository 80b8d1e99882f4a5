// `gradcheck`: checks the trainer's gradients against finite differences of its own loss, for the
// LoRA tensors of chosen targets (K/V projections above all: stock llama.cpp gives them none, see
// patch 0004), and that masked positions (label -1) give exactly zero gradient (patch 0002).
#include "adapter_io.h"
#include "commands.h"
#include "config.h"
#include "dataset.h"
#include "model_load.h"
#include "rng.h"
#include "training.h"

#include "ggml-backend.h"
#include "ggml-opt.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace {

// The gradient of every parameter, read off one plain SGD step at learning rate 1 (w' = w - g) and
// undone: ggml-opt frees the graph that holds the accumulators when the step ends.
std::vector<std::vector<float>> gradients(llama_context * ctx, const one_window & item, const std::vector<ggml_tensor *> & params) {
    std::vector<std::vector<float>> before;
    for (ggml_tensor * p : params) {
        before.emplace_back(ggml_nelements(p));
        ggml_backend_tensor_get(p, before.back().data(), 0, ggml_nbytes(p));
    }
    ggml_opt_result_t train = ggml_opt_result_init();
    ggml_opt_result_t eval = ggml_opt_result_init();
    llama_opt_epoch(ctx, item.ds, train, eval, 1, nullptr, nullptr);
    ggml_opt_result_free(train);
    ggml_opt_result_free(eval);
    std::vector<std::vector<float>> out;
    for (size_t t = 0; t < params.size(); ++t) {
        std::vector<float> after(before[t].size());
        ggml_backend_tensor_get(params[t], after.data(), 0, ggml_nbytes(params[t]));
        for (size_t i = 0; i < after.size(); ++i) after[i] = before[t][i] - after[i];
        ggml_backend_tensor_set(params[t], before[t].data(), 0, ggml_nbytes(params[t]));
        out.push_back(std::move(after));
    }
    return out;
}

double max_abs(const std::vector<float> & v) {
    double m = 0.0;
    for (float x : v) m = std::max(m, (double) std::fabs(x));
    return m;
}

ggml_opt_optimizer_params unit_sgd(void *) {
    ggml_opt_optimizer_params p = ggml_opt_get_default_optimizer_params(nullptr);
    p.sgd.alpha = 1.0f;
    p.sgd.wd = 0.0f;
    return p;
}

} // namespace

int cmd_gradcheck(const json & cfg, const run_flags & flags) {
    const std::string base = cfg_input_file(cfg, "base");
    require_gguf(base, "base");
    const std::string train_path = cfg_input_file(cfg, "train");
    const auto targets = cfg_strings(cfg, "targets", {"attn_q", "attn_k", "attn_v"});
    const int64_t rank = cfg_int(cfg, "rank", 4, 1, 64);
    const double alpha = cfg_number(cfg, "alpha", 8.0, 1e-6, 1e6);
    const int n_ctx = (int) cfg_int(cfg, "ctx", 256, 256, 4096);
    const uint64_t seed = (uint64_t) cfg_int(cfg, "seed", 1, 0, INT64_MAX);
    const double eps = cfg_number(cfg, "eps", 0.05, 1e-6, 10.0);
    const bool direct_kv = cfg.contains("direct_kv") ? cfg.at("direct_kv").get<bool>() : true;
    if (n_ctx % 256 != 0) fail(EXIT_CONFIG, "bad_config", "config: ctx must be a multiple of 256");

    const std::vector<pair_text> pairs = read_pairs(train_path);
    loaded_model lm;
    lm.model = load_model(base, false);
    const window w = pair_window(llama_model_get_vocab(lm.model), pairs.front(), n_ctx);
    window masked = w;
    std::fill(masked.labels.begin(), masked.labels.end(), -1);
    masked.n_targets = 0;

    // B random too (not 0 as for training), so that A has a gradient and the adapter changes the output
    std::vector<lora_pair> lora = plan_lora(base, targets, rank);
    init_lora(lora, seed);
    rng64 rng(seed ^ 0x9c4eull);
    for (auto & p : lora) for (auto & x : p.b) x = (float) ((rng.uniform() * 2.0 - 1.0) * 0.05);
    llama_adapter_lora * adapter = load_trainable_adapter(lm.model, lora, (float) alpha, base + ".gradcheck." + std::to_string(seed) + ".gguf");

    lm.ctx = make_context(lm.model, n_ctx, flags.threads);
    float scale = 1.0f;
    llama_set_adapters_lora(lm.ctx, &adapter, 1, &scale);
    const std::vector<ggml_tensor *> params = adapter_tensors(adapter, lora);
    for (auto * t : params) ggml_set_param(t);
    llama_opt_params op{};
    op.n_ctx_train = (uint32_t) n_ctx;
    op.param_filter = reject_base_tensors;
    op.get_opt_pars = unit_sgd;
    op.optimizer_type = GGML_OPT_OPTIMIZER_TYPE_SGD;
    llama_opt_init(lm.ctx, lm.model, op);

    // ggml-opt keys its gradient accumulators by node index of the first graph it builds, so the
    // graph's shape (direct K/V or not) is chosen before anything runs, and changed only at the end
    llama_opt_set_direct_kv(lm.ctx, direct_kv);
    one_window item(n_ctx);
    item.set(w);
    const double loss = forward_loss(lm.ctx, item);

    one_window masked_item(n_ctx);
    masked_item.set(masked);
    double masked_max = 0.0;
    for (const auto & g : gradients(lm.ctx, masked_item, params)) masked_max = std::max(masked_max, max_abs(g));

    const auto grads = gradients(lm.ctx, item, params);
    // directional derivatives along the analytic gradient and along a seeded random direction (unit
    // vectors over the whole tensor): a far larger loss change than one element gives, so the
    // float32 loss resolves it; a missing gradient shows as analytic 0 against a numeric slope
    json tensors = json::array();
    double worst = 0.0;
    for (size_t t = 0; t < params.size(); ++t) {
        ggml_tensor * p = params[t];
        const size_t n = (size_t) ggml_nelements(p);
        std::vector<float> w0(n);
        ggml_backend_tensor_get(p, w0.data(), 0, ggml_nbytes(p));
        std::vector<std::pair<std::string, std::vector<double>>> directions;
        const double gnorm = std::sqrt(std::inner_product(grads[t].begin(), grads[t].end(), grads[t].begin(), 0.0));
        if (gnorm > 0) directions.push_back({"gradient", std::vector<double>(grads[t].begin(), grads[t].end())});
        std::vector<double> r(n);
        for (auto & x : r) x = rng.normal();
        directions.push_back({"random", r});
        json checks = json::array();
        for (auto & [kind, d] : directions) {
            const double norm = std::sqrt(std::inner_product(d.begin(), d.end(), d.begin(), 0.0));
            for (auto & x : d) x /= norm;
            std::vector<float> moved(n);
            const auto loss_at = [&](double step) {
                for (size_t i = 0; i < n; ++i) moved[i] = (float) (w0[i] + step * d[i]);
                ggml_backend_tensor_set(p, moved.data(), 0, ggml_nbytes(p));
                return forward_loss(lm.ctx, item);
            };
            const double numeric = (loss_at(eps) - loss_at(-eps)) / (2.0 * eps);
            ggml_backend_tensor_set(p, w0.data(), 0, ggml_nbytes(p));
            double analytic = 0.0;
            for (size_t i = 0; i < n; ++i) analytic += grads[t][i] * d[i];
            // relative to the tensor's steepest slope: a random direction's slope can be ~0 by chance
            const double err = std::fabs(numeric - analytic) / std::max({gnorm, std::fabs(numeric), 1e-12});
            worst = std::max(worst, err);
            checks.push_back({{"direction", kind}, {"analytic", analytic}, {"numeric", numeric}, {"rel_error", err}});
        }
        tensors.push_back({{"name", ggml_get_name(p)}, {"gradient_norm", gnorm}, {"checks", checks}});
    }
    // the forward loss is the same whichever way attention reads K/V (forward graphs need no accumulators)
    llama_opt_set_direct_kv(lm.ctx, !direct_kv);
    const double loss_other = forward_loss(lm.ctx, item);
    const double loss_cache = direct_kv ? loss_other : loss;
    emit({{"type", "result"}, {"command", "gradcheck"}, {"direct_kv", direct_kv}, {"loss", loss}, {"loss_through_cache", loss_cache}, {"eps", eps},
          {"masked_max_abs_gradient", masked_max}, {"max_rel_error", worst}, {"tensors", tensors}});
    return EXIT_OK;
}
