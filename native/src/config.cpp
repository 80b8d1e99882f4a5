#include "config.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

bool file_exists(const std::string & path) {
    FILE * f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    std::fclose(f);
    return true;
}

json read_config(const std::string & path) {
    std::ifstream in(path);
    if (!in) fail(EXIT_CONFIG, "bad_config", "cannot read config file " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    json cfg = json::parse(ss.str(), nullptr, false);
    if (cfg.is_discarded() || !cfg.is_object()) fail(EXIT_CONFIG, "bad_config", "config file " + path + " is not a JSON object");
    return cfg;
}

static const json * field(const json & cfg, const char * key) {
    auto it = cfg.find(key);
    return it == cfg.end() || it->is_null() ? nullptr : &*it;
}

std::string cfg_string(const json & cfg, const char * key, const char * fallback) {
    const json * v = field(cfg, key);
    if (!v) {
        if (fallback) return fallback;
        fail(EXIT_CONFIG, "bad_config", std::string("config: \"") + key + "\" is required");
    }
    if (!v->is_string()) fail(EXIT_CONFIG, "bad_config", std::string("config: \"") + key + "\" must be a string");
    return v->get<std::string>();
}

static double number_in(const json & cfg, const char * key, const json * v, double min, double max) {
    if (!v->is_number()) fail(EXIT_CONFIG, "bad_config", std::string("config: \"") + key + "\" must be a number");
    const double x = v->get<double>();
    if (x < min || x > max) {
        char buf[256];
        std::snprintf(buf, sizeof buf, "config: \"%s\" is %g; it must be between %g and %g", key, x, min, max);
        fail(EXIT_CONFIG, "bad_config", buf);
    }
    (void) cfg;
    return x;
}

double cfg_number(const json & cfg, const char * key, double fallback, double min, double max) {
    const json * v = field(cfg, key);
    return v ? number_in(cfg, key, v, min, max) : fallback;
}

double cfg_number(const json & cfg, const char * key, double min, double max) {
    const json * v = field(cfg, key);
    if (!v) fail(EXIT_CONFIG, "bad_config", std::string("config: \"") + key + "\" is required");
    return number_in(cfg, key, v, min, max);
}

int64_t cfg_int(const json & cfg, const char * key, int64_t fallback, int64_t min, int64_t max) {
    const json * v = field(cfg, key);
    if (!v) return fallback;
    if (!v->is_number_integer()) fail(EXIT_CONFIG, "bad_config", std::string("config: \"") + key + "\" must be an integer");
    return (int64_t) number_in(cfg, key, v, (double) min, (double) max);
}

int64_t cfg_int(const json & cfg, const char * key, int64_t min, int64_t max) {
    if (!field(cfg, key)) fail(EXIT_CONFIG, "bad_config", std::string("config: \"") + key + "\" is required");
    return cfg_int(cfg, key, 0, min, max);
}

bool cfg_bool(const json & cfg, const char * key, bool fallback) {
    const json * v = field(cfg, key);
    if (!v) return fallback;
    if (!v->is_boolean()) fail(EXIT_CONFIG, "bad_config", std::string("config: \"") + key + "\" must be true or false");
    return v->get<bool>();
}

std::vector<std::string> cfg_strings(const json & cfg, const char * key, const std::vector<std::string> & fallback) {
    const json * v = field(cfg, key);
    if (!v) return fallback;
    if (!v->is_array()) fail(EXIT_CONFIG, "bad_config", std::string("config: \"") + key + "\" must be a list of strings");
    std::vector<std::string> out;
    for (const auto & x : *v) {
        if (!x.is_string()) fail(EXIT_CONFIG, "bad_config", std::string("config: \"") + key + "\" must be a list of strings");
        out.push_back(x.get<std::string>());
    }
    return out;
}

std::string cfg_input_file(const json & cfg, const char * key, bool required) {
    const json * v = field(cfg, key);
    if (!v && !required) return "";
    const std::string path = cfg_string(cfg, key);
    if (!file_exists(path)) fail(EXIT_INPUT, "missing_file", std::string(key) + ": file not found: " + path);
    return path;
}

void require_gguf(const std::string & path, const char * what) {
    FILE * f = std::fopen(path.c_str(), "rb");
    if (!f) fail(EXIT_INPUT, "missing_file", std::string(what) + ": file not found: " + path);
    char magic[4] = {0, 0, 0, 0};
    const size_t n = std::fread(magic, 1, 4, f);
    std::fclose(f);
    if (n != 4 || std::memcmp(magic, "GGUF", 4) != 0) fail(EXIT_INPUT, "not_gguf", std::string(what) + ": not a GGUF file: " + path);
}
