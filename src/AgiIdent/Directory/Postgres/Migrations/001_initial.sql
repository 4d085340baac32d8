-- AgiIdent canonical directory schema, version 1.
-- The replicated copy of the 1C data that calls are answered from. The import command, the 1C sync
-- and an admin's own ETL all write here; the daemon reads it.

CREATE SCHEMA IF NOT EXISTS agiident;

-- A party's "change" is the id of the transaction that last wrote it (or its phones). A snapshot remembers the
-- oldest transaction still running when it last read (pg_snapshot_xmin) and next asks for changes from there:
-- a writer that committed late is never missed, and rows read twice are simply read again.

CREATE TABLE agiident.meta (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    -- Bumped when the whole directory is replaced: snapshots then reload everything.
    generation bigint NOT NULL DEFAULT 1,
    replaced_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO agiident.meta DEFAULT VALUES;

CREATE TABLE agiident.party (
    id           text PRIMARY KEY,                     -- the 1C reference (Ref_Key)
    code         text NOT NULL DEFAULT '',
    kind         text NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'person')),
    name         text NOT NULL CHECK (name <> ''),
    short_name   text,
    flags        text[] NOT NULL DEFAULT '{}',
    debt         numeric(18, 2),
    manager_name text,
    manager_ext  text,
    language     text,
    greeting     text,
    attributes   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    deleted      boolean NOT NULL DEFAULT false,       -- deletion mark in 1C
    changed_at   timestamptz NOT NULL DEFAULT now(),   -- when it changed in 1C, for ranking shared numbers
    change       bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint
);
CREATE INDEX party_change ON agiident.party (change);

-- One row per number found in a phone field: a field holding two numbers gives two rows with the same raw text.
CREATE TABLE agiident.phone (
    party_id text NOT NULL REFERENCES agiident.party (id) ON DELETE CASCADE,
    position int  NOT NULL,                            -- order of the phone fields of the party
    raw      text NOT NULL,                            -- the field as typed in 1C
    kind     text,
    contact  text,                                     -- the contact person this phone belongs to
    e164     text CHECK (e164 ~ '^[0-9]{1,15}$'),      -- E.164 digits when the country is known
    suffix   text NOT NULL CHECK (suffix ~ '^[0-9]{1,15}$'), -- last national digits, matched when the country is not known
    PRIMARY KEY (party_id, position, suffix)
);
CREATE INDEX phone_e164 ON agiident.phone (e164) WHERE e164 IS NOT NULL;
CREATE INDEX phone_suffix ON agiident.phone (suffix) WHERE e164 IS NULL;

-- Parties removed (not just deletion-marked): snapshots drop them.
CREATE TABLE agiident.party_removed (
    id     text NOT NULL,
    change bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint
);
CREATE INDEX party_removed_change ON agiident.party_removed (change);

CREATE FUNCTION agiident.party_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change := pg_current_xact_id()::text::bigint;
    RETURN NEW;
END $$;
-- On INSERT too: rows copied from a staging table must not keep an old transaction's id.
CREATE TRIGGER party_touch BEFORE INSERT OR UPDATE ON agiident.party
    FOR EACH ROW EXECUTE FUNCTION agiident.party_touch();

-- Writing phones directly (an admin's ETL) still marks their party changed. The importer writes the
-- party row itself and sets agiident.bulk to skip this.
CREATE FUNCTION agiident.phone_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('agiident.bulk', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE agiident.party SET change = 0 WHERE id IN (SELECT DISTINCT party_id FROM new_rows);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE agiident.party SET change = 0 WHERE id IN (SELECT DISTINCT party_id FROM old_rows);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER phone_touch_insert AFTER INSERT ON agiident.phone
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agiident.phone_touch();
CREATE TRIGGER phone_touch_update AFTER UPDATE ON agiident.phone
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION agiident.phone_touch();
CREATE TRIGGER phone_touch_delete AFTER DELETE ON agiident.phone
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION agiident.phone_touch();

CREATE FUNCTION agiident.party_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A full replace bumps agiident.meta.generation instead: snapshots reload everything.
    IF coalesce(current_setting('agiident.bulk', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    INSERT INTO agiident.party_removed (id) SELECT id FROM old_rows;
    RETURN NULL;
END $$;
CREATE TRIGGER party_remove AFTER DELETE ON agiident.party
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION agiident.party_remove();

-- Tell listening daemons at commit; they refresh within a second.
CREATE FUNCTION agiident.notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('agiident_changed', '');
    RETURN NULL;
END $$;
CREATE TRIGGER party_notify AFTER INSERT OR UPDATE OR DELETE ON agiident.party
    FOR EACH STATEMENT EXECUTE FUNCTION agiident.notify_changed();
CREATE TRIGGER phone_notify AFTER INSERT OR UPDATE OR DELETE ON agiident.phone
    FOR EACH STATEMENT EXECUTE FUNCTION agiident.notify_changed();
-- TRUNCATE removes rows without row triggers: snapshots must reload everything.
CREATE FUNCTION agiident.truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE agiident.meta SET generation = generation + 1, replaced_at = now();
    RETURN NULL;
END $$;
CREATE TRIGGER party_truncate AFTER TRUNCATE ON agiident.party
    FOR EACH STATEMENT EXECUTE FUNCTION agiident.truncated();
CREATE TRIGGER phone_truncate AFTER TRUNCATE ON agiident.phone
    FOR EACH STATEMENT EXECUTE FUNCTION agiident.truncated();

CREATE TRIGGER meta_notify AFTER UPDATE ON agiident.meta
    FOR EACH STATEMENT EXECUTE FUNCTION agiident.notify_changed();

CREATE TABLE agiident.schema_version (
    version    int PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
