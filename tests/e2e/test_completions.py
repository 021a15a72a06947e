#!/usr/bin/env python3
"""Shell completions (issue 8), generated at build time from the program's command line: each
shell's script is loaded into the real shell and asked what completes a line. Commands and
subcommands, options, the values of --format, --from and --to, question ids for --columns,
country codes, and files and folders where an option takes them. zsh and fish are tried where
installed (the README's test command installs both)."""
import os
import shutil
import subprocess
import sys
import tempfile
from harness import check, failures  # noqa: E402


# (words on the line, the last one being completed; what must be offered; what must not)
CASES = [
    (["runback", ""], {"ask", "assess", "batch", "sheet", "rules"}, set()),
    (["runback", "as"], {"ask", "assess"}, {"batch"}),
    (["runback", "rules", ""], {"check", "test", "graph"}, {"ask"}),
    (["runback", "sheet", "--format", ""], {"txt", "md", "html", "pdf"}, {"json"}),
    (["runback", "assess", "--format", ""], {"text", "json"}, {"pdf"}),
    (["runback", "batch", "x.csv", "--from", ""], {"csv", "jsonl"}, set()),
    (["runback", "batch", "x.csv", "--to", ""], {"csv", "jsonl"}, set()),
    (["runback", "batch", "--columns", "pain_"], {"pain_location", "pain_severity"}, {"fever"}),
    (["runback", "sheet", "--paper", ""], {"a4", "letter"}, set()),
    (["runback", "assess", "--country", "G"], {"GB"}, {"US"}),
    (["runback", "sheet", "--"], {"--format", "--output", "--paper", "--full"}, {"--from"}),
    (["runback", "rules", "check", "--"], {"--strict", "--format", "--rules"}, {"--paper"}),
    (["runback", "assess", "ans"], {"answers.yaml"}, set()),          # a file
    (["runback", "assess", "--rules", "my"], {"my-rules"}, {"my-answers.yaml"}),   # folders only
]


def bash_offers(script, line, folder):
    program = f"""
source {script!r}
COMP_WORDS=({' '.join(repr(w) for w in line)})
COMP_CWORD={len(line) - 1}
_runback
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    result = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, text=True, cwd=folder, timeout=30)
    return {word.rstrip("/") for word in result.stdout.split()}


def fish_offers(script, line, folder):
    typed = " ".join(line)
    result = subprocess.run(["fish", "--no-config", "-c", f"source {script}; complete -C {typed!r}"],
                            capture_output=True, text=True, cwd=folder, timeout=30)
    return {row.split("\t")[0].rstrip("/") for row in result.stdout.splitlines() if row}


# zsh completes only inside its line editor; outside it, the completion functions' helpers
# (compadd, _describe, _files) are stood in for by ones that print what they are given.
ZSH_STUBS = r"""
compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }
_describe() { local name=$4; print -l -- ${${(P)name}%%:*}; }
_files() { if [[ $1 == -/ ]]; then print -l -- *(/); else print -l -- *; fi; }
_message() { :; }
"""


def zsh_offers(script, line, folder):
    words = " ".join(repr(w) for w in line)
    program = ZSH_STUBS + f"""
source {script!r} >/dev/null 2>&1
words=({words})
CURRENT={len(line)}
_runback
"""
    result = subprocess.run(["zsh", "-f", "-c", program], capture_output=True, text=True, cwd=folder, timeout=30)
    offered = set()
    prefix = line[-1]
    for word in result.stdout.split():
        if word.startswith(prefix):
            offered.add(word.rstrip("/"))
    return offered


def main():
    binary = os.path.abspath(sys.argv[1])
    build = os.environ.get("RUNBACK_BUILD_DIR", os.path.dirname(binary))
    generated = os.path.abspath(os.path.join(build, "generated"))
    scripts = {"bash": os.path.join(generated, "runback.bash"), "zsh": os.path.join(generated, "_runback"),
               "fish": os.path.join(generated, "runback.fish")}
    for shell, path in scripts.items():
        check(os.path.exists(path), f"the build writes the {shell} completion ({path})")
    with tempfile.TemporaryDirectory() as folder:
        open(os.path.join(folder, "answers.yaml"), "w").close()
        open(os.path.join(folder, "my-answers.yaml"), "w").close()
        os.mkdir(os.path.join(folder, "my-rules"))
        for shell, offers in (("bash", bash_offers), ("zsh", zsh_offers), ("fish", fish_offers)):
            if not shutil.which(shell):
                print(f"skip {shell}: not installed (scripts/quickstart --test installs it)")
                continue
            if not os.path.exists(scripts[shell]):
                continue
            for line, wanted, unwanted in CASES:
                got = offers(scripts[shell], line, folder)
                # zsh's stand-in helpers are not filtered by what is typed; the real ones are.
                if shell == "zsh":
                    got = {w for w in got if w.startswith(line[-1])}
                check(wanted <= got and not (unwanted & got),
                      f"{shell}: '{' '.join(line)}' offers {sorted(wanted)} (got {sorted(got)[:12]})")
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
