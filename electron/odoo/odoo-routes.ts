/**
 * The Odoo endpoints this app calls, in one table shared by the client and the
 * simulator (../shared/plant/odoo-api.md §2–3).
 *
 * `body` is the one request style sent on each route, decided per route from
 * the evidence there is (odoo-api.md §1–3, ../shared/plant/README.md §5–8):
 * - `authenticate`, `mo-list-detailed`: JSON-RPC — the specification shows
 *   them only so, and the plant's Task 1 calls them so.
 * - `mo-detail`: JSON-RPC — the specification shows it only with a JSON-RPC
 *   body; the plant middleware never calls it, so nothing proves a plain body
 *   would be read (on an Odoo `type="json"` route the arguments are taken from
 *   `params` alone, and a plain body would arrive as a call without `mo_id`).
 * - `scada-authenticate`, `update-with-consumptions`, `cancel`, `mark-done`,
 *   `equipment-failure`: plain — the style the plant middleware sends them in
 *   and the plant server has answered for years; a mutation is not the place
 *   to try a style nobody has seen the server accept.
 * - `health`: GET, no body.
 * The simulator refuses the other style on every route, so a wrong style fails
 * the tests instead of passing against a forgiving fake.
 */
export type OdooBodyStyle = 'json-rpc' | 'plain' | 'none';

export const ODOO_ROUTES = {
  authenticate: { path: '/web/session/authenticate', method: 'POST', body: 'json-rpc' },
  'scada-authenticate': { path: '/api/scada/authenticate', method: 'POST', body: 'plain' },
  'mo-list-detailed': { path: '/api/scada/mo-list-detailed', method: 'POST', body: 'json-rpc' },
  'mo-detail': { path: '/api/scada/mo-detail', method: 'POST', body: 'json-rpc' },
  'update-with-consumptions': { path: '/api/scada/mo/update-with-consumptions', method: 'POST', body: 'plain' },
  cancel: { path: '/api/scada/mo/cancel', method: 'POST', body: 'plain' },
  'mark-done': { path: '/api/scada/mo/mark-done', method: 'POST', body: 'plain' },
  'equipment-failure': { path: '/api/scada/equipment-failure', method: 'POST', body: 'plain' },
  health: { path: '/api/scada/health', method: 'GET', body: 'none' },
} as const satisfies Record<string, { path: string; method: 'GET' | 'POST'; body: OdooBodyStyle }>;

export type OdooEndpoint = keyof typeof ODOO_ROUTES;

export function endpointForPath(path: string): OdooEndpoint | null {
  for (const [endpoint, route] of Object.entries(ODOO_ROUTES)) {
    if (route.path === path) return endpoint as OdooEndpoint;
  }
  return null;
}
