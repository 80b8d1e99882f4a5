// Output files that are never half-written under their final name: written to "<path>.tmp",
// checked to the last byte (fflush, fsync, fclose: a full disk often shows only there), then renamed.
// A write that fails removes its temporary file and fails with exit 5, naming the folder.
#pragma once
#include <string>

struct gguf_context;
struct ggml_context;

// Writes the GGUF to `part` ("<path>.tmp" unless given) and returns that name; rename it with commit_file.
std::string write_gguf_part(const gguf_context * g, const std::string & path, const std::string & part = "");
// write_gguf_part for a GGUF built in memory: frees it and the ggml context holding its tensors, whether the write succeeds or throws
std::string write_gguf_part_then_free(gguf_context * g, ggml_context * ctx, const std::string & path);
// Checks a file some other writer produced at `part` (llama_model_save_to_file ignores fclose's result):
// it must be as long as its GGUF header says; otherwise it is removed and the write fails for `path`.
void check_gguf_part(const std::string & part, const std::string & path);
// Renames a checked temporary file to its final name.
void commit_file(const std::string & part, const std::string & path);
// Fails for `path` with the error `err` (an errno value), after removing `part`.
[[noreturn]] void fail_write(const std::string & part, const std::string & path, int err);
