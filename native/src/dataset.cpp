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

// a pair as the trainer feeds it: prompt+answer tokenised together and split at the prompt's
// length, closed by the end-of-sequence token; first_target is the index of the first answer token
struct pair_tokens {
    std::vector<llama_token> full;
    size_t first_target;
};

static pair_tokens tokenize_pair(const llama_vocab * vocab, const pair_text & pair, bool special) {
    pair_tokens t;
    t.full = tokenize(vocab, pair.prompt + pair.answer, true, special);
    t.first_target = std::min(tokenize(vocab, pair.prompt, true, special).size(), t.full.size());
    t.full.push_back(llama_vocab_eos(vocab));
    return t;
}

static window empty_window(const llama_vocab * vocab, int n_ctx) {
    window w;
    w.tokens.assign(n_ctx, pad_token(vocab));
    w.labels.assign(n_ctx, -1);
    return w;
}

// copies the pair into w at offset; position i predicts token i+1: a label wherever token i+1 belongs to the answer
static void place_pair(window & w, size_t offset, const pair_tokens & t) {
    std::copy(t.full.begin(), t.full.end(), w.tokens.begin() + offset);
    for (size_t i = 0; i + 1 < t.full.size(); ++i) {
        if (i + 1 >= t.first_target) {
            w.labels[offset + i] = t.full[i + 1];
            ++w.n_targets;
        }
    }
}

// one pair alone in a window; a pair longer than the window loses the beginning of its prompt
static window pair_window(const llama_vocab * vocab, pair_tokens t, int n_ctx) {
    if ((int) t.full.size() > n_ctx) {
        const size_t cut = t.full.size() - n_ctx;
        if (cut >= t.first_target) fail(EXIT_INPUT, "answer_too_long", "an answer is longer than the context (" + std::to_string(n_ctx) + " tokens)");
        t.full.erase(t.full.begin(), t.full.begin() + cut);
        t.first_target -= cut;
    }
    window w = empty_window(vocab, n_ctx);
    place_pair(w, 0, t);
    return w;
}

window pair_window(const llama_vocab * vocab, const pair_text & pair, int n_ctx, bool special) {
    return pair_window(vocab, tokenize_pair(vocab, pair, special), n_ctx);
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
        pair_tokens t = tokenize_pair(vocab, p, special);
        const int n = (int) t.full.size();
        if (n > n_ctx) {
            out.push_back(pair_window(vocab, std::move(t), n_ctx));
            used.push_back(n_ctx);
            continue;
        }
        size_t best = out.size();
        for (size_t k = 0; k < out.size(); ++k) {
            if (used[k] + n <= n_ctx && (best == out.size() || used[k] > used[best])) best = k;
        }
        if (best == out.size()) {
            out.push_back(empty_window(vocab, n_ctx));
            used.push_back(0);
        }
        place_pair(out[best], used[best], t);
        used[best] += n;
    }
    out.erase(std::remove_if(out.begin(), out.end(), [](const window & w) { return w.n_targets == 0; }), out.end());
    if (out.empty()) fail(EXIT_INPUT, "empty_dataset", "the pairs tokenise to nothing");
    return out;
}
