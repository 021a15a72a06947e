#!/usr/bin/env python3
"""`runback ask` in a real pseudo-terminal, as a runner would use it: the welcome, red flags
first, answering by number, words and Tab, help, going back, the emergency stop, stopping with
q, Ctrl-C and Ctrl-D, resuming, saving answers, colour, and the country's emergency number."""
import os
import signal
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pty_session import PtySession, default_env, require_pty  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

failures = []
PROMPT_YN = r"\[y/n\] > "
RED_FLAGS = 9          # asked one by one
PROMPT_CHECKLIST = r"\[1-9 or n\] > "   # then the other warning signs, as one checklist


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def answer_red_flags(session, first=0):
    for _ in range(first, RED_FLAGS):
        session.expect(PROMPT_YN)
        session.sendline("n")
    session.expect(PROMPT_CHECKLIST)
    session.sendline("n")


def progress_file(session):
    return os.path.join(session.home, ".local", "state", "runback", "progress.yaml")


def test_walk_through_and_save(binary):
    with PtySession([binary, "ask"]) as s:
        s.expect(r"This is not\s+a diagnosis|This is not a\s+diagnosis")
        s.expect(r"Warning signs first")
        answer_red_flags(s)
        s.expect(r"Where do you feel the pain most\?")
        s.expect(r"\[1-3\] > ")
        s.send("low")
        s.send_key("tab")
        s.sendline("")
        s.expect(r"Does the pain spread down into a leg\?")
        s.expect(r"> ")
        s.sendline("?")
        s.expect(r"nerve")
        s.expect(r"> ")
        s.sendline("b")
        s.expect(r"Your answer was: Lower back")
        s.expect(r"> ")
        s.sendline("")   # keep it
        s.expect(r"Does the pain spread down into a leg\?")
        s.expect(r"> ")
        s.sendline("1")
        # Skip everything else with Enter.
        while True:
            m = s.expect(r"(\] > |Save your answers to a file\?.*: )")
            if "Save" in m.group(1):
                break
            s.sendline("")
        saved = os.path.join(s.home, "answers.yaml")
        s.sendline(saved)
        s.expect(r"saved in .*answers\.yaml")
        s.expect(r"Make a printable advice sheet\?")
        s.expect(r"Sheet file > ")
        s.sendline(os.path.join(s.home, "sheet.pdfx"))
        s.expect(r"Please end the name in \.pdf, \.html")
        s.expect(r"Sheet file > ")
        sheet = os.path.join(s.home, "sheet.html")
        s.sendline(sheet)
        s.expect(r"advice sheet is in .*sheet\.html")
        status = s.wait_exit()
        check(status == 0, f"a finished questionnaire exits 0 (got {status})")
        out = s.output
        check("SELF-CARE" in out, "the result is shown as assess prints it (self-care here)")
        check("does not diagnose" in out, "the result carries the disclaimer")
        mode = stat.S_IMODE(os.stat(saved).st_mode) if os.path.exists(saved) else None
        check(mode == 0o600, f"the saved answers are readable by their owner only (mode {mode and oct(mode)})")
        text = open(saved).read() if mode else ""
        check("pain_location: lower_back" in text and "fever: no" in text, "the saved answers hold what was typed")
        check(not os.path.exists(progress_file(s)), "no progress is left behind after finishing")
        html = open(sheet).read() if os.path.exists(sheet) else ""
        check("SELF-CARE" in html and stat.S_IMODE(os.stat(sheet).st_mode) == 0o600,
              "the advice sheet offered at the end is written, readable by its owner only")
        # The saved file is a valid answers file for assess.
        result = subprocess.run([binary, "assess", saved, "--format", "json"], capture_output=True, text=True)
        check(result.returncode == 0 and '"urgency":"self_care"' in result.stdout, "assess reads the saved answers")


def test_emergency_stops_at_once(binary):
    with PtySession([binary, "ask", "--country", "GB"]) as s:
        s.expect(PROMPT_YN)
        s.sendline("y")   # bladder or bowel trouble
        s.expect(r"EMERGENCY")
        status = s.wait_exit()
        out = s.output
        check(status == 0, f"the emergency stop exits 0 (got {status})")
        check("call 999" in out, "with --country GB it names 999")
        check(out.count("[y/n] >") == 1, "no further question is asked after an emergency answer")


