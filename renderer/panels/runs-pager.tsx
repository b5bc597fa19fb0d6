import type { RunPage } from '../../shared/domain';

interface RunsPagerProps {
  shown: RunPage;
  /** The moment jumped to (ISO), when the page was found by date. */
  at: string | undefined;
  onNewer(): void;
  onOlder(): void;
  /** An ISO moment, or undefined for the newest runs. */
  onJump(at: string | undefined): void;
}

/** Local 'YYYY-MM-DDTHH:MM' as a datetime-local input holds it. */
function localInputValue(iso: string): string {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * Older/Newer by run, and a jump to a date: the run log holds months of runs, so
 * it is paged from a run (keyset), never counted or numbered.
 */
export function RunsPager({ shown, at, onNewer, onOlder, onJump }: RunsPagerProps) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={!shown.hasNewer} onClick={onNewer}>
        Newer
      </button>
      <label>
        Jump to{' '}
        <input
          type="datetime-local"
          data-testid="runs-jump-to"
          value={at ? localInputValue(at) : ''}
          onChange={(event) => onJump(event.target.value ? new Date(event.target.value).toISOString() : undefined)}
        />
      </label>
      <button type="button" disabled={!shown.hasOlder} onClick={onOlder}>
        Older
      </button>
    </nav>
  );
}
