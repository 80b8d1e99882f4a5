#include "protocol.h"

#include <atomic>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <chrono>
#include <thread>
#ifndef _WIN32
#include <unistd.h>
#endif

static std::atomic<bool> g_stop{false};

static void on_stop_signal(int) {
    g_stop.store(true);
}

void install_stop_handlers() {
    std::signal(SIGTERM, on_stop_signal);
    std::signal(SIGINT, on_stop_signal);
#ifndef _WIN32
    // An orphan (the app was killed with -9) stops as if told to: a checkpoint instead of a run
    // that nobody reads, racing the resumed one for the same files. Writes to the dead app's pipe
    // must then fail quietly rather than kill the process with SIGPIPE before it checkpoints.
    std::signal(SIGPIPE, SIG_IGN);
    const pid_t parent = getppid();
    if (parent > 1) {
        std::thread([parent] {
            while (!g_stop.load()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
                if (getppid() != parent) {
                    std::fputs("parent process ended: stopping at the next step\n", stderr);
                    g_stop.store(true);
                }
            }
        }).detach();
    }
#endif
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
