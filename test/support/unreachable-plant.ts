/** Addresses with nothing behind them, for commands that must fail fast (or never try). */
import { createServer } from 'node:net';

/** A port nothing listens on: connecting is refused at once. */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A plant station's environment, its data in `dataDir`, whose Odoo and PLC ports have nothing listening. */
export async function unreachablePlantEnv(dataDir: string, station: string): Promise<Record<string, string>> {
  return {
    DATA_DIR: dataDir,
    SMS_STATION: station,
    ODOO_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
    ODOO_DB: 'plant',
    ODOO_USERNAME: 'scada',
    ODOO_PASSWORD: 'secret',
    ODOO_TIMEOUT_SEC: '1',
    PLC_IP: '127.0.0.1',
    PLC_PORT: String(await closedPort()),
    PLC_PROTOCOL: 'tcp',
    PLC_TIMEOUT_SEC: '0.1',
    LOG_LEVEL: 'warn',
  };
}
