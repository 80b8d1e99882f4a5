// Reading the JSON config file with errors that name the field.
#pragma once
#include "protocol.h"
#include <string>
#include <vector>

json read_config(const std::string & path);

std::string cfg_string(const json & cfg, const char * key, const char * fallback = nullptr);
double      cfg_number(const json & cfg, const char * key, double fallback, double min, double max);
double      cfg_number(const json & cfg, const char * key, double min, double max); // required
int64_t     cfg_int(const json & cfg, const char * key, int64_t fallback, int64_t min, int64_t max);
int64_t     cfg_int(const json & cfg, const char * key, int64_t min, int64_t max);   // required
bool        cfg_bool(const json & cfg, const char * key, bool fallback);
std::vector<std::string> cfg_strings(const json & cfg, const char * key, const std::vector<std::string> & fallback);

// an input file that must exist and be readable
std::string cfg_input_file(const json & cfg, const char * key, bool required = true);
bool file_exists(const std::string & path);
// a GGUF file: exists, has the magic; otherwise a clear EXIT_INPUT error naming the field
void require_gguf(const std::string & path, const char * what);
