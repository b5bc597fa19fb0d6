import { describe, expect, it } from 'vitest';
import { OdooClient, type OdooClientOptions } from '../../../electron/odoo/odoo-client';
import { OdooError } from '../../../electron/odoo/odoo-error';
import { ManualClock } from '../../support/manual-clock';
import { MINIMAL_MO, MO_LIST_WRAPPED, SESSION_INFO, wrapped } from '../../support/odoo-captured-replies';

interface SeenRequest {
  path: string;
  body: unknown;
  cookie: string | null;
}

type Answer = (request: SeenRequest, signal: AbortSignal | undefined) => Promise<Response> | Response;

const PASSWORD = 'S3cret-pass';
const SESSION = 'abcdef0123456789';

/** A fetch that answers by path and records what the client sent. */
function fakeFetch(answers: Record<string, Answer>) {
  const seen: SeenRequest[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const request = {
      path: url.pathname,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
      cookie: new Headers(init?.headers).get('cookie'),
    };
    seen.push(request);
    const answer = answers[url.pathname];
    if (!answer) return new Response('not found', { status: 404 });
    return answer(request, init?.signal ?? undefined);
  }) as typeof fetch;
  return { fetchFn, seen };
}

const loginOk: Answer = () => new Response(SESSION_INFO, { headers: { 'Set-Cookie': `session_id=${SESSION}; Path=/; HttpOnly` } });

function client(fetchFn: typeof fetch, extra: Partial<OdooClientOptions> = {}): OdooClient {
  return new OdooClient({ baseUrl: 'http://odoo.plant:8069', db: 'plant', username: 'admin', password: PASSWORD, fetch: fetchFn, ...extra });
}

async function odooError(promise: Promise<unknown>): Promise<OdooError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof OdooError)) throw new Error(`expected an OdooError, got ${String(error)}`);
  return error;
}

