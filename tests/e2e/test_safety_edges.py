#!/usr/bin/env python3
"""Safety at the edges, through the real binary: a misspelt warning-sign key is a warning on
the record in every output format (first in the text and the sheets); a result whose warning
signs are unknown is not headed as self-care (text, sheets, and ask's summary in a
pseudo-terminal) while its JSON urgency stays self_care; a skipped answer that every other
answer would make matter raises the urgency and says why; `rules test` scores vignettes."""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, run_tests  # noqa: E402
from pty_session import PtySession, require_pty  # noqa: E402

FLAGS = ["bladder_bowel_change", "saddle_numbness", "bilateral_leg_symptoms", "leg_weakness", "fever", "trauma",
         "cancer_history", "weight_loss", "night_pain"]
NEAR = "unknown_key_near_red_flag"


def run(binary, args, stdin=""):
    return subprocess.run([binary] + args, input=stdin, capture_output=True, text=True, timeout=60)


def flat(text):
    return " ".join(text.split())


def test_misspelt_red_flag_key(binary, tmp):
    answers = json.dumps({"saddle_numbnes": "yes", "pain_location": "lower_back"})
    as_json = json.loads(run(binary, ["assess", "-", "--format", "json"], answers).stdout)
    check(as_json["warnings"][0]["code"] == NEAR and as_json["warnings"][0]["keys"] == ["saddle_numbnes"]
          and as_json["warnings"][0]["questions"] == ["saddle_numbness"],
          "assess --format json: the near-miss is the record's first warning, naming the key and the warning sign")
    text = run(binary, ["assess", "-"], answers).stdout
    check(text.startswith("WARNING: ") and "saddle_numbness" in text.split("=")[0],
          "assess: the text starts with the near-miss, before the urgency banner")
    for fmt in ("txt", "md", "html"):
        sheet = run(binary, ["sheet", "-", "--format", fmt], answers).stdout
        before = sheet[:sheet.find("SELF-CARE") if "SELF-CARE" in sheet else sheet.find("WARNING SIGNS")]
        check("numbnes" in before and "Warning" in before.replace("WARNING", "Warning"),
              f"sheet --format {fmt}: the near-miss comes before the headline")
    # Also PDF: the words are on page 1.
    pdf = os.path.join(tmp, "near.pdf")
    run(binary, ["sheet", "-", "-o", pdf], answers)
    words = subprocess.run(["pdftotext", "-l", "1", pdf, "-"], capture_output=True, text=True).stdout
    check("saddle_numbnes" in flat(words)[:600], "sheet as PDF: the near-miss is at the top of page 1")

    # A CSV header: every record carries it (the column is the same for all), in both outputs.
    table = "id,saddle-numbness,Fever,pain_location\np1,yes,no,lower_back\np2,,no,lower_back\n"
    out = run(binary, ["batch", "-", "--from", "csv", "--to", "jsonl"], table)
    records = [json.loads(line) for line in out.stdout.splitlines()]
    check(len(records) == 2 and all(r["warnings"][0]["code"] == NEAR for r in records)
          and "every record carries this warning" in out.stderr,
          "batch CSV to JSONL: every record carries the near-miss of its header, and standard error says so")
    rows = list(csv.DictReader(io.StringIO(run(binary, ["batch", "-", "--from", "csv", "--to", "csv"], table).stdout)))
    check(len(rows) == 2 and all(r["warnings"].split(";")[0] == NEAR for r in rows),
          "batch CSV to CSV: the warnings column starts with the near-miss code")
    # JSONL: only the records that have such a key.
    lines = '{"id": "a", "Night Pain": "no"}\n{"id": "b", "night_pain": "no"}\n{"id": "c", "cancer": "yes"}\n'
    out = [json.loads(l) for l in run(binary, ["batch", "-", "--from", "jsonl", "--to", "jsonl"], lines).stdout.splitlines()]
    codes = [[w["code"] for w in r["warnings"]] for r in out]
    check(NEAR in codes[0] and NEAR not in codes[1] and NEAR in codes[2]
          and out[2]["warnings"][0]["questions"] == ["cancer_history"],
          f"batch JSONL: the records with a near-miss key carry it, the others do not ({codes})")
    # Not every unknown key is near a warning sign.
    plain = json.loads(run(binary, ["assess", "-", "--format", "json"], json.dumps({"shoe_colour": "red"})).stdout)
    check(all(w["code"] != NEAR for w in plain["warnings"]), "a key far from every warning sign is only unknown_question")