def test_chest_symptoms_stop_at_once(binary):
    # Contract version 2: chest pain or breathlessness with back pain is an emergency, so the
    # questionnaire stops at the checklist with what to do now, as with the first warning signs.
    with PtySession([binary, "ask", "--country", "GB"]) as s:
        for _ in range(RED_FLAGS):
            s.expect(PROMPT_YN)
            s.sendline("n")
        s.expect(r"Other warning signs")
        s.expect(r"1\) Chest pain or tightness, or new breathlessness")
        s.expect(PROMPT_CHECKLIST)
        s.sendline("1")
        s.expect(r"EMERGENCY")
        status = s.wait_exit()
        out = s.output
        check(status == 0, f"the emergency stop after chest symptoms exits 0 (got {status})")
        check("call 999" in out, "the chest-symptom emergency names 999 with --country GB")
        check("heart, the lungs or the main artery" in out, "it names what is feared: heart, lungs or aorta")
        check(out.count("> ") == RED_FLAGS + 1, "no further question is asked after chest symptoms")


def test_checklist_follow_up(binary):
    # A kidney sign asks about pregnancy straight after the checklist (item 7).
    with PtySession([binary, "ask"]) as s:
        for _ in range(RED_FLAGS):
            s.expect(PROMPT_YN)
            s.sendline("n")
        s.expect(PROMPT_CHECKLIST)
        s.sendline("7")
        s.expect(r"Are you pregnant, or could you be\?")
        s.expect(PROMPT_YN)
        s.sendline("y")
        s.expect(r"EMERGENCY")
        check(s.wait_exit() == 0, "a kidney sign in pregnancy stops at once as an emergency")


def test_ctrl_c_saves_and_resume_carries_on(binary):
    home = tempfile.mkdtemp(prefix="runback-resume-")
    env = default_env(home)
    path = os.path.join(home, ".local", "state", "runback", "progress.yaml")
    try:
        with PtySession([binary, "ask"], env=env) as s:
            answer_red_flags(s)
            s.expect(r"Where do you feel the pain most\?")
            s.expect(r"> ")
            s.sendline("2")
            s.expect(r"> ")
            s.send_control("c")
            status = s.wait_exit()
            check(status == 130, f"Ctrl-C exits 130 (got {status})")
        check(os.path.exists(path), "Ctrl-C saves the progress")
        if os.path.exists(path):
            check(stat.S_IMODE(os.stat(path).st_mode) == 0o600, "the progress file is readable by its owner only")
            check(stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700, "in a folder only its owner may enter")
            check("pain_location: upper_back" in open(path).read(), "the progress holds the answers so far")
        with PtySession([binary, "ask"], env=env) as again:
            again.expect(r"Carry on from there\? \[Y/n\] > ")
            again.sendline("")
            again.expect(r"Does the pain spread down into a leg\?")
            check("Where do you feel the pain most?" not in again.output, "resuming does not ask answered questions again")
            again.expect(r"> ")
            again.sendline("q")
            status = again.wait_exit()
            check(status == 0, f"q saves and exits 0 (got {status})")
            check("saved in:" in again.output, "q says where the answers are kept")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def test_signals_save_progress(binary):
    """SIGTERM (a shutdown, a closed window) and SIGINT sent from outside, while the questionnaire
    waits for an answer, save the answers so far as Ctrl-C does."""
    for number, name in ((signal.SIGTERM, "SIGTERM"), (signal.SIGINT, "SIGINT")):
        home = tempfile.mkdtemp(prefix="runback-signal-")
        path = os.path.join(home, ".local", "state", "runback", "progress.yaml")
        try:
            with PtySession([binary, "ask"], env=default_env(home)) as s:
                answer_red_flags(s)
                s.expect(r"Where do you feel the pain most\?")
                s.expect(r"> ")
                s.sendline("2")
                s.expect(r"> ")
                os.kill(s.pid, number)
                status = s.wait_exit()
                check(status == 130, f"{name} while waiting for an answer exits 130 (got {status})")
                check("saved in:" in s.output, f"{name}: the questionnaire says where the answers are kept")
            saved = open(path).read() if os.path.exists(path) else ""
            check("pain_location: upper_back" in saved, f"{name}: the progress is saved with the answers so far")
        finally:
            shutil.rmtree(home, ignore_errors=True)


def test_ctrl_d_and_broken_progress(binary):
    with PtySession([binary, "ask"]) as s:
        os.makedirs(os.path.dirname(progress_file(s)), exist_ok=True)
        with open(progress_file(s), "w") as f:
            f.write("answers: [this is: not, right\n")
        s.expect(r"could not be read")
        s.expect(PROMPT_YN)
        s.send_control("d")
        status = s.wait_exit()
        check(status == 0, f"Ctrl-D saves and exits 0 (got {status})")
        check(s.output.count("[y/n] >") == 1, "end of input does not stack up prompts")
        aside = [n for n in os.listdir(os.path.dirname(progress_file(s))) if ".unreadable-" in n]
        check(len(aside) == 1, "an unreadable progress file is set aside, not lost")


