-- AgiIdent schema version 3: what the 1C sync learns of the infobase between runs (docs/SYNC.md).

-- The sets the service document listed and the fields $metadata gave for the sets the preset reads, as JSON: read
-- again on every full run, when the published sets change, and after a failed run.
ALTER TABLE agiident.sync_state ADD COLUMN metadata text;

-- УТ's debt register names an analytics key (Catalog_КлючиАналитикиУчетаПоПартнерам), not a partner: the keys seen,
-- with their partner. Read whole on a full run; an incremental run asks only for keys it has not seen.
CREATE TABLE agiident.sync_key (
    ref   text PRIMARY KEY,
    party text NOT NULL
);
