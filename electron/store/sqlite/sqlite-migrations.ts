/**
 * Versioned schema of the standalone (SQLite) authority. The plant tables
 * keep the plant's names and columns (../shared/plant/schema.md) so that data
 * moves between SQLite and the plant's PostgreSQL unchanged; the app's own
 * tables come after them. A migration, once released, never changes.
 */
import { EQUIPMENT } from '../../../shared/equipment';
import { actualColumn, componentColumn, plannedColumn } from '../batch-columns';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const equipmentColumns = EQUIPMENT.map(
  (e) => `  ${e.idColumn} INTEGER NOT NULL DEFAULT ${e.id},
  ${plannedColumn(e)} REAL,
  ${componentColumn(e)} TEXT,
  ${actualColumn(e)} REAL`,
).join(',\n');

/** The business columns mo_batch and mo_histories share (schema.md §1, §2). */
const batchColumns = `  id TEXT PRIMARY KEY,
  batch_no INTEGER NOT NULL,
  mo_id TEXT NOT NULL,
  consumption REAL NOT NULL,
  equipment_id_batch TEXT NOT NULL,
  finished_goods TEXT,
${equipmentColumns},
  status_manufacturing INTEGER NOT NULL DEFAULT 0,
  status_operation INTEGER NOT NULL DEFAULT 0,
  actual_weight_quantity_finished_goods REAL,
  last_read_from_plc TEXT`;

const plantTables = `
CREATE TABLE mo_batch (
${batchColumns},
  update_odoo INTEGER NOT NULL DEFAULT 0,
  odoo_cancelled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_mo_batch_batch_no ON mo_batch (batch_no);
-- Pitfall P20: one row per slot and per MO in the active queue.
CREATE UNIQUE INDEX ux_mo_batch_slot ON mo_batch (batch_no);
CREATE UNIQUE INDEX ux_mo_batch_mo_id ON mo_batch (mo_id);

CREATE TABLE mo_histories (
${batchColumns},
  status TEXT NOT NULL DEFAULT 'completed',
  notes TEXT
);
CREATE INDEX ix_mo_histories_batch_no ON mo_histories (batch_no);
CREATE INDEX ix_mo_histories_status ON mo_histories (status);
CREATE INDEX ix_mo_histories_mo_id ON mo_histories (mo_id);

CREATE TABLE system_log (
  id TEXT PRIMARY KEY,
  timestamp TEXT NOT NULL,
  level TEXT NOT NULL,
  module TEXT NOT NULL,
  message TEXT NOT NULL,
  batch_no TEXT,
  mo_id TEXT
);
CREATE INDEX ix_system_log_timestamp ON system_log (timestamp);
`;

const appTables = `
-- The schema.md gap: the plant archive has no archive time.
ALTER TABLE mo_histories ADD COLUMN archived_at TEXT;

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  task TEXT NOT NULL,
  trigger TEXT NOT NULL,
  station TEXT NOT NULL,
  pid INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  outcome TEXT,
  queue_count INTEGER,
  mo_ids TEXT NOT NULL DEFAULT '[]',
  reason TEXT NOT NULL DEFAULT '',
  duration_ms INTEGER
);
CREATE INDEX ix_sync_runs_task ON sync_runs (task, id);
CREATE INDEX ix_sync_runs_outcome ON sync_runs (outcome, id);

CREATE TABLE dispatch_intents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL,
  station TEXT NOT NULL,
  created_at TEXT NOT NULL,
  phase TEXT NOT NULL,
  recipes TEXT NOT NULL,
  resolved_at TEXT
);
CREATE INDEX ix_dispatch_intents_open ON dispatch_intents (phase);
`;

const closedLoopTables = `
CREATE TABLE odoo_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  mo_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TEXT,
  baseline TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (mo_id, kind)
);
CREATE INDEX ix_odoo_outbox_state ON odoo_outbox (state);

-- The plant's failure table (../shared/plant/schema.md §3).
CREATE TABLE equipment_failure (
  id TEXT PRIMARY KEY,
  equipment_code TEXT NOT NULL,
  equipment_name TEXT,
  description TEXT NOT NULL,
  failure_type TEXT,
  failure_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  is_resolved INTEGER NOT NULL DEFAULT 0,
  resolved_at TEXT,
  resolution_notes TEXT,
  source TEXT NOT NULL DEFAULT 'plc',
  severity TEXT NOT NULL DEFAULT 'medium',
  CONSTRAINT uq_equipment_failure_unique_report UNIQUE (equipment_code, failure_date, description)
);
`;

/** The sync lock's fencing token, as in PostgreSQL (sqlite-store.ts takeGateEpoch). */
const gateEpoch = `
CREATE TABLE gate_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  epoch INTEGER NOT NULL
);
INSERT INTO gate_epoch (id, epoch) VALUES (1, 0);
`;

/** One courier at a time per outbox entry, and when it last went out (outbox-courier.ts). */
const outboxClaim = `
ALTER TABLE odoo_outbox ADD COLUMN sent_at TEXT;
ALTER TABLE odoo_outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE odoo_outbox ADD COLUMN claimed_until TEXT;
`;

/** A wave held for an operator (unconfirmed, conflict) keeps what the PLC showed, for the console's warning. */
const intentPlcView = `ALTER TABLE dispatch_intents ADD COLUMN plc_view TEXT;`;

/**
 * Every query on the run log is a seek, however long the log (a month at the demo's timers is
 * about 2 M runs; run-page.ts): a task's last run of some outcomes, jump to date, and the runs
 * a stopped process left open — a partial index that holds only those few.
 */
