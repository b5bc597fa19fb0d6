import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../console-context';
import { useFormat } from '../format/locale-format';
import { useEngineText } from '../i18n/engine-text';
import { driverOnlyRefusal } from '../state/station-role';
import { GuardedButton } from './people/guarded-button';
import { useTaskName } from './engineer/task-name';

/**
 * The engine's timers, for the engineer. "Stop all timers" stops every task, PLC reading included —
 * which is why the operator's "Pause new waves" is a different switch.
 */
export function SchedulerPanel() {
  const { t } = useTranslation('engineer');
  const format = useFormat();
  const taskName = useTaskName();
  const engineText = useEngineText();
  const scheduler = useConsoleState((state) => state.snapshot?.scheduler ?? null);
  const authority = useConsoleState((state) => state.snapshot?.authority ?? null);
  const generatedAt = useConsoleState((state) => state.snapshot?.generatedAt);
  const changing = useConsoleState((state) => state.scheduler);
  const setPaused = useConsoleState((state) => state.setSchedulerPaused);
  const manualRuns = useConsoleState((state) => state.manualRuns);
  const runTask = useConsoleState((state) => state.runTask);
  if (!scheduler) return null;
  const last = manualRuns.last;
  return (
    <section className="card scheduler" aria-labelledby="scheduler-title">
      <header className="card-header">
        <h2 id="scheduler-title">{t('scheduler.title')}</h2>
        <span className={`state-word${scheduler.paused ? ' abnormal' : ''}`} data-testid="scheduler-state" data-state={scheduler.paused ? 'paused' : 'running'}>
          <span aria-hidden="true">{scheduler.paused ? '⏸ ' : '● '}</span>
          {t(scheduler.paused ? 'scheduler.stopped' : 'scheduler.running')}
        </span>
        <GuardedButton
          request="setSchedulerPaused"
          data-testid="scheduler-toggle"
          aria-disabled={changing.changing}
          onClick={() => !changing.changing && void setPaused(!scheduler.paused)}
        >
          {t(scheduler.paused ? 'scheduler.start' : 'scheduler.stop')}
        </GuardedButton>
      </header>
      <p className="muted">{t('scheduler.explain')}</p>
      {changing.error && (
        <p role="alert" className="tone-bad">
          {changing.error}
        </p>
      )}
      <table className="table compact" aria-label={t('scheduler.tasks')}>
        <thead>
          <tr>
            <th scope="col">{t('scheduler.task')}</th>
            <th scope="col" className="number">
              {t('scheduler.every')}
            </th>
            <th scope="col">{t('scheduler.nextRun')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('scheduler.runNow')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {scheduler.tasks.map((task) => {
            // A monitoring station may watch these tasks but not run them: the PLC belongs to the station holding the lease.
            const refusal = authority ? driverOnlyRefusal(task.task, authority, t) : null;
            const blocked = refusal !== null || task.running || manualRuns.running.includes(task.task);
            return (
              <tr key={task.task} data-testid="scheduler-task" data-task={task.task}>
                <td>
                  {taskName(task.task)} <code className="muted">{task.task}</code>
                  {task.running && <span className="state-word"> · {t('scheduler.busy')}</span>}
                </td>
                <td className="number">{task.enabled ? format.duration(task.intervalMinutes * 60_000) : t('scheduler.off')}</td>
                <td>{task.enabled && !scheduler.paused ? format.dateTime(task.nextRunAt, generatedAt) : '—'}</td>
                <td>
                  <GuardedButton
                    request="runTask"
                    input={{ task: task.task }}
                    aria-label={t('scheduler.runTask', { task: taskName(task.task) })}
                    data-task={task.task}
                    title={refusal ?? undefined}
                    disabled={blocked}
                    onClick={() => void runTask(task.task)}
                  >
                    {t('scheduler.run')}
                  </GuardedButton>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {last && (
        <p className={'error' in last || last.run.outcome === 'error' ? 'tone-bad' : undefined} data-testid="task-run-outcome" data-task={last.task} role="status">
          {taskName(last.task)}: {'error' in last ? last.error : `${t(`history:outcome.${last.run.outcome}`)} — ${engineText(last.run.reason).text}`}
          {'run' in last && (
            <>
              {' '}
              (<time dateTime={last.run.finishedAt}>{format.dateTime(last.run.finishedAt, generatedAt)}</time>)
            </>
          )}
        </p>
      )}
    </section>
  );
}
