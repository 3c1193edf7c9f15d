# Samen: one image for the web process (gunicorn), the Celery worker and Celery beat.
# docker-compose.yml picks the process with `command:`; the default is the web server.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's runtime libraries (Pango, HarfBuzz subsetting, a font) and curl for the
# healthcheck. No compilers: every Python dependency installs from a wheel.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        curl \
    && rm -rf /var/lib/apt/lists/*

# The process runs as this user; the code and static files stay owned by root (read-only to it).
RUN groupadd --system --gid 10001 samen \
    && useradd --system --uid 10001 --gid samen --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin samen

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. pyproject.toml declares no
# packages: `pip install .` installs only the dependencies, pinned by requirements.lock.
COPY pyproject.toml requirements.lock ./
RUN pip install --no-cache-dir -c requirements.lock . \
    && rm -rf build ./*.egg-info

COPY . .

ENV DJANGO_DEBUG=false \
    SAMEN_VAR_DIR=/app/var \
    SAMEN_MEDIA_ROOT=/app/var/media

# collectstatic imports the settings, which refuse to start without a secret key when DEBUG
# is off. The key below exists only for this RUN step; it is not an ENV and is not in the
# image's configuration. The real key comes from the environment at run time.
RUN DJANGO_SECRET_KEY=build-only-collectstatic-not-a-secret \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media \
    && chown -R samen:samen /app/var

USER samen

EXPOSE 8000

CMD ["gunicorn", "samen.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
