import { afterEach, describe, expect, it } from 'vitest';
import { consumptionPayload } from '../../../electron/odoo/consumption-payload';
import type { OdooClient } from '../../../electron/odoo/odoo-client';
import { OdooError, type OdooErrorKind } from '../../../electron/odoo/odoo-error';
import type { OdooSimulator } from '../../../electron/odoo/odoo-simulator';
import { ManualClock } from '../../support/manual-clock';
import { startOdooPair } from '../../support/odoo-sim-pair';

let sim: OdooSimulator | null = null;

afterEach(async () => {
  await sim?.stop();
  sim = null;
});

async function pair(...args: Parameters<typeof startOdooPair>): Promise<{ sim: OdooSimulator; client: OdooClient }> {
  const started = await startOdooPair(...args);
  sim = started.sim;
  return started;
}

async function odooError(promise: Promise<unknown>): Promise<OdooError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof OdooError)) throw new Error(`expected an OdooError, got ${String(error)}`);
  return error;
}

/** What the PLC reported for WH/MO/00011 in the captured READ slot 1: actuals equal the targets. */
const ACTUALS_00011 = { 102: 150, 103: 300, 105: 10, 109: 220, 110: 107, 111: 120, 114: 40, 115: 30 } as const;

describe('session', () => {
  it('logs in once and reuses the session for every later call', async () => {
    const { sim, client } = await pair();
    await client.listMos(10);
    await client.moDetail('WH/MO/00013');
    await client.updateWithConsumptions({ mo_id: 'WH/MO/00013', silo103: 340 });
    expect(sim.state.logins).toBe(1);
    expect(sim.state.requestCount('authenticate')).toBe(1);
  });

  it('logs in again by itself when Odoo dropped the session, and the call still succeeds', async () => {
    const { sim, client } = await pair();
    await client.listMos(10);
    sim.faults.expireSessions();
    expect(await client.listMos(3)).toHaveLength(3);
    expect(sim.state.logins).toBe(2);
    expect(sim.state.requestCount('mo-list-detailed')).toBe(3);
  });

  it('also re-logs in on HTTP 401', async () => {
    const { sim, client } = await pair();
    await client.listMos(1);
    sim.faults.failNext('mo-detail', 1, 'http-401');
    expect((await client.moDetail('WH/MO/00011')).mo_id).toBe('WH/MO/00011');
    expect(sim.state.logins).toBe(2);
  });

  it('gives up with session-expired when a fresh login does not help', async () => {
    const { sim, client } = await pair();
    sim.faults.failNext('mo-list-detailed', 2, 'session-expired');
    const error = await odooError(client.listMos(10));
    expect(error.kind).toBe('session-expired');
    expect(error.message).toBe(`Odoo mo-list-detailed: session expired again right after a fresh login (${sim.url})`);
    expect(sim.state.logins).toBe(2);
  });

  it('reports bad credentials as auth, without the password', async () => {
    const { sim, client } = await pair({ password: 'S3cret-pass' }, { password: 'wrong-pass' });
    const error = await odooError(client.listMos(10));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('login refused for user "admin" on database "plant" — check the credentials');
    expect(error.message).not.toContain('wrong-pass');
    expect(sim.state.requestCount('mo-list-detailed')).toBe(0);
  });
});

interface FaultCase {
  fault: string;
  inject(sim: OdooSimulator): void | Promise<void>;
  kind: OdooErrorKind;
  message(url: string): string;
}

