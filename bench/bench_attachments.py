"""What checking and cleaning photos costs: time and peak memory per photo, and per report.

    .venv/bin/python bench/bench_attachments.py

Runs on SQLite with no services (whatever DATABASE_URL says). Each figure comes from a fresh
subprocess; its peak memory is the peak resident size during the work less the size before it
(Linux's VmHWM, reset before the work; elsewhere the lifetime ``ru_maxrss``). It prints, for phone photos
of 12 MP, 24 MP, 40 MP and just under ``concerns.attachments.MAX_PIXELS`` (JPEG with EXIF
and GPS, each within the upload size limit), and flat-colour PNGs of 40 MP and just under
``MAX_PNG_PIXELS``:

- one photo through ``check_upload``: seconds, peak MiB, the stored size or the refusal;
- five photos in one report, posted with Django's test client to the real form and view
  (SQLite in a temporary folder): seconds, peak MiB and the answer's status code.

Times are the median of three runs; the machine's other load shows in them, so compare
figures taken one after the other.

Arguments are ignored (``make bench BENCH_ARGS=…`` passes them to every bench).
"""

import io
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAX_BYTES = 5 * 1024 * 1024
ROUNDS = 3  # each figure: the median time of three runs, the peak memory of all


def _status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # kB
    raise LookupError(field)


