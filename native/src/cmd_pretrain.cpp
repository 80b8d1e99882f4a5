// `pretrain`: full training of an F32 base model (from `init`) on a text corpus.
#include "commands.h"
#include "config.h"
#include "dataset.h"
#include "file_out.h"
#include "model_load.h"
#include "training.h"

#include "gguf.h"

#include <cerrno>
#include <cstdio>

// llama_model_save_to_file writes only the hyperparameters llama.cpp uses; carry over the ones it
// records but ignores for this architecture (the sliding window), so the model still says what it is
static void keep_recorded_keys(const std::string & from, const std::string & saved, const std::string & out) {
    gguf_init_params pf = {/*no_alloc =*/ true, /*ctx =*/ nullptr};
    gguf_context * src = gguf_init_from_file(from.c_str(), pf);
    const int64_t key = src ? gguf_find_key(src, "llama.attention.sliding_window") : -1;
    if (key < 0) {
        if (src) gguf_free(src);
        commit_file(saved, out);
        return;
    }
    ggml_context * data = nullptr;
    gguf_init_params pd = {/*no_alloc =*/ false, /*ctx =*/ &data};
    gguf_context * dst = gguf_init_from_file(saved.c_str(), pd);
    if (!dst) fail_write(saved, out, EIO);
    // a fresh GGUF whose tensors point at the loaded data (a loaded context cannot be written back as is)
    gguf_context * copy = gguf_init_empty();
    gguf_set_kv(copy, dst);
    gguf_set_val_u32(copy, "llama.attention.sliding_window", gguf_get_val_u32(src, key));
    for (int64_t i = 0; i < gguf_get_n_tensors(dst); ++i) gguf_add_tensor(copy, ggml_get_tensor(data, gguf_get_tensor_name(dst, i)));
    // beside the saved file it reads from, under a name of its own
    std::string part;
    try {
        part = write_gguf_part(copy, out, out + ".tmp2");
    } catch (...) {
        std::remove(saved.c_str());
        throw;
    }
    gguf_free(copy);
    gguf_free(dst);
    ggml_free(data);
    gguf_free(src);
    std::remove(saved.c_str());
    commit_file(part, out);
}

int cmd_pretrain(const json & cfg, const run_flags & flags) {
    const std::string model_path = cfg_input_file(cfg, "model");
    require_gguf(model_path, "model");
    const std::string train_path = cfg_input_file(cfg, "train");
    const std::string out = cfg_string(cfg, "out");
    train_config defaults;
    defaults.lr = 4e-4;
    defaults.schedule = "cosine";
    const train_config tc = read_train_config(cfg, defaults);
    const double val_fraction = cfg_number(cfg, "val_fraction", 0.05, 0.0, 0.5);
    if (!model_is_f32(model_path)) fail(EXIT_INPUT, "unsupported_tensor_type", "model: pretraining needs an F32 model (create it with init and type f32)");

    // "all": next-token loss on every token of {"text"} records; "answer": {"prompt","answer"} records, the loss on the answers only
    const std::string loss = cfg_string(cfg, "loss", "all");
    if (loss != "all" && loss != "answer") fail(EXIT_CONFIG, "bad_config", "loss: must be \"all\" or \"answer\"");
    loaded_model lm;
    lm.model = load_model(model_path, true);
    const llama_vocab * vocab = llama_model_get_vocab(lm.model);
    std::vector<window> windows =
        loss == "answer" ? pair_windows_packed(vocab, read_pairs(train_path), tc.n_ctx) : text_windows(vocab, read_texts(train_path), tc.n_ctx);
    const size_t n_val = windows.size() > 1 ? (size_t) (windows.size() * val_fraction) : 0;
    std::vector<window> val(windows.end() - n_val, windows.end());
    windows.resize(windows.size() - n_val);
    lm.ctx = make_context(lm.model, tc.n_ctx, flags.threads);
    llama_opt_init(lm.ctx, lm.model, make_opt_params(tc, llama_opt_param_filter_all, (int64_t) windows.size() * tc.epochs));
    // pretraining is not resumable: a stop keeps the weights reached so far next to the output
    const auto keep = [&](const train_position &) {
        if (!stop_requested()) return;
        const std::string partial = out + ".partial.gguf";
        llama_model_save_to_file(lm.model, (partial + ".tmp").c_str());
        check_gguf_part(partial + ".tmp", partial);
        commit_file(partial + ".tmp", partial);
    };
    const train_outcome r = run_training(lm.ctx, windows, val, tc, train_position{}, keep);
    if (r.stopped) return EXIT_STOPPED;
    const std::string tmp = out + ".tmp";
    // llama_model_save_to_file says nothing of a failed write: the file is checked before it is renamed
    llama_model_save_to_file(lm.model, tmp.c_str());
    check_gguf_part(tmp, out);
    keep_recorded_keys(model_path, tmp, out);
    emit({{"type", "result"}, {"command", "pretrain"}, {"model", out}, {"train_loss", r.train_loss}, {"val_loss", r.val_loss < 0 ? json(nullptr) : json(r.val_loss)},
          {"initial_val_loss", r.first_val_loss < 0 ? json(nullptr) : json(r.first_val_loss)}, {"windows", windows.size()}, {"tokens", r.tokens},
          {"seconds", r.seconds}, {"tokens_per_s", r.seconds > 0 ? r.tokens / r.seconds : 0.0}});
    return EXIT_OK;
}
