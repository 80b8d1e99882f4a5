// The training loop shared by `lora` and `pretrain`: one optimizer step per window, in a seeded
// order per epoch, stopping cleanly at a step boundary when asked to (SIGTERM).
#pragma once
#include "dataset.h"
#include "protocol.h"
#include "ggml-opt.h"
#include "llama.h"
#include <functional>
#include <string>
#include <vector>

struct train_config {
    int         n_ctx = 256;
    int         epochs = 1;
    double      lr = 1e-3;
    double      lr_min = 0.0;
    std::string schedule = "constant"; // constant | linear | cosine
    double      weight_decay = 0.0;
    uint64_t    seed = 42;
    int64_t     checkpoint_every = 0; // steps; 0 = only when stopped
};

// the schedule fields every training command shares, validated, over the command's defaults
train_config read_train_config(const json & cfg, const train_config & defaults);

// where a run is: what the next step would be
struct train_position {
    int     epoch = 0;
    int64_t index = 0;    // window within the epoch's order
    int64_t step = 0;     // optimizer steps done
    int64_t opt_iter = 1; // ggml-opt's AdamW step counter (bias correction)
};

struct train_outcome {
    double  train_loss = 0.0; // per target token, last epoch
    double  val_loss = -1.0;  // per target token; -1 without validation data
    double  first_val_loss = -1.0;
    int64_t tokens = 0;
    double  seconds = 0.0;
    bool    stopped = false;
    train_position position;
};

using checkpoint_fn = std::function<void(const train_position &)>;

// one window as a one-item dataset: llama_opt_epoch then runs exactly one step (or one forward pass)
struct one_window {
    ggml_opt_dataset_t ds;
    explicit one_window(int n_ctx);
    ~one_window();
    one_window(const one_window &) = delete;
    one_window & operator=(const one_window &) = delete;
    void set(const window & w);
};

// ggml's loss of the window in `one` (the mean over its target tokens), forward only
double forward_loss(llama_context * ctx, const one_window & one);

// the loss per target token of windows, forward only
double evaluate_windows(llama_context * ctx, const std::vector<window> & windows);

train_outcome run_training(llama_context * ctx, const std::vector<window> & train, const std::vector<window> & val, const train_config & cfg,
                           train_position start, const checkpoint_fn & checkpoint);

// llama_opt_params for a run: the optimizer parameters follow the schedule of `cfg`
llama_opt_params make_opt_params(const train_config & cfg, llama_opt_param_filter filter, int64_t total_steps);
