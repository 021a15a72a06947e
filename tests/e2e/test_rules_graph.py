#!/usr/bin/env python3
"""`runback rules graph`: every rule, cause and action of the rule base is a node; each rule is
joined to the questions it tests, its cause and the actions it recommends; urgency rules are
marked with their level; the dot output renders in Graphviz (skipped with a message where `dot`
is absent; the README's test command installs it), and the mermaid output is a flowchart."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from harness import check, failures  # noqa: E402


def run(binary, args):
    return subprocess.run([binary] + args, capture_output=True, text=True, timeout=120)


def main():
    binary = os.path.abspath(sys.argv[1])
    dot = run(binary, ["rules", "graph"]).stdout
    mermaid = run(binary, ["rules", "graph", "--format", "mermaid"]).stdout
    example = json.loads(run(binary, ["assess", os.path.join(os.path.dirname(__file__), "..", "..", "examples",
                                                             "nerve-symptoms.yaml"), "--format", "json"]).stdout)
    nodes = set(re.findall(r'^  "([^"]+)" \[label=', dot, re.M))
    edges = set(re.findall(r'^  "([^"]+)" -> "([^"]+)";', dot, re.M))
    questions = json.loads(run(binary, ["questions", "--format", "json"]).stdout)
    check(dot.startswith("//") and "digraph rules {" in dot and dot.rstrip().endswith("}"), "dot output is one digraph")
    check(all(f"c_{c['id']}" in nodes for c in example["causes"]) and all(f"a_{a['id']}" in nodes for a in example["actions"]),
          "the causes and actions of an assessment are nodes")
    check(("q_pain_radiates", "r_nerve_pain_with_numbness") in edges and
          ("q_leg_numbness_tingling", "r_nerve_pain_with_numbness") in edges and
          ("r_nerve_pain_with_numbness", "c_nerve_root_irritation") in edges and
          ("r_nerve_pain_with_numbness", "u_see_clinician") in edges,
          "a rule is joined to the questions it tests, its cause and its urgency")
    check(("c_nerve_root_irritation", "a_keep_moving") in edges or any(e[0] == "c_nerve_root_irritation" for e in edges),
          "a cause is joined to the actions that address it")
    check(("u_emergency", "a_emergency_care") in edges, "an urgency level leads to its own advice")
    check(re.search(r'"r_red_flag_saddle_numbness" \[label="red_flag_saddle_numbness\\n\(emergency\)".*fillcolor="#d62828"', dot)
          is not None, "an emergency rule is red and says 'emergency' in its label")
    red_flags = [q["id"] for q in questions if q.get("red_flag")]
    check(all(f"q_{q}" in nodes for q in red_flags), "every red-flag question is drawn")
    check(mermaid.startswith("%%") and "\nflowchart LR\n" in mermaid and "classDef emergency" in mermaid
          and re.search(r"^  class [^\n]*r_red_flag_saddle_numbness[^\n]* emergency$", mermaid, re.M),
          "mermaid output is a flowchart with the urgency rules in their classes")
    if shutil.which("dot"):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "g.svg")
            rendered = subprocess.run(["dot", "-Tsvg", "-o", out], input=dot, capture_output=True, text=True, timeout=120)
            check(rendered.returncode == 0 and rendered.stderr == "" and "<svg" in open(out).read(),
                  "Graphviz renders the dot output without a complaint")
    else:
        print("skip Graphviz rendering: dot is not installed (scripts/quickstart --test installs graphviz)")
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
