/**
 * Versioned schema of the plant (PostgreSQL) authority. Every migration only
 * ADDS: the plant's tables and the old tooling's INSERTs keep working
 * unchanged (../shared/plant/schema.md). A migration, once released, never
 * changes; each runs in its own transaction (pg-migrate.ts).
 */
import type { PgQueryable } from './pg-database';
import { AuthoritySchemaError } from './pg-schema-error';
import { PLANT_TABLES, createTableStatements } from './pg-plant-schema';

export interface PgMigration {
  version: number;
  name: string;
  apply(tx: PgQueryable): Promise<void>;
}

/** Tables the desktop mirror copies; their changes are logged by trigger. */
export const MIRRORED_TABLES = ['mo_batch', 'mo_histories', 'sync_runs', 'audit_log'] as const;
export type MirroredTable = (typeof MIRRORED_TABLES)[number];

/** NOTIFY channel raised by every logged change. */
export const CHANGE_CHANNEL = 'smart_mo_sync_changes';

const statements = (...sql: string[]) => async (tx: PgQueryable) => {
  for (const statement of sql) await tx.query(statement);
};

async function createMissingPlantTables(tx: PgQueryable): Promise<void> {
  for (const table of PLANT_TABLES) {
    const [found] = (await tx.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [table.name])).rows;
    if (found?.exists) continue; // a plant database: its tables stay exactly as its own migrations left them
    await statements(...createTableStatements(table))(tx);
  }
}

const appTables = statements(
  // The schema.md gap: the plant archive has no archive time. Nullable, so old INSERTs still work.
  'ALTER TABLE mo_histories ADD COLUMN IF NOT EXISTS archived_at timestamptz',
  // knownMoIds looks MOs up in the archive on every gate decision.
  'CREATE INDEX IF NOT EXISTS ix_mo_histories_mo_id ON mo_histories (mo_id)',
  `CREATE TABLE sync_runs (
    id bigserial PRIMARY KEY,
    task varchar(32) NOT NULL,
    trigger varchar(16) NOT NULL,
    station varchar(128) NOT NULL,
    pid integer NOT NULL,
    started_at timestamptz NOT NULL,
    finished_at timestamptz,
    outcome varchar(16),
    queue_count integer,
    mo_ids text[] NOT NULL DEFAULT '{}',
    reason text NOT NULL DEFAULT '',
    duration_ms integer
  )`,
  'CREATE INDEX ix_sync_runs_task ON sync_runs (task, id)',
  'CREATE INDEX ix_sync_runs_outcome ON sync_runs (outcome, id)',
  `CREATE TABLE dispatch_intents (
    id bigserial PRIMARY KEY,
    run_id bigint NOT NULL,
    station varchar(128) NOT NULL,
    created_at timestamptz NOT NULL,
    phase varchar(16) NOT NULL,
    recipes jsonb NOT NULL,
    resolved_at timestamptz
  )`,
  'CREATE INDEX ix_dispatch_intents_phase ON dispatch_intents (phase)',
  `CREATE TABLE odoo_outbox (
    id bigserial PRIMARY KEY,
    mo_id varchar(64) NOT NULL,
    kind varchar(32) NOT NULL,
    payload jsonb NOT NULL,
    state varchar(16) NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    next_attempt_at timestamptz,
    baseline jsonb,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT uq_odoo_outbox_mo_kind UNIQUE (mo_id, kind)
  )`,
  'CREATE INDEX ix_odoo_outbox_state ON odoo_outbox (state)',
);

/**
 * Pitfall P20: the old middleware aborts a whole PLC read cycle when a slot
 * or an MO appears twice in the queue. The unique indexes make that state
 * impossible; existing duplicates must be cleaned up by a person first.
 */
