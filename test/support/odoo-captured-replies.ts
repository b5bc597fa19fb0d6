/**
 * Odoo replies as captured from the plant and restated in
 * ../../shared/plant/odoo-api.md (§1 conventions, §3 endpoints, §4 minimal MO),
 * kept as text where the exact bytes matter (floats like 150.0, `false`).
 */

/** §4 "Minimal MO record for a mock mo-list-detailed". */
export const MINIMAL_MO = `{"mo_id":"WH/MO/00011","reference":null,"state":"confirmed",
 "schedule_start":"2026-02-24T11:51:43","schedule_end":"2026-02-24T12:51:43",
 "equipment":{"id":1,"code":"PLC01","name":"Main PLC","equipment_type":"plc"},
 "product_tmpl_id":832,"product_id":832,"product_name":"[10092] JF SAPOT 1B",
 "quantity":1000.0,"produced_qty":0.0,"uom":"kg","bom_id":70,"bom_code":false,
 "bom_components":[],
 "components_consumption":[
  {"product_id":895,"product_name":"[40025] POLLAR ANGSA","to_consume":300.0,"reserved":300.0,"consumed":0.0,"uom":"kg",
   "equipment":{"id":5,"code":"silo103","name":"SILO C","equipment_type":"silo"}},
  {"product_id":944,"product_name":"[40018] TETES","to_consume":40.0,"reserved":40.0,"consumed":0.0,"uom":"kg",
   "equipment":{"id":16,"code":"lq114","name":"LQ TETES","equipment_type":"sensor"}},
  {"product_id":800,"product_name":"[40022] GARAM","to_consume":2.5,"reserved":2.5,"consumed":0.0,"uom":"kg",
   "equipment":{"id":1,"code":"PLC01","name":"Main PLC","equipment_type":"plc"}}]}`;

/** §3B: the captured mo-list-detailed reply is wrapped in a JSON-RPC envelope. */
export const MO_LIST_WRAPPED = `{"jsonrpc":"2.0","id":null,"result":{"status":"success","count":1,"data":[${MINIMAL_MO}]}}`;
export const MO_LIST_BARE = `{"status":"success","count":1,"data":[${MINIMAL_MO}]}`;

/** §3C success and partial replies. */
export const CONSUMPTION_SUCCESS = `{"status":"success","message":"MO updated successfully","mo_id":"WH/MO/00011","mo_state":"progress","updated_finished_qty":1000.0,"consumed_items":[{"equipment_code":"silo101","equipment_name":"SILO A","applied_qty":825.0,"move_ids":[123],"products":["[40005] PKE PELLET"]}],"errors":[]}`;
export const CONSUMPTION_PARTIAL = `{"status":"success","message":"MO updated with some errors","mo_id":"WH/MO/00011","mo_state":"progress","consumed_items":[],"errors":["silo999: Equipment not found","silo888: No raw material move found for this equipment"]}`;
export const CONSUMPTION_MO_NOT_FOUND = `{"status":"error","message":"Manufacturing Order \\"WH/MO/99999\\" not found"}`;

/** §3D cancel replies; the plant may wrap them (pitfall P21). */
export const CANCEL_SUCCESS = `{"status":"success","message":"Manufacturing order cancelled successfully","mo_id":"WH/MO/00003","mo_state":"cancel"}`;
export const CANCEL_ALREADY = `{"status":"success","message":"Manufacturing order already cancelled","mo_id":"WH/MO/00003","mo_state":"cancel"}`;
export const CANCEL_DONE_ERROR = `{"status":"error","message":"Cannot cancel MO \\"WH/MO/00003\\" in state \\"done\\""}`;

/** §3E and §3F. */
export const FAILURE_REPORTED = `{"status":"success","message":"Equipment failure report created","data":{"id":1,"equipment_id":1,"equipment_code":"silo101","equipment_name":"SILO A","description":"START_FAILURE","date":"2026-02-15T08:30:00"}}`;
export const MARK_DONE_SUCCESS = `{"status":"success","message":"Manufacturing order marked as done","mo_id":"WH/MO/00011"}`;

/** §1: Odoo framework errors on JSON-RPC routes. */
export const SESSION_EXPIRED_ERROR = `{"jsonrpc":"2.0","id":null,"error":{"code":100,"message":"Odoo Session Expired","data":{"name":"odoo.http.SessionExpiredException","message":"Session expired","arguments":["Session expired"]}}}`;
export const ACCESS_DENIED_ERROR = `{"jsonrpc":"2.0","id":null,"error":{"code":200,"message":"Odoo Server Error","data":{"name":"odoo.exceptions.AccessDenied","message":"Access Denied","arguments":["Access Denied"]}}}`;
export const SERVER_ERROR = `{"jsonrpc":"2.0","id":null,"error":{"code":200,"message":"Odoo Server Error","data":{"name":"builtins.KeyError","message":"'mo_id'","arguments":["'mo_id'"]}}}`;

/** §3A1 success: session info in `result`. */
export const SESSION_INFO = `{"jsonrpc":"2.0","id":null,"result":{"uid":2,"is_system":true,"name":"Administrator","username":"admin","db":"plant","user_context":{"lang":"en_US","tz":"Asia/Jakarta","uid":2},"company_id":1,"partner_id":3}}`;

/** Wraps a bare reply in the JSON-RPC envelope Odoo `type="json"` routes return. */
export function wrapped(bare: string): string {
  return `{"jsonrpc":"2.0","id":null,"result":${bare}}`;
}
