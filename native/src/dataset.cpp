#include "dataset.h"
#include "protocol.h"

#include <algorithm>
#include <fstream>

static std::vector<json> read_jsonl(const std::string & path) {
    std::ifstream in(path);
    if (!in) fail(EXIT_INPUT, "missing_file", "dataset not found: " + path);
    std::vector<json> out;
    std::string line;
    int lineno = 0;
    while (std::getline(in, line)) {
        ++lineno;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        json j = json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object()) fail(EXIT_INPUT, "bad_dataset", path + ": line " + std::to_string(lineno) + ": not a JSON object");
        out.push_back(std::move(j));
    }
    if (out.empty()) fail(EXIT_INPUT, "empty_dataset", "dataset is empty: " + path);
    return out;
}

std::vector<pair_text> read_pairs(const std::string & path) {
    std::vector<pair_text> out;
    int lineno = 0;
    for (const auto & j : read_jsonl(path)) {
        ++lineno;
        if (!j.contains("prompt") || !j["prompt"].is_string() || !j.contains("answer") || !j["answer"].is_string()) {
            fail(EXIT_INPUT, "bad_dataset", path + ": record " + std::to_string(lineno) + ": needs string fields \"prompt\" and \"answer\"");
        }
        out.push_back({j["prompt"].get<std::string>(), j["answer"].get<std::string>()});
    }
    return out;
}

std::vector<std::string> read_texts(const std::string & path) {
    std::vector<std::string> out;
    int lineno = 0;
    for (const auto & j : read_jsonl(path)) {
        ++lineno;
        if (!j.contains("text") || !j["text"].is_string()) fail(EXIT_INPUT, "bad_dataset", path + ": record " + std::to_string(lineno) + ": needs a string field \"text\"");
        out.push_back(j["text"].get<std::string>());
    }
    return out;
}

std::vector<llama_token> tokenize(const llama_vocab * vocab, const std::string & text, bool add_bos, bool special) {
    std::vector<llama_token> toks(text.size() + 8);
    int n = llama_tokenize(vocab, text.data(), (int32_t) text.size(), toks.data(), (int32_t) toks.size(), add_bos, special);
    if (n < 0) {
        toks.resize(-n);
        n = llama_tokenize(vocab, text.data(), (int32_t) text.size(), toks.data(), (int32_t) toks.size(), add_bos, special);
    }
    toks.resize(n > 0 ? n : 0);
    return toks;
}

static llama_token pad_token(const llama_vocab * vocab) {
    const llama_token eos = llama_vocab_eos(vocab);
    return eos >= 0 ? eos : 0;
}

window pair_window(const llama_vocab * vocab, const pair_text & pair, int n_ctx, bool special) {
    std::vector<llama_token> full = tokenize(vocab, pair.prompt + pair.answer, true, special);
    const size_t n_prompt = std::min(tokenize(vocab, pair.prompt, true, special).size(), full.size());
    full.push_back(llama_vocab_eos(vocab));
    size_t first_target = n_prompt; // index of the first answer token
    if ((int) full.size() > n_ctx) {
        const size_t cut = full.size() - n_ctx;
        if (cut >= first_target) fail(EXIT_INPUT, "answer_too_long", "an answer is longer than the context (" + std::to_string(n_ctx) + " tokens)");
        full.erase(full.begin(), full.begin() + cut);
        first_target -= cut;
    }
    window w;
    w.tokens.assign(n_ctx, pad_token(vocab));
    w.labels.assign(n_ctx, -1);
    std::copy(full.begin(), full.end(), w.tokens.begin());
    // position i predicts token i+1: a label wherever token i+1 belongs to the answer
    for (size_t i = 0; i + 1 < full.size(); ++i) {
        if (i + 1 >= first_target) {
            w.labels[i] = full[i + 1];
            ++w.n_targets;
        }
    }
    return w;
}

// the window of n_ctx tokens that starts at seq[begin]; each position's label is the token after it in seq
static window window_at(const llama_vocab * vocab, const std::vector<llama_token> & seq, size_t begin, int n_ctx) {
    window w;
    w.tokens.assign(n_ctx, pad_token(vocab));
    w.labels.assign(n_ctx, -1);
    for (int i = 0; i < n_ctx && begin + i < seq.size(); ++i) {
        w.tokens[i] = seq[begin + i];
        if (begin + i + 1 < seq.size()) {
            w.labels[i] = seq[begin + i + 1];
            ++w.n_targets;
        }
    }
    return w;
}

std::vector<window> text_windows(const llama_vocab * vocab, const std::vector<std::string> & texts, int n_ctx) {
    std::vector<window> out;
    std::vector<llama_token> packed;
    const auto flush = [&]() {
        if (packed.size() > 1) out.push_back(window_at(vocab, packed, 0, n_ctx));
        packed.clear();
    };
    for (const auto & t : texts) {
        auto toks = tokenize(vocab, t, true);
        toks.push_back(llama_vocab_eos(vocab));
        if ((int) toks.size() > n_ctx) {
            flush();
            for (size_t start = 0; start + 1 < toks.size(); start += n_ctx) out.push_back(window_at(vocab, toks, start, n_ctx));
            continue;
        }
        if ((int) (packed.size() + toks.size()) > n_ctx) flush();
        packed.insert(packed.end(), toks.begin(), toks.end());
    }
    flush();
    out.erase(std::remove_if(out.begin(), out.end(), [](const window & w) { return w.n_targets == 0; }), out.end());
    if (out.empty()) fail(EXIT_INPUT, "empty_dataset", "the texts tokenise to nothing");
    return out;
}

std::vector<window> pair_windows_packed(const llama_vocab * vocab, const std::vector<pair_text> & pairs, int n_ctx, bool special) {
    // best fit: each pair goes to the open window it fills most tightly, so about two pairs of half
    // a window each share one (in file order, two such pairs are often a few tokens too long to)
    std::vector<window> out;
    std::vector<int> used;
    for (const auto & p : pairs) {
        std::vector<llama_token> full = tokenize(vocab, p.prompt + p.answer, true, special);
        const size_t n_prompt = std::min(tokenize(vocab, p.prompt, true, special).size(), full.size());
        full.push_back(llama_vocab_eos(vocab));
        if ((int) full.size() > n_ctx) {
            out.push_back(pair_window(vocab, p, n_ctx, special));
            used.push_back(n_ctx);
            continue;
        }
        size_t best = out.size();
        for (size_t k = 0; k < out.size(); ++k) {
            if (used[k] + (int) full.size() <= n_ctx && (best == out.size() || used[k] > used[best])) best = k;
        }
        if (best == out.size()) {
            window w;
            w.tokens.assign(n_ctx, pad_token(vocab));
            w.labels.assign(n_ctx, -1);
            out.push_back(std::move(w));
            used.push_back(0);
        }
        window & w = out[best];
        std::copy(full.begin(), full.end(), w.tokens.begin() + used[best]);
        // position i predicts token i+1: a label wherever token i+1 is this pair's answer or its end
        for (size_t i = 0; i + 1 < full.size(); ++i) {
            if (i + 1 >= n_prompt) {
                w.labels[used[best] + i] = full[i + 1];
                ++w.n_targets;
            }
        }
        used[best] += (int) full.size();
    }
    out.erase(std::remove_if(out.begin(), out.end(), [](const window & w) { return w.n_targets == 0; }), out.end());
    if (out.empty()) fail(EXIT_INPUT, "empty_dataset", "the pairs tokenise to nothing");
    return out;
}