def start_peak() -> float:
    """Reset the peak resident size (Linux: VmHWM) and return the current one, in MiB."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_mib("VmRSS")
    except OSError:  # not Linux, or not allowed: the lifetime peak is all there is
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_since(start: float) -> float:
    try:
        peak = _status_mib("VmHWM")
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return peak - start


def setup_django(var_dir: str) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "CSC_VAR_DIR": var_dir,
            "STATIC_MANIFEST": "0",
            "ALLOWED_HOSTS": "testserver",
            "CSC_REPORT_RATE_LIMIT": "1000/h",
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "ERROR",
        }
    )
    import django

    django.setup()


# --- The pictures


def phone_photo(width: int, height: int) -> bytes:
    """A JPEG like a phone's (EXIF with GPS and a rotation), smooth enough to stay in 5 MiB."""
    from PIL import ExifTags, Image

    gradient = Image.linear_gradient("L")
    bands = [
        gradient.resize((width, height)),
        gradient.rotate(90).resize((width, height)),
        Image.effect_noise((max(width // 16, 1), max(height // 16, 1)), 40).resize((width, height)),
    ]
    picture = Image.merge("RGB", bands)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "CameraMaker"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (42.0, 46.0, 50.0), 3: "E", 4: (20.0, 29.0, 10.0)}
    for quality in (90, 80, 70, 60, 50, 40):
        out = io.BytesIO()
        picture.save(out, format="JPEG", quality=quality, exif=exif)
        if out.tell() <= MAX_BYTES:
            return out.getvalue()
    raise SystemExit(f"could not make a {width}×{height} JPEG within {MAX_BYTES} bytes")


def screenshot(width: int, height: int) -> bytes:
    """A PNG of flat colours: tiny on the wire, the whole picture once decoded."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(picture)
    for i in range(0, min(width, height) // 2, 97):
        draw.rectangle((i, i, width - i, height - i), outline=(i % 256, 64, 128), width=9)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def just_under(pixels: int) -> tuple[int, int]:
    """4:3 dimensions with at most ``pixels`` pixels, within a hundredth of it."""
    height = math.isqrt(pixels * 3 // 4)
    return pixels // height, height


# --- Measurements, each in its own process


def measure_photo(path: str) -> dict:
    setup_django(str(Path(path).parent / "var-photo"))
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from concerns.attachments import check_upload

    content = Path(path).read_bytes()
    before = start_peak()
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        try:
            checked = check_upload(SimpleUploadedFile(Path(path).name, content))
            result = f"stored {checked.size / 1024:.0f} KiB"
        except ValidationError as exc:
            result = "refused: " + " ".join(exc.messages)
        times.append(time.perf_counter() - start)
    return {"seconds": statistics.median(times), "peak_mib": peak_since(before), "result": result}


def measure_request(paths: list[str]) -> dict:
    setup_django(tempfile.mkdtemp(dir=Path(paths[0]).parent, prefix="var-request-"))
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from concerns.models import Attachment, Category
    from councils.models import Council, Municipality

    call_command("migrate", verbosity=0)
    municipality = Municipality.objects.create(code="IST", name="Istog")
    Council.objects.create(level=Council.Level.MUNICIPAL, municipality=municipality, name="MCSC")
    category = Category.objects.create(code="lighting", name="Lighting")
    client = Client()
    client.get(reverse("public:report"))  # templates and URLconf loaded before measuring
    before = start_peak()
    times, statuses = [], set()
    for _ in range(ROUNDS):
        photos = [
            SimpleUploadedFile(Path(p).name, Path(p).read_bytes(), content_type="image/jpeg")
            for p in paths
        ]
        data = {
            "municipality": municipality.pk,
            "category": category.pk,
            "description": "The street lights on the main road have been out for a week.",
            "address": "Rruga kryesore",
            "reporter_name": "Drita",
            "reporter_email": "drita@example.org",
            "consent_to_contact": "on",
            "submission_key": str(uuid.uuid4()),
            "website": "",
            "attachments": photos,
        }
        start = time.perf_counter()
        statuses.add(client.post(reverse("public:report"), data).status_code)
        times.append(time.perf_counter() - start)
    stored = Attachment.objects.count() / ROUNDS
    return {
        "seconds": statistics.median(times),
        "peak_mib": peak_since(before),
        "result": f"HTTP {'/'.join(map(str, sorted(statuses)))}, {stored:g} photos stored",
    }


def run(*args: str) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise SystemExit(completed.stderr)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main(folder: str) -> None:
    from concerns import attachments

    jpeg_cap = attachments.MAX_PIXELS
    png_cap = getattr(attachments, "MAX_PNG_PIXELS", jpeg_cap)  # one limit for both before
    jpeg_sizes = {(4000, 3000), (6000, 4000), just_under(40_000_000), just_under(jpeg_cap)}
    png_sizes = {just_under(40_000_000), just_under(png_cap)}
    cases = [
        *[(f"{w * h / 1e6:.1f} MP JPEG", "jpeg", w, h) for w, h in sorted(jpeg_sizes)],
        *[(f"{w * h / 1e6:.1f} MP PNG", "png", w, h) for w, h in sorted(png_sizes)],
    ]
    print(f"limits: JPEG {jpeg_cap:,} pixels, PNG {png_cap:,} pixels; one process per figure")
    files = {}
    for label, kind, width, height in cases:
        content = (phone_photo if kind == "jpeg" else screenshot)(width, height)
        path = Path(folder) / f"{width}x{height}.{'jpg' if kind == 'jpeg' else 'png'}"
        path.write_bytes(content)
        files[label] = path
    print(f"{'one photo':<18}{'file':>10}{'seconds':>10}{'peak MiB':>10}  result")
    for label, path in files.items():
        figures = run("photo", str(path))
        print(
            f"{label:<18}{path.stat().st_size / 1024:>7.0f} KiB"
            f"{figures['seconds']:>10.2f}{figures['peak_mib']:>10.0f}  {figures['result']}"
        )
    print(f"{'five in one report':<28}{'seconds':>10}{'peak MiB':>10}  result")
    for label, path in files.items():
        if label.endswith("JPEG") or path.name == "{}x{}.png".format(*just_under(png_cap)):
            figures = run("request", *[str(path)] * 5)
            print(
                f"{'5 × ' + label:<28}{figures['seconds']:>10.2f}{figures['peak_mib']:>10.0f}"
                f"  {figures['result']}"
            )


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "photo":
        print(json.dumps(measure_photo(sys.argv[2])))
    elif len(sys.argv) > 2 and sys.argv[1] == "request":
        print(json.dumps(measure_request(sys.argv[2:])))
    else:
        with tempfile.TemporaryDirectory(prefix="bench-attachments-") as folder:
            setup_django(folder)
            main(folder)
