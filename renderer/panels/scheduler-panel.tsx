import { useConsoleState } from '../console-context';
import { interval, localTime } from '../format/display';

export function SchedulerPanel() {
  const scheduler = useConsoleState((state) => state.snapshot?.scheduler ?? null);
  const changing = useConsoleState((state) => state.scheduler);
  const setPaused = useConsoleState((state) => state.setSchedulerPaused);
  const manualRuns = useConsoleState((state) => state.manualRuns);
  const runTask = useConsoleState((state) => state.runTask);
  if (!scheduler) return null;
  return (
    <section className="card scheduler" aria-labelledby="scheduler-title">
      <header className="card-header">
        <h2 id="scheduler-title">Scheduler</h2>
        <span className={`badge ${scheduler.paused ? 'state-degraded' : 'state-ok'}`} data-testid="scheduler-state">
          {scheduler.paused ? 'paused' : 'running'}
        </span>
        <button
          type="button"
          data-testid="scheduler-toggle"
          disabled={changing.changing}
          onClick={() => void setPaused(!scheduler.paused)}
        >
          {scheduler.paused ? 'Resume' : 'Pause'}
        </button>
      </header>
      {changing.error && (
        <p role="alert" className="tone-bad">
          {changing.error}
        </p>
      )}
      <table className="table compact" aria-label="Scheduled tasks">
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col" className="number">Every</th>
            <th scope="col">Next run</th>
            <th scope="col">
              <span className="visually-hidden">Run now</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {scheduler.tasks.map((task) => (
            <tr key={task.task} data-testid="scheduler-task">
              <td>
                {task.task}
                {task.running && <span className="badge state-ok">running</span>}
              </td>
              <td className="number">{task.enabled ? interval(task.intervalMinutes) : 'off'}</td>
              <td>{task.enabled && !scheduler.paused ? localTime(task.nextRunAt) : '—'}</td>
              <td>
                <button
                  type="button"
                  aria-label={`Run ${task.task} now`}
                  disabled={task.running || manualRuns.running.includes(task.task)}
                  onClick={() => void runTask(task.task)}
                >
                  Run
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {manualRuns.last && (
        <p className={manualRuns.last.failed ? 'tone-bad' : undefined} data-testid="task-run-outcome" role="status">
          {manualRuns.last.task} {manualRuns.last.text}
        </p>
      )}
    </section>
  );
}
