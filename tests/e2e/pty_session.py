"""Drives a program through a pseudo-terminal, for end-to-end tests of interactive commands.

Standard library only. A test script (tests/e2e/test_ask_*.py, run by ctest with the binary's
path as argv[1]; exit 77 means skipped) imports it from its own folder:

    from pty_session import PtySession, require_pty

    require_pty()                                  # exit 77 where no pseudo-terminal can be had
    with PtySession([binary, "ask"]) as session:   # killed and cleaned up on leaving the block
        session.expect(r"Where is the pain\\?.*> ")
        session.send("low")
        session.send_key("tab")                    # Tab completion
        session.sendline("")                       # Enter: sends CR, as a terminal's Enter does
        session.send_control("c")                  # Ctrl-C
        assert session.wait_exit() == 130

The program runs in a new session with the pseudo-terminal as its controlling terminal and as
its standard input, output and error, sized `columns` x `rows` before it starts. Its
environment is `env` if given, else default_env(): PATH, TERM=xterm, LANG=C.UTF-8, NO_COLOR=1
and HOME and the XDG_*_HOME folders in a fresh temporary folder (`session.home`, removed by
close()), so nothing is read from or written to the real home folder; `extra_env` adds to it
(None removes a variable). Signal dispositions are reset to the defaults before exec, so the
program sees Ctrl-C, Ctrl-Z and broken pipes as it would under an interactive shell even when
the test runner ignores them.

Wait for a prompt before typing its answer, as a person would: keys that arrive while the
program is busy between two prompts meet a terminal in its normal mode, where Ctrl-C is a
SIGINT and Ctrl-D an end-of-file mark that a line editor never sees as a key.

Output is kept as it arrives. `output` is all of it so far, decoded as UTF-8, with ANSI escape
sequences, BEL and CR removed (so CR LF is LF, and a line editor's "go to column 1" does not
split what shows as one line); BS is left in. `raw_output` is the bytes as written.

expect(pattern, timeout) searches `output` after the end of the previous match (like pexpect),
so expecting the same prompt twice waits for it to appear twice, and ^ matches right after the
previous match; it returns the re.Match. There is no screen emulation: when a line editor
redraws (a completed word, a recalled line), the new text follows the old in `output`, so
check what the program reports rather than what the edited line looked like. It
raises PtyTimeout, with the output so far, when the timeout passes or the program closes the
terminal first. Every wait is bounded (`timeout`, default 10 s per call), so a hung program
fails its test instead of hanging CI, and close() kills what is still running.
"""
import codecs
import errno
import os
import re
import select
import shutil
import signal
import tempfile
import termios
import time

SKIP = 77  # the exit status ctest reads as "skipped"

# CSI (colours, cursor moves), OSC (titles), two-byte escapes (ESC =, ESC 7, charset picks).
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
                   r"|\x1b[()][0-9A-Za-z]|\x1b[ -Z\\-~]|\x07")

# What a terminal (xterm, normal cursor mode) sends for the keys a test might press.
KEYS = {
    "up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D",
    "home": "\x1b[H", "end": "\x1b[F", "delete": "\x1b[3~",
    "tab": "\t", "enter": "\r", "backspace": "\x7f", "escape": "\x1b",
}


class PtyTimeout(AssertionError):
    """What a test gets when the output it waits for does not come: the message holds it."""


def strip_ansi(text):
    """`text` without ANSI escape sequences, BEL and CR."""
    return _ANSI.sub("", text).replace("\r", "")


def require_pty():
    """Exits with SKIP (77) where this system cannot give a pseudo-terminal."""
    try:
        master, slave = os.openpty()
    except OSError as error:
        print(f"skipped: no pseudo-terminal ({error})")
        raise SystemExit(SKIP)
    os.close(master)
    os.close(slave)


