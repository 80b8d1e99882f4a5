#include "protocol.h"

#include <atomic>
#include <csignal>
#include <cstdarg>
#include <cstdio>

static std::atomic<bool> g_stop{false};

static void on_stop_signal(int) {
    g_stop.store(true);
}

void install_stop_handlers() {
    std::signal(SIGTERM, on_stop_signal);
    std::signal(SIGINT, on_stop_signal);
}

bool stop_requested() {
    return g_stop.load();
}

void fail(int exit, const std::string & code, const std::string & message) {
    throw trainer_error(exit, code, message);
}

void emit(const json & line) {
    const std::string text = line.dump(-1, ' ', false, json::error_handler_t::replace);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void log_info(const char * fmt, ...) {
    va_list args;
    va_start(args, fmt);
    std::vfprintf(stderr, fmt, args);
    va_end(args);
    std::fputc('\n', stderr);
}
