import { useConsoleState } from '../console-context';
import { interval, localTime } from '../format/display';
import { driverOnlyRefusal } from '../state/station-role';

export function SchedulerPanel() {
  const scheduler = useConsoleState((state) => state.snapshot?.scheduler ?? null);
  const authority = useConsoleState((state) => state.snapshot?.authority ?? null);
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
          {scheduler.tasks.map((task) => {
            // A monitoring station may watch these tasks but not run them: the PLC belongs to the station holding the lease.
            const refusal = authority ? driverOnlyRefusal(task.task, authority) : null;
            return (
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
                    title={refusal ?? undefined}
                    disabled={refusal !== null || task.running || manualRuns.running.includes(task.task)}
                    onClick={() => void runTask(task.task)}
                  >
                    Run
                  </button>
                </td>
              </tr>
            );
          })}
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