const FAULTS: FaultCase[] = [
  { fault: 'Odoo down', inject: (s) => s.faults.setDown(true), kind: 'refused', message: (url) => `Odoo mo-list-detailed: connection refused (${url})` },
  {
    fault: 'HTTP 500',
    inject: (s) => void (s.faults.httpStatus = 500),
    kind: 'http',
    message: (url) => `Odoo mo-list-detailed: HTTP 500 Internal Server Error (${url})`,
  },
  {
    fault: 'not JSON',
    inject: (s) => void (s.faults.garbage = true),
    kind: 'garbage',
    message: (url) => `Odoo mo-list-detailed: reply is not JSON: "<!DOCTYPE html><html><body><h1>Odoo</h1><p>Internal Server E" (${url})`,
  },
  {
    fault: 'JSON without data',
    inject: (s) => void (s.faults.wrongShape = true),
    kind: 'shape',
    message: (url) =>
      `Odoo mo-list-detailed: unexpected reply shape — status: expected string, received undefined; data: expected array, received undefined (${url})`,
  },
  {
    fault: 'SCADA status error',
    inject: (s) => void (s.faults.scadaError = 'Database is being upgraded'),
    kind: 'scada',
    message: (url) => `Odoo mo-list-detailed: Odoo says "Database is being upgraded" (${url})`,
  },
  {
    fault: 'JSON-RPC server error',
    inject: (s) => s.faults.failNext('mo-list-detailed', 1, 'rpc-error'),
    kind: 'rpc',
    message: (url) =>
      `Odoo mo-list-detailed: server error "could not serialize access due to concurrent update" (psycopg2.errors.SerializationFailure) (${url})`,
  },
];

describe('faults', () => {
  it.each(FAULTS)('$fault → $kind, then the same client recovers', async ({ inject, kind, message }) => {
    const { sim, client } = await pair();
    await client.listMos(10);
    await inject(sim);

    const error = await odooError(client.listMos(10));
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message(sim.url));

    await sim.faults.clear();
    expect(await client.listMos(10)).toHaveLength(10);
  });

  it('times out on the injected clock when Odoo is too slow, then recovers', async () => {
    const clock = new ManualClock();
    const { sim, client } = await pair({}, { clock, timeoutMs: 30_000 });
    await client.listMos(10);
    sim.faults.latencyMs = 600_000;

    const arrived = sim.state.waitForRequest('mo-list-detailed');
    const pending = odooError(client.listMos(10));
    await arrived;
    await clock.advance(30_000);
    const error = await pending;
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(`Odoo mo-list-detailed: no reply within 30 s (${sim.url})`);

    sim.faults.latencyMs = 0;
    expect(await client.listMos(10)).toHaveLength(10);
  });

  it('says the SCADA module may be missing on HTTP 404', async () => {
    const { sim, client } = await pair();
    sim.faults.httpStatus = 404;
    const error = await odooError(client.ping());
    expect(error).toMatchObject({ kind: 'http', httpStatus: 404 });
    expect(error.message).toBe(`Odoo authenticate: endpoint not found (HTTP 404) — is the SCADA module installed and upgraded? (${sim.url})`);
  });

  it('never resends a consumption whose reply was lost: Odoo booked it once, the engine must reconcile', async () => {
    const { sim, client } = await pair();
    await client.listMos(1);
    sim.faults.failNext('update-with-consumptions', 1, 'drop-reply');
    const error = await odooError(client.updateWithConsumptions({ mo_id: 'WH/MO/00013', silo103: 340 }));
    expect(error.kind).toBe('dropped');
    expect(error.message).toBe(`Odoo update-with-consumptions: connection dropped before a reply (${sim.url})`);
    expect(sim.state.requestCount('update-with-consumptions')).toBe(1);
    expect(sim.state.bookings('WH/MO/00013').count).toBe(1);
  });
});

describe('reply size', () => {
  it('a reply larger than ODOO_MAX_REPLY_MB fails the call with a clear error, without reading the rest; the next call works', async () => {
    let bytesRead = 0;
    const counting = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(input, init);
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          bytesRead += chunk.byteLength;
          out.enqueue(chunk);
        },
      });
      return new Response(response.body?.pipeThrough(counter) ?? null, response);
    }) as typeof fetch;
    const { sim, client } = await pair({}, { fetch: counting, maxReplyBytes: 2 * 1024 * 1024 });
    sim.faults.padReplyBytes = 100_000;
    expect(await client.listMos(10)).toHaveLength(10);

    sim.faults.padReplyBytes = 1024 * 1024 * 1024;
    bytesRead = 0;
    const error = await odooError(client.listMos(10));

    expect(error.kind).toBe('garbage');
    expect(error.message).toBe(
      `Odoo mo-list-detailed: the reply is larger than 2 MB, so it was dropped unread (ODOO_MAX_REPLY_MB; a page of 100 MOs is under 1 MB) (${sim.url})`,
    );
    expect(bytesRead).toBeLessThan(4 * 1024 * 1024);
    sim.faults.padReplyBytes = 0;
    expect(await client.listMos(10)).toHaveLength(10);
  });
});

