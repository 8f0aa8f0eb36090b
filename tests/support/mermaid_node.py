"""Fast Mermaid syntax checks: Mermaid 11's own parser, run by one long-lived Node process.

Why: a browser render costs tens of ms plus a page; the parser alone, kept warm in Node under
jsdom, answers in a few ms and also tells what it understood (the diagram db), so tests can
check labels and edges, not just "it parsed". Use the browser (support.browser) to prove a
diagram really renders; use this for many diagrams and property-based tests.
"""

from __future__ import annotations

import itertools
import json
import queue
import re
import subprocess
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.entities import html5
from pathlib import Path
from typing import Any

from .env import node_dir, node_executable, require_node_mermaid

SCRIPT = Path(__file__).with_name("mermaid_parse.mjs")


@dataclass(frozen=True)
class ParseResult:
    """What Mermaid's parser said about one diagram text.

    db keys by diagram type (all also have title, acc_title, acc_descr):
      flowchart*: direction, vertices {id: label}, shapes {id: shape}, classes {id: [..]},
                  clicks {id: {link, target, callback, tooltip}},
                  edges [{start, end, text, type, stroke, length}], subgraphs [{id, title, nodes}]
      sequence:   actors {id: description}, actor_types {id: participant|actor|..},
                  messages [{from, to, message, type, type_name}],
                  notes [{actors, placement, text}], blocks [{type, type_name, text}],
                  boxes [{name, fill, actors}]
      journey:    sections [..], tasks [{section, task, score, people}], actors [..]
    Text keeps Mermaid entity codes (`#59;`); see decode_mermaid_entities().
    """

    ok: bool
    error: str | None
    diagram_type: str | None
    db: dict[str, Any] = field(default_factory=dict)


# Mermaid's internal placeholders (its encodeEntities) and the source spelling `#name;`.
_PLACEHOLDER_NUM = re.compile("ﬂ°°(\\w+)¶ß")
_PLACEHOLDER_NAMED = re.compile("ﬂ°(\\w+)¶ß")
_ENTITY = re.compile(r"#(\w+);")


def _entity_char(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.isdigit():
        try:
            return chr(int(name))
        except (ValueError, OverflowError):
            return match.group(0)
    return html5.get(name + ";", match.group(0))


def decode_mermaid_entities(s: str) -> str:
    """Turn Mermaid entity codes (`#59;`, `#35;`, `#quot;`, `#lt;`) into characters.

    Why: Mermaid decodes them only when rendering, so parser db text still holds them. Also
    accepts Mermaid's internal placeholders (`ﬂ°°59¶ß`). Unknown names are left as they are,
    as the browser would show them.
    """
    s = _PLACEHOLDER_NUM.sub(r"#\1;", s)
    s = _PLACEHOLDER_NAMED.sub(r"#\1;", s)
    return _ENTITY.sub(_entity_char, s)


class MermaidParser:
    """One Node process running tests/support/mermaid_parse.mjs; create once, close() at end.

    Thread-safe. A diagram that takes longer than `timeout` seconds to parse gets an error
    result and the process is restarted.
    """

    def __init__(self, timeout: float = 30.0) -> None:
        require_node_mermaid()
        self.timeout = timeout
        self._lock = threading.Lock()
        self._ids = itertools.count()
        self._proc: subprocess.Popen[str] | None = None
        self._answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._stderr: deque[str] = deque(maxlen=50)
        self._why = ""
        self._start()

    def _start(self) -> None:
        self._answers = queue.Queue()
        proc = subprocess.Popen(
            [node_executable(), str(SCRIPT), str(node_dir())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self._proc = proc
        answers = self._answers
        # Readers drain both pipes all the time, so Node never blocks on a full pipe while we
        # are still writing a big batch (Linux pipes are synchronous for Node).
        threading.Thread(target=self._read_stdout, args=(proc, answers), daemon=True).start()
        threading.Thread(target=self._read_stderr, args=(proc,), daemon=True).start()

    @staticmethod
    def _read_stdout(proc: subprocess.Popen[str], answers: queue.Queue) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                answers.put(json.loads(line))
            except json.JSONDecodeError:
                answers.put({"id": None, "ok": False, "error": f"bad answer: {line!r}"})
        answers.put(None)  # EOF: the process died

    def _read_stderr(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            self._stderr.append(line.rstrip("\n"))

    def _restart(self) -> None:
        self._kill()
        self._start()

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin:
                proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def parse(self, text: str) -> ParseResult:
        """Parse one diagram text."""
        return self.parse_many([text])[0]

    def parse_many(self, texts: Iterable[str]) -> list[ParseResult]:
        """Parse many texts in one pipelined batch; results come back in the same order."""
        texts = list(texts)
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._restart()
            proc = self._proc
            assert proc is not None and proc.stdin is not None
            ids = [next(self._ids) for _ in texts]
            payload = "".join(
                json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                for i, t in zip(ids, texts, strict=True)
            )
            try:
                proc.stdin.write(payload)
                proc.stdin.flush()
            except BrokenPipeError:
                pass  # reported below as "process died"
            got: dict[int, ParseResult] = {}
            for i in ids:
                answer = self._next_answer(i)
                if answer is None:  # died or timed out: the rest of the batch fails too
                    error = self._failure_text()
                    self._restart()
                    for j in ids:
                        got.setdefault(j, ParseResult(False, error, None, {}))
                    break
                got[answer["id"]] = ParseResult(
                    ok=bool(answer.get("ok")),
                    error=answer.get("error"),
                    diagram_type=answer.get("type"),
                    db=answer.get("db") or {},
                )
            return [got[i] for i in ids]

    def _next_answer(self, want: int) -> dict[str, Any] | None:
        """The answer for id `want` (Node answers in order), or None if it died/hung."""
        while True:
            try:
                answer = self._answers.get(timeout=self.timeout)
            except queue.Empty:
                self._why = f"gave no answer within {self.timeout} s"
                return None
            if answer is None:
                self._why = "died"
                return None
            if answer.get("id") == want:
                return answer

    def _failure_text(self) -> str:
        tail = "\n".join(self._stderr)
        return f"mermaid checker process {self._why}; its stderr:\n{tail}"

    def close(self) -> None:
        """Stop the Node process."""
        with self._lock:
            self._kill()

    def __enter__(self) -> MermaidParser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