const runLogIndexes = `
CREATE INDEX ix_sync_runs_task_outcome ON sync_runs (task, outcome, id);
CREATE INDEX ix_sync_runs_started ON sync_runs (started_at, id);
CREATE INDEX ix_sync_runs_unfinished ON sync_runs (station, id) WHERE finished_at IS NULL;
`;

/**
 * The operator's screen (issue 10): alarms with their ISA-18.2 state and history, plant-wide
 * controls (pause new waves), and the manual additives of a batch the operator ticks off.
 */
const operatorScreen = `
CREATE TABLE alarms (
  alarm_key TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  priority TEXT NOT NULL,
  active INTEGER NOT NULL,
  message TEXT NOT NULL,
  affected TEXT NOT NULL,
  occurrences INTEGER NOT NULL,
  first_raised_at TEXT NOT NULL,
  last_raised_at TEXT NOT NULL,
  returned_at TEXT,
  acked_at TEXT,
  acked_by TEXT,
  ack_note TEXT,
  shelved_until TEXT,
  shelved_by TEXT,
  shelve_note TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE alarm_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  alarm_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  priority TEXT NOT NULL,
  event TEXT NOT NULL,
  at TEXT NOT NULL,
  station TEXT NOT NULL,
  note TEXT,
  message TEXT NOT NULL
);
CREATE INDEX ix_alarm_events_at ON alarm_events (at, id);
CREATE TABLE plant_controls (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL
);
CREATE TABLE batch_additives (
  mo_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  quantity REAL,
  uom TEXT NOT NULL,
  checked_at TEXT,
  checked_by TEXT,
  PRIMARY KEY (mo_id, position)
);
`;

/**
 * History search (issue 10, part of the operator-screen migration): the runs that name an MO, kept by
 * triggers from sync_runs.mo_ids, so that search by MO reads that MO's runs and never the run log;
 * triggers rather than the store, so a mirror's copy (rows upserted into the same schema) keeps its
 * own. A side row is removed through the run's own mo_ids (a primary-key seek per MO). And the
 * archive by archive time: a period (history range, shift report) is an index range.
 */
const historySearch = `
CREATE TABLE sync_run_mos (
  mo_id TEXT NOT NULL,
  run_id INTEGER NOT NULL,
  PRIMARY KEY (mo_id, run_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO sync_run_mos (mo_id, run_id)
  SELECT mo.value, sync_runs.id FROM sync_runs, json_each(sync_runs.mo_ids) AS mo WHERE sync_runs.mo_ids <> '[]';
CREATE TRIGGER sync_run_mos_insert AFTER INSERT ON sync_runs WHEN NEW.mo_ids <> '[]' BEGIN
  INSERT OR IGNORE INTO sync_run_mos (mo_id, run_id) SELECT value, NEW.id FROM json_each(NEW.mo_ids);
END;
CREATE TRIGGER sync_run_mos_update AFTER UPDATE OF mo_ids ON sync_runs WHEN NEW.mo_ids IS NOT OLD.mo_ids BEGIN
  DELETE FROM sync_run_mos WHERE run_id = OLD.id AND mo_id IN (SELECT value FROM json_each(OLD.mo_ids));
  INSERT OR IGNORE INTO sync_run_mos (mo_id, run_id) SELECT value, NEW.id FROM json_each(NEW.mo_ids);
END;
CREATE TRIGGER sync_run_mos_delete AFTER DELETE ON sync_runs WHEN OLD.mo_ids <> '[]' BEGIN
  DELETE FROM sync_run_mos WHERE run_id = OLD.id AND mo_id IN (SELECT value FROM json_each(OLD.mo_ids));
END;
CREATE INDEX ix_mo_histories_archived ON mo_histories (archived_at);
`;

/**
 * People and control (issue 11): local users with a role and a scrypt PIN hash, and the audit
 * trail — append-only: triggers refuse to change or delete a line.
 */
const peopleAndControl = `
CREATE TABLE users (
  name TEXT PRIMARY KEY COLLATE NOCASE,
  role TEXT NOT NULL,
  pin_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_name TEXT NOT NULL,
  role TEXT,
  station TEXT NOT NULL,
  source TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  reason TEXT,
  outcome TEXT NOT NULL,
  detail TEXT,
  signature_meaning TEXT,
  signature_comment TEXT
);
CREATE INDEX ix_audit_log_at ON audit_log (at, id);
CREATE INDEX ix_audit_log_user ON audit_log (user_name COLLATE NOCASE, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`;

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'plant tables (mo_batch, mo_histories, system_log)', sql: plantTables },
  { version: 2, name: 'app tables (sync_runs, dispatch_intents, archive time)', sql: appTables },
  { version: 3, name: 'closed loop (odoo_outbox, equipment_failure)', sql: closedLoopTables },
  { version: 4, name: 'gate epoch (fencing token of the sync lock)', sql: gateEpoch },
  { version: 5, name: 'outbox claim and send time', sql: outboxClaim },
  { version: 6, name: 'what the PLC held when a wave was held for an operator', sql: intentPlcView },
  { version: 7, name: 'run log indexes (keyset paging, last runs, jump to date, interrupted runs)', sql: runLogIndexes },
  { version: 8, name: 'operator screen (alarms, alarm history, plant controls, manual additives, history search)', sql: `${operatorScreen}${historySearch}` },
  { version: 9, name: 'people and control (users, append-only audit trail)', sql: peopleAndControl },
];