describe('update-with-consumptions', () => {
  it('books the documented 00011 payload; the MO stays listed afterwards, like the plant', async () => {
    const { sim, client } = await pair();
    const payload = consumptionPayload('WH/MO/00011', ACTUALS_00011, 1000.4);
    if (!payload) throw new Error('00011 has consumption to report');

    const outcome = await client.updateWithConsumptions(payload);
    expect(outcome).toMatchObject({ result: 'success', message: 'MO updated successfully', moState: 'progress', errors: [] });
    expect(outcome.consumedItems.map((i) => i.equipment_code)).toEqual(['silo102', 'silo103', 'silo105', 'silo109', 'silo110', 'silo111', 'lq114', 'lq115']);
    expect(sim.state.bookings('WH/MO/00011')).toEqual({ count: 1, lastPayload: payload });
    expect(sim.state.mo('WH/MO/00011')?.produced_qty).toBe(1000.4);

    const listed = await client.listMos(10);
    const again = listed.find((mo) => mo.mo_id === 'WH/MO/00011');
    expect(again?.state).toBe('progress');
    expect(again?.components_consumption.find((c) => c.equipment?.code === 'silo103')?.consumed).toBe(352 + 300);
  });

  it('moves a confirmed MO to progress on its first update', async () => {
    const { client } = await pair();
    expect((await client.updateWithConsumptions({ mo_id: 'WH/MO/00013', silo103: 340 })).moState).toBe('progress');
    expect((await client.moDetail('WH/MO/00013')).state).toBe('progress');
  });

  it('returns partial with the errors when Odoo could not book every key (NOT done)', async () => {
    const { client } = await pair();
    const outcome = await client.updateWithConsumptions({ mo_id: 'WH/MO/00011', silo102: 150, silo113: 5, silo999: 1 });
    expect(outcome.result).toBe('partial');
    expect(outcome.errors).toEqual(['silo113: No raw material move found for this equipment', 'silo999: Equipment not found']);
    expect(outcome.consumedItems.map((i) => i.equipment_code)).toEqual(['silo102']);
  });

  it('fails with scada for an MO that is unknown or cancelled in Odoo', async () => {
    const { sim, client } = await pair();
    const unknown = await odooError(client.updateWithConsumptions({ mo_id: 'WH/MO/99999', silo101: 1 }));
    expect(unknown.kind).toBe('scada');
    expect(unknown.detail).toBe('Odoo says "Manufacturing Order "WH/MO/99999" not found"');

    sim.state.setMoState('WH/MO/00012', 'cancel');
    expect((await odooError(client.updateWithConsumptions({ mo_id: 'WH/MO/00012', silo101: 1 }))).detail).toContain('in state "cancel"');
    expect(sim.state.bookings('WH/MO/00012').count).toBe(0);
  });
});

