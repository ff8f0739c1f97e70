"""Backup and restore of a whole Maillage site: one archive with the database and the media.

`manage.py backup` (`make backup`) and `manage.py restore` (`make restore ARCHIVE=…`) call
`create_backup` and `restore_backup`. An archive is a gzipped tar holding:

    manifest.json          format and version, engine, versions of Python/Django/Wagtail/Maillage,
                           applied migrations, object counts, database checksum, media totals
    database.sqlite3       SQLite: a consistent copy made with sqlite3's online backup API
    database.pgdump        PostgreSQL: `pg_dump --format=custom`
    media/…                every file of the default storage (MEDIA_ROOT, or an S3 bucket read
                           through the storage API): images, renditions, documents, kits, wall files

Restoring checks the whole archive before touching anything (readable, no member escaping the
extraction folder, manifest format, same engine, database checksum, no migration unknown to this
code), then replaces the database and the media, runs `migrate` (an archive from an older version)
and rebuilds the search index.
"""

import hashlib
import importlib.metadata
import io
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "maillage-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# What the manifest counts, and the restore reports (model label → French name).
COUNTED = {
    "wagtailcore.Page": "pages",
    "wagtailcore.Revision": "révisions",
    "wagtaildocs.Document": "documents",
    "wagtailimages.Image": "images",
    "wagtailimages.Rendition": "déclinaisons d'images",
    settings.AUTH_USER_MODEL: "utilisateurs",
    "auth.Group": "groupes",
    "partners.StructurePage": "structures",
    "events.EventPage": "événements",
    "evaluation.IndicatorValue": "valeurs d'indicateurs",
}
# A live PostgreSQL table that another process holds (a running site) makes the restore wait at
# most this long for its lock, then fail, rather than hang.
PG_LOCK_TIMEOUT = "60s"


class BackupError(Exception):
    """A refusal or failure, with a message for the person running the command."""


# Engine and versions


def engine_of(connection):
    if connection.vendor in ENGINES:
        return connection.vendor
    raise BackupError(
        f"Moteur de base de données non pris en charge : {connection.vendor} "
        "(SQLite ou PostgreSQL seulement)."
    )


def client_major_version(program):
    """The major version of a PostgreSQL client program (pg_dump, pg_restore)."""
    try:
        output = subprocess.run(  # noqa: S603 (a fixed PostgreSQL client program)
            [program, "--version"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise BackupError(
            f"{program} est introuvable ou ne répond pas ({error}) : installez le client "
            "PostgreSQL de la version du serveur (paquet postgresql-client)."
        ) from error
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    if not match:
        raise BackupError(f"Version de {program} illisible : {output.strip()!r}.")
    return int(match.group(1)), output.strip()


def postgres_client(connection):
    """Connection options and environment for pg_dump/pg_restore, as Django gives them to psql."""
    _, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, [])
    params = connection.settings_dict
    args = []
    if params.get("USER"):
        args += ["--username", params["USER"]]
    if params.get("HOST"):
        args += ["--host", params["HOST"]]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    return args, {**os.environ, **(env or {})}


def run_client(command, env):
    # pg_dump/pg_restore with arguments from the settings, never through a shell.
    result = subprocess.run(command, capture_output=True, text=True, env=env)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} a échoué :\n{result.stderr.strip()}")
    return result


def versions():
    def version(distribution):
        try:
            return importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            return None

    return {
        "python": platform.python_version(),
        "django": version("django"),
        "wagtail": version("wagtail"),
        "maillage": version("maillage"),
    }


def applied_migrations(connection):
    by_app = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        by_app.setdefault(app_label, []).append(name)
    return {app_label: sorted(names) for app_label, names in sorted(by_app.items())}


def counts(using=DEFAULT_DB_ALIAS):
    found = {}
    for label in COUNTED:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        found[label] = model._default_manager.using(using).count()
    return found


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# Media: a local folder is walked on disk; any other storage (S3…) through Django's storage API.


def local_media_root(storage):
    """The folder of a storage on the local disk, or None for a remote one (S3…)."""
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location)
    return None


