"""The sync server's schema in PostgreSQL: versioned migrations, roles, row-level security.

Everything a person stores lives in ``reader.items`` (one row per synced row,
per owner: its fields as JSON and each field's clock stamp) and
``reader.versions`` (note texts that lost a conflict). ``reader.push`` merges
a batch field by field, last writer by clock, inside the server, so two
devices pushing at once cannot lose each other's writes. Every change takes
the next number of ``reader.seq`` under one transaction-scoped advisory lock,
so numbers are handed out in commit order and a client's cursor never skips
a row that commits late.

Security is the engine's job: each person is a PostgreSQL role (a member of
``reader_user``); row-level security lets a role read its own rows and rows
shared with its groups, and insert, change or delete only its own.
"""

from __future__ import annotations

import logging
import re

import psycopg
from psycopg import sql

from notes_db.sync import KEEP_VERSIONS  # the server's bound is migration 4

log = logging.getLogger("notes_db.sync.server")

USER_ROLE = "reader_user"
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# Each entry is one migration; never edit one that has shipped, add another.
MIGRATIONS: list[str] = [
    # 1: items, versions, groups, members, the push function, policies.
    """
    CREATE TABLE reader.meta (server_id uuid NOT NULL DEFAULT gen_random_uuid());
    INSERT INTO reader.meta DEFAULT VALUES;
    CREATE SEQUENCE reader.seq;
    CREATE TABLE reader.groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
        owner name NOT NULL DEFAULT current_user,
        created timestamptz NOT NULL DEFAULT now());
    CREATE TABLE reader.members (
        group_id uuid NOT NULL REFERENCES reader.groups(id) ON DELETE CASCADE,
        member name NOT NULL,
        seq bigint NOT NULL DEFAULT nextval('reader.seq'),
        PRIMARY KEY (group_id, member));
    CREATE INDEX members_member ON reader.members(member);
    CREATE TABLE reader.items (
        owner name NOT NULL DEFAULT current_user,
        gid text NOT NULL,
        kind text NOT NULL,
        doc text,
        share_group uuid,
        data jsonb NOT NULL,
        stamps jsonb NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (owner, gid));
    CREATE INDEX items_seq ON reader.items(seq);
    CREATE INDEX items_doc ON reader.items(owner, doc);
    CREATE INDEX items_share ON reader.items(share_group, seq) WHERE share_group IS NOT NULL;
    CREATE TABLE reader.versions (
        owner name NOT NULL DEFAULT current_user,
        gid text NOT NULL,
        field text NOT NULL,
        stamp text NOT NULL,
        value jsonb NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (owner, gid, field, stamp));
    CREATE INDEX versions_seq ON reader.versions(owner, seq);

    -- The groups of the person connected (a definer function, so policies on
    -- members and groups can use it without recursing into each other).
    CREATE FUNCTION reader.my_groups() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$ SELECT group_id FROM reader.members WHERE member = session_user $$;
    REVOKE ALL ON FUNCTION reader.my_groups() FROM PUBLIC;

    CREATE FUNCTION reader.group_of(group_name text) RETURNS uuid LANGUAGE sql STABLE
        AS $$ SELECT id FROM reader.groups WHERE name = group_name AND id IN (SELECT reader.my_groups()) $$;

    -- Merge a batch of rows pushed by the person connected, field by field.
    CREATE FUNCTION reader.push(batch jsonb) RETURNS integer LANGUAGE plpgsql
        SET plan_cache_mode = force_custom_plan AS $$
    DECLARE
        r jsonb; o reader.items%ROWTYPE; k text; nd jsonb; ns jsonb; inc text; cur text;
        changed boolean; share_changed boolean; grp uuid; n integer := 0; added integer;
        me name := current_user; first_seq bigint;
    BEGIN
        PERFORM pg_advisory_xact_lock(7265616465);
        first_seq := nextval('reader.seq');
        -- Rows the server has not seen: one statement, in the order sent (documents first).
        INSERT INTO reader.items(owner, gid, kind, doc, data, stamps, seq)
        SELECT me, x.e->>'gid', x.e->>'kind', x.e->>'doc', x.e->'data', x.e->'stamps', nextval('reader.seq')
          FROM jsonb_array_elements(batch) WITH ORDINALITY AS x(e, i)
         WHERE NOT EXISTS (SELECT 1 FROM reader.items it WHERE it.owner = me AND it.gid = x.e->>'gid')
         ORDER BY x.i;
        GET DIAGNOSTICS added = ROW_COUNT;
        n := added;
        IF added > 0 THEN
            UPDATE reader.items SET share_group = reader.group_of(data->>'share')
             WHERE owner = me AND seq > first_seq AND kind = 'document' AND data->>'share' IS NOT NULL;
            UPDATE reader.items i SET share_group = coalesce(reader.group_of(i.data->>'share'),
                   (SELECT d.share_group FROM reader.items d WHERE d.owner = me AND d.gid = i.doc AND d.kind = 'document'))
             WHERE i.owner = me AND i.seq > first_seq AND i.kind <> 'document'
               AND (i.data->>'share' IS NOT NULL OR EXISTS (SELECT 1 FROM reader.items d WHERE d.owner = me
                    AND d.gid = i.doc AND d.kind = 'document' AND d.share_group IS NOT NULL));
        END IF;
        -- Rows it has: merge field by field, last writer by clock.
        FOR r IN SELECT x.e FROM jsonb_array_elements(batch) AS x(e)
                   JOIN reader.items it ON it.owner = me AND it.gid = x.e->>'gid' AND it.seq < first_seq LOOP
            SELECT * INTO o FROM reader.items WHERE owner = me AND gid = r->>'gid' FOR UPDATE;
            nd := o.data; ns := o.stamps; changed := false; share_changed := false;
            FOR k IN SELECT jsonb_object_keys(r->'stamps') LOOP
                inc := r->'stamps'->>k; cur := ns->>k;
                IF cur IS NULL OR inc > cur THEN
                    IF k = 'note' AND coalesce(nd->>'note', '') <> ''
                       AND (nd->'note') IS DISTINCT FROM (r->'data'->'note') THEN
                        INSERT INTO reader.versions(owner, gid, field, stamp, value, seq)
                        VALUES (me, o.gid, k, cur, nd->'note', nextval('reader.seq')) ON CONFLICT DO NOTHING;
                    END IF;
                    nd := jsonb_set(nd, ARRAY[k], coalesce(r->'data'->k, 'null'::jsonb));
                    ns := jsonb_set(ns, ARRAY[k], to_jsonb(inc));
                    changed := true;
                    IF k = 'share' THEN share_changed := true; END IF;
                ELSIF inc < cur AND k = 'note' AND coalesce(r->'data'->>'note', '') <> ''
                      AND (nd->'note') IS DISTINCT FROM (r->'data'->'note') THEN
                    INSERT INTO reader.versions(owner, gid, field, stamp, value, seq)
                    VALUES (me, o.gid, k, inc, r->'data'->'note', nextval('reader.seq')) ON CONFLICT DO NOTHING;
                END IF;
            END LOOP;
            IF NOT changed THEN CONTINUE; END IF;
            n := n + 1;
            -- A deleted row's note stays readable as a version everywhere.
            IF (nd->>'deleted') = 'true' AND coalesce(nd->>'note', '') <> '' AND ns ? 'note'
               AND NOT EXISTS (SELECT 1 FROM jsonb_each_text(ns) e WHERE e.key <> 'deleted' AND e.value > ns->>'deleted') THEN
                INSERT INTO reader.versions(owner, gid, field, stamp, value, seq)
                VALUES (me, o.gid, 'note', ns->>'note', nd->'note', nextval('reader.seq')) ON CONFLICT DO NOTHING;
            END IF;
            -- Who may read it: its own share, else its document's.
            grp := reader.group_of(nd->>'share');
            IF grp IS NULL AND o.kind <> 'document' THEN
                SELECT share_group INTO grp FROM reader.items
                 WHERE owner = me AND gid = coalesce(r->>'doc', o.doc) AND kind = 'document';
            END IF;
            UPDATE reader.items SET data = nd, stamps = ns, doc = coalesce(r->>'doc', doc), share_group = grp,
                   seq = nextval('reader.seq')
             WHERE owner = me AND gid = o.gid;
            IF share_changed AND o.kind = 'document' THEN
                UPDATE reader.items SET share_group = coalesce(reader.group_of(data->>'share'), grp),
                       seq = nextval('reader.seq')
                 WHERE owner = me AND doc = o.gid AND kind <> 'document'
                   AND share_group IS DISTINCT FROM coalesce(reader.group_of(data->>'share'), grp);
            END IF;
        END LOOP;
        RETURN n;
    END $$;

    ALTER TABLE reader.items ENABLE ROW LEVEL SECURITY;
    CREATE POLICY items_read ON reader.items FOR SELECT
        USING (owner = current_user OR share_group IN (SELECT reader.my_groups()));
    CREATE POLICY items_add ON reader.items FOR INSERT WITH CHECK (owner = current_user);
    CREATE POLICY items_change ON reader.items FOR UPDATE
        USING (owner = current_user) WITH CHECK (owner = current_user);
    CREATE POLICY items_remove ON reader.items FOR DELETE USING (owner = current_user);

    ALTER TABLE reader.versions ENABLE ROW LEVEL SECURITY;
    CREATE POLICY versions_own ON reader.versions USING (owner = current_user) WITH CHECK (owner = current_user);

    ALTER TABLE reader.groups ENABLE ROW LEVEL SECURITY;
    CREATE POLICY groups_read ON reader.groups FOR SELECT
        USING (owner = current_user OR id IN (SELECT reader.my_groups()));
    CREATE POLICY groups_add ON reader.groups FOR INSERT WITH CHECK (owner = current_user);
    CREATE POLICY groups_change ON reader.groups FOR UPDATE USING (owner = current_user) WITH CHECK (owner = current_user);
    CREATE POLICY groups_remove ON reader.groups FOR DELETE USING (owner = current_user);

    ALTER TABLE reader.members ENABLE ROW LEVEL SECURITY;
    CREATE POLICY members_read ON reader.members FOR SELECT
        USING (member = current_user OR group_id IN (SELECT reader.my_groups()));
    CREATE POLICY members_add ON reader.members FOR INSERT
        WITH CHECK (group_id IN (SELECT id FROM reader.groups WHERE owner = current_user));
    CREATE POLICY members_remove ON reader.members FOR DELETE
        USING (member = current_user OR group_id IN (SELECT id FROM reader.groups WHERE owner = current_user));

    GRANT USAGE ON SCHEMA reader TO reader_user;
    GRANT SELECT ON reader.meta TO reader_user;
    GRANT SELECT, INSERT, UPDATE, DELETE ON reader.items, reader.versions, reader.groups, reader.members TO reader_user;
    GRANT USAGE ON SEQUENCE reader.seq TO reader_user;
    GRANT EXECUTE ON FUNCTION reader.my_groups() TO reader_user;
    """,
    # 2: unsharing reaches the members: a row that leaves a group leaves a revocation
    # the group's members pull, so their copies go too.
    """
    CREATE TABLE reader.revoked (
        group_id uuid NOT NULL,
        owner name NOT NULL DEFAULT current_user,
        gid text NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (group_id, owner, gid));
    CREATE INDEX revoked_seq ON reader.revoked(group_id, seq);
    ALTER TABLE reader.revoked ENABLE ROW LEVEL SECURITY;
    CREATE POLICY revoked_read ON reader.revoked FOR SELECT
        USING (owner = current_user OR group_id IN (SELECT reader.my_groups()));
    CREATE POLICY revoked_add ON reader.revoked FOR INSERT WITH CHECK (owner = current_user);
    CREATE POLICY revoked_change ON reader.revoked FOR UPDATE USING (owner = current_user) WITH CHECK (owner = current_user);
    GRANT SELECT, INSERT, UPDATE ON reader.revoked TO reader_user;

    CREATE FUNCTION reader.note_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO reader.revoked(group_id, owner, gid, seq)
        VALUES (OLD.share_group, OLD.owner, OLD.gid, nextval('reader.seq'))
        ON CONFLICT (group_id, owner, gid) DO UPDATE SET seq = excluded.seq;
        RETURN NULL;
    END $$;
    CREATE TRIGGER items_unshared AFTER UPDATE OF share_group ON reader.items FOR EACH ROW
        WHEN (OLD.share_group IS NOT NULL AND OLD.share_group IS DISTINCT FROM NEW.share_group)
        EXECUTE FUNCTION reader.note_revoked();
    """,
    # 3: the server, not the writer, numbers every change (a role writing its own rows
    # by plain SQL cannot make a member's cursor jump), and a row can be shared only
    # with a group its owner belongs to.
    """
    CREATE FUNCTION reader.next_seq() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_advisory_xact_lock(7265616465);
        NEW.seq := nextval('reader.seq');
        RETURN NEW;
    END $$;
    CREATE TRIGGER items_seq BEFORE INSERT OR UPDATE ON reader.items
        FOR EACH ROW EXECUTE FUNCTION reader.next_seq();
    CREATE TRIGGER versions_seq BEFORE INSERT OR UPDATE ON reader.versions
        FOR EACH ROW EXECUTE FUNCTION reader.next_seq();
    CREATE TRIGGER revoked_seq BEFORE INSERT OR UPDATE ON reader.revoked
        FOR EACH ROW EXECUTE FUNCTION reader.next_seq();
    CREATE TRIGGER members_seq BEFORE INSERT OR UPDATE ON reader.members
        FOR EACH ROW EXECUTE FUNCTION reader.next_seq();
    ALTER POLICY items_add ON reader.items
        WITH CHECK (owner = current_user AND (share_group IS NULL OR share_group IN (SELECT reader.my_groups())));
    ALTER POLICY items_change ON reader.items USING (owner = current_user)
        WITH CHECK (owner = current_user AND (share_group IS NULL OR share_group IN (SELECT reader.my_groups())));
    """,
    # 4: replaced note texts are kept, but not forever: the newest KEEP_VERSIONS per
    # note (an insert trims that note's older ones, through the primary key's index).
    f"""
    CREATE FUNCTION reader.trim_versions() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM reader.versions v
         WHERE v.owner = NEW.owner AND v.gid = NEW.gid AND v.field = NEW.field
           AND v.stamp < (SELECT w.stamp FROM reader.versions w
                           WHERE w.owner = NEW.owner AND w.gid = NEW.gid AND w.field = NEW.field
                           ORDER BY w.stamp DESC OFFSET {KEEP_VERSIONS - 1} LIMIT 1);
        RETURN NULL;
    END $$;
    CREATE TRIGGER versions_trim AFTER INSERT ON reader.versions
        FOR EACH ROW EXECUTE FUNCTION reader.trim_versions();
    """,
]