async function uniqueQueueIndexes(tx: PgQueryable): Promise<void> {
  const duplicates = (
    await tx.query<{ kind: string; key: string; holders: string[] }>(
      `SELECT 'slot' AS kind, batch_no::text AS key, array_agg(mo_id ORDER BY mo_id) AS holders
         FROM mo_batch GROUP BY batch_no HAVING count(*) > 1
       UNION ALL
       SELECT 'mo', mo_id, array_agg(batch_no::text ORDER BY batch_no)
         FROM mo_batch GROUP BY mo_id HAVING count(*) > 1
       ORDER BY 1, 2`,
    )
  ).rows;
  if (duplicates.length > 0) {
    const described = duplicates.map((d) =>
      d.kind === 'slot' ? `slot ${d.key} holds ${d.holders.join(', ')}` : `MO ${d.key} is queued in slots ${d.holders.join(', ')}`,
    );
    throw new AuthoritySchemaError(
      `mo_batch holds duplicates the app cannot work with (one batch per slot and per MO): ${described.join('; ')}. ` +
        'Remove the duplicate rows, then start the app again.',
    );
  }
  await statements(
    'CREATE UNIQUE INDEX IF NOT EXISTS ux_mo_batch_slot ON mo_batch (batch_no)',
    'CREATE UNIQUE INDEX IF NOT EXISTS ux_mo_batch_mo_id ON mo_batch (mo_id)',
  )(tx);
}

/**
 * The change log the desktop mirrors follow. Triggers (not the app) fill it,
 * so writes by the old tooling reach the mirrors too. `tx` lets a reader skip
 * changes of transactions still in flight (see electron/store/mirror). The
 * notification carries only the table name: PostgreSQL folds identical
 * notifications of one transaction into one, so a bulk write wakes each
 * mirror once, not once per row.
 */
/** The triggers that log a mirrored table's changes for the desktop mirrors (mirror-sync.ts). */
function changeLogTriggers(table: MirroredTable): string[] {
  return [
    `CREATE TRIGGER smart_mo_sync_changes AFTER INSERT OR UPDATE OR DELETE ON ${table}
       FOR EACH ROW EXECUTE FUNCTION smart_mo_sync_record_change()`,
    `CREATE TRIGGER smart_mo_sync_truncate AFTER TRUNCATE ON ${table}
       FOR EACH STATEMENT EXECUTE FUNCTION smart_mo_sync_record_change()`,
  ];
}

