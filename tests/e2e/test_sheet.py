#!/usr/bin/env python3
"""`runback sheet` and `batch --sheets`: each format (text, Markdown, HTML, PDF) for a benign, a
red-flag and a nerve-symptom case carries the urgency and the advice the assessment gives; text
fits 80 columns; input is escaped for every format; the HTML renders in headless Chromium,
prints to as many pages as the PDF, and fetches nothing; sheet file names are safe and never
collide. Chromium checks skip (with a message) where
Chromium or pdftotext is absent; the README's test command installs both."""
import http.server
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import unicodedata
from harness import check, run_tests  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")
CASES = ["benign", "red-flag", "nerve-symptoms"]
HEADLINE = {"self_care": "SELF-CARE", "see_clinician": "SEE SOMEONE", "urgent": "URGENT", "emergency": "EMERGENCY"}
HOSTILE = '<script>alert(1)</script> **bold** [x](http://e.xample) \\textbf{x} `code` & "q" #1'


def run(binary, args, **kw):
    return subprocess.run([binary] + args, capture_output=True, timeout=120, **kw)


def width(line):
    return sum(0 if unicodedata.combining(c) else 1 for c in line)


def test_formats(binary, tmp):
    for case in CASES:
        path = os.path.join(EXAMPLES, case + ".yaml")
        result = json.loads(run(binary, ["assess", path, "--format", "json"]).stdout)
        titles = [a["title"] for a in result["actions"]]
        headline = HEADLINE[result["urgency"]]
        for fmt in ("txt", "md", "html", "pdf"):
            out = os.path.join(tmp, f"{case}.{fmt}")
            done = run(binary, ["sheet", path, "-o", out, "--date", "2026-03-01", "--name", "Sam Runner"])
            if fmt == "pdf":
                if not shutil.which("pdftotext"):
                    print("skip PDF text checks: pdftotext (poppler-utils) is not installed")
                    continue
                text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
            else:
                text = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
            if fmt == "html":   # compare words, not markup
                text = re.sub(r"<[^>]+>", " ", text).replace("&#39;", "'").replace("&amp;", "&")
            if fmt == "md":
                text = text.replace("\\", "")
            check(done.returncode == 0 and headline in text and "2026-03-01" in text and "Sam Runner" in text,
                  f"{case}.{fmt}: written, with the urgency ({headline}), the date and the name")
            check(all(t in " ".join(text.split()) for t in titles),
                  f"{case}.{fmt}: every recommended action's title is on the sheet")
            check("does not diagnose" in " ".join(text.split()), f"{case}.{fmt}: the disclaimer is on it")
            check(stat.S_IMODE(os.stat(out).st_mode) == 0o600, f"{case}.{fmt}: readable by its owner only")
            if fmt == "txt":
                widest = max(width(line) for line in text.splitlines())
                check(widest <= 80, f"{case}.txt fits 80 columns (widest {widest})")
        if result["urgency"] in ("urgent", "emergency"):
            text = run(binary, ["sheet", path]).stdout.decode()
            check(text.index("WHAT TO DO NOW") < text.find("LIKELY CAUSES") if "LIKELY CAUSES" in text else
                  "WHAT TO DO NOW" in text, f"{case}: what to do now comes before anything else")
    # The format follows the extension; an unknown one is a usage error, with no file left.
    pdf = os.path.join(tmp, "Sheet.PDF")
    made = run(binary, ["sheet", os.path.join(EXAMPLES, "benign.yaml"), "-o", pdf, "--paper", "letter"])
    head = open(pdf, "rb").read(5) if os.path.exists(pdf) else b""
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout if shutil.which("pdfinfo") else ""
    check(made.returncode == 0 and head == b"%PDF-" and ("612 x 792" in info or not info),
          "a .PDF name makes a PDF, on letter paper with --paper letter")
    # The PDF renderer is a module beside the binary; a binary copied alone says so for a PDF
    # and still makes every other format.
    alone = os.path.join(tmp, "alone")
    os.mkdir(alone)
    shutil.copy(binary, alone)
    lonely = os.path.join(alone, "runback")
    no_pdf = run(lonely, ["sheet", os.path.join(EXAMPLES, "benign.yaml"), "-o", os.path.join(alone, "s.pdf")])
    text_ok = run(lonely, ["sheet", os.path.join(EXAMPLES, "benign.yaml"), "-o", os.path.join(alone, "s.txt")])
    check(no_pdf.returncode == 2 and b"runback-pdf.so" in no_pdf.stderr and not os.path.exists(os.path.join(alone, "s.pdf"))
          and text_ok.returncode == 0, "without its PDF module a PDF is a clear error, and other formats still work")
    plain = run(binary, ["sheet", os.path.join(EXAMPLES, "benign.yaml")])
    check(plain.returncode == 0 and plain.stdout.startswith(b"Back pain after running"),
          "without -o the sheet is plain text on standard output")
    odd = os.path.join(tmp, "sheet.docx")
    bad = run(binary, ["sheet", os.path.join(EXAMPLES, "benign.yaml"), "-o", odd])
    check(bad.returncode == 2 and b".html" in bad.stderr and not os.path.exists(odd),
          "an extension that names no format is a usage error that says which work")


