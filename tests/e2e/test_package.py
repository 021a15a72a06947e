#!/usr/bin/env python3
"""The Debian package (issue 8): cpack -G DEB builds it from the build folder; it depends on the
runtime libraries it links (worked out by dpkg-shlibdeps) and the font the PDF sheets use; it
installs with apt-get, and from the installed files `runback --version`, `man -w runback`, an
assessment, a PDF sheet (the module under /usr/lib/runback) and the bash completion work; it
removes cleanly. Where installing is not possible (not root, no apt-get, runback already
installed by someone else) the package is unpacked with dpkg -x into a temporary root instead.
The sanitizer build's binaries are not for packaging: there the test is skipped."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from harness import check, failures  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=kw.pop("timeout", 300), **kw)


def installed_by_someone():
    status = run(["dpkg-query", "-W", "-f=${Status}", "runback"])
    return "install ok installed" in status.stdout


def try_installed(prefix, binary_path, man_args, tmp):
    """The checks a new user would make, against files under `prefix` ('' for the system)."""
    version = re.search(r"project\(runback VERSION (\S+)", open(os.path.join(ROOT, "CMakeLists.txt")).read()).group(1)
    said = run([binary_path, "--version"], cwd=tmp)
    check(said.returncode == 0 and said.stdout.startswith(f"runback {version}\n"),
          f"the installed runback --version says {version} ({said.stdout.strip()!r})")
    where = run(man_args, cwd=tmp)
    check(where.returncode == 0 and where.stdout.strip().endswith("runback.1.gz"),
          f"man -w runback finds the manual ({where.stdout.strip() or where.stderr.strip()})")
    docs = prefix + "/usr/share/doc/runback"
    example = os.path.join(docs, "examples", "benign.yaml")
    result = run([binary_path, "assess", example, "--format", "json"], cwd=tmp)
    ok = result.returncode == 0
    try:
        ok = ok and json.loads(result.stdout)["urgency"] == "self_care"
    except ValueError:
        ok = False
    check(ok, "an assessment of the installed example works from the installed files")
    pdf = os.path.join(tmp, "installed-sheet.pdf")
    result = run([binary_path, "sheet", example, "-o", pdf], cwd=tmp,
                 env={k: v for k, v in os.environ.items() if k != "RUNBACK_PDF_MODULE"})
    head = open(pdf, "rb").read(5) if os.path.exists(pdf) else b""
    check(result.returncode == 0 and head == b"%PDF-",
          f"a PDF sheet works, with the module from lib/runback ({result.stderr.strip()[:120]})")
    rules = prefix + "/usr/share/runback/rules"
    result = run([binary_path, "rules", "check", "--rules", rules], cwd=tmp)
    check(result.returncode == 0 and "no problems found" in result.stdout,
          "the rule base installed as data files checks clean")
    completion = prefix + "/usr/share/bash-completion/completions/runback"
    program = f"source {completion}; COMP_WORDS=(runback sheet --format ''); COMP_CWORD=3; _runback; echo ${{COMPREPLY[*]}}"
    result = run(["bash", "--norc", "-c", program], cwd=tmp)
    check("pdf" in result.stdout.split(), f"the installed bash completion completes ({result.stdout.strip()})")
    for path in ("/usr/share/zsh/vendor-completions/_runback", "/usr/share/fish/vendor_completions.d/runback.fish",
                 "/usr/share/doc/runback/user-guide.md", "/usr/share/doc/runback/CHANGELOG.md"):
        check(os.path.exists(prefix + path), f"installed: {path}")


def main():
    if os.environ.get("RUNBACK_SANITIZED") in ("1", "ON", "TRUE", "true"):
        print("skip: the sanitizer build is not packaged (the normal build's run of this test covers it)")
        return 77
    binary = os.path.abspath(sys.argv[1])
    build = os.environ.get("RUNBACK_BUILD_DIR", os.path.dirname(binary))
    config = os.path.join(build, "CPackConfig.cmake")
    if not shutil.which("cpack") or not os.path.exists(config) or not shutil.which("dpkg-deb"):
        print("skip: cpack, the build's CPackConfig.cmake or dpkg-deb is missing")
        return 77
    if not shutil.which("dpkg-shlibdeps"):
        print("skip: dpkg-shlibdeps (dpkg-dev) is missing; scripts/quickstart --test installs it")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        made = run(["cpack", "-G", "DEB", "--config", config, "-B", tmp])
        debs = glob.glob(os.path.join(tmp, "runback_*.deb"))
        check(made.returncode == 0 and len(debs) == 1, f"cpack -G DEB makes one package ({made.stderr.strip()[-200:]})")
        if not debs:
            return 1
        deb = debs[0]
        depends = run(["dpkg-deb", "-f", deb, "Depends"]).stdout
        for needed in ("libc6", "libstdc++6", "libyaml-cpp0.7", "libfmt9", "libedit2", "libcairo2",
                       "libpangocairo-1.0-0", "fonts-dejavu-core"):
            check(needed in depends, f"the package depends on {needed}")
        listing = run(["dpkg-deb", "-c", deb]).stdout
        for path in ("./usr/bin/runback", "./usr/lib/runback/runback-pdf.so", "./usr/share/man/man1/runback.1.gz",
                     "./usr/share/runback/rules/rules.yaml"):
            check(path in listing, f"the package holds {path}")

        can_install = os.geteuid() == 0 and shutil.which("apt-get") and not installed_by_someone()
        if can_install:
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            result = run(["apt-get", "install", "-y", "-q", "--no-install-recommends", deb], env=env, timeout=600)
            check(result.returncode == 0, f"apt-get install ./{os.path.basename(deb)} ({result.stderr.strip()[-200:]})")
            try:
                if result.returncode == 0:
                    try_installed("", "/usr/bin/runback", ["man", "-w", "runback"], tmp)
            finally:
                removed = run(["apt-get", "remove", "-y", "-q", "runback"], env=env, timeout=600)
                check(removed.returncode == 0 and not os.path.exists("/usr/bin/runback"),
                      "apt-get remove runback takes it away again")
        else:
            print("note: not installing (needs root and apt-get, and no runback installed already); unpacking instead")
            root = os.path.join(tmp, "root")
            result = run(["dpkg", "-x", deb, root])
            check(result.returncode == 0, "dpkg -x unpacks the package")
            try_installed(root, os.path.join(root, "usr/bin/runback"),
                          ["man", "-M", os.path.join(root, "usr/share/man"), "-w", "runback"], tmp)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
