/**
 * The Odoo endpoints this app calls, in one table shared by the client and the
 * simulator (../shared/plant/odoo-api.md §2–3). `jsonRpc` says which body style
 * the plant's running middleware uses for that route, i.e. the style proven to
 * work against the plant server; the SCADA routes accept both.
 */
export const ODOO_ROUTES = {
  authenticate: { path: '/web/session/authenticate', method: 'POST', jsonRpc: true },
  'scada-authenticate': { path: '/api/scada/authenticate', method: 'POST', jsonRpc: false },
  'mo-list-detailed': { path: '/api/scada/mo-list-detailed', method: 'POST', jsonRpc: true },
  'mo-detail': { path: '/api/scada/mo-detail', method: 'POST', jsonRpc: false },
  'update-with-consumptions': { path: '/api/scada/mo/update-with-consumptions', method: 'POST', jsonRpc: false },
  cancel: { path: '/api/scada/mo/cancel', method: 'POST', jsonRpc: false },
  'mark-done': { path: '/api/scada/mo/mark-done', method: 'POST', jsonRpc: false },
  'equipment-failure': { path: '/api/scada/equipment-failure', method: 'POST', jsonRpc: false },
  health: { path: '/api/scada/health', method: 'GET', jsonRpc: false },
} as const;

export type OdooEndpoint = keyof typeof ODOO_ROUTES;

export function endpointForPath(path: string): OdooEndpoint | null {
  for (const [endpoint, route] of Object.entries(ODOO_ROUTES)) {
    if (route.path === path) return endpoint as OdooEndpoint;
  }
  return null;
}
