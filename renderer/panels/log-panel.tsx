import { useConsoleState } from '../console-context';
import { localTime } from '../format/display';

/** The engine's log as it happens (the newest LOG_LIMIT entries pushed since this page opened). */
export function LogPanel() {
  const logs = useConsoleState((state) => state.logs);
  if (logs.length === 0) return <p className="empty">No log entries since this screen opened.</p>;
  return (
    <ol className="log" aria-label="Engine log">
      {logs.map((entry, index) => (
        <li key={`${entry.time}-${logs.length - index}`} className={`log-${entry.level}`} data-testid="log-entry">
          <time dateTime={entry.time}>{localTime(entry.time)}</time>
          <span className={`badge level-${entry.level}`}>{entry.level}</span>
          {entry.task && <span className="log-task">{entry.task}</span>}
          <span className="log-message">{entry.message}</span>
        </li>
      ))}
    </ol>
  );
}