def storage_files(storage, folder=""):
    """Every file name of a storage, through its API (recursive `listdir`)."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from storage_files(storage, f"{folder}/{directory}" if folder else directory)


def add_media(archive, storage):
    """Write every media file into the archive under media/; return (files, bytes)."""
    files = size = 0
    root = local_media_root(storage)
    if root is not None:
        if not root.is_dir():
            return 0, 0
        for folder, directories, names in os.walk(root):
            directories.sort()
            for name in sorted(names):
                path = Path(folder, name)
                if path.is_symlink() or not path.is_file():
                    continue
                relative = path.relative_to(root).as_posix()
                archive.add(path, arcname=f"{MEDIA}/{relative}", recursive=False)
                files += 1
                size += path.stat().st_size
        return files, size
    for name in storage_files(storage):
        info = tarfile.TarInfo(f"{MEDIA}/{name}")
        info.size = storage.size(name)
        info.mtime = int(timezone.now().timestamp())
        with storage.open(name, "rb") as file:
            archive.addfile(info, file)
        files += 1
        size += info.size
    return files, size


def replace_media(storage, extracted):
    """Make the storage hold exactly the files of the extracted media folder."""
    root = local_media_root(storage)
    if root is not None:
        root.mkdir(parents=True, exist_ok=True)
        # Emptied and refilled in place (MEDIA_ROOT may be a mount point); the extracted folder
        # sits on the same disk, so each move is a rename.
        for child in root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        if extracted.is_dir():
            for child in extracted.iterdir():
                shutil.move(child, root / child.name)
        return
    wanted = set()
    if extracted.is_dir():
        for path in sorted(extracted.rglob("*")):
            if not path.is_file():
                continue
            name = path.relative_to(extracted).as_posix()
            wanted.add(name)
            if storage.exists(name):
                storage.delete(name)  # saving over a name would otherwise pick another one
            with path.open("rb") as file:
                saved = storage.save(name, File(file, name=name))
            if saved != name:
                raise BackupError(f"Le stockage a enregistré {name} sous un autre nom : {saved}.")
    for name in list(storage_files(storage)):
        if name not in wanted:
            storage.delete(name)


# Backup


def dump_database(connection, folder):
    engine = engine_of(connection)
    target = Path(folder, DATABASE_FILES[engine])
    details = {}
    if engine == "sqlite":
        # The online backup API, from a connection of its own: a consistent snapshot of what is
        # committed even while the site writes. Django's connection may hold a write transaction
        # (transactions start IMMEDIATE), which the backup would wait for forever.
        source = sqlite3.connect(f"file:{connection.settings_dict['NAME']}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        details["server_version"] = sqlite3.sqlite_version
    else:
        connection.ensure_connection()
        server_major = connection.pg_version // 10000
        client_major, client_version = client_major_version("pg_dump")
        if client_major < server_major:
            raise BackupError(
                f"{client_version} ne peut pas sauvegarder un serveur PostgreSQL {server_major} : "
                f"installez le client PostgreSQL {server_major} (postgresql-client-{server_major})."
            )
        args, env = postgres_client(connection)
        run_client(
            [
                "pg_dump",
                "--format=custom",
                f"--file={target}",
                *args,
                f"--dbname={connection.settings_dict['NAME']}",
            ],
            env,
        )
        details["server_version"] = f"{server_major}.{connection.pg_version % 10000}"
        details["pg_dump_version"] = client_version
        details["pg_dump_major"] = client_major
        details["tables"] = sorted(connection.introspection.table_names())
    return target, details


def archive_name(directory):
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    path = Path(directory, f"maillage-{stamp}.tar.gz")
    number = 1
    while path.exists():
        number += 1
        path = Path(directory, f"maillage-{stamp}-{number}.tar.gz")
    return path


def create_backup(directory, using=DEFAULT_DB_ALIAS):
    """Write one archive into `directory`; return its path and manifest."""
    connection = connections[using]
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = archive_name(directory)
    partial = path.with_name(f".{path.name}.partial")
    with tempfile.TemporaryDirectory(prefix=".maillage-backup-", dir=directory) as work:
        database, details = dump_database(connection, work)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": engine_of(connection),
            "database_file": database.name,
            "database_sha256": sha256_of(database),
            "database_bytes": database.stat().st_size,
            **details,
            "versions": versions(),
            "migrations": applied_migrations(connection),
            "counts": counts(using),
            "media": {
                "storage": f"{type(default_storage).__module__}.{type(default_storage).__name__}"
            },
        }
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(database, arcname=database.name)
                manifest["media"]["files"], manifest["media"]["bytes"] = add_media(
                    archive, default_storage
                )
                # Last, once the media are counted; `restore` reads the whole archive anyway.
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(timezone.now().timestamp())
                archive.addfile(info, io.BytesIO(data))
            os.replace(partial, path)  # never a half-written archive under the final name
        finally:
            partial.unlink(missing_ok=True)
    return path, manifest


# Restore


def extract(archive_path, folder):
    """Extract the archive into `folder` with tarfile's "data" filter (no absolute path, no `..`,
    no link leaving the folder, no device); only the expected top-level names are accepted."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"Archive introuvable : {archive_path}.")
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            members = archive.getmembers()
            allowed = {MANIFEST, *DATABASE_FILES.values()}
            for member in members:
                parts = PurePosixPath(member.name).parts
                top = parts[0] if parts else ""
                if member.name not in allowed and top != MEDIA:
                    raise BackupError(
                        f"Archive refusée : membre inattendu {member.name!r} (ce n'est pas une "
                        "sauvegarde Maillage)."
                    )
                if ".." in parts or member.name.startswith("/"):
                    raise BackupError(f"Archive refusée : chemin dangereux {member.name!r}.")
                if not (member.isfile() or member.isdir()):
                    raise BackupError(
                        f"Archive refusée : {member.name!r} n'est ni un fichier ni un dossier."
                    )
            archive.extractall(folder, members=members, filter="data")
    except BackupError:
        raise
    except tarfile.FilterError as error:
        raise BackupError(f"Archive refusée : {error}.") from error
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"Archive illisible ou corrompue : {archive_path} ({error}).") from error


