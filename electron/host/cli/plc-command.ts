import { DM_WORDS } from '../../plc/dm-memory';
import { FinsClient } from '../../plc/fins-client';
import { PlcError } from '../../plc/fins-plc-error';
import { parseFlags } from './cli-flags';
import { UsageError } from './cli-io';

/**
 * Engineer diagnostics: read or write DM words on a PLC over FINS, e.g.
 *   plc read D7000 77 --host 192.168.1.2
 *   plc write D7076 1 --protocol tcp
 * `args` are the words after "plc". Exit codes: 0 done, 1 the PLC request
 * failed, 2 the command line is wrong (one line says what).
 */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = [
  'usage: plc read <address> <count> [options]',
  '       plc write <address> <word> [more words...] [options]',
  '  <address>  DM word, D7000 or 7000 (D0..D32767); <word> 0..65535 or 0x0000..0xFFFF',
  '  --host H   PLC address (default 127.0.0.1)     --port P  FINS port (default 9600)',
  '  --protocol udp|tcp (default udp)               --timeout SEC  per attempt (default 2)',
  '  --json     machine-readable output',
];

const OPTIONS = {
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'string', default: '9600' },
  protocol: { type: 'string', default: 'udp' },
  timeout: { type: 'string', default: '2' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type PlcAction = { kind: 'read'; address: number; count: number } | { kind: 'write'; address: number; words: number[] };

interface PlcInvocation {
  action: PlcAction;
  host: string;
  port: number;
  protocol: 'udp' | 'tcp';
  timeoutMs: number;
  json: boolean;
}


export async function runPlcCommand(args: string[], io: CommandIo): Promise<number> {
  let invocation: PlcInvocation | 'help';
  try {
    invocation = parseInvocation(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`plc: ${error.message} (see plc --help)`);
    return 2;
  }
  if (invocation === 'help') {
    USAGE.forEach((line) => io.out(line));
    return 0;
  }
  return execute(invocation, io);
}

async function execute(invocation: PlcInvocation, io: CommandIo): Promise<number> {
  const { action, host, port, protocol, timeoutMs, json } = invocation;
  const client = new FinsClient({ host, port, protocol, timeoutMs });
  try {
    if (action.kind === 'read') {
      const words = await client.readDm(action.address, action.count);
      if (json) io.out(JSON.stringify({ address: action.address, count: words.length, words }));
      else formatTable(action.address, words).forEach((line) => io.out(line));
    } else {
      await client.writeDm(action.address, action.words);
      const { address, words } = action;
      if (json) io.out(JSON.stringify({ address, count: words.length, words }));
      else io.out(`wrote ${words.length} word${words.length === 1 ? '' : 's'} to D${address}${words.length > 1 ? `..D${address + words.length - 1}` : ''}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof PlcError)) throw error;
    io.err(`plc ${action.kind} failed: ${error.message}`);
    return 1;
  } finally {
    await client.close();
  }
}

function parseInvocation(args: string[]): PlcInvocation | 'help' {
  // parseArgs would take "-5" for an unknown option; say what is really wrong with it.
  const negative = args.find((arg) => /^-\d/.test(arg));
  if (negative !== undefined) throw new UsageError(`bad value '${negative}': negative numbers are not allowed`);
  const { values, positionals } = parseFlags(args, OPTIONS, true);
  if (values.help) return 'help';
  const [verb, addressText, ...rest] = positionals;
  if (verb === undefined) throw new UsageError('missing action: read or write');
  if (verb !== 'read' && verb !== 'write') throw new UsageError(`unknown action '${verb}': expected read or write`);
  if (addressText === undefined) throw new UsageError(`missing address for ${verb}`);
  const address = parseAddress(addressText);
  return {
    action: verb === 'read' ? parseRead(address, rest) : parseWrite(address, rest),
    host: parseHost(values.host),
    port: parseInteger('--port', values.port, 1, 65535),
    protocol: parseProtocol(values.protocol),
    timeoutMs: parseTimeout(values.timeout),
    json: values.json,
  };
}

function parseRead(address: number, rest: string[]): PlcAction {
  const [countText, ...extra] = rest;
  if (countText === undefined) throw new UsageError('missing word count for read');
  if (extra.length > 0) throw new UsageError(`unexpected '${extra.join(' ')}' after the word count`);
  return { kind: 'read', address, count: parseInteger('count', countText, 1, DM_WORDS - address) };
}

function parseWrite(address: number, rest: string[]): PlcAction {
  if (rest.length === 0) throw new UsageError('missing words to write');
  if (address + rest.length > DM_WORDS) throw new UsageError(`${rest.length} words from D${address} run past D${DM_WORDS - 1}`);
  return { kind: 'write', address, words: rest.map((text, i) => parseWord(text, address + i)) };
}

function parseAddress(text: string): number {
  const match = /^[Dd]?(\d{1,5})$/.exec(text);
  const address = match?.[1] === undefined ? NaN : Number(match[1]);
  if (!(address < DM_WORDS)) throw new UsageError(`bad address '${text}': expected D0..D${DM_WORDS - 1} (e.g. D7000 or 7000)`);
  return address;
}

function parseWord(text: string, address: number): number {
  const word = /^\d{1,5}$/.test(text) ? Number(text) : /^0x[0-9a-f]{1,4}$/i.test(text) ? Number.parseInt(text.slice(2), 16) : NaN;
  if (!(word <= 0xffff)) throw new UsageError(`bad word '${text}' for D${address}: expected 0..65535 or 0x0000..0xFFFF`);
  return word;
}

function parseInteger(name: string, text: string, min: number, max: number): number {
  const value = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) throw new UsageError(`bad ${name} '${text}': expected a whole number ${min}..${max}`);
  return value;
}

function parseHost(text: string): string {
  if (text.trim() === '') throw new UsageError('bad --host: empty');
  return text.trim();
}

function parseProtocol(text: string): 'udp' | 'tcp' {
  if (text !== 'udp' && text !== 'tcp') throw new UsageError(`bad --protocol '${text}': expected udp or tcp`);
  return text;
}

function parseTimeout(text: string): number {
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(seconds >= 0.001 && seconds <= 60)) throw new UsageError(`bad --timeout '${text}': expected seconds, 0.001..60`);
  return Math.round(seconds * 1000);
}

/** One row per word: address, decimal, hex, and the two ASCII characters (PLC strings are 2 chars per word, high byte first). */
function formatTable(address: number, words: number[]): string[] {
  const width = Math.max('address'.length, `D${address + words.length - 1}`.length);
  const header = `${'address'.padEnd(width)}  decimal  hex     ascii`;
  return [header, ...words.map((word, i) => `${`D${address + i}`.padEnd(width)}  ${String(word).padStart(7)}  0x${word.toString(16).toUpperCase().padStart(4, '0')}  ${asciiPair(word)}`)];
}

function asciiPair(word: number): string {
  return [word >> 8, word & 0xff].map((byte) => (byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '.')).join('');
}

