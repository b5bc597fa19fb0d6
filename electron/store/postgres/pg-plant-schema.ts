/**
 * The plant's own tables as the existing middleware's migration chain leaves
 * them (../shared/plant/schema.md, head 20260221_0016). On a fresh database the
 * app creates them exactly so; on a plant database it never alters them, and
 * refuses to start if one lacks a column the app reads or writes.
 */
import { EQUIPMENT, type Equipment } from '../../../shared/equipment';
import { actualColumn, componentColumn, plannedColumn } from '../batch-columns';

export interface PlantColumn {
  name: string;
  /** Type, NOT NULL and DEFAULT, as in schema.md. */
  definition: string;
}

export interface PlantTable {
  name: string;
  columns: readonly PlantColumn[];
  /** Constraints and indexes created with a fresh table (and only then). */
  extras: readonly string[];
}

const column = (name: string, definition: string): PlantColumn => ({ name, definition });

const silos = EQUIPMENT.filter((e) => e.idColumn.startsWith('silo_'));
const tanks = EQUIPMENT.filter((e) => !e.idColumn.startsWith('silo_'));

const equipmentId = (e: Equipment) => column(e.idColumn, `integer NOT NULL DEFAULT ${e.id}`);
const planned = (e: Equipment) => column(plannedColumn(e), 'double precision');
const component = (e: Equipment) => column(componentColumn(e), 'varchar(64)');
const actual = (e: Equipment) => column(actualColumn(e), 'double precision');
/** The liquid tanks were added last, as one group of four columns each. */
const tankGroup = (e: Equipment) => [equipmentId(e), component(e), planned(e), actual(e)];

const batchBase = [
  column('mo_id', 'varchar(64) NOT NULL'),
  column('consumption', 'numeric(18,3) NOT NULL'),
  column('equipment_id_batch', 'varchar(64) NOT NULL'),
];
const plcStatus = [
  column('status_manufacturing', 'boolean NOT NULL DEFAULT false'),
  column('status_operation', 'boolean NOT NULL DEFAULT false'),
  column('actual_weight_quantity_finished_goods', 'numeric(18,3)'),
];

const moBatch: PlantTable = {
  name: 'mo_batch',
  columns: [
    column('batch_no', 'integer NOT NULL'),
    ...batchBase,
    ...silos.flatMap((e) => [equipmentId(e), planned(e)]),
    column('id', 'uuid NOT NULL DEFAULT gen_random_uuid()'),
    ...silos.map(component),
    ...plcStatus,
    column('finished_goods', 'varchar(128)'),
    ...silos.map(actual),
    column('last_read_from_plc', 'timestamptz'),
    column('update_odoo', 'boolean NOT NULL DEFAULT false'),
    column('odoo_cancelled', 'boolean NOT NULL DEFAULT false'),
    ...tanks.flatMap(tankGroup),
  ],
  extras: ['ALTER TABLE mo_batch ADD CONSTRAINT mo_batch_pkey PRIMARY KEY (id)', 'CREATE INDEX ix_mo_batch_batch_no ON mo_batch (batch_no)'],
};

const moHistories: PlantTable = {
  name: 'mo_histories',
  columns: [
    column('id', 'uuid NOT NULL DEFAULT gen_random_uuid()'),
    column('batch_no', 'integer NOT NULL'),
    ...batchBase,
    column('finished_goods', 'varchar(128)'),
    ...silos.flatMap((e) => [equipmentId(e), component(e), planned(e)]),
    ...plcStatus,
    ...silos.map(actual),
    column('last_read_from_plc', 'timestamptz'),
    column('status', "varchar(20) NOT NULL DEFAULT 'completed'"),
    column('notes', 'text'),
    ...tanks.flatMap(tankGroup),
  ],
  extras: [
    'ALTER TABLE mo_histories ADD CONSTRAINT mo_histories_pkey PRIMARY KEY (id)',
    'CREATE INDEX ix_mo_histories_batch_no ON mo_histories (batch_no)',
    'CREATE INDEX ix_mo_histories_status ON mo_histories (status)',
  ],
};

const equipmentFailure: PlantTable = {
  name: 'equipment_failure',
  columns: [
    column('id', 'uuid NOT NULL DEFAULT gen_random_uuid()'),
    column('equipment_code', 'varchar(64) NOT NULL'),
    column('equipment_name', 'varchar(128)'),
    column('description', 'text NOT NULL'),
    column('failure_type', 'varchar(64)'),
    column('failure_date', 'timestamp NOT NULL'),
    column('created_at', 'timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP'),
    column('updated_at', 'timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP'),
    column('is_resolved', 'boolean NOT NULL DEFAULT false'),
    column('resolved_at', 'timestamp'),
    column('resolution_notes', 'text'),
    column('source', "varchar(32) NOT NULL DEFAULT 'plc'"),
    column('severity', "varchar(32) NOT NULL DEFAULT 'medium'"),
  ],
  extras: [
    'ALTER TABLE equipment_failure ADD CONSTRAINT equipment_failure_pkey PRIMARY KEY (id)',
    'ALTER TABLE equipment_failure ADD CONSTRAINT uq_equipment_failure_unique_report UNIQUE (equipment_code, failure_date, description)',
    'CREATE INDEX ix_equipment_failure_equipment_code ON equipment_failure (equipment_code)',
    'CREATE INDEX ix_equipment_failure_failure_date ON equipment_failure (failure_date)',
    'CREATE INDEX ix_equipment_failure_created_at ON equipment_failure (created_at)',
    'CREATE INDEX ix_equipment_failure_equipment_date ON equipment_failure (equipment_code, failure_date)',
  ],
};

const systemLog: PlantTable = {
  name: 'system_log',
  columns: [
    column('id', 'uuid NOT NULL DEFAULT gen_random_uuid()'),
    column('timestamp', 'timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP'),
    column('level', 'varchar(16) NOT NULL'),
    column('module', 'varchar(255) NOT NULL'),
    column('message', 'text NOT NULL'),
    column('batch_no', 'varchar(64)'),
    column('mo_id', 'varchar(64)'),
  ],
  extras: [
    'ALTER TABLE system_log ADD CONSTRAINT system_log_pkey PRIMARY KEY (id)',
    'CREATE INDEX ix_system_log_timestamp ON system_log ("timestamp")',
    'CREATE INDEX ix_system_log_level ON system_log (level)',
    'CREATE INDEX ix_system_log_module ON system_log (module)',
    'CREATE INDEX ix_system_log_mo_id ON system_log (mo_id)',
    'CREATE INDEX ix_system_log_level_timestamp ON system_log (level, "timestamp")',
    'CREATE INDEX ix_system_log_module_timestamp ON system_log (module, "timestamp")',
  ],
};

export const PLANT_TABLES: readonly PlantTable[] = [moBatch, moHistories, equipmentFailure, systemLog];

/** The statements that create one plant table with its constraints and indexes. */
export function createTableStatements(table: PlantTable): string[] {
  const columns = table.columns.map((c) => `  "${c.name}" ${c.definition}`).join(',\n');
  return [`CREATE TABLE ${table.name} (\n${columns}\n)`, ...table.extras];
}
