import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startDemoPeers } from '../../../electron/host/demo-peers';

vi.mock('../../../electron/plc/plc-simulator', () => ({
  startPlcSimulator: vi.fn(async () => {
    throw new Error('bind EADDRINUSE 127.0.0.1');
  }),
}));

const listeningServers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;

describe('the demo plant', () => {
  it('when the PLC simulator cannot start, the Odoo simulator it already started is stopped too (nothing keeps a port open)', async () => {
    const before = listeningServers();
    await expect(startDemoPeers({ dataDir: mkdtempSync(join(tmpdir(), 'sms-demo-')), speed: 10, shareable: false })).rejects.toThrow('EADDRINUSE');
    await new Promise((resolve) => setImmediate(resolve));
    expect(listeningServers()).toBe(before);
  });
});
