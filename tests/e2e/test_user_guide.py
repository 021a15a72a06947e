#!/usr/bin/env python3
"""docs/user-guide.md shows a questionnaire session, a batch run and a training log read as the
program really runs them: each is recorded again (docs/make-user-guide-session, through a pseudo-terminal for the
questionnaire) and must read exactly as the guide has them. A change to the questionnaire's
wording or the rules that changes what a reader would see fails here until the guide is
updated (docs/make-user-guide-session --update)."""
import importlib.machinery
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "..", "..", "docs")
sys.path.insert(0, HERE)
from pty_session import require_pty  # noqa: E402
from harness import check, failures  # noqa: E402


def main():
    binary = os.path.abspath(sys.argv[1])
    require_pty()
    loader = importlib.machinery.SourceFileLoader("make_session", os.path.join(DOCS, "make-user-guide-session"))
    spec = importlib.util.spec_from_loader("make_session", loader)
    maker = importlib.util.module_from_spec(spec)
    loader.exec_module(maker)
    guide = open(os.path.join(DOCS, "user-guide.md")).read()
    recorded = maker.recordings(binary)
    for name, text in recorded.items():
        check(f"```text\n{text}\n```" in guide,
              f"the guide's {name} reads as the program runs it now (else: docs/make-user-guide-session --update)")
    check("SELF-CARE" in recorded["session"] and "Sheet file >" in recorded["session"],
          "the recorded session runs to the result and the sheet offer")
    check("row 4: 'maybe' is not an answer to fever" in recorded["batch"], "the batch example shows an error row")
    check("Weekly distance, the last 12 weeks" in recorded["training"] and "longest_run_jump: Yes" in recorded["training"],
          "the training-log example shows the chart and the answers")
    check(os.path.exists(os.path.join(DOCS, "images", "sheet-nerve-symptoms-1.png")) and
          "images/sheet-nerve-symptoms-1.png" in guide, "the guide shows a picture of a sheet")
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
