# CSC Tracker: one image for the web server, the Celery worker and Celery beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# WeasyPrint (minutes and agendas as PDF) needs Pango, HarfBuzz and fonts for Arabic and Albanian.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
    libharfbuzz-subset0 libfontconfig1 libglib2.0-0 fonts-dejavu-core fonts-noto-core \
 && rm -rf /var/lib/apt/lists/*

# Dependencies first, so a code change does not reinstall them. pyproject.toml declares no
# packages (the apps run from the source tree), so this installs the runtime dependencies only.
COPY pyproject.toml ./
RUN pip install .

COPY . .

# Files that change at run time live under /data (a volume): uploads, the Celery beat schedule.
ENV CSC_VAR_DIR=/data \
    MEDIA_ROOT=/data/media \
    STATIC_ROOT=/app/staticfiles

# Static files are collected once, hashed and compressed, and served by whitenoise.
RUN DEBUG=0 STATIC_MANIFEST=1 SECRET_KEY=collectstatic-only-not-a-secret \
    python manage.py collectstatic --noinput \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin csc \
 && mkdir -p /data/media \
 && chown -R csc:csc /data

USER csc
VOLUME ["/data"]
EXPOSE 8000

CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--forwarded-allow-ips", "*", "--access-logfile", "-"]
