/**
 * The plant's tables exactly as the existing middleware's alembic chain
 * leaves them (../shared/plant/schema.md, head 20260221_0016), written out by
 * hand — deliberately NOT generated from the app's migrations, so the
 * compatibility tests catch any drift between the two. Includes the chain's
 * quirks: batch_no still defaulting to the serial sequence of the first
 * revision, pgcrypto, and alembic's own version table.
 */
export const PLANT_DDL = `
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE alembic_version (
  version_num varchar(32) NOT NULL,
  CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('20260221_0016');

-- Revision 1 made batch_no a serial primary key; moving the key to id later left the default behind.
CREATE SEQUENCE mo_batch_batch_no_seq AS integer;
CREATE TABLE mo_batch (
  batch_no integer NOT NULL DEFAULT nextval('mo_batch_batch_no_seq'::regclass),
  mo_id varchar(64) NOT NULL,
  consumption numeric(18,3) NOT NULL,
  equipment_id_batch varchar(64) NOT NULL,
  silo_a integer NOT NULL DEFAULT 101,
  consumption_silo_a double precision,
  silo_b integer NOT NULL DEFAULT 102,
  consumption_silo_b double precision,
  silo_c integer NOT NULL DEFAULT 103,
  consumption_silo_c double precision,
  silo_d integer NOT NULL DEFAULT 104,
  consumption_silo_d double precision,
  silo_e integer NOT NULL DEFAULT 105,
  consumption_silo_e double precision,
  silo_f integer NOT NULL DEFAULT 106,
  consumption_silo_f double precision,
  silo_g integer NOT NULL DEFAULT 107,
  consumption_silo_g double precision,
  silo_h integer NOT NULL DEFAULT 108,
  consumption_silo_h double precision,
  silo_i integer NOT NULL DEFAULT 109,
  consumption_silo_i double precision,
  silo_j integer NOT NULL DEFAULT 110,
  consumption_silo_j double precision,
  silo_k integer NOT NULL DEFAULT 111,
  consumption_silo_k double precision,
  silo_l integer NOT NULL DEFAULT 112,
  consumption_silo_l double precision,
  silo_m integer NOT NULL DEFAULT 113,
  consumption_silo_m double precision,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  component_silo_a_name varchar(64),
  component_silo_b_name varchar(64),
  component_silo_c_name varchar(64),
  component_silo_d_name varchar(64),
  component_silo_e_name varchar(64),
  component_silo_f_name varchar(64),
  component_silo_g_name varchar(64),
  component_silo_h_name varchar(64),
  component_silo_i_name varchar(64),
  component_silo_j_name varchar(64),
  component_silo_k_name varchar(64),
  component_silo_l_name varchar(64),
  component_silo_m_name varchar(64),
  status_manufacturing boolean NOT NULL DEFAULT false,
  status_operation boolean NOT NULL DEFAULT false,
  actual_weight_quantity_finished_goods numeric(18,3),
  finished_goods varchar(128),
  actual_consumption_silo_a double precision,
  actual_consumption_silo_b double precision,
  actual_consumption_silo_c double precision,
  actual_consumption_silo_d double precision,
  actual_consumption_silo_e double precision,
  actual_consumption_silo_f double precision,
  actual_consumption_silo_g double precision,
  actual_consumption_silo_h double precision,
  actual_consumption_silo_i double precision,
  actual_consumption_silo_j double precision,
  actual_consumption_silo_k double precision,
  actual_consumption_silo_l double precision,
  actual_consumption_silo_m double precision,
  last_read_from_plc timestamptz,
  update_odoo boolean NOT NULL DEFAULT false,
  odoo_cancelled boolean NOT NULL DEFAULT false,
  lq114 integer NOT NULL DEFAULT 114,
  component_lq_tetes_name varchar(64),
  consumption_lq_tetes double precision,
  actual_consumption_lq_tetes double precision,
  lq115 integer NOT NULL DEFAULT 115,
  component_lq_fml_name varchar(64),
  consumption_lq_fml double precision,
  actual_consumption_lq_fml double precision,
  CONSTRAINT mo_batch_pkey PRIMARY KEY (id)
);
ALTER SEQUENCE mo_batch_batch_no_seq OWNED BY mo_batch.batch_no;
CREATE INDEX ix_mo_batch_batch_no ON mo_batch (batch_no);
COMMENT ON COLUMN mo_batch.odoo_cancelled IS 'Flag indicating if MO was successfully cancelled in Odoo';

CREATE TABLE mo_histories (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  batch_no integer NOT NULL,
  mo_id varchar(64) NOT NULL,
  consumption numeric(18,3) NOT NULL,
  equipment_id_batch varchar(64) NOT NULL,
  finished_goods varchar(128),
  silo_a integer NOT NULL DEFAULT 101,
  component_silo_a_name varchar(64),
  consumption_silo_a double precision,
  silo_b integer NOT NULL DEFAULT 102,
  component_silo_b_name varchar(64),
  consumption_silo_b double precision,
  silo_c integer NOT NULL DEFAULT 103,
  component_silo_c_name varchar(64),
  consumption_silo_c double precision,
  silo_d integer NOT NULL DEFAULT 104,
  component_silo_d_name varchar(64),
  consumption_silo_d double precision,
  silo_e integer NOT NULL DEFAULT 105,
  component_silo_e_name varchar(64),
  consumption_silo_e double precision,
  silo_f integer NOT NULL DEFAULT 106,
  component_silo_f_name varchar(64),
  consumption_silo_f double precision,
  silo_g integer NOT NULL DEFAULT 107,
  component_silo_g_name varchar(64),
  consumption_silo_g double precision,
  silo_h integer NOT NULL DEFAULT 108,
  component_silo_h_name varchar(64),
  consumption_silo_h double precision,
  silo_i integer NOT NULL DEFAULT 109,
  component_silo_i_name varchar(64),
  consumption_silo_i double precision,
  silo_j integer NOT NULL DEFAULT 110,
  component_silo_j_name varchar(64),
  consumption_silo_j double precision,
  silo_k integer NOT NULL DEFAULT 111,
  component_silo_k_name varchar(64),
  consumption_silo_k double precision,
  silo_l integer NOT NULL DEFAULT 112,
  component_silo_l_name varchar(64),
  consumption_silo_l double precision,
  silo_m integer NOT NULL DEFAULT 113,
  component_silo_m_name varchar(64),
  consumption_silo_m double precision,
  status_manufacturing boolean NOT NULL DEFAULT false,
  status_operation boolean NOT NULL DEFAULT false,
  actual_weight_quantity_finished_goods numeric(18,3),
  actual_consumption_silo_a double precision,
  actual_consumption_silo_b double precision,
  actual_consumption_silo_c double precision,
  actual_consumption_silo_d double precision,
  actual_consumption_silo_e double precision,
  actual_consumption_silo_f double precision,
  actual_consumption_silo_g double precision,
  actual_consumption_silo_h double precision,
  actual_consumption_silo_i double precision,
  actual_consumption_silo_j double precision,
  actual_consumption_silo_k double precision,
  actual_consumption_silo_l double precision,
  actual_consumption_silo_m double precision,
  last_read_from_plc timestamptz,
  status varchar(20) NOT NULL DEFAULT 'completed',
  notes text,
  lq114 integer NOT NULL DEFAULT 114,
  component_lq_tetes_name varchar(64),
  consumption_lq_tetes double precision,
  actual_consumption_lq_tetes double precision,
  lq115 integer NOT NULL DEFAULT 115,
  component_lq_fml_name varchar(64),
  consumption_lq_fml double precision,
  actual_consumption_lq_fml double precision,
  CONSTRAINT mo_histories_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_mo_histories_batch_no ON mo_histories (batch_no);
CREATE INDEX ix_mo_histories_status ON mo_histories (status);

CREATE TABLE equipment_failure (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  equipment_code varchar(64) NOT NULL,
  equipment_name varchar(128),
  description text NOT NULL,
  failure_type varchar(64),
  failure_date timestamp NOT NULL,
  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  is_resolved boolean NOT NULL DEFAULT false,
  resolved_at timestamp,
  resolution_notes text,
  source varchar(32) NOT NULL DEFAULT 'plc',
  severity varchar(32) NOT NULL DEFAULT 'medium',
  CONSTRAINT equipment_failure_pkey PRIMARY KEY (id),
  CONSTRAINT uq_equipment_failure_unique_report UNIQUE (equipment_code, failure_date, description)
);
CREATE INDEX ix_equipment_failure_equipment_code ON equipment_failure (equipment_code);
CREATE INDEX ix_equipment_failure_failure_date ON equipment_failure (failure_date);
CREATE INDEX ix_equipment_failure_created_at ON equipment_failure (created_at);
CREATE INDEX ix_equipment_failure_equipment_date ON equipment_failure (equipment_code, failure_date);

CREATE TABLE system_log (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  "timestamp" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  level varchar(16) NOT NULL,
  module varchar(255) NOT NULL,
  message text NOT NULL,
  batch_no varchar(64),
  mo_id varchar(64),
  CONSTRAINT system_log_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_system_log_timestamp ON system_log ("timestamp");
CREATE INDEX ix_system_log_level ON system_log (level);
CREATE INDEX ix_system_log_module ON system_log (module);
CREATE INDEX ix_system_log_mo_id ON system_log (mo_id);
CREATE INDEX ix_system_log_level_timestamp ON system_log (level, "timestamp");
CREATE INDEX ix_system_log_module_timestamp ON system_log (module, "timestamp");
`;

