// collapse-trainer: LoRA training, base-model creation and evaluation for Collapse Lab.
// Protocol (native/README.md): `collapse-trainer <command> --config <file.json> [--resume] [--threads N]`;
// one JSON object per line on stdout; human logs on stderr; exit codes in protocol.h.
#include "commands.h"
#include "config.h"

#include "ggml.h"
#include "llama.h"

#include <cstring>
#include <new>

#ifndef COLLAPSE_TRAINER_VERSION
#define COLLAPSE_TRAINER_VERSION "0.1.0"
#endif

static bool g_verbose = false;

static void on_llama_log(ggml_log_level level, const char * text, void *) {
    if (g_verbose || level == GGML_LOG_LEVEL_ERROR || level == GGML_LOG_LEVEL_WARN) std::fputs(text, stderr);
}

static void on_ggml_abort(const char * message) {
    // last words on the protocol before ggml aborts: a one-line JSON error instead of silence
    emit({{"type", "error"}, {"code", "internal_abort"}, {"message", message ? message : "ggml aborted"}});
}

static const char * USAGE = "usage: collapse-trainer <init|pretrain|lora|eval|gradcheck|version> --config <file.json> [--resume] [--threads N] [--verbose]";

int main(int argc, char ** argv) {
    install_stop_handlers();
    ggml_set_abort_callback(on_ggml_abort);
    try {
        if (argc < 2) fail(EXIT_CONFIG, "bad_arguments", USAGE);
        const std::string command = argv[1];
        std::string config_path;
        run_flags flags;
        for (int i = 2; i < argc; ++i) {
            const std::string a = argv[i];
            if (a == "--config" && i + 1 < argc) config_path = argv[++i];
            else if (a == "--resume") flags.resume = true;
            else if (a == "--verbose") g_verbose = true;
            else if (a == "--threads" && i + 1 < argc) flags.threads = std::atoi(argv[++i]);
            else fail(EXIT_CONFIG, "bad_arguments", "unknown argument \"" + a + "\"; " + USAGE);
        }
        llama_log_set(on_llama_log, nullptr);
        if (command == "version") {
            emit({{"type", "result"}, {"command", "version"}, {"version", COLLAPSE_TRAINER_VERSION}, {"system", llama_print_system_info()}});
            return EXIT_OK;
        }
        if (command != "init" && command != "pretrain" && command != "lora" && command != "eval" && command != "gradcheck") fail(EXIT_CONFIG, "bad_arguments", "unknown command \"" + command + "\"; " + USAGE);
        if (config_path.empty()) fail(EXIT_CONFIG, "bad_arguments", "--config <file.json> is required");
        const json cfg = read_config(config_path);
        llama_backend_init();
        emit({{"type", "start"}, {"command", command}, {"version", COLLAPSE_TRAINER_VERSION}});
        int code = EXIT_OK;
        if (command == "init") code = cmd_init(cfg);
        else if (command == "pretrain") code = cmd_pretrain(cfg, flags);
        else if (command == "lora") code = cmd_lora(cfg, flags);
        else if (command == "eval") code = cmd_eval(cfg, flags);
        else code = cmd_gradcheck(cfg, flags);
        llama_backend_free();
        return code;
    } catch (const trainer_error & e) {
        emit({{"type", "error"}, {"code", e.code}, {"message", e.what()}});
        std::fprintf(stderr, "error: %s\n", e.what());
        return e.exit;
    } catch (const std::bad_alloc &) {
        emit({{"type", "error"}, {"code", "out_of_memory"}, {"message", "out of memory"}});
        std::fprintf(stderr, "error: out of memory\n");
        return EXIT_MEMORY;
    } catch (const std::exception & e) {
        emit({{"type", "error"}, {"code", "internal"}, {"message", e.what()}});
        std::fprintf(stderr, "error: %s\n", e.what());
        return EXIT_INTERNAL;
    }
}
