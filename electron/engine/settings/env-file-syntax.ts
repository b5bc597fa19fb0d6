/**
 * The syntax of the plant middleware's `.env` file, read the way its Python loader (python-dotenv)
 * reads it: `KEY=VALUE` lines, `export ` prefix, `#` comments, '…' and "…" quotes. Node's own
 * `util.parseEnv` is not used: it silently drops a malformed line (or glues it to the next key) and
 * cuts an unquoted `pa#ss` to `pa`, where the middleware reads `pa#ss` — a password that works for the
 * middleware would fail here with no hint. This reader is strict instead: a line it cannot read stops
 * start-up with its line number (never its text: it may hold a password).
 */

export interface EnvEntry {
  value: string;
  line: number;
  /** Holds `${NAME}`, which the middleware's loader expands and this app does not. */
  expands: boolean;
}

export class EnvSyntaxError extends Error {
  constructor(line: number, rule: string) {
    super(`line ${line}: ${rule}`);
    this.name = 'EnvSyntaxError';
  }
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=[^\S\r\n]*(.*))?$/s;
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v' };
const EXPANSION = /\$\{[^}]*\}/;

/** Entries by key in file order; a key given twice keeps its last value, as the middleware does. */
export function parseEnvText(text: string): Map<string, EnvEntry> {
  const entries = new Map<string, EnvEntry>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      if (/^\s*(#.*)?$/.test(raw)) return;
      const match = ASSIGNMENT.exec(raw);
      if (!match) throw new EnvSyntaxError(line, 'not a KEY=VALUE line (a comment starts with #)');
      const [, key = '', rest] = match;
      // A bare KEY (no "=") sets nothing, as for the middleware.
      if (rest === undefined) return;
      entries.delete(key);
      entries.set(key, { ...readValue(rest, line), line });
    });
  return entries;
}

function readValue(rest: string, line: number): { value: string; expands: boolean } {
  const quote = rest[0];
  if (quote !== "'" && quote !== '"') {
    const value = rest.replace(/\s+#.*$/s, '').trimEnd();
    return { value, expands: EXPANSION.test(value) };
  }
  const closed = new RegExp(`^${quote}((?:\\\\.|[^\\\\${quote}])*)${quote}(.*)$`, 's').exec(rest);
  if (!closed) throw new EnvSyntaxError(line, `the ${quote} quote is not closed on this line (a value over several lines is not read)`);
  const [, body = '', after = ''] = closed;
  if (!/^\s*(#.*)?$/s.test(after)) throw new EnvSyntaxError(line, 'text after the closing quote (only a # comment may follow)');
  if (quote === "'") return { value: body.replace(/\\([\\'])/g, '$1'), expands: false };
  const value = body.replace(/\\(.)/gs, (escape, char: string) => DOUBLE_QUOTE_ESCAPES[char] ?? (`\\'"`.includes(char) ? char : escape));
  return { value, expands: EXPANSION.test(body) };
}