describe('OdooClient requests', () => {
  it('logs in by JSON-RPC, then sends the session cookie and each body in the style the specification shows for its route', async () => {
    const { fetchFn, seen } = fakeFetch({
      '/web/session/authenticate': loginOk,
      '/api/scada/mo-list-detailed': () => new Response(MO_LIST_WRAPPED),
      '/api/scada/mo-detail': () => new Response(wrapped(`{"status":"success","data":${MINIMAL_MO}}`)),
      '/api/scada/mo/cancel': () => new Response('{"status":"success","message":"Manufacturing order cancelled successfully","mo_state":"cancel"}'),
    });
    const odoo = client(fetchFn);
    expect((await odoo.listMos(10)).map((mo) => mo.mo_id)).toEqual(['WH/MO/00011']);
    expect((await odoo.moDetail('WH/MO/00011')).mo_id).toBe('WH/MO/00011');
    await odoo.cancelMo('WH/MO/00011');

    expect(seen.map((r) => r.path)).toEqual(['/web/session/authenticate', '/api/scada/mo-list-detailed', '/api/scada/mo-detail', '/api/scada/mo/cancel']);
    expect(seen[0]?.body).toMatchObject({ jsonrpc: '2.0', method: 'call', params: { db: 'plant', login: 'admin', password: PASSWORD } });
    expect(seen[0]?.cookie).toBeNull();
    expect(seen[1]?.body).toMatchObject({ jsonrpc: '2.0', method: 'call', params: { limit: 10, offset: 0 } });
    // The specification shows mo-detail only with a JSON-RPC body; the mutations go plain, as the plant middleware sends them.
    expect(seen[2]?.body).toMatchObject({ jsonrpc: '2.0', method: 'call', params: { mo_id: 'WH/MO/00011' } });
    expect(seen[3]?.body).toEqual({ mo_id: 'WH/MO/00011' });
    expect(seen.slice(1).map((r) => r.cookie)).toEqual(Array(3).fill(`session_id=${SESSION}`));
  });

  it('refuses to start without a usable base URL and never shows credentials from it', () => {
    expect(() => client(fetch, { baseUrl: 'odoo.plant' })).toThrow(TypeError);
    expect(() => client(fetch, { baseUrl: 'ftp://odoo.plant' })).toThrow(/http:\/\/ or https:\/\//);
    expect(client(fetch, { baseUrl: 'http://admin:pw@odoo.plant:8069/' }).target).toBe('http://odoo.plant:8069');
  });

  it('validates its own arguments before calling Odoo', async () => {
    const { fetchFn, seen } = fakeFetch({});
    const odoo = client(fetchFn);
    await expect(odoo.listMos(0)).rejects.toThrow(RangeError);
    await expect(odoo.markDone('WH/MO/00011', 0, new Date())).rejects.toThrow(/finished quantity > 0/);
    await expect(odoo.cancelMo('  ')).rejects.toThrow(/non-empty MO id/);
    expect(seen).toEqual([]);
  });
});

describe('OdooClient failures', () => {
  it('names DNS and refused connections, wherever Node hides the socket error', async () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND odoo.plant'), { code: 'ENOTFOUND' });
    const dnsFetch = (async () => Promise.reject(new TypeError('fetch failed', { cause: dns }))) as typeof fetch;
    const dnsError = await odooError(client(dnsFetch).listMos(10));
    expect(dnsError.kind).toBe('refused');
    expect(dnsError.message).toBe('Odoo authenticate: host not found (DNS) (http://odoo.plant:8069)');

    const refusedEach = ['::1', '127.0.0.1'].map((address) => Object.assign(new Error(`connect ECONNREFUSED ${address}:8069`), { code: 'ECONNREFUSED' }));
    const aggregate = new AggregateError(refusedEach, 'connect failed');
    const refusedFetch = (async () => Promise.reject(new TypeError('fetch failed', { cause: aggregate }))) as typeof fetch;
    expect((await odooError(client(refusedFetch).listMos(10))).message).toBe('Odoo authenticate: connection refused (http://odoo.plant:8069)');
  });

  it('times out on the injected clock, not on a real timer', async () => {
    const clock = new ManualClock();
    const hanging: Answer = (_request, signal) =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const { fetchFn } = fakeFetch({ '/web/session/authenticate': hanging });
    const pending = odooError(client(fetchFn, { clock, timeoutMs: 30_000 }).listMos(10));
    let settled = false;
    void pending.finally(() => (settled = true));
    await clock.advance(29_999);
    expect(settled).toBe(false);
    await clock.advance(1);
    const error = await pending;
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('Odoo authenticate: no reply within 30 s (http://odoo.plant:8069)');
  });

  it('never puts the password or the session cookie in a message, even when Odoo echoes them', async () => {
    const { fetchFn } = fakeFetch({
      '/web/session/authenticate': loginOk,
      '/api/scada/mo-list-detailed': () => new Response(`{"status":"error","message":"cannot use password ${PASSWORD} with ${SESSION}"}`),
    });
    const error = await odooError(client(fetchFn).listMos(10));
    expect(error.kind).toBe('scada');
    expect(error.message).toBe('Odoo mo-list-detailed: Odoo says "cannot use password *** with ***" (http://odoo.plant:8069)');
  });

  it('refuses a reply that declares more bytes than the cap before reading any of it', async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>({ pull: () => void (pulled = true) }, { highWaterMark: 0 });
    const { fetchFn } = fakeFetch({
      '/web/session/authenticate': loginOk,
      '/api/scada/mo-list-detailed': () => new Response(body, { headers: { 'Content-Length': String(3 * 1024 * 1024) } }),
    });
    const error = await odooError(client(fetchFn, { maxReplyBytes: 2 * 1024 * 1024 }).listMos(10));
    expect(error.kind).toBe('garbage');
    expect(error.message).toMatch(/^Odoo mo-list-detailed: the reply is larger than 2 MB, so it was dropped unread/);
    expect(pulled).toBe(false);
  });

  it('reports a login that sets no session cookie', async () => {
    const { fetchFn } = fakeFetch({ '/web/session/authenticate': () => new Response(SESSION_INFO) });
    const error = await odooError(client(fetchFn).listMos(10));
    expect(error.kind).toBe('shape');
    expect(error.detail).toBe('login succeeded but Odoo set no session_id cookie');
  });

  it('treats a redirect to the login page as an expired session, and stops after one fresh login', async () => {
    const toLogin: Answer = () => {
      const response = new Response('<html>login</html>');
      Object.defineProperty(response, 'redirected', { value: true });
      Object.defineProperty(response, 'url', { value: 'http://odoo.plant:8069/web/login?redirect=%2Fapi%2Fscada%2Fhealth' });
      return response;
    };
    const { fetchFn, seen } = fakeFetch({ '/web/session/authenticate': loginOk, '/api/scada/mo-detail': toLogin });
    const error = await odooError(client(fetchFn).moDetail('WH/MO/00011'));
    expect(error.kind).toBe('session-expired');
    expect(seen.map((r) => r.path)).toEqual(['/web/session/authenticate', '/api/scada/mo-detail', '/web/session/authenticate', '/api/scada/mo-detail']);
  });
});
