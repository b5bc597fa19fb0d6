import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * The independent `omron-fins` package (untyped CommonJS) as a promise-based
 * peer for cross-checking our FINS server and client. Its replies are
 * validated at this boundary. Quirks from TOOLCHAIN.md: the first command
 * must wait a tick after 'open'; the callback is the third argument; it
 * reads words as signed 16-bit values.
 */
interface OmronFinsClient {
  on(event: 'open' | 'error', listener: (arg: unknown) => void): void;
  read(address: string, count: number, callback: (err: unknown, msg: unknown) => void): void;
  write(address: string, words: number[], callback: (err: unknown, msg: unknown) => void): void;
  disconnect(): void;
}

type OmronFinsModule = { FinsClient(port: number, host: string, options: Record<string, unknown>): OmronFinsClient };

const replySchema = z.object({
  response: z.object({ endCode: z.string(), values: z.array(z.number().int()).optional() }),
});

const omronFins = createRequire(import.meta.url)('omron-fins') as OmronFinsModule;

export class OmronFinsPeer {
  private constructor(private readonly client: OmronFinsClient) {}

  static async open(port: number, protocol: 'udp' | 'tcp'): Promise<OmronFinsPeer> {
    const client = omronFins.FinsClient(port, '127.0.0.1', { protocol, timeout: 2_000, DA1: 2, SA1: 1 });
    await new Promise<void>((resolve, reject) => {
      client.on('error', (error) => reject(error instanceof Error ? error : new Error(String(error))));
      client.on('open', () => setImmediate(resolve));
    });
    return new OmronFinsPeer(client);
  }

  async read(address: string, count: number): Promise<number[]> {
    const reply = await this.call((callback) => this.client.read(address, count, callback));
    return (reply.response.values ?? []).map((value) => value & 0xffff);
  }

  async write(address: string, words: number[]): Promise<void> {
    await this.call((callback) => this.client.write(address, words, callback));
  }

  close(): void {
    this.client.disconnect();
  }

  private call(send: (callback: (err: unknown, msg: unknown) => void) => void): Promise<z.infer<typeof replySchema>> {
    return new Promise((resolve, reject) => {
      send((err, msg) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const reply = replySchema.safeParse(msg);
        if (!reply.success) return reject(new Error(`omron-fins reply not understood: ${reply.error.message}`));
        if (reply.data.response.endCode !== '0000') return reject(new Error(`omron-fins got end code ${reply.data.response.endCode}`));
        resolve(reply.data);
      });
    });
  }
}
