import { OdooClient, type OdooClientOptions } from '../../electron/odoo/odoo-client';
import { startOdooSimulator, type OdooSimulator, type OdooSimulatorOptions } from '../../electron/odoo/odoo-simulator';

/** The Odoo simulator on a random loopback port and a client logged into it with the simulator's credentials. */
export async function startOdooPair(
  simOptions: OdooSimulatorOptions = {},
  clientOptions: Partial<OdooClientOptions> = {},
): Promise<{ sim: OdooSimulator; client: OdooClient }> {
  const sim = await startOdooSimulator({ port: 0, ...simOptions });
  const { db, username, password } = sim.state.credentials;
  const client = new OdooClient({ baseUrl: sim.url, db, username, password, ...clientOptions });
  return { sim, client };
}
