import { OUTCOMES, TASK_NAMES } from '../../shared/domain';
import { useConsoleState } from '../console-context';
import type { RunsQuery } from '../state/live-runs';
import { localTime } from '../format/display';
import { FilterSelect } from './filter-select';
import { RunsPager } from './runs-pager';

/** Every fetch, skip and error with its reason; new runs arrive by push. */
export function RunsHistory() {
  const runs = useConsoleState((state) => state.runs);
  const showRuns = useConsoleState((state) => state.showRuns);
  const { query } = runs;
  // The filter without its cursor: a new filter or a jump starts from its own newest runs.
  const filter = { pageSize: query.pageSize, task: query.task, outcome: query.outcome };

  return (
    <section aria-label="Fetch and skip history" data-testid="runs" aria-busy={runs.loading}>
      <div className="filters">
        <FilterSelect
          label="Task"
          testId="runs-filter-task"
          options={TASK_NAMES}
          value={query.task}
          onChange={(task) => void showRuns({ ...filter, task })}
        />
        <FilterSelect
          label="Outcome"
          testId="runs-filter-outcome"
          options={OUTCOMES}
          value={query.outcome}
          onChange={(outcome) => void showRuns({ ...filter, outcome })}
        />
      </div>
      {runs.error && (
        <p role="alert" className="tone-bad">
          {runs.error}
        </p>
      )}
      <table className="table" aria-label="Runs">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Task</th>
            <th scope="col">Trigger</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reason</th>
            <th scope="col">MOs</th>
          </tr>
        </thead>
        <tbody>
          {runs.shown?.items.map((run) => (
            <tr key={run.id} data-testid="run-row">
              <td>{localTime(run.startedAt)}</td>
              <td>{run.task}</td>
              <td>{run.trigger}</td>
              <td>
                <span className={`badge outcome-${run.outcome}`}>{run.outcome}</span>
              </td>
              <td>{run.reason}</td>
              <td className="mo-ids">{run.moIds.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.shown && runs.shown.items.length === 0 && <p className="empty">No runs match.</p>}
      {runs.shown && (
        <RunsPager
          shown={runs.shown}
          at={query.at}
          onNewer={() => void showRuns({ ...filter, after: runs.shown?.items[0]?.id ?? 0 })}
          onOlder={() => void showRuns(olderThan(filter, runs.shown?.items.at(-1)?.id))}
          onJump={(at) => void showRuns(at === undefined ? filter : { ...filter, at })}
        />
      )}
    </section>
  );
}

/** The page older than the last run shown; with none shown (all of them newer), the newest page. */
function olderThan(filter: RunsQuery, lastId: number | undefined): RunsQuery {
  return lastId === undefined ? filter : { ...filter, before: lastId };
}
