#pragma once
// The one error type thrown from deep code and caught once in cli::run, which prints
// "runback: error: <message>" and the hint, then exits with the status.

#include <stdexcept>
#include <string>

namespace runback {

// Exit statuses, as the contract's table fixes them.
enum class ExitStatus : int { success = 0, failed = 1, usage = 2, interrupted = 130 };

class Error : public std::runtime_error {
public:
    // `message` says what went wrong; `hint` (optional) what the user can do about it.
    explicit Error(std::string message, std::string hint = {},
                   ExitStatus status = ExitStatus::usage)
        : std::runtime_error(std::move(message)), m_hint(std::move(hint)), m_status(status) {}

    const std::string& hint() const { return m_hint; }
    ExitStatus status() const { return m_status; }

private:
    std::string m_hint;
    ExitStatus m_status;
};

}  // namespace runback
