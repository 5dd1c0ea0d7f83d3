# The Art. 8 portal as one image: the web server, the Celery worker and Celery beat.
# Built by `docker compose up` (see docker-compose.yml); the code runs from /app.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (invoice PDFs) needs Pango and HarfBuzz's subsetter; DejaVu gives it a font
# with every accent. `manage.py backup`/`restore` need pg_dump and pg_restore: pg_dump refuses
# a server newer than itself and bookworm's client is 15 while the db service runs 16, so the
# PostgreSQL client of the db service's major version comes from the PostgreSQL project's apt
# repository (set up, with its signing key, by the script of Debian's postgresql-common).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
        postgresql-common ca-certificates \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends postgresql-client-16 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml ./
RUN pip install .

COPY . .

# Catalogues and static files are built into the image so the worker and beat have them
# too; the web service rebuilds both on start (cheap and idempotent).
RUN useradd --create-home --uid 1000 portal \
    && mkdir -p var/media var/staticfiles var/backups \
    && python manage.py compile_translations \
    && python manage.py collectstatic --noinput \
    && chown -R portal:portal var locale

USER portal
EXPOSE 8000
# Threaded workers (gthread, 4 threads each): measured in issue #17, two clients on a slow
# page cut /mijn/ from 70 to 3 req/s with two sync workers, while with gthread and 4
# threads it kept 56 req/s. Gunicorn reads the number of workers from WEB_CONCURRENCY.
# Each thread keeps its own database connection (CONN_MAX_AGE): docs/scaling.md.
ENV WEB_CONCURRENCY=2
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "-k", "gthread", "--threads", "4"]