def test_unknown_warning_signs_are_not_self_care(binary, tmp):
    for label, answers in (("no usable answer", {"fevr": "no"}), ("every warning sign unanswered",
                                                                  {"pain_location": "lower_back", "age": 30})):
        doc = json.dumps(answers)
        data = json.loads(run(binary, ["assess", "-", "--format", "json"], doc).stdout)
        text = run(binary, ["assess", "-"], doc).stdout
        sheet = run(binary, ["sheet", "-"], doc).stdout
        check(data["urgency"] == "self_care", f"{label}: the JSON urgency stays self_care, as the contract defines it")
        check("SELF-CARE: you can manage this at home" not in text and "WARNING SIGNS NOT CHECKED" in text
              and "Not answered yet:" in text and "Have you ever been treated for cancer?" in text,
              f"{label}: the text is headed by what is missing, and lists it")
        check("WARNING SIGNS NOT CHECKED" in sheet and "SELF-CARE? <<" in sheet, f"{label}: so is the sheet")
    some = {f: "no" for f in FLAGS[:7]}
    text = run(binary, ["assess", "-"], json.dumps(some)).stdout
    check("SELF-CARE ONLY IF NO WARNING SIGN: 2 not answered" in text, "two unanswered: the headline says self-care only if none applies")
    every = {f: "no" for f in FLAGS}
    text = run(binary, ["assess", "-"], json.dumps(every)).stdout
    check("SELF-CARE: you can manage this at home" in text, "every warning sign answered no: plain self-care")


def test_ask_summary_with_skipped_warning_signs(binary, tmp):
    require_pty()
    saved = os.path.join(tmp, "rest.yaml")
    with open(saved, "w") as f:
        f.write("pain_location: lower_back\npain_radiates: none\nleg_numbness_tingling: no\npain_duration: 2_to_7_days\n"
                "pain_trend: improving\npain_timing: after_run\npain_severity: 3\nage: 35\nosteoporosis_or_steroids: no\n"
                "bone_stress_risk: no\n")
    with PtySession([binary, "ask", "--answers", saved]) as s:
        while True:
            m = s.expect(r"(\] > |Please answer y or\s+n|Save your answers to a file\?.*: )")
            if "Save" in m.group(1):
                break
            s.sendline("")
        s.sendline("")
        s.expect(r"Make a printable advice sheet\?")
        s.expect(r"Sheet file > ")
        s.sendline("")
        status = s.wait_exit()
        out = s.output
        check(status == 0 and "WARNING SIGNS NOT CHECKED" in out and "SELF-CARE: you can manage" not in out,
              f"ask: skipping every warning sign, the summary is headed by what is missing (status {status})")


def test_skipped_answer_raises(binary, tmp):
    answers = {f: "no" for f in FLAGS}
    answers.update({"bone_stress_risk": "yes", "pain_duration": "1_to_6_weeks", "age": 24})
    data = json.loads(run(binary, ["assess", "-", "--format", "json"], json.dumps(answers)).stdout)
    raised = [w for w in data["warnings"] if w["code"] == "urgency_raised_for_unanswered"]
    check(data["urgency"] == "see_clinician" and raised and raised[0]["questions"] == ["pain_location"],
          "bone-stress risk with the place skipped: see_clinician, naming pain_location as what was skipped")
    text = run(binary, ["assess", "-"], json.dumps(answers)).stdout
    check("Why:" in text and "Whatever the answers to the questions left open" in flat(text),
          "the text says why: whatever the skipped answer, a clinician is needed")
    explained = run(binary, ["explain", "-"], json.dumps(answers)).stdout
    check(explained.startswith("Urgency: see_clinician\n  raised by the unanswered questions: every answer to pain_location"),
          "explain says the urgency comes from the unanswered place, as no rule fired")
    answers["pain_location"] = "lower_back"
    answered = json.loads(run(binary, ["assess", "-", "--format", "json"], json.dumps(answers)).stdout)
    check(answered["urgency"] == "see_clinician" and all(w["code"] != "urgency_raised_for_unanswered" for w in answered["warnings"])
          and any(c["id"] == "bone_stress_injury" for c in answered["causes"]),
          "answered, the rule itself fires and names the bone-stress cause")


