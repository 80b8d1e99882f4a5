#include "training.h"
#include "protocol.h"
#include "rng.h"
#include "config.h"

#include <chrono>
#include <cmath>
#include <numeric>

namespace {

struct schedule_state {
    train_config cfg;
    int64_t total_steps = 1;
    int64_t step = 0;
    double lr_now = 0.0;
};

schedule_state g_schedule;

double lr_at(const schedule_state & s) {
    const double t = s.total_steps > 1 ? (double) s.step / (double) (s.total_steps - 1) : 0.0;
    const double lo = s.cfg.lr_min, hi = s.cfg.lr;
    double lr = hi;
    if (s.cfg.schedule == "linear") lr = hi + (lo - hi) * t;
    if (s.cfg.schedule == "cosine") lr = lo + 0.5 * (hi - lo) * (1.0 + std::cos(M_PI * t));
    return std::max(lr, 1e-12); // ggml-opt asserts a positive learning rate
}

ggml_opt_optimizer_params scheduled_params(void *) {
    ggml_opt_optimizer_params p = ggml_opt_get_default_optimizer_params(nullptr);
    g_schedule.lr_now = lr_at(g_schedule);
    p.adamw.alpha = (float) g_schedule.lr_now;
    p.adamw.wd = (float) g_schedule.cfg.weight_decay;
    p.sgd.alpha = p.adamw.alpha;
    return p;
}

std::vector<int64_t> epoch_order(size_t n, uint64_t seed, int epoch) {
    std::vector<int64_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    rng64 rng(seed * 1000003ull + (uint64_t) epoch);
    for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    return order;
}

double result_loss(ggml_opt_result_t r) {
    double loss = 0.0, unc = 0.0;
    ggml_opt_result_loss(r, &loss, &unc);
    return loss;
}

} // namespace

one_window::one_window(int n_ctx) : ds(ggml_opt_dataset_init(GGML_TYPE_I32, GGML_TYPE_I32, n_ctx, n_ctx, 1, 1)) {}

one_window::~one_window() {
    ggml_opt_dataset_free(ds);
}

void one_window::set(const window & w) {
    std::copy(w.tokens.begin(), w.tokens.end(), (int32_t *) ggml_opt_dataset_data(ds)->data);
    std::copy(w.labels.begin(), w.labels.end(), (int32_t *) ggml_opt_dataset_labels(ds)->data);
}

double forward_loss(llama_context * ctx, const one_window & one) {
    ggml_opt_result_t train = ggml_opt_result_init();
    ggml_opt_result_t eval = ggml_opt_result_init();
    llama_opt_epoch(ctx, one.ds, train, eval, 0, nullptr, nullptr);
    const double loss = result_loss(eval);
    ggml_opt_result_free(train);
    ggml_opt_result_free(eval);
    return loss;
}

train_config read_train_config(const json & cfg, const train_config & d) {
    train_config tc;
    tc.n_ctx = (int) cfg_int(cfg, "ctx", d.n_ctx, 256, 32768);
    tc.epochs = (int) cfg_int(cfg, "epochs", d.epochs, 1, 10000);
    tc.lr = cfg_number(cfg, "lr", d.lr, 0.0, 10.0);
    tc.lr_min = cfg_number(cfg, "lr_min", d.lr_min, 0.0, 10.0);
    tc.schedule = cfg_string(cfg, "schedule", d.schedule.c_str());
    tc.weight_decay = cfg_number(cfg, "weight_decay", d.weight_decay, 0.0, 1.0);
    tc.seed = (uint64_t) cfg_int(cfg, "seed", (int64_t) d.seed, 0, INT64_MAX);
    tc.checkpoint_every = cfg_int(cfg, "checkpoint_every", d.checkpoint_every, 0, INT64_MAX);
    if (tc.schedule != "constant" && tc.schedule != "linear" && tc.schedule != "cosine") fail(EXIT_CONFIG, "bad_config", "config: schedule must be constant, linear or cosine");
    // llama.cpp pads contexts to multiples of 256, and a training window must fill its context
    if (tc.n_ctx % 256 != 0) fail(EXIT_CONFIG, "bad_config", "config: ctx must be a multiple of 256");
    return tc;
}

llama_opt_params make_opt_params(const train_config & cfg, llama_opt_param_filter filter, int64_t total_steps) {
    g_schedule = schedule_state{};
    g_schedule.cfg = cfg;
    g_schedule.total_steps = total_steps;
    llama_opt_params p{};
    p.n_ctx_train = (uint32_t) cfg.n_ctx;
    p.param_filter = filter;
    p.param_filter_ud = nullptr;
    p.get_opt_pars = scheduled_params;
    p.get_opt_pars_ud = nullptr;
    p.optimizer_type = GGML_OPT_OPTIMIZER_TYPE_ADAMW;
    return p;
}