describe('every route, in the body style the specification shows for it', () => {
  it('the simulator, which refuses the other style, accepts every call the client makes', async () => {
    const { sim, client } = await pair();
    expect((await client.listMos(2, 1)).map((mo) => mo.mo_id)).toEqual(['WH/MO/00012', 'WH/MO/00013']);
    expect((await client.moDetail('WH/MO/00013')).mo_id).toBe('WH/MO/00013');
    expect((await client.updateWithConsumptions({ mo_id: 'WH/MO/00013', silo103: 340 })).result).toBe('success');
    expect((await client.cancelMo('WH/MO/00014')).alreadyCancelled).toBe(false);
    expect(await client.markDone('WH/MO/00015', 1000, new Date(2026, 1, 24, 13, 0, 0))).toEqual({ message: 'Manufacturing order marked as done' });
    expect((await client.reportEquipmentFailure({ equipmentCode: 'silo101', description: 'START_FAILURE' })).reportId).toBe(1);
    expect((await client.ping()).health).toBe('ok (14.0)');

    expect(sim.state.bookings('WH/MO/00013').count).toBe(1);
    expect(sim.state.cancels('WH/MO/00014')).toBe(1);
    expect(sim.state.markDones('WH/MO/00015')).toBe(1);
    expect(sim.state.logins).toBe(2);
  });
});

describe('cancel, mark-done, failure report, detail, ping', () => {
  it("understands the wrapped cancel reply (P21), also for an MO already cancelled; cancelled MOs leave Odoo's list", async () => {
    const { sim, client } = await pair();
    expect(await client.cancelMo('WH/MO/00012')).toEqual({ alreadyCancelled: false, message: 'Manufacturing order cancelled successfully', moState: 'cancel' });
    expect(await client.cancelMo('WH/MO/00012')).toMatchObject({ alreadyCancelled: true });
    expect(sim.state.cancels('WH/MO/00012')).toBe(2);
    expect((await client.listMos(10)).map((mo) => mo.mo_id)).not.toContain('WH/MO/00012');
    expect((await client.moDetail('WH/MO/00012')).state).toBe('cancel');
  });

  it('cannot cancel an MO that is done', async () => {
    const { sim, client } = await pair();
    sim.state.setMoState('WH/MO/00014', 'done');
    const error = await odooError(client.cancelMo('WH/MO/00014'));
    expect(error.message).toBe(`Odoo cancel: Odoo says "Cannot cancel MO "WH/MO/00014" in state "done"" (${sim.url})`);
  });

  it('marks an MO done with its finished weight', async () => {
    const { sim, client } = await pair();
    expect(await client.markDone('WH/MO/00011', 1000.4, new Date(2026, 1, 24, 13, 0, 0))).toEqual({ message: 'Manufacturing order marked as done' });
    expect(sim.state.moState('WH/MO/00011')).toBe('done');
    expect(sim.state.markDones('WH/MO/00011')).toBe(1);
    expect(sim.state.mo('WH/MO/00011')?.produced_qty).toBe(1000.4);
  });

  it('reports an equipment failure, and names an equipment code Odoo does not know', async () => {
    const { sim, client } = await pair();
    const report = await client.reportEquipmentFailure({ equipmentCode: 'silo101', description: 'START_FAILURE', date: new Date(2026, 1, 23, 20, 22, 35) });
    expect(report).toEqual({ reportId: 1, message: 'Equipment failure report created' });
    expect(sim.state.failureReports).toEqual([{ id: 1, equipment_code: 'silo101', description: 'START_FAILURE', date: '2026-02-23T20:22:35' }]);

    const error = await odooError(client.reportEquipmentFailure({ equipmentCode: 'PLC99', description: 'START_FAILURE' }));
    expect(error.detail).toBe('Odoo says "Equipment with code "PLC99" not found"');
  });

  it('pages through the open MOs oldest first (three waves of ten)', async () => {
    const { client } = await pair({ moCount: 30 });
    const pages = await Promise.all([0, 10, 20].map((offset) => client.listMos(10, offset)));
    const ids = pages.flat().map((mo) => mo.mo_id);
    expect(ids).toHaveLength(30);
    expect(ids).toEqual([...ids].sort());
    expect(await client.listMos(10, 30)).toEqual([]);
  });

  it('pings with a fresh login and the health probe', async () => {
    const { sim, client } = await pair();
    await client.listMos(1);
    const ping = await client.ping();
    expect(ping).toMatchObject({ uid: 2, health: 'ok (14.0)' });
    expect(ping.latencyMs).toBeGreaterThanOrEqual(0);
    expect(sim.state.logins).toBe(2);
  });
});
