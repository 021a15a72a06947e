#pragma once
// What a YAML parse error says, in words a rule author or a runner can act on.

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/exceptions.h>

#include <string>

namespace runback::util {

// yaml-cpp refuses lists and maps nested too deeply (a guard against stack exhaustion) with the
// bare words "bad file"; this names the real problem. Other messages pass unchanged.
inline std::string yaml_error_message(const YAML::Exception& error) {
    if (const auto* deep = dynamic_cast<const YAML::DeepRecursion*>(&error))
        return "lists or maps nested too deeply (" + std::to_string(deep->depth()) +
               " levels inside each other; runback reads at most a few hundred)";
    return error.msg;
}

}  // namespace runback::util