def read_manifest(folder):
    path = Path(folder, MANIFEST)
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise BackupError(
            "Archive refusée : pas de manifest.json (pas une sauvegarde Maillage)."
        ) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"Archive refusée : manifest.json illisible ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Archive refusée : ce n'est pas une sauvegarde Maillage.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            f"Archive refusée : format {version!r}, cette version de Maillage lit jusqu'au "
            f"format {FORMAT_VERSION}."
        )
    return manifest


def check_archive(manifest, folder, connection):
    engine = engine_of(connection)
    if manifest.get("engine") != engine:
        archived = ENGINES.get(manifest.get("engine"), manifest.get("engine"))
        raise BackupError(
            f"Archive refusée : elle contient une base {archived}, le site utilise "
            f"{ENGINES[engine]}. Restaurez-la sur un site configuré avec le même moteur."
        )
    database = Path(folder, DATABASE_FILES[engine])
    if manifest.get("database_file") != database.name or not database.is_file():
        raise BackupError(f"Archive refusée : {database.name} manque.")
    if sha256_of(database) != manifest.get("database_sha256"):
        raise BackupError(f"Archive corrompue : l'empreinte de {database.name} ne correspond pas.")
    media = Path(folder, MEDIA)
    files = sum(1 for path in media.rglob("*") if path.is_file()) if media.is_dir() else 0
    if files != manifest.get("media", {}).get("files"):
        raise BackupError(
            f"Archive corrompue : {files} fichier(s) de médias au lieu de "
            f"{manifest.get('media', {}).get('files')}."
        )
    # `migrate` brings an older archive up to date, never a newer one down.
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    unknown = sorted(
        f"{app_label}.{name}"
        for app_label, names in manifest.get("migrations", {}).items()
        for name in names
        if (app_label, name) not in known and app_label in apps.app_configs
    )
    if unknown:
        raise BackupError(
            "Archive refusée : elle vient d'une version plus récente de Maillage (migrations "
            f"inconnues ici : {', '.join(unknown[:5])}{'…' if len(unknown) > 5 else ''}). "
            "Mettez le code à jour avant de restaurer."
        )
    if engine == "postgresql":
        client_major, client_version = client_major_version("pg_restore")
        if client_major < manifest.get("pg_dump_major", 0):
            raise BackupError(
                f"{client_version} ne lit pas une archive de pg_dump "
                f"{manifest.get('pg_dump_major')} : installez un client PostgreSQL plus récent."
            )
    return database


def replace_database(connection, database, manifest):
    engine = engine_of(connection)
    connections.close_all()
    if engine == "sqlite":
        source = sqlite3.connect(database)
        try:
            connection.ensure_connection()
            # The online backup API writes into the live database (file or in memory), page by
            # page under SQLite's own locks: never a file copy over an open database.
            source.backup(connection.connection)
        finally:
            source.close()
            connection.close()
        return
    args, env = postgres_client(connection)
    env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} -c lock_timeout={PG_LOCK_TIMEOUT}".strip()
    # Tables the archive does not have (added by a later migration) would keep their foreign
    # keys to the archive's tables, which pg_restore --clean must drop: they go first, and
    # `migrate` creates them again.
    extra = sorted(set(connection.introspection.table_names()) - set(manifest.get("tables", [])))
    if extra:
        with connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = '{PG_LOCK_TIMEOUT}'")
            for table in extra:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
        connection.close()
    run_client(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *args,
            f"--dbname={connection.settings_dict['NAME']}",
            str(database),
        ],
        env,
    )


def restore_backup(archive_path, stdout, using=DEFAULT_DB_ALIAS, rebuild_index=True):
    """Check the archive, then replace the database and the media, migrate and reindex.

    Return the manifest and the counts found in the restored database (before `migrate`).
    """
    connection = connections[using]
    engine_of(connection)
    # Extracted next to MEDIA_ROOT, so that the media are moved into place by renames.
    workspace = Path(settings.MEDIA_ROOT).parent
    workspace.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".maillage-restore-", dir=workspace) as work:
        extract(archive_path, work)
        manifest = read_manifest(work)
        database = check_archive(manifest, work, connection)
        stdout.write(f"Archive du {manifest['created_at']} vérifiée, restauration…")
        replace_database(connection, database, manifest)
        restored = counts(using)
        replace_media(default_storage, Path(work, MEDIA))
    call_command("migrate", interactive=False, verbosity=0, database=using)
    for cache in caches.all(initialized_only=False):
        try:
            cache.clear()  # cached pages, site root paths, renditions of the replaced content
        except Exception as error:  # noqa: BLE001 (a cache server down must not stop the restore)
            stdout.write(f"Cache non vidé ({error}) : videz-le ou redémarrez-le.")
    if rebuild_index:
        call_command("update_index", verbosity=0)
    return manifest, restored


def describe_counts(found):
    return ", ".join(f"{found[label]} {COUNTED[label]}" for label in COUNTED if label in found)