def test_vignettes(binary, tmp):
    builtin = run(binary, ["rules", "test"])
    check(builtin.returncode == 0 and "0 over-triaged, 0 under-triaged" in builtin.stdout
          and "under-triage 0.0%" in builtin.stdout, "the rule base's own vignettes are all triaged right")
    path = os.path.join(tmp, "vignettes.yaml")
    flags = ", ".join(f"{f}: no" for f in FLAGS)
    with open(path, "w") as f:
        f.write("vignettes:\n"
                f"  - name: ordinary soreness\n    source: [NICE NG59]\n    answers: {{{flags}, pain_duration: 2_to_7_days}}\n"
                "    triage: self_care\n"
                f"  - name: said to be urgent\n    source: [made up]\n    answers: {{{flags}}}\n    triage: urgent\n"
                "  - name: fever said to be self-care\n    source: [made up]\n    answers: {fever: yes}\n    triage: self_care\n"
                f"  - name: severe only\n    source: [made up]\n    answers: {{{flags}, pain_severity: 9}}\n"
                "    triage: see_clinician\n    any_answer_to: [pain_severity]\n")
    got = run(binary, ["rules", "test", path])
    out = got.stdout
    check(got.returncode == 1 and "vignettes.yaml:6:5: UNDER-TRIAGE said to be urgent" in out
          and "OVER-TRIAGE fever said to be self-care" in out,
          "mis-triaged vignettes are named with their place, and fail the run")
    check("runback gives self_care with pain_severity: 0" in out or "with pain_severity unanswered" in out,
          "a vignette that must hold whatever the severity names the answer that breaks it")
    check("4 vignette(s): 1 right, 1 over-triaged, 2 under-triaged" in out and "right 25.0%, over-triage 25.0%, under-triage 50.0%" in out,
          "the rates are reported as symptom-checker audits give them")


def test_new_warning_signs_left_open(binary, tmp):
    # Version 2's warning signs are quiet: an export without them gives no warning for their
    # absence (it never asked them); one with their columns, or a record that answers one of
    # them, is warned about those left open, with the first nine ("N of the 18").
    first = ",".join(FLAGS)
    no_first = ",".join(["no"] * len(FLAGS))
    old = f"id,{first}\nold,{no_first}\n"
    new = f"id,{first},chest_pain_or_breathless,calf_swelling_one_leg\nblank,{no_first},,\nsome,{no_first},no,\n"

    def warnings(csv_text):
        out = run(binary, ["batch", "-", "--from", "csv"], csv_text).stdout
        return {r["id"]: [w for w in r["warnings"] if w["code"] == "red_flags_unanswered"]
                for r in map(json.loads, out.splitlines())}

    check(warnings(old) == {"old": []}, "an export without the new warning-sign columns: no red_flags_unanswered")
    got = warnings(new)
    for rid in ("blank", "some"):
        w = got.get(rid) or [{}]
        check("chest_pain_or_breathless" in w[0].get("questions", []) if rid == "blank" else
              "chest_pain_or_breathless" not in w[0].get("questions", []),
              f"{rid}: the chest question is named as unanswered only when it is blank")
        check("calf_swelling_one_leg" in w[0].get("questions", []) and "of the 18" in w[0].get("message", ""),
              f"{rid}: a blank new warning sign in an export that has its column is warned about, of the 18")
    one = run(binary, ["assess", "-", "--format", "json"],
              json.dumps({**{q: "no" for q in FLAGS}, "groin_pain_weight_bearing": "no"})).stdout
    codes = [w["code"] for w in json.loads(one)["warnings"]]
    check("red_flags_unanswered" in codes, "an answers file with one new warning sign is warned about the others")


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        return run_tests([test_misspelt_red_flag_key, test_unknown_warning_signs_are_not_self_care,
                          test_ask_summary_with_skipped_warning_signs, test_skipped_answer_raises, test_vignettes,
                          test_new_warning_signs_left_open],
                         binary, tmp)


if __name__ == "__main__":
    sys.exit(main())