def default_env(home):
    """A small, predictable environment with `home` as HOME and every XDG_*_HOME under it."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm",
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
        "HOME": home,
    }
    for name, folder in (("CONFIG", ".config"), ("DATA", ".local/share"),
                         ("STATE", ".local/state"), ("CACHE", ".cache")):
        env[f"XDG_{name}_HOME"] = os.path.join(home, folder)
    return env


class PtySession:
    """One program running in a pseudo-terminal; see the module's docstring."""

    def __init__(self, argv, env=None, extra_env=None, cwd=None, columns=80, rows=24,
                 timeout=10.0):
        self.timeout = timeout
        self.home = tempfile.mkdtemp(prefix="runback-pty-")
        environment = dict(default_env(self.home) if env is None else env)
        for name, value in (extra_env or {}).items():
            if value is None:
                environment.pop(name, None)
            else:
                environment[name] = value
        self._raw = bytearray()
        self._text = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._position = 0        # in `output`: where the next expect() starts looking
        self._closed = False      # the program's side of the terminal is closed
        self._status = None       # wait_exit()'s answer, once known

        master, slave = os.openpty()
        # Sized before the program starts, so that its first look at the size is right.
        termios.tcsetwinsize(slave, (rows, columns))
        pid = os.fork()
        if pid == 0:  # the child: never returns
            try:
                os.close(master)
                os.login_tty(slave)  # new session, controlling terminal, fds 0, 1 and 2
                for number in (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTIN,
                               signal.SIGTTOU, signal.SIGPIPE, signal.SIGHUP, signal.SIGTERM):
                    signal.signal(number, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_SETMASK, [])
                if cwd is not None:
                    os.chdir(cwd)
                os.execvpe(argv[0], list(argv), environment)
            except BaseException as error:  # pylint: disable=broad-except
                os.write(2, f"pty_session: cannot run {argv[0]}: {error}\r\n".encode())
            finally:
                os._exit(127)
        os.close(slave)
        os.set_blocking(master, False)
        self.pid = pid
        self.fd = master

    # -- context manager: close() however the block ends ------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    # -- output ------------------------------------------------------------------------------
    @property
    def output(self):
        """All output so far: UTF-8, without ANSI escape sequences, BEL and CR."""
        return strip_ansi(self._text)

    @property
    def raw_output(self):
        """All output so far, as bytes, exactly as the program wrote it."""
        return bytes(self._raw)

    def _read(self, wait):
        """Takes in what the program wrote, waiting up to `wait` seconds for something.
        Returns False once the program's side is closed and everything is read."""
        if self._closed:
            return False
        ready, _, _ = select.select([self.fd], [], [], max(0.0, wait))
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except BlockingIOError:
            return True
        except OSError as error:
            if error.errno != errno.EIO:  # EIO: Linux's way of saying the other side closed
                raise
            chunk = b""
        if not chunk:
            self._closed = True
            self._text += self._decoder.decode(b"", final=True)
            return False
        self._raw += chunk
        self._text += self._decoder.decode(chunk)
        return True

    def _failure(self, what):
        shown = self.output
        if len(shown) > 6000:
            shown = "[...]" + shown[-6000:]
        state = "the program closed the terminal" if self._closed else "still running"
        return PtyTimeout(f"{what} ({state}).\n--- output so far ---\n{shown}\n"
                          f"--- end of output (expect() position {self._position}) ---")

    def expect(self, pattern, timeout=None):
        """Waits until `pattern` (a regular expression, str or compiled) matches the output
        after the previous match; returns the match. Raises PtyTimeout if it does not within
        `timeout` seconds (default: the session's), or if the program closes the terminal."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            match = self._search(regex)
            if match:
                return match
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._failure(f"timed out waiting for {regex.pattern!r}")
            if not self._read(min(remaining, 0.2)):
                match = self._search(regex)
                if match:
                    return match
                raise self._failure(f"no {regex.pattern!r} in the output")

    def _search(self, regex):
        # On the rest of the output as a string of its own, so that ^ means "right after the
        # previous match" (as in pexpect) and match.start() counts from there.
        match = regex.search(self.output[self._position:])
        if match:
            self._position += match.end()
        return match

    def read_for(self, seconds):
        """Takes in output for `seconds` (to see that something does NOT appear); returns
        the output that arrived meanwhile, ANSI-stripped."""
        before = len(self._text)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self._read(deadline - time.monotonic()):
            pass
        return strip_ansi(self._text[before:])

    # -- input -------------------------------------------------------------------------------
    def send(self, text):
        """Types `text` (str, sent as UTF-8, or bytes) as it is."""
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        deadline = time.monotonic() + self.timeout
        while data:
            try:
                written = os.write(self.fd, data)
                data = data[written:]
            except BlockingIOError:
                # The program is not reading: keep taking its output so neither side blocks.
                if time.monotonic() > deadline:
                    raise self._failure("timed out typing: the program does not read")
                self._read(0.05)

    def sendline(self, text=""):
        """Types `text` and Enter (CR, as a terminal sends it)."""
        self.send(text + "\r")

    def send_control(self, letter):
        """Types Ctrl and `letter`: 'c' interrupt, 'd' end of input, 'z' suspend, ..."""
        self.send(chr(ord(letter.upper()) & 0x1F))

    def send_key(self, name):
        """Types a named key from KEYS: 'up', 'down', 'left', 'right', 'tab', ..."""
        self.send(KEYS[name])

    def terminal_modes(self):
        """The terminal's modes as termios.tcgetattr gives them ([iflag, oflag, cflag, lflag,
        ispeed, ospeed, cc]): to check that the program left the terminal sane."""
        return termios.tcgetattr(self.fd)

    # -- the end -----------------------------------------------------------------------------
    def wait_exit(self, timeout=None):
        """Waits for the program to end, taking in its output meanwhile; returns its exit
        status, or 128 + the signal's number if a signal killed it. Raises PtyTimeout if it
        is still running after `timeout` seconds (default: the session's)."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while self._status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self._status = (128 + os.WTERMSIG(status) if os.WIFSIGNALED(status)
                                else os.WEXITSTATUS(status))
                break
            if time.monotonic() > deadline:
                raise self._failure("timed out waiting for the program to exit")
            if not self._read(0.05):
                time.sleep(0.01)
        # What the program wrote just before it ended.
        drain_until = time.monotonic() + 1.0
        while time.monotonic() < drain_until and self._read(0.05):
            pass
        return self._status

    def close(self):
        """Ends the program if it still runs (SIGHUP, then SIGKILL), and frees the terminal
        and the temporary home folder. Safe to call more than once."""
        if self._status is None and self.pid:
            for number, grace in ((signal.SIGHUP, 1.0), (signal.SIGKILL, 5.0)):
                try:
                    os.kill(self.pid, number)
                except ProcessLookupError:
                    pass
                try:
                    self.wait_exit(timeout=grace)
                    break
                except PtyTimeout:
                    continue
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.home:
            shutil.rmtree(self.home, ignore_errors=True)
            self.home = None