const changeLog = statements(
  `CREATE TABLE smart_mo_sync_changes (
    id bigserial PRIMARY KEY,
    tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
    table_name text NOT NULL,
    row_key text NOT NULL,
    op varchar(8) NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX ix_smart_mo_sync_changes_tx ON smart_mo_sync_changes (tx, id)',
  `CREATE FUNCTION smart_mo_sync_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      INSERT INTO smart_mo_sync_changes (table_name, row_key, op) VALUES (TG_TABLE_NAME, '*', 'truncate');
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO smart_mo_sync_changes (table_name, row_key, op) VALUES (TG_TABLE_NAME, OLD.id::text, 'delete');
    ELSE
      IF TG_OP = 'UPDATE' AND OLD.id IS DISTINCT FROM NEW.id THEN
        INSERT INTO smart_mo_sync_changes (table_name, row_key, op) VALUES (TG_TABLE_NAME, OLD.id::text, 'delete');
      END IF;
      INSERT INTO smart_mo_sync_changes (table_name, row_key, op) VALUES (TG_TABLE_NAME, NEW.id::text, lower(TG_OP));
    END IF;
    PERFORM pg_notify('${CHANGE_CHANNEL}', TG_TABLE_NAME);
    RETURN NULL;
  END $$`,
  // The tables that existed at version 4; audit_log (version 11) logs its changes from its own migration.
  ...(['mo_batch', 'mo_histories', 'sync_runs'] as const).flatMap(changeLogTriggers),
  // Where each mirror stopped, so the log is pruned only below every mirror's cursor.
  `CREATE TABLE smart_mo_sync_mirrors (
    mirror_id uuid PRIMARY KEY,
    station varchar(128) NOT NULL,
    cursor_tx xid8 NOT NULL,
    cursor_id bigint NOT NULL,
    seen_at timestamptz NOT NULL DEFAULT now()
  )`,
);

/** One row per lease (electron/store/lease): which station drives the PLC. */
const stationLease = statements(
  `CREATE TABLE smart_mo_sync_lease (
    name varchar(64) PRIMARY KEY,
    holder varchar(128) NOT NULL,
    holder_instance uuid NOT NULL,
    acquired_at timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
  )`,
);

/** The sync lock's fencing token (pg-gate-lock.ts): one row, bumped by every holder as it takes the lock. */
const gateEpoch = statements(
  `CREATE TABLE gate_epoch (
    id smallint PRIMARY KEY CHECK (id = 1),
    epoch bigint NOT NULL
  )`,
  'INSERT INTO gate_epoch (id, epoch) VALUES (1, 0)',
);

/** One courier at a time per outbox entry, and when it last went out (outbox-courier.ts). */
const outboxClaim = statements(
  'ALTER TABLE odoo_outbox ADD COLUMN sent_at timestamptz, ADD COLUMN claimed_by text, ADD COLUMN claimed_until timestamptz',
);

/** A wave held for an operator (unconfirmed, conflict) keeps what the PLC showed, for the console's warning. */
const intentPlcView = statements('ALTER TABLE dispatch_intents ADD COLUMN plc_view text');

/**
 * Every query on the run log is a seek, however long the log (run-page.ts): a task's last run of
 * some outcomes, jump to date, and the runs a stopped process left open — a partial index that
 * holds only those few. IF NOT EXISTS: a plant database may carry indexes of its own by these names.
 */
const runLogIndexes = statements(
  'CREATE INDEX IF NOT EXISTS ix_sync_runs_task_outcome ON sync_runs (task, outcome, id)',
  'CREATE INDEX IF NOT EXISTS ix_sync_runs_started ON sync_runs (started_at, id)',
  'CREATE INDEX IF NOT EXISTS ix_sync_runs_unfinished ON sync_runs (station, id) WHERE finished_at IS NULL',
);

/**
 * The operator's screen (issue 10): alarms with their ISA-18.2 state and history (shared by every
 * station), plant-wide controls (pause new waves), and the manual additives the operator ticks off.
 */
const operatorScreen = statements(
  `CREATE TABLE alarms (
    alarm_key varchar(128) PRIMARY KEY,
    kind varchar(32) NOT NULL,
    priority varchar(8) NOT NULL,
    active boolean NOT NULL,
    message text NOT NULL,
    affected jsonb NOT NULL,
    occurrences integer NOT NULL,
    first_raised_at timestamptz NOT NULL,
    last_raised_at timestamptz NOT NULL,
    returned_at timestamptz,
    acked_at timestamptz,
    acked_by varchar(128),
    ack_note text,
    shelved_until timestamptz,
    shelved_by varchar(128),
    shelve_note text,
    updated_at timestamptz NOT NULL
  )`,
  `CREATE TABLE alarm_events (
    id bigserial PRIMARY KEY,
    alarm_key varchar(128) NOT NULL,
    kind varchar(32) NOT NULL,
    priority varchar(8) NOT NULL,
    event varchar(16) NOT NULL,
    at timestamptz NOT NULL,
    station varchar(128) NOT NULL,
    note text,
    message text NOT NULL
  )`,
  'CREATE INDEX ix_alarm_events_at ON alarm_events (at, id)',
  `CREATE TABLE plant_controls (
    name varchar(64) PRIMARY KEY,
    value jsonb NOT NULL,
    changed_at timestamptz NOT NULL,
    changed_by varchar(128) NOT NULL
  )`,
  `CREATE TABLE batch_additives (
    mo_id varchar(64) NOT NULL,
    position integer NOT NULL,
    name text NOT NULL,
    quantity numeric(18,3),
    uom varchar(32) NOT NULL,
    checked_at timestamptz,
    checked_by varchar(128),
    PRIMARY KEY (mo_id, position)
  )`,
);

/**
 * History search (issue 10, part of the operator-screen migration): the runs that name an MO, kept by
 * a trigger from sync_runs.mo_ids, so that search by MO reads that MO's runs and never the run log
 * (a GIN index on mo_ids would leave "the next older run of this MO" to the planner's guess). A
 * side row is removed through the run's own mo_ids, a primary-key seek per MO. And the archive by
 * archive time (IF NOT EXISTS: mo_histories is the plant's table), so a period is an index range.
 */
const historySearch = statements(
  `CREATE TABLE sync_run_mos (
    mo_id text NOT NULL,
    run_id bigint NOT NULL,
    PRIMARY KEY (mo_id, run_id)
  )`,
  'INSERT INTO sync_run_mos (mo_id, run_id) SELECT DISTINCT unnest(mo_ids), id FROM sync_runs WHERE cardinality(mo_ids) > 0',
  `CREATE FUNCTION smart_mo_sync_index_run_mos() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      TRUNCATE sync_run_mos;
      RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      DELETE FROM sync_run_mos WHERE run_id = OLD.id AND mo_id = ANY (OLD.mo_ids);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO sync_run_mos (mo_id, run_id) SELECT DISTINCT unnest(NEW.mo_ids), NEW.id ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER sync_run_mos_insert AFTER INSERT ON sync_runs
     FOR EACH ROW WHEN (cardinality(NEW.mo_ids) > 0) EXECUTE FUNCTION smart_mo_sync_index_run_mos()`,
  `CREATE TRIGGER sync_run_mos_update AFTER UPDATE OF mo_ids ON sync_runs
     FOR EACH ROW WHEN (OLD.mo_ids IS DISTINCT FROM NEW.mo_ids) EXECUTE FUNCTION smart_mo_sync_index_run_mos()`,
  `CREATE TRIGGER sync_run_mos_delete AFTER DELETE ON sync_runs
     FOR EACH ROW WHEN (cardinality(OLD.mo_ids) > 0) EXECUTE FUNCTION smart_mo_sync_index_run_mos()`,
  `CREATE TRIGGER sync_run_mos_truncate AFTER TRUNCATE ON sync_runs
     FOR EACH STATEMENT EXECUTE FUNCTION smart_mo_sync_index_run_mos()`,
  'CREATE INDEX IF NOT EXISTS ix_mo_histories_archived ON mo_histories (archived_at)',
);

/**
 * People and control (issue 11): users every station shares, and the audit trail — append-only
 * for the app's role: a trigger refuses UPDATE, DELETE and TRUNCATE whoever asks.
 */
const peopleAndControl = statements(
  `CREATE TABLE users (
    name varchar(64) PRIMARY KEY,
    role varchar(16) NOT NULL,
    pin_hash text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    failed_attempts integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    created_at timestamptz NOT NULL,
    created_by varchar(64) NOT NULL,
    updated_at timestamptz NOT NULL
  )`,
  'CREATE UNIQUE INDEX ux_users_name_lower ON users (lower(name))',
  `CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    user_name varchar(64) NOT NULL,
    role varchar(16),
    station varchar(128) NOT NULL,
    source varchar(16) NOT NULL,
    action varchar(64) NOT NULL,
    target text,
    reason text,
    outcome varchar(16) NOT NULL,
    detail text,
    signature_meaning text,
    signature_comment text
  )`,
  'CREATE INDEX ix_audit_log_at ON audit_log (at, id)',
  'CREATE INDEX ix_audit_log_user ON audit_log (lower(user_name), id)',
  `CREATE FUNCTION smart_mo_sync_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the audit trail is append-only';
    END $$`,
  `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
     FOR EACH ROW EXECUTE FUNCTION smart_mo_sync_audit_append_only()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
     FOR EACH STATEMENT EXECUTE FUNCTION smart_mo_sync_audit_append_only()`,
  // Mirrored: a station reads the trail from its local copy while the authority is away.
  ...changeLogTriggers('audit_log'),
);

export const PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 1, name: 'plant tables (created only where missing)', apply: createMissingPlantTables },
  { version: 2, name: 'app tables (sync_runs, dispatch_intents, odoo_outbox, archive time)', apply: appTables },
  { version: 3, name: 'one batch per slot and per MO in mo_batch', apply: uniqueQueueIndexes },
  { version: 4, name: 'change log for desktop mirrors', apply: changeLog },
  { version: 5, name: 'station lease', apply: stationLease },
  { version: 6, name: 'gate epoch (fencing token of the sync lock)', apply: gateEpoch },
  { version: 7, name: 'outbox claim and send time', apply: outboxClaim },
  { version: 8, name: 'what the PLC held when a wave was held for an operator', apply: intentPlcView },
  { version: 9, name: 'run log indexes (keyset paging, last runs, jump to date, interrupted runs)', apply: runLogIndexes },
  {
    version: 10,
    name: 'operator screen (alarms, alarm history, plant controls, manual additives, history search)',
    apply: async (tx) => {
      await operatorScreen(tx);
      await historySearch(tx);
    },
  },
  { version: 11, name: 'people and control (users, append-only audit trail)', apply: peopleAndControl },
];
