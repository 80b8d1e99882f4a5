// The trainer's side of its protocol (native/README.md): JSON lines on stdout, logs on stderr,
// documented exit codes, and one error type that carries its exit code.
#pragma once
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

using json = nlohmann::ordered_json;

enum exit_code : int {
    EXIT_OK       = 0,
    EXIT_INTERNAL = 1,
    EXIT_CONFIG   = 2,  // bad arguments or config
    EXIT_INPUT    = 3,  // missing file, not a GGUF, unsupported architecture or tensor type, empty dataset
    EXIT_MEMORY   = 4,  // the recipe or model does not fit in memory
    EXIT_DISK     = 5,  // an output could not be written (disk_full, write_failed); nothing half-written is left under its name
    EXIT_STOPPED  = 10, // stopped by SIGTERM/SIGINT after writing a checkpoint
};

struct trainer_error : std::runtime_error {
    int         exit;
    std::string code;
    trainer_error(int exit_, std::string code_, const std::string & message) : std::runtime_error(message), exit(exit_), code(std::move(code_)) {}
};

[[noreturn]] void fail(int exit, const std::string & code, const std::string & message);

void emit(const json & line);
void log_info(const char * fmt, ...);

// set by SIGTERM/SIGINT, or when the parent process dies; training loops stop at the next step boundary
bool stop_requested();
void install_stop_handlers();
