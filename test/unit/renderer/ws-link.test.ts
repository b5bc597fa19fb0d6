import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../renderer/api/engine-link';
import { CONNECTION_LOST, bridgeUrl, createWsLink, reconnectDelayMs, type OpenSocket, type SocketHandlers } from '../../../renderer/api/ws-link';
import { ManualClock } from '../../support/manual-clock';

/** One socket the link opened; the test plays the host. */
class FakeSocket {
  readonly sent: { id: number; method: string; input?: unknown }[] = [];
  closed = false;

  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}

  send(text: string): void {
    this.sent.push(JSON.parse(text) as { id: number; method: string; input?: unknown });
  }
  close(): void {
    this.closed = true;
    this.handlers.onClose();
  }
  accept(): void {
    this.handlers.onOpen();
  }
  drop(): void {
    this.handlers.onClose();
  }
  receive(frame: unknown): void {
    this.handlers.onMessage(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
  lastCall(): { id: number; method: string; input?: unknown } {
    const call = this.sent.at(-1);
    if (!call) throw new Error('nothing sent');
    return call;
  }
}

function setUp() {
  const clock = new ManualClock();
  const sockets: FakeSocket[] = [];
  const openSocket: OpenSocket = (url, handlers) => {
    const socket = new FakeSocket(url, handlers);
    sockets.push(socket);
    return socket;
  };
  const link = createWsLink({ url: 'ws://127.0.0.1:8080/bridge', openSocket, setTimer: (ms, fn) => clock.setTimer(ms, fn) });
  const statuses: ConnectionStatus[] = [];
  link.onConnectionChange((status) => statuses.push(status));
  const current = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket opened');
    return socket;
  };
  return { clock, sockets, link, statuses, current };
}

describe('bridgeUrl', () => {
  it("points at the page's own host and passes the page's token on", () => {
    expect(bridgeUrl({ protocol: 'http:', host: '10.0.0.5:8080', search: '?token=a b&x=1' })).toBe('ws://10.0.0.5:8080/bridge?token=a%20b');
    expect(bridgeUrl({ protocol: 'https:', host: 'line1.plant', search: '' })).toBe('wss://line1.plant/bridge');
  });
});

describe('createWsLink', () => {
  it('sends calls made before the socket opened once it opens, and resolves them with the reply', async () => {
    const { link, current, statuses } = setUp();
    expect(link.connection()).toBe('connecting');

    const runs = link.api.listRuns({ before: 2 });
    current().accept();
    const call = current().lastCall();
    current().receive({ id: call.id, ok: true, result: { items: [], pageSize: 50, hasOlder: false, hasNewer: true } });

    await expect(runs).resolves.toEqual({ items: [], pageSize: 50, hasOlder: false, hasNewer: true });
    expect(call).toMatchObject({ method: 'listRuns', input: { before: 2 } });
    expect(statuses).toEqual(['open']);
  });

  it("rejects a call with the host's sentence when the reply is an error", async () => {
    const { link, current } = setUp();
    current().accept();

    const sync = link.api.syncNow();
    current().receive({ id: current().lastCall().id, ok: false, error: { code: 'failed', message: 'PLC did not answer' } });

    await expect(sync).rejects.toThrow('PLC did not answer');
    expect(current().lastCall()).not.toHaveProperty('input');
  });

  it('delivers pushed events to subscribers until they unsubscribe', () => {
    const { link, current } = setUp();
    current().accept();
    const seen: string[] = [];
    const stop = link.api.on('log', (entry) => seen.push(entry.message));

    current().receive({ event: 'log', payload: { time: '2026-11-28T08:00:00Z', level: 'info', message: 'first' } });
    stop();
    current().receive({ event: 'log', payload: { time: '2026-11-28T08:00:01Z', level: 'info', message: 'second' } });

    expect(seen).toEqual(['first']);
  });

  it('ignores frames it cannot read and keeps answering the ones it can', async () => {
    const { link, current } = setUp();
    current().accept();
    const snapshot = link.api.getSnapshot();
    const { id } = current().lastCall();

    current().receive('{garbage');
    current().receive({ id: 999, ok: true, result: 'not ours' });
    current().receive({ id, ok: 'maybe' });
    current().receive({ event: 'nonsense', payload: {} });
    current().receive({ id: null, ok: false, error: { code: 'bad-request', message: 'malformed frame' } });
    current().receive({ id, ok: true, result: { station: 'L1' } });

    await expect(snapshot).resolves.toEqual({ station: 'L1' });
  });

  it('fails calls in flight with "connection to the engine lost" when the socket drops, and refuses new ones until back', async () => {
    const { link, current, statuses } = setUp();
    current().accept();
    const sync = link.api.syncNow();

    current().drop();

    await expect(sync).rejects.toThrow(CONNECTION_LOST);
    await expect(link.api.getSnapshot()).rejects.toThrow(CONNECTION_LOST);
    expect(statuses).toEqual(['open', 'lost']);
  });

  it('reconnects with a growing pause, and starts over once connected', async () => {
    const { clock, sockets, link, current, statuses } = setUp();
    current().accept();
    current().drop();

    await clock.advance(reconnectDelayMs(0) - 1);
    expect(sockets).toHaveLength(1);
    await clock.advance(1);
    expect(sockets).toHaveLength(2);

    current().drop(); // the host is still down
    await clock.advance(reconnectDelayMs(1) - 1);
    expect(sockets).toHaveLength(2);
    await clock.advance(1);
    expect(sockets).toHaveLength(3);

    current().accept();
    expect(link.connection()).toBe('open');
    expect(statuses).toEqual(['open', 'lost', 'open']);
    current().drop();
    await clock.advance(reconnectDelayMs(0));
    expect(sockets).toHaveLength(4);
  });

  it('waits at most 5 s between attempts', () => {
    expect([0, 1, 2, 3, 4, 5, 10, 50].map(reconnectDelayMs)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('stays closed after close(): no reconnect, calls refused', async () => {
    const { clock, sockets, link, current } = setUp();
    current().accept();

    link.close();
    await clock.advance(60_000);

    expect(sockets).toHaveLength(1);
    expect(current().closed).toBe(true);
    await expect(link.api.getConfig()).rejects.toThrow(CONNECTION_LOST);
  });
});
