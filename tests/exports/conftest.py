"""The monitoring tests' hand-made data set (Istog and Peja, November 2026) serves the exports:
its lists have known rows."""

import csv
import io

from tests.monitoring.conftest import november, today, world  # noqa: F401 (fixtures)


def read_csv(response) -> list[list[str]]:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_file(file) -> list[list[str]]:
    text = file.read().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))