/** The old middleware's Task 1 INSERT of a queued batch: plant columns only, batch_no set explicitly. */
export const OLD_QUEUE_INSERT = `
INSERT INTO mo_batch (id, batch_no, mo_id, consumption, equipment_id_batch, finished_goods,
  silo_a, consumption_silo_a, component_silo_a_name,
  silo_c, consumption_silo_c, component_silo_c_name,
  lq114, consumption_lq_tetes, component_lq_tetes_name,
  status_manufacturing, status_operation, update_odoo, odoo_cancelled)
VALUES (gen_random_uuid(), $1, $2, $3, 'PLC01', '[10092] JF SAPOT 1B',
  101, 120.5, '[40031] PKE PELLET',
  103, $4, '[40025] POLLAR ANGSA',
  114, 33.3, '[40018] TETES',
  false, false, false, false)`;

/** The old middleware's archive INSERT (Task 3 / cancel): a copy of the batch's business columns plus status and notes. */
export const OLD_HISTORY_INSERT = `
INSERT INTO mo_histories (batch_no, mo_id, consumption, equipment_id_batch, finished_goods,
  silo_c, consumption_silo_c, component_silo_c_name, actual_consumption_silo_c,
  status_manufacturing, status_operation, actual_weight_quantity_finished_goods, last_read_from_plc, status, notes)
VALUES ($1, $2, 1000, 'PLC01', '[10092] JF SAPOT 1B',
  103, 300, '[40025] POLLAR ANGSA', $3,
  $4, $5, 998.5, $6, $7, $8)`;