double evaluate_windows(llama_context * ctx, const std::vector<window> & windows) {
    if (windows.empty()) return -1.0;
    const int n_ctx = (int) windows[0].tokens.size();
    one_window one(n_ctx);
    double sum = 0.0;
    int64_t targets = 0;
    for (const auto & w : windows) {
        if (w.n_targets == 0) continue;
        one.set(w);
        // ggml's loss is the mean over the output rows, which are the target positions (patch 0006)
        sum += forward_loss(ctx, one) * w.n_targets;
        targets += w.n_targets;
    }
    return targets ? sum / (double) targets : -1.0;
}

train_outcome run_training(llama_context * ctx, const std::vector<window> & train, const std::vector<window> & val, const train_config & cfg,
                           train_position start, const checkpoint_fn & checkpoint) {
    using clock = std::chrono::steady_clock;
    const int n_ctx = cfg.n_ctx;
    const int64_t n_train = (int64_t) train.size();
    const int64_t total_steps = n_train * cfg.epochs;
    g_schedule.total_steps = total_steps;
    one_window one(n_ctx);
    ggml_opt_result_t result = ggml_opt_result_init();
    ggml_opt_result_t unused = ggml_opt_result_init();
    train_outcome out;
    out.position = start;
    const auto t0 = clock::now();
    auto last_emit = t0 - std::chrono::seconds(1);
    int64_t steps_this_run = 0;

    // also on resume, so the optimizer state is built by the same first graph as in an uninterrupted run
    if (!val.empty()) {
        const double v = evaluate_windows(ctx, val);
        if (start.step == 0) out.first_val_loss = v;
    }

    for (int epoch = start.epoch; epoch < cfg.epochs; ++epoch) {
        const auto order = epoch_order(train.size(), cfg.seed, epoch);
        double epoch_sum = 0.0;
        int64_t epoch_targets = 0;
        for (int64_t i = epoch == start.epoch ? start.index : 0; i < n_train; ++i) {
            if (stop_requested()) {
                out.stopped = true;
                out.position = {epoch, i, start.step + steps_this_run, ggml_opt_get_iter(llama_opt_get_context(ctx))};
                checkpoint(out.position);
                ggml_opt_result_free(result);
                ggml_opt_result_free(unused);
                return out;
            }
            const window & w = train[order[i]];
            one.set(w);
            ggml_opt_result_reset(result);
            g_schedule.step = start.step + steps_this_run;
            llama_opt_epoch(ctx, one.ds, result, unused, 1, nullptr, nullptr);
            ++steps_this_run;
            const double loss = w.n_targets ? result_loss(result) : 0.0; // per target token (patch 0006)
            epoch_sum += loss * w.n_targets;
            epoch_targets += w.n_targets;
            out.tokens += n_ctx;
            const int64_t step = start.step + steps_this_run;
            out.position = {epoch, i + 1, step, ggml_opt_get_iter(llama_opt_get_context(ctx))};
            if (cfg.checkpoint_every > 0 && step % cfg.checkpoint_every == 0) checkpoint(out.position);

            const auto now = clock::now();
            if (now - last_emit > std::chrono::milliseconds(500) || step == total_steps) {
                last_emit = now;
                const double secs = std::chrono::duration<double>(now - t0).count();
                const double tps = secs > 0 ? out.tokens / secs : 0.0;
                const double eta = steps_this_run > 0 ? secs / steps_this_run * (total_steps - step) : 0.0;
                emit({{"type", "progress"}, {"phase", "train"}, {"epoch", epoch + 1}, {"epochs", cfg.epochs}, {"step", step}, {"steps", total_steps},
                      {"tokens", out.tokens}, {"loss", loss}, {"val_loss", nullptr}, {"lr", g_schedule.lr_now}, {"tokens_per_s", tps}, {"eta_s", eta}});
            }
        }
        out.train_loss = epoch_targets ? epoch_sum / (double) epoch_targets : 0.0;
        out.position = {epoch + 1, 0, start.step + steps_this_run, ggml_opt_get_iter(llama_opt_get_context(ctx))};
        if (!val.empty()) {
            out.val_loss = evaluate_windows(ctx, val);
            const double secs = std::chrono::duration<double>(clock::now() - t0).count();
            emit({{"type", "progress"}, {"phase", "val"}, {"epoch", epoch + 1}, {"epochs", cfg.epochs}, {"step", out.position.step}, {"steps", total_steps},
                  {"tokens", out.tokens}, {"loss", out.train_loss}, {"val_loss", out.val_loss}, {"tokens_per_s", secs > 0 ? out.tokens / secs : 0.0},
                  {"eta_s", steps_this_run ? secs / steps_this_run * (total_steps - out.position.step) : 0.0}});
        }
    }
    out.seconds = std::chrono::duration<double>(clock::now() - t0).count();
    ggml_opt_result_free(result);
    ggml_opt_result_free(unused);
    return out;
}
