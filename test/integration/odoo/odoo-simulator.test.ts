import { afterEach, describe, expect, it } from 'vitest';
import { ODOO_ROUTES, type OdooEndpoint } from '../../../electron/odoo/odoo-routes';
import { generateMos } from '../../../electron/odoo/odoo-seed-mos';
import { startOdooSimulator, type OdooSimulator } from '../../../electron/odoo/odoo-simulator';

let sim: OdooSimulator | null = null;

afterEach(async () => {
  await sim?.stop();
  sim = null;
});

async function start(...args: Parameters<typeof startOdooSimulator>): Promise<OdooSimulator> {
  sim = await startOdooSimulator(...args);
  return sim;
}

interface Exchange {
  status: number;
  json: Record<string, unknown>;
  cookie: string | null;
}

/** One raw HTTP call, the way curl or any Odoo client would make it. */
async function post(s: OdooSimulator, path: string, body: unknown, cookie?: string): Promise<Exchange> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (cookie) headers.Cookie = cookie;
  const response = await fetch(`${s.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const setCookie = response.headers.getSetCookie()[0] ?? null;
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, cookie: setCookie && setCookie.split(';')[0]! };
}

const rpc = (params: unknown) => ({ jsonrpc: '2.0', method: 'call', params, id: 7 });

async function login(s: OdooSimulator): Promise<string> {
  const { cookie } = await post(s, '/web/session/authenticate', rpc({ db: 'plant', login: 'admin', password: 'admin' }));
  if (!cookie) throw new Error('login set no cookie');
  return cookie;
}

describe('Odoo simulator sessions', () => {
  it('refuses SCADA calls without a session with the JSON-RPC "Odoo Session Expired" error', async () => {
    const s = await start();
    const { status, json } = await post(s, '/api/scada/mo-list-detailed', rpc({ limit: 10 }));
    expect(status).toBe(200);
    expect(json).toMatchObject({ jsonrpc: '2.0', error: { code: 100, message: 'Odoo Session Expired' } });
  });

  it('logs in on both authenticate routes and counts the logins', async () => {
    const s = await start();
    const web = await post(s, '/web/session/authenticate', rpc({ db: 'plant', login: 'admin', password: 'admin' }));
    expect(web.json).toMatchObject({ jsonrpc: '2.0', id: 7, result: { uid: 2, db: 'plant' } });
    expect(web.cookie).toMatch(/^session_id=[0-9a-f]{40}$/);

    const scada = await post(s, '/api/scada/authenticate', { db: 'plant', login: 'admin', password: 'admin' });
    expect(scada.json).toMatchObject({ status: 'success', uid: 2, login: 'admin' });
    expect(scada.cookie).toBe(`session_id=${String(scada.json.session_id)}`);
    expect(s.state.logins).toBe(2);
  });

  it('answers a wrong password with access denied, and no session', async () => {
    const s = await start();
    const web = await post(s, '/web/session/authenticate', rpc({ db: 'plant', login: 'admin', password: 'nope' }));
    expect(web.json).toMatchObject({ error: { data: { name: 'odoo.exceptions.AccessDenied' } } });
    expect(web.cookie).toBeNull();
    expect((await post(s, '/api/scada/authenticate', { db: 'plant', login: 'admin', password: 'nope' })).json.status).toBe('error');
    expect(s.state.logins).toBe(0);
  });
});

describe('Odoo simulator routes', () => {
  it('lists open MOs oldest first in a JSON-RPC envelope, with limit and offset', async () => {
    const s = await start({ moCount: 12 });
    s.state.setMoState('WH/MO/00012', 'done');
    s.state.setMoState('WH/MO/00013', 'draft');
    const cookie = await login(s);
    const { json } = await post(s, '/api/scada/mo-list-detailed', rpc({ limit: 3, offset: 1 }), cookie);
    const result = json.result as { status: string; count: number; data: { mo_id: string }[] };
    expect(result.status).toBe('success');
    expect(result.count).toBe(3);
    expect(result.data.map((mo) => mo.mo_id)).toEqual(['WH/MO/00014', 'WH/MO/00015', 'WH/MO/00016']);
  });

  it('answers a plain body bare and a JSON-RPC body wrapped; cancel is always wrapped', async () => {
    const s = await start();
    const cookie = await login(s);
    expect((await post(s, '/api/scada/mo-detail', rpc({ mo_id: 'WH/MO/00011' }), cookie)).json).toMatchObject({ jsonrpc: '2.0', id: 7, result: { status: 'success', data: { mo_id: 'WH/MO/00011' } } });
    expect((await post(s, '/api/scada/equipment-failure', { equipment_code: 'silo101', description: 'START_FAILURE' }, cookie)).json).toMatchObject({ status: 'success' });
    expect((await post(s, '/api/scada/mo/cancel', { mo_id: 'WH/MO/00011' }, cookie)).json).toEqual({
      jsonrpc: '2.0',
      id: null,
      result: { status: 'success', message: 'Manufacturing order cancelled successfully', mo_id: 'WH/MO/00011', mo_state: 'cancel' },
    });
  });

  // The style the specification shows for each route (../shared/plant/odoo-api.md §2–3), written out here rather than
  // read from ODOO_ROUTES, so that a wrong entry in that table fails this test instead of moving the simulator with it.
  const WRONG_STYLE_CASES: { endpoint: OdooEndpoint; takes: 'json-rpc' | 'plain'; params: Record<string, unknown> }[] = [
    { endpoint: 'authenticate', takes: 'json-rpc', params: { db: 'plant', login: 'admin', password: 'admin' } },
    { endpoint: 'scada-authenticate', takes: 'plain', params: { db: 'plant', login: 'admin', password: 'admin' } },
    { endpoint: 'mo-list-detailed', takes: 'json-rpc', params: { limit: 2, offset: 4 } },
    { endpoint: 'mo-detail', takes: 'json-rpc', params: { mo_id: 'WH/MO/00011' } },
    { endpoint: 'update-with-consumptions', takes: 'plain', params: { mo_id: 'WH/MO/00011', silo103: 300 } },
    { endpoint: 'cancel', takes: 'plain', params: { mo_id: 'WH/MO/00011' } },
    { endpoint: 'mark-done', takes: 'plain', params: { mo_id: 'WH/MO/00011', finished_qty: 1000 } },
    { endpoint: 'equipment-failure', takes: 'plain', params: { equipment_code: 'silo101', description: 'START_FAILURE' } },
  ];

  it.each(WRONG_STYLE_CASES)('refuses $endpoint in the body style the specification does not show for it, and does nothing', async ({ endpoint, takes, params }) => {
    const s = await start();
    const cookie = await login(s);
    const { path } = ODOO_ROUTES[endpoint];
    const wrongBody = takes === 'json-rpc' ? params : rpc(params);

    const { status, json, cookie: newSession } = await post(s, path, wrongBody, cookie);

    expect(status).toBe(200);
    if (takes === 'json-rpc') {
      expect(json).toMatchObject({ jsonrpc: '2.0', error: { message: 'Odoo Server Error', data: { message: expect.stringContaining(`${path} takes a JSON-RPC body`) } } });
    } else {
      const reply = (json.result ?? json) as Record<string, unknown>;
      expect(reply).toEqual({ status: 'error', message: `Invalid request: ${path} takes a plain JSON body; the fields of this request were inside a JSON-RPC envelope` });
    }
    expect(newSession).toBeNull();
    expect(s.state.logins).toBe(1);
    expect(s.state.bookings('WH/MO/00011').count).toBe(0);
    expect(s.state.cancels('WH/MO/00011')).toBe(0);
    expect(s.state.markDones('WH/MO/00011')).toBe(0);
    expect(s.state.failureReports).toEqual([]);
    expect(s.state.moState('WH/MO/00011')).toBe('progress');
  });

  it('names the bad field of a request, and rejects a body that is not JSON', async () => {
    const s = await start();
    const cookie = await login(s);
    const missing = await post(s, '/api/scada/mo/update-with-consumptions', { silo101: 5 }, cookie);
    expect(missing.json).toEqual({ status: 'error', message: 'Invalid request: mo_id: Invalid input: expected string, received undefined' });
    const broken = await post(s, '/api/scada/mo/update-with-consumptions', '{"mo_id": ', cookie);
    expect(broken.json).toMatchObject({ error: { data: { message: 'Invalid JSON data' } } });
  });

  it('answers unknown paths with 404 and wrong methods with 405, like a server without the module', async () => {
    const s = await start();
    const missing = await fetch(`${s.url}/api/scada/does-not-exist`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('404 Not Found');
    expect((await fetch(`${s.url}/api/scada/mo-list-detailed`)).status).toBe(405);
    expect(await (await fetch(`${s.url}/api/scada/health`)).json()).toMatchObject({ status: 'ok' });
  });

  it('takes more MOs at runtime, at the end of the list, and refuses a duplicate name', async () => {
    const s = await start();
    s.state.addMos(generateMos(2, 21));
    const cookie = await login(s);
    const { json } = await post(s, '/api/scada/mo-list-detailed', rpc({ limit: 2, offset: 10 }), cookie);
    expect((json.result as { data: { mo_id: string }[] }).data.map((mo) => mo.mo_id)).toEqual(['WH/MO/00021', 'WH/MO/00022']);
    expect(() => s.state.addMos(generateMos(1, 21))).toThrow(/already has an MO named WH\/MO\/00021/);
  });
});

describe('Odoo simulator faults', () => {
  it('fails only the next n calls of one route', async () => {
    const s = await start();
    const cookie = await login(s);
    s.faults.failNext('cancel', 1, 'scada-error');
    expect((await post(s, '/api/scada/mo/cancel', { mo_id: 'WH/MO/00011' }, cookie)).json).toMatchObject({ result: { status: 'error', message: 'Simulated SCADA failure' } });
    expect(s.state.cancels('WH/MO/00011')).toBe(0);
    expect((await post(s, '/api/scada/mo/cancel', { mo_id: 'WH/MO/00011' }, cookie)).json).toMatchObject({ result: { status: 'success' } });
  });

  it('stops promptly even with a request held by injected latency', async () => {
    const s = await start();
    s.faults.latencyMs = 600_000;
    const arrived = s.state.waitForRequest('health');
    const held = fetch(`${s.url}/api/scada/health`).then(
      () => 'answered',
      () => 'dropped',
    );
    await arrived;
    await s.stop();
    sim = null;
    expect(await held).toBe('dropped');
  });

  it('refuses connections while down and listens again on the same port', async () => {
    const s = await start();
    await s.faults.setDown(true);
    await expect(fetch(`${s.url}/api/scada/health`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await s.faults.setDown(false);
    expect((await fetch(`${s.url}/api/scada/health`)).status).toBe(200);
  });
});
