-- AgiIdent schema version 2: what the 1C sync keeps between runs (docs/SYNC.md).
-- The sync stages what it read from 1C here, then rewrites agiident.party and agiident.phone only where the
-- result differs, all in one transaction per run.

-- Every synced 1C object: customers (and their folders), and the objects whose phones count as a customer's (contact persons,
-- UT11's legal entities). "version" is 1C's DataVersion; a run re-reads an object only when it changed.
CREATE TABLE agiident.sync_object (
    role      text NOT NULL CHECK (role IN ('customer', 'entity', 'contact')),
    ref       text NOT NULL,
    version   text NOT NULL,
    party     text NOT NULL,                 -- the customer this object belongs to (itself for a customer)
    code      text NOT NULL DEFAULT '',
    name      text NOT NULL DEFAULT '',
    full_name text,
    person    boolean NOT NULL DEFAULT false,
    manager   text,                          -- the manager's Ref_Key
    deleted   boolean NOT NULL DEFAULT false,
    folder    boolean NOT NULL DEFAULT false,  -- a group of a hierarchical catalog: kept for its version only
    seen_at   timestamptz NOT NULL DEFAULT now(), -- when this version was first read
    PRIMARY KEY (role, ref)
);
CREATE INDEX sync_object_party ON agiident.sync_object (party);

-- One row per number found in an object's contact information (parsed when read).
CREATE TABLE agiident.sync_phone (
    role   text NOT NULL,
    ref    text NOT NULL,
    line   int  NOT NULL,
    raw    text NOT NULL,
    kind   text,
    e164   text,
    suffix text NOT NULL
);
CREATE INDEX sync_phone_object ON agiident.sync_phone (role, ref);

-- Flags of a customer: from its additional attributes (source 'attribute', re-read with the customer) or the
-- additional information register (source 'register', re-read every run).
CREATE TABLE agiident.sync_flag (
    ref    text NOT NULL,
    flag   text NOT NULL,
    source text NOT NULL CHECK (source IN ('attribute', 'register'))
);
CREATE INDEX sync_flag_ref ON agiident.sync_flag (ref);

-- Read whole on every run.
CREATE TABLE agiident.sync_manager (
    ref       text PRIMARY KEY,
    name      text NOT NULL,
    extension text,
    deleted   boolean NOT NULL DEFAULT false
);
CREATE TABLE agiident.sync_debt (
    party    text NOT NULL,
    currency text NOT NULL DEFAULT '',       -- the currency's code ('980'); '' when the register has one currency
    amount   numeric(18, 2) NOT NULL
);
CREATE INDEX sync_debt_party ON agiident.sync_debt (party);

CREATE TABLE agiident.sync_state (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    settings     text,                       -- what the staged rows were read with; a change forces a full run
    last_run     timestamptz,
    last_success timestamptz,
    last_full    timestamptz,
    last_error   text,
    parties      int,
    phones       int
);
INSERT INTO agiident.sync_state DEFAULT VALUES;
