"""A seeded generator of input batches for the fuzz suite: good documents (in every input format)
mixed with malformed files, lines, encodings and sizes, each bad input with where its reject must
be reported.

    batch = make_batch(random.Random(7), tmp_path, limit=64 * 1024)
    batch.inputs      # paths to give `bilateral code`, shuffled
    batch.good        # good documents: id -> the file that holds it
    batch.bad         # bad inputs: (kind, location prefix its reject must have)
    batch.mutants     # good files with random bytes changed: each must be coded or rejected
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from .conftest import EXAMPLES

FRENCH = ("Le gouvernement tchadien a mis fin jeudi à son accord de coopération en matière de défense avec "
          "la France, quelques heures après la visite du ministre français des affaires étrangères à N'Djamena.")


def paragraphs() -> list[str]:
    out: list[str] = []
    for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        out += [p for p in json.loads(line)["text"].split("\n\n") if len(p.split()) > 15]
    return out


@dataclass
class Batch:
    root: Path
    inputs: list[Path] = field(default_factory=list)
    good: dict[str, Path] = field(default_factory=dict)
    bad: list[tuple[str, str]] = field(default_factory=list)
    mutants: list[str] = field(default_factory=list)


def make_batch(rng: random.Random, root: Path, limit: int, n_good: int = 5, n_bad: int = 10) -> Batch:
    """A batch of `n_good` good documents and `n_bad` bad inputs under `root`, where `limit` is the
    one-document size limit in force (so oversize inputs stay small)."""
    root.mkdir(parents=True, exist_ok=True)
    batch = Batch(root)
    pool = paragraphs()
    rng.shuffle(pool)
    jsonl = _MixedJsonl(root / "mixed.jsonl")
    for n in range(n_good):
        text = "\n\n".join(pool.pop() for _ in range(rng.randint(1, 2)))
        _GOOD[rng.randrange(len(_GOOD))](batch, jsonl, f"good{n}", text, rng)
    for n in range(n_bad):
        name = rng.choice(sorted(_BAD))
        _BAD[name](batch, jsonl, f"bad{n}", rng, limit)
    for n in range(rng.randint(0, 3)):
        _mutant(batch, f"mutant{n}", "\n\n".join(pool.pop() for _ in range(1)) if pool else "Officials met.", rng)
    jsonl.close(batch)
    rng.shuffle(batch.inputs)
    return batch


class _MixedJsonl:
    """One JSON Lines file holding good and bad lines, in the order they are added."""

    def __init__(self, path: Path) -> None:
        self.path, self.lines = path, []  # type: ignore[var-annotated]

    def add(self, line: str) -> str:
        self.lines.append(line)
        return f"{self.path}:{len(self.lines)}"

    def close(self, batch: Batch) -> None:
        if self.lines:
            self.path.write_text("\n".join(self.lines) + "\n", encoding="utf-8")
            batch.inputs.append(self.path)


# -- good documents, one writer per input format ------------------------------------------------------

def _good_txt(batch: Batch, jsonl: _MixedJsonl, name: str, text: str, rng: random.Random) -> None:
    path = batch.root / f"{name}.txt"
    path.write_text(text, encoding=rng.choice(["utf-8", "utf-8-sig", "utf-16"]))
    batch.inputs.append(path)
    batch.good[name] = path


def _good_html(batch: Batch, jsonl: _MixedJsonl, name: str, text: str, rng: random.Random) -> None:
    path = batch.root / f"{name}.html"
    body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    path.write_text(f"<html><head><title>{name}</title><meta property='article:published_time' "
                    f"content='2023-04-04'></head><body><nav><a href='/'>Home</a></nav><article>{body}"
                    "</article></body></html>", encoding="utf-8")
    batch.inputs.append(path)
    batch.good[name] = path


def _good_line(batch: Batch, jsonl: _MixedJsonl, name: str, text: str, rng: random.Random) -> None:
    jsonl.add(json.dumps({"id": name, "text": text, "pub_date": "2023-04-04"}))
    batch.good[name] = jsonl.path


def _good_gzip(batch: Batch, jsonl: _MixedJsonl, name: str, text: str, rng: random.Random) -> None:
    path = batch.root / f"{name}.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps({"id": name, "text": text}).encode() + b"\n"))
    batch.inputs.append(path)
    batch.good[name] = path


def _good_warc(batch: Batch, jsonl: _MixedJsonl, name: str, text: str, rng: random.Random) -> None:
    from bilateral.model import stable_id

    uri = f"http://news.example/{name}"
    path = batch.root / f"{name}.warc.gz"
    path.write_bytes(warc({uri: text}))
    batch.inputs.append(path)
    batch.good[stable_id(uri)] = path


def _good_utf16_jsonl(batch: Batch, jsonl: _MixedJsonl, name: str, text: str, rng: random.Random) -> None:
    path = batch.root / f"{name} (wide, é).jsonl"
    path.write_text(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\r\n", encoding="utf-16")
    batch.inputs.append(path)
    batch.good[name] = path


_GOOD = [_good_txt, _good_html, _good_line, _good_gzip, _good_warc, _good_utf16_jsonl]


def _mutant(batch: Batch, name: str, text: str, rng: random.Random) -> None:
    """A good file in a random format with a few random bytes overwritten, cut or repeated."""
    scratch = Batch(batch.root / "scratch")
    scratch.root.mkdir(exist_ok=True)
    files = [g for g in _GOOD if g is not _good_line]
    files[rng.randrange(len(files))](scratch, _MixedJsonl(scratch.root / "unused.jsonl"), name, text, rng)
    [source] = scratch.inputs
    data = bytearray(source.read_bytes())
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data))
        how = rng.random()
        if how < 0.6:
            data[at] = rng.randrange(256)
        elif how < 0.8:
            del data[at:at + rng.randint(1, 64)]
        else:
            data[at:at] = data[at:at + rng.randint(1, 64)] * rng.randint(1, 20)
    path = batch.root / f"{name}{''.join(source.suffixes)}"
    path.write_bytes(bytes(data))
    source.unlink()
    batch.inputs.append(path)
    batch.mutants.append(str(path))


def warc(pages: dict[str, str], gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for uri, text in pages.items():
        body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        html = f"<html><head><title>{uri}</title></head><body><article>{body}</article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers))
    return buf.getvalue()


# -- bad inputs: each adds its files and the location its reject must start with -----------------------

def _file(batch: Batch, name: str, data: bytes, kind: str) -> None:
    path = batch.root / name
    path.write_bytes(data)
    batch.inputs.append(path)
    batch.bad.append((kind, str(path)))


def _bad_empty(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    _file(b, f"{name}.txt", rng.choice([b"", b"   \n\t\n", b"\xef\xbb\xbf"]), "empty")


def _bad_binary(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    data = bytes(rng.randrange(256) for _ in range(rng.randint(16, 4096)))
    _file(b, f"{name}.{rng.choice(['txt', 'html', 'jsonl'])}", data + b"\x00", "binary")


def _bad_latin1(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    _file(b, f"{name}.txt", ("Président " * rng.randint(1, 50)).encode("latin-1"), "latin-1")


def _bad_oversize(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    words = b"word " * (limit // 5 + rng.randint(1, 1000))
    if rng.random() < 0.5:
        _file(b, f"{name}.txt", words, "oversize")
    else:
        _file(b, f"{name}.jsonl.gz", gzip.compress(b'{"id": "x", "text": "' + words + b'"}\n'), "oversize-gzip")


def _bad_truncated_gzip(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    data = gzip.compress(b'{"id": "t", "text": ' * 200)
    _file(b, f"{name}.jsonl.gz", data[: rng.randint(1, len(data) - 1)], "truncated-gzip")


def _bad_truncated_warc(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    data = warc({f"http://cut.example/{name}": " ".join(["Officials met on Monday."] * 400)})
    _file(b, f"{name}.warc.gz", data[: rng.randint(len(data) // 10, len(data) - 30)], "truncated-warc")


def _bad_unsupported(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    _file(b, f"{name}.{rng.choice(['pdf', 'docx', 'csv', ''])}".rstrip("."), b"%PDF-1.4 data", "unsupported")


def _bad_fifo(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    path = b.root / f"{name}.txt"
    os.mkfifo(path)
    b.inputs.append(path)
    b.bad.append(("fifo", str(path)))


def _bad_missing(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    path = b.root / rng.choice([f"{name}.txt", name, f"{name}/"]).rstrip("/")
    b.inputs.append(path)
    b.bad.append(("missing", str(path)))


def _bad_symlink_loop(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    path = b.root / f"{name}.txt"
    path.symlink_to(path)
    b.inputs.append(path)
    b.bad.append(("symlink-loop", str(path)))


def _bad_html(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    page = rng.choice(["<html><body><nav><a href='/'>Home</a></nav></body></html>", "<html", "<<<>>>",
                       "<html><body>" + "<div>" * 5000 + "</body></html>"])
    _file(b, f"{name}.html", page.encode(), "html-without-text")


def _bad_language(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    b.bad.append(("not-english", j.add(json.dumps({"id": name, "text": FRENCH}))))


def _bad_line(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    line = rng.choice([
        '{"id": "a", "text": "cut', "[1, 2, 3]", '"just a string"', "null", "{}", '{"text": "no id"}',
        json.dumps({"id": name}), json.dumps({"id": name, "text": ""}), json.dumps({"id": {"x": 1}, "text": "t"}),
        json.dumps({"id": name, "text": "Officials met.", "pub_date": "yesterday"}),
        json.dumps({"id": name, "text": 42}), json.dumps({"id": name, "html": "<p>Home</p>"}),
        "[" * 100_000, "\ufeff{bad", "{\"id\": \"" + name + "\", \"text\": \"\\ud800\"}",
    ])
    b.bad.append(("json-line", j.add(line)))


def _bad_duplicate_id(b: Batch, j: _MixedJsonl, name: str, rng: random.Random, limit: int) -> None:
    if not any(kind == "good" for kind, _ in b.bad) and not b.good:
        return _bad_line(b, j, name, rng, limit)
    earlier = rng.choice(sorted(k for k, v in b.good.items() if v == j.path) or [None])  # type: ignore[type-var]
    if earlier is None:
        return _bad_line(b, j, name, rng, limit)
    b.bad.append(("duplicate-id", j.add(json.dumps({"id": earlier, "text": "Officials from two states met. "
                                                    f"A different text {name}."}))))
    return None


_BAD = {f.__name__[5:]: f for f in (_bad_empty, _bad_binary, _bad_latin1, _bad_oversize, _bad_truncated_gzip,
                                    _bad_truncated_warc, _bad_unsupported, _bad_fifo, _bad_missing,
                                    _bad_symlink_loop, _bad_html, _bad_language, _bad_line, _bad_duplicate_id)}
