/** Where a CLI command writes: lines for a person or JSON for a script. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 done, 1 the work failed (e.g. a sync ended in error), 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Resolves when the process is asked to stop (Ctrl-C, service manager). */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Resolves when `until` aborts (tests), or on SIGINT/SIGTERM when none is given. */
export async function stopRequested(until?: AbortSignal): Promise<void> {
  if (!until) {
    await untilSignal();
    return;
  }
  if (until.aborted) return;
  await new Promise<void>((resolve) => until.addEventListener('abort', () => resolve(), { once: true }));
}
