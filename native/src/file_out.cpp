#include "file_out.h"
#include "protocol.h"

#include "ggml.h"
#include "gguf.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <unistd.h>

static std::string folder_of(const std::string & path) {
    const std::filesystem::path p = std::filesystem::absolute(path).parent_path();
    return p.string();
}

void fail_write(const std::string & part, const std::string & path, int err) {
    std::remove(part.c_str());
    if (err == ENOSPC || err == EDQUOT)
        fail(EXIT_DISK, "disk_full", "cannot write " + path + ": the disk holding " + folder_of(path) + " is full (ENOSPC); free some space and run again (a stopped lora run with --resume)");
    fail(EXIT_DISK, "write_failed", "cannot write " + path + ": " + std::strerror(err) + " (in " + folder_of(path) + ")");
}

std::string write_gguf_part(const gguf_context * g, const std::string & path, const std::string & part_name) {
    const std::string part = part_name.empty() ? path + ".tmp" : part_name;
    FILE * f = std::fopen(part.c_str(), "wb");
    if (!f) fail_write(part, path, errno);
    errno = 0;
    bool ok = gguf_write_to_file_ptr(g, f, false);
    ok = ok && std::fflush(f) == 0 && fsync(fileno(f)) == 0;
    int err = errno;
    if (std::fclose(f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) fail_write(part, path, err != 0 ? err : EIO);
    return part;
}

std::string write_gguf_part_then_free(gguf_context * g, ggml_context * ctx, const std::string & path) {
    std::string part;
    try {
        part = write_gguf_part(g, path);
    } catch (...) {
        gguf_free(g);
        ggml_free(ctx);
        throw;
    }
    gguf_free(g);
    ggml_free(ctx);
    return part;
}

void check_gguf_part(const std::string & part, const std::string & path) {
    gguf_init_params params = {/*no_alloc =*/ true, /*ctx =*/ nullptr};
    gguf_context * g = gguf_init_from_file(part.c_str(), params);
    // a file cut short by a full disk: its header does not parse, or its tensors end past its end
    size_t end = 0;
    if (g) {
        end = gguf_get_data_offset(g);
        for (int64_t i = 0; i < gguf_get_n_tensors(g); ++i) end = std::max(end, gguf_get_data_offset(g) + gguf_get_tensor_offset(g, i) + gguf_get_tensor_size(g, i));
        gguf_free(g);
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(part, ec);
    if (!g || ec || size < end) fail_write(part, path, ENOSPC);
}

void commit_file(const std::string & part, const std::string & path) {
    if (std::rename(part.c_str(), path.c_str()) != 0) fail_write(part, path, errno);
}
