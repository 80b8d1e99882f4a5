// `eval`: log-likelihood and perplexity of held-out prompt/answer pairs, on the answer tokens only,
// under a base model with or without an adapter (the "perplexity of real data" metric).
#include "commands.h"
#include "config.h"
#include "dataset.h"
#include "model_load.h"

#include <chrono>
#include <cmath>

int cmd_eval(const json & cfg, const run_flags & flags) {
    const std::string base = cfg_input_file(cfg, "base");
    require_gguf(base, "base");
    const std::string adapter_path = cfg_input_file(cfg, "adapter", false);
    if (!adapter_path.empty()) require_gguf(adapter_path, "adapter");
    const std::string data = cfg_input_file(cfg, "data");
    const bool per_item = cfg_bool(cfg, "per_item", false);
    const bool special = cfg_bool(cfg, "special_tokens", false);
    const int max_ctx = (int) cfg_int(cfg, "ctx", 1024, 32, 32768);
    const auto pairs = read_pairs(data);

    loaded_model lm;
    lm.model = load_model(base, false);
    llama_adapter_lora * adapter = nullptr;
    if (!adapter_path.empty()) {
        adapter = llama_adapter_lora_init(lm.model, adapter_path.c_str());
        if (!adapter) fail(EXIT_INPUT, "adapter_failed", "adapter: " + adapter_path + " does not fit the base model");
    }
    lm.ctx = make_context(lm.model, max_ctx, flags.threads);
    if (adapter) {
        float scale = 1.0f;
        llama_set_adapters_lora(lm.ctx, &adapter, 1, &scale);
    }
    const llama_vocab * vocab = llama_model_get_vocab(lm.model);
    const int n_vocab = llama_vocab_n_tokens(vocab);
    llama_batch batch = llama_batch_init(max_ctx, 0, 1);
    double sum_logprob = 0.0;
    int64_t n_tokens = 0;
    // every token decoded (prompt and answer), and the time from the first decode on: the speed
    // of evaluation, comparable with llama-perplexity's, without the model's load
    int64_t n_processed = 0;
    const auto t0 = std::chrono::steady_clock::now();
    json items = json::array();
    for (size_t k = 0; k < pairs.size(); ++k) {
        const window w = pair_window(vocab, pairs[k], max_ctx, special);
        int len = 0;
        for (int i = 0; i < max_ctx; ++i) if (w.labels[i] >= 0) len = i + 2;
        llama_memory_clear(llama_get_memory(lm.ctx), true);
        batch.n_tokens = len;
        for (int i = 0; i < len; ++i) {
            batch.token[i] = w.tokens[i];
            batch.pos[i] = i;
            batch.n_seq_id[i] = 1;
            batch.seq_id[i][0] = 0;
            batch.logits[i] = w.labels[i] >= 0;
        }
        n_processed += len;
        if (llama_decode(lm.ctx, batch) != 0) fail(EXIT_INTERNAL, "decode_failed", "evaluation failed on item " + std::to_string(k + 1));
        double item_sum = 0.0;
        int item_tokens = 0;
        for (int i = 0; i < len; ++i) {
            if (w.labels[i] < 0) continue;
            const float * logits = llama_get_logits_ith(lm.ctx, i);
            double max = logits[0];
            for (int v = 1; v < n_vocab; ++v) max = std::max(max, (double) logits[v]);
            double z = 0.0;
            for (int v = 0; v < n_vocab; ++v) z += std::exp((double) logits[v] - max);
            item_sum += (double) logits[w.labels[i]] - max - std::log(z);
            ++item_tokens;
        }
        sum_logprob += item_sum;
        n_tokens += item_tokens;
        if (per_item) items.push_back({{"tokens", item_tokens}, {"sum_logprob", item_sum}});
        if ((k + 1) % 16 == 0 || k + 1 == pairs.size()) {
            emit({{"type", "progress"}, {"phase", "eval"}, {"epoch", 1}, {"epochs", 1}, {"step", k + 1}, {"steps", pairs.size()}, {"tokens", n_tokens},
                  {"loss", n_tokens ? -sum_logprob / n_tokens : 0.0}, {"val_loss", nullptr}, {"tokens_per_s", nullptr}, {"eta_s", nullptr}});
        }
    }
    llama_batch_free(batch);
    const double mean_nll = n_tokens ? -sum_logprob / (double) n_tokens : 0.0;
    json result = {{"type", "result"}, {"command", "eval"}, {"items", pairs.size()}, {"tokens", n_tokens}, {"sum_logprob", sum_logprob},
                   {"mean_nll", mean_nll}, {"perplexity", std::exp(mean_nll)}, {"processed_tokens", n_processed},
                   {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()}};
    if (per_item) result["per_item"] = items;
    emit(result);
    return EXIT_OK;
}
