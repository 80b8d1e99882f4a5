// Training data: prompt/answer pairs (loss on the answer only) or plain text, cut into windows of
// n_ctx tokens; a label is the next token, or -1 where no loss is taken (prompt, padding).
#pragma once
#include "llama.h"
#include <string>
#include <vector>

struct window {
    std::vector<llama_token> tokens;
    std::vector<llama_token> labels;
    int n_targets = 0; // positions with a label
};

struct pair_text {
    std::string prompt;
    std::string answer;
};

std::vector<pair_text> read_pairs(const std::string & path);
std::vector<std::string> read_texts(const std::string & path);

// prompt+answer tokenised together and split at the prompt's length (separate tokenisation leaves
// SentencePiece space artefacts); an end-of-sequence token closes the answer; long prompts lose
// their beginning so the answer always fits; special: text such as "<|eot_id|>" becomes the
// vocabulary's special token (prompts rendered through the model's chat template)
window pair_window(const llama_vocab * vocab, const pair_text & pair, int n_ctx, bool special = false);

// next-token windows over the texts (pretraining), packed whole: a text that fits in a window is
// never cut across two, so a report's conclusion is learnt with its whole description in view;
// a longer text takes consecutive windows of its own
std::vector<window> text_windows(const llama_vocab * vocab, const std::vector<std::string> & texts, int n_ctx);

// prompt/answer pairs packed whole into windows (best fit: each into the open window it fills most
// tightly), with a label only where the next token belongs to an answer (or closes it): for
// pretraining on the task (the loss on the conclusion) and for LoRA's `pack` (about two of the
// demo's pairs per 512-token window instead of one and its padding)
std::vector<window> pair_windows_packed(const llama_vocab * vocab, const std::vector<pair_text> & pairs, int n_ctx, bool special = false);

std::vector<llama_token> tokenize(const llama_vocab * vocab, const std::string & text, bool add_bos, bool special = false);