def test_escaping(binary, tmp):
    path = os.path.join(EXAMPLES, "benign.yaml")
    name = HOSTILE + "\x1b[2J\x07"
    out = {}
    for fmt in ("txt", "md", "html"):
        out[fmt] = run(binary, ["sheet", path, "--format", fmt, "--name", name]).stdout.decode()
    if shutil.which("pdftotext"):
        pdf = os.path.join(tmp, "hostile.pdf")
        run(binary, ["sheet", path, "-o", pdf, "--name", name])
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        check(HOSTILE in " ".join(text.split()), "pdf: the name prints as typed (pango markup escaped)")
    check(HOSTILE in " ".join(out["txt"].split()) and "\x1b" not in out["txt"] and "\x07" not in out["txt"],
          "text: the name prints as typed, without its control characters")
    html = out["html"]
    check("<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "href=" not in html,
          "html: the name is escaped (no script element, no link)")
    md = out["md"]
    check("<script>" not in md and "\\<script\\>" in md and "\\*\\*bold\\*\\*" in md and "\\[x\\]" in md,
          "markdown: every piece of markup in the name is backslash-escaped")


class CountingHandler(http.server.BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):  # noqa: N802
        CountingHandler.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_html_in_chromium(binary, tmp):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium or not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        print("skip Chromium checks: chromium or poppler-utils is not installed (scripts/quickstart --test installs them)")
        return
    server = http.server.HTTPServer(("127.0.0.1", 0), CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    # A name that would fetch if it were not escaped, beside the usual content.
    lure = f'<img src="http://127.0.0.1:{port}/img"><link rel=stylesheet href="http://127.0.0.1:{port}/css">'
    profile = os.path.join(tmp, "chromium-profile")
    for case in CASES:
        html = os.path.join(tmp, f"{case}-c.html")
        pdf = os.path.join(tmp, f"{case}-c.pdf")
        run(binary, ["sheet", os.path.join(EXAMPLES, case + ".yaml"), "-o", html, "--name", lure])
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                        "file://" + html], capture_output=True, timeout=120)
        ok = os.path.exists(pdf)
        pages = 0
        text = ""
        if ok:
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
        # Reading order, column by column (-layout interleaves the two columns' lines).
        words = " ".join(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout.split()) if ok else ""
        check(ok and 1 <= pages <= 3 and "Back pain after running" in words and "does not diagnose" in words,
              f"{case}: the HTML renders and prints in Chromium ({pages} page(s))")
        check(f"Page 1 of {pages}" in text, f"{case}: each printed page carries its number")
        ours = os.path.join(tmp, f"{case}-ours.pdf")
        run(binary, ["sheet", os.path.join(EXAMPLES, case + ".yaml"), "-o", ours, "--name", lure])
        info = subprocess.run(["pdfinfo", ours], capture_output=True, text=True).stdout
        ours_pages = int(re.search(r"Pages:\s+(\d+)", info).group(1)) if "Pages:" in info else 0
        ours_text = subprocess.run(["pdftotext", ours, "-"], capture_output=True, text=True).stdout
        check(ours_pages == pages and f"Page {ours_pages} of {ours_pages}" in ours_text,
              f"{case}: the PDF has as many pages as the printed HTML ({ours_pages} and {pages}), each numbered")
        check(pages == 1, f"{case}: the sheet fits on one page ({pages})")
    server.shutdown()
    check(CountingHandler.hits == [], f"rendering the sheets fetched nothing ({CountingHandler.hits})")