def test_colour_only_when_wanted(binary):
    with PtySession([binary, "ask"], extra_env={"NO_COLOR": None}) as s:
        s.expect(PROMPT_YN)
        check(b"\x1b[1m" in s.raw_output, "bold is used in a terminal when NO_COLOR is unset")
        s.sendline("q")
        s.wait_exit()
    with PtySession([binary, "ask", "--no-color"], extra_env={"NO_COLOR": None}) as s:
        s.expect(PROMPT_YN)
        check(b"\x1b[1m" not in s.raw_output and b"\x1b[3" not in s.raw_output, "--no-color turns it off")
        s.sendline("q")
        s.wait_exit()


def test_answers_file_asks_only_the_rest(binary):
    folder = tempfile.mkdtemp(prefix="runback-answers-")
    try:
        partial = os.path.join(folder, "partial.yaml")
        with open(partial, "w") as f:
            f.write("bladder_bowel_change: no\nsaddle_numbness: no\nfever: no\n")
        with PtySession([binary, "ask", "--answers", partial]) as s:
            s.expect(PROMPT_YN)
            out = s.output
            check("Since your back pain began" not in out and "saddle" not in out,
                  "questions answered in the file are not asked")
            check("both legs" in out, "the first open question is asked first")
            s.sendline("q")
            s.wait_exit()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_change_an_answer_and_retry_invalid_ones(binary):
    with PtySession([binary, "ask"]) as s:
        s.expect(PROMPT_YN)
        s.sendline("perhaps")
        s.expect(r"Please answer y \(yes\) or n \(no\)\.")
        s.expect(PROMPT_YN)
        s.sendline("n")
        s.expect(PROMPT_YN)
        s.sendline("b")
        s.expect(r"Your answer was: No")
        s.expect(PROMPT_YN)
        s.sendline("y")   # changed: bladder trouble after all
        s.expect(r"EMERGENCY")
        check(s.wait_exit() == 0, "going back and changing an answer takes effect (an emergency here)")
    with PtySession([binary, "ask"]) as s:
        answer_red_flags(s)
        s.expect(r"\[1-3\] > ")
        for wrong, message in (("7", r"There is no option 7"), ("xyz", r"is not one of the options")):
            s.sendline(wrong)
            s.expect(message)
            s.expect(r"\[1-3\] > ")
        s.sendline("1")
        s.expect(r"Does the pain spread")
        s.sendline("q")
        check(s.wait_exit() == 0, "invalid answers are retried, then a valid one is taken")


def test_narrow_terminal(binary):
    with PtySession([binary, "ask"], columns=40) as s:
        answer_red_flags(s)
        s.expect(r"\[1-3\] > ")
        s.sendline("q")
        s.wait_exit()
        # Prompts hold what was typed, and a file path may be wider than any terminal.
        lines = [line for line in s.output.splitlines() if "> " not in line and not line.startswith("  /")]
        widest = max(len(line) for line in lines)
        check(widest <= 40, f"in a 40-column terminal no line is wider than 40 ({widest})")


def test_runback_alone_and_without_a_terminal(binary):
    with PtySession([binary]) as s:
        s.expect(r"Warning signs first")
        s.expect(PROMPT_YN)
        s.sendline("q")
        check(s.wait_exit() == 0, "runback alone in a terminal runs the questionnaire")
    result = subprocess.run([binary, "ask"], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=10)
    check(result.returncode == 2, f"ask without a terminal exits 2 (got {result.returncode})")
    check(result.stderr.count("\n") == 1 and "needs a terminal" in result.stderr and result.stdout == "",
          f"and says so in one line without asking anything ({result.stderr!r})")


def main():
    require_pty()
    binary = os.path.abspath(sys.argv[1])
    for test in (test_walk_through_and_save, test_emergency_stops_at_once, test_chest_symptoms_stop_at_once,
                 test_checklist_follow_up, test_ctrl_c_saves_and_resume_carries_on,
                 test_signals_save_progress, test_ctrl_d_and_broken_progress, test_colour_only_when_wanted, test_answers_file_asks_only_the_rest,
                 test_change_an_answer_and_retry_invalid_ones, test_narrow_terminal,
                 test_runback_alone_and_without_a_terminal):
        try:
            test(binary)
        except Exception as e:  # noqa: BLE001 - report and go on to the next scenario
            check(False, f"{test.__name__}: {e}")
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