class ServerError(Exception):
    """A sync-server problem, in one sentence a person can act on."""


def connect(url: str, *, timeout: int = 5, autocommit: bool = False) -> psycopg.Connection:
    try:
        return psycopg.connect(url, connect_timeout=timeout, autocommit=autocommit)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ServerError(f"The sync server cannot be reached ({first}).") from exc


def schema_version(conn: psycopg.Connection) -> int:
    row = conn.execute(
        "SELECT to_regclass('reader.migrations') IS NOT NULL"
    ).fetchone()
    if not row or not row[0]:
        return 0
    got = conn.execute("SELECT coalesce(max(version), 0) FROM reader.migrations").fetchone()
    return int(got[0]) if got else 0


def init_server(url: str) -> int:
    """Create or upgrade the sync schema, its role and policies; returns migrations applied.

    ``url`` must connect as a role that may create roles and schemas (the
    database owner with CREATEROLE, or a superuser). Safe to run again.
    """
    applied = 0
    with connect(url) as conn:
        try:
            conn.execute("SELECT pg_advisory_xact_lock(7265616466)")
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [USER_ROLE]).fetchone():
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(USER_ROLE)))
            conn.execute("CREATE SCHEMA IF NOT EXISTS reader")
            conn.execute("REVOKE ALL ON SCHEMA reader FROM PUBLIC")
            conn.execute("CREATE TABLE IF NOT EXISTS reader.migrations (version integer PRIMARY KEY, "
                         "applied timestamptz NOT NULL DEFAULT now())")
            current = schema_version(conn)
            if current > len(MIGRATIONS):
                raise ServerError(f"The sync server's schema ({current}) is newer than this Reader knows "
                                  f"({len(MIGRATIONS)}); update Reader.")
            for version, body in enumerate(MIGRATIONS, start=1):
                if version <= current:
                    continue
                log.info("sync server: migration %d", version)
                conn.execute(body)  # type: ignore[arg-type]  # our own constant SQL
                conn.execute("INSERT INTO reader.migrations(version) VALUES (%s)", [version])
                applied += 1
            conn.commit()
        except psycopg.Error as exc:
            conn.rollback()
            raise ServerError(f"The sync server could not be set up: {_first_line(exc)}") from exc
    return applied


def add_user(url: str, name: str, password: str) -> None:
    """Create the PostgreSQL role of one person (as the administrator)."""
    if not ROLE_NAME.match(name):
        raise ServerError(f"{name!r} cannot be a user name: use lower-case letters, digits and _ (at most 63).")
    with connect(url) as conn:
        try:
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone():
                conn.execute(sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(name), sql.Literal(password)))
            else:
                conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(name), sql.Literal(password)))
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(USER_ROLE), sql.Identifier(name)))
            conn.commit()
        except psycopg.Error as exc:
            conn.rollback()
            raise ServerError(f"The user could not be created: {_first_line(exc)}") from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