def test_batch_sheet_names(binary, tmp):
    ids = ["../evil", "a/b", "A1", "a1", "x y", "x_y", "", ".hidden", "ok", "ok"]
    csv = os.path.join(tmp, "ids.csv")
    with open(csv, "w") as f:
        f.write("id,fever,pain_location\n")
        for i in ids:
            f.write(f'"{i}",no,lower_back\n')
    folder = os.path.join(tmp, "sheets")
    result = run(binary, ["batch", csv, "--from", "csv", "-o", os.path.join(tmp, "r.jsonl"), "--sheets", folder,
                          "--sheet-format", "txt"])
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    check(result.returncode == 0 and len(names) == len(ids), f"one sheet per record ({len(names)} for {len(ids)})")
    check(len({n.lower() for n in names}) == len(names), "no two sheets share a name, even ignoring case")
    check(all(re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]*\.txt", n) for n in names),
          f"names use only safe characters and never start with a dot ({names})")
    check(not os.path.exists(os.path.join(tmp, "evil.txt")) and all(
        os.path.dirname(os.path.realpath(os.path.join(folder, n))) == os.path.realpath(folder) for n in names),
        "nothing is written outside the folder")
    check("row-7.txt" in names and "evil.txt" in names and "ok.txt" in names and "ok-row-10.txt" in names,
          "names come from the ids; a record without one is named by its row; a repeat gets its row")
    check(all(stat.S_IMODE(os.stat(os.path.join(folder, n)).st_mode) == 0o600 for n in names),
          "every sheet is readable by its owner only")
    check(b"10 advice sheet(s) written" in result.stderr, "the summary counts the sheets")
    text = open(os.path.join(folder, "a_b.txt")).read() if "a_b.txt" in names else ""
    check("Id: a/b" in text, "each sheet names the record's id as typed")


def test_fits_one_page(binary, tmp):
    """A sheet with many actions lists the lower-ranked ones a line each, nothing dropped; --full
    keeps all of them whole and runs longer."""
    if not shutil.which("pdfinfo") or not shutil.which("pdftotext"):
        print("skip page checks: poppler-utils is not installed")
        return
    path = os.path.join(EXAMPLES, "nerve-symptoms.yaml")
    result = json.loads(run(binary, ["assess", path, "--format", "json"]).stdout)
    titles = [a["title"] for a in result["actions"]]
    pages = {}
    texts = {}
    for variant, extra in (("short", []), ("full", ["--full"])):
        out = os.path.join(tmp, f"fit-{variant}.pdf")
        run(binary, ["sheet", path, "-o", out] + extra)
        info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
        pages[variant] = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        texts[variant] = " ".join(subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout.split())
    check(pages["short"] == 1 and pages["full"] > 1,
          f"the nerve-symptom sheet fits one page, and --full runs onto more ({pages})")
    check("More that may help" in texts["short"] and "More that may help" not in texts["full"],
          "by default the lower-ranked actions are listed a line each; --full keeps them whole")
    check(all(t in texts["short"] for t in titles) and all(t in texts["full"] for t in titles),
          "either way every recommended action is on the sheet")
    text = run(binary, ["sheet", path]).stdout.decode()
    more = text[text.index("More that may help"):text.index("WHEN TO SEE")] if "More that may help" in text else ""
    check("Caution:" in more, "an action listed a line each keeps its caution")


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        return run_tests((test_formats, test_escaping, test_html_in_chromium, test_fits_one_page,
                          test_batch_sheet_names), binary, tmp)


if __name__ == "__main__":
    sys.exit(main())
