import { useState } from 'react';
import { useConsoleState } from './console-context';
import { ArchivePanel } from './panels/archive-panel';
import { AuthorityOfflineBanner } from './panels/authority-offline-banner';
import { ConnectionBanner } from './panels/connection-banner';
import { ConnectionsPanel } from './panels/connections-panel';
import { LogPanel } from './panels/log-panel';
import { OutboxPanel } from './panels/outbox-panel';
import { QueueCount } from './panels/queue-count';
import { QueueTable } from './panels/queue-table';
import { RunsHistory } from './panels/runs-history';
import { SchedulerPanel } from './panels/scheduler-panel';
import { StationLine } from './panels/station-line';
import { SyncNow } from './panels/sync-now';
import { WarningsPanel } from './panels/warnings-panel';

const TABS = [
  { id: 'queue', label: 'Queue', Panel: QueueTable },
  { id: 'runs', label: 'Runs', Panel: RunsHistory },
  { id: 'archive', label: 'Archive', Panel: ArchivePanel },
  { id: 'log', label: 'Log', Panel: LogPanel },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function App() {
  const snapshotError = useConsoleState((state) => state.snapshotError);
  const [tab, setTab] = useState<TabId>('queue');
  const active = TABS.find((candidate) => candidate.id === tab) ?? TABS[0];

  return (
    <div className="console">
      <header className="console-header">
        <h1>Smart MO Sync</h1>
        <StationLine />
      </header>
      <ConnectionBanner />
      <AuthorityOfflineBanner />
      {snapshotError && (
        <div role="alert" className="banner banner-lost">
          The engine could not report its state: {snapshotError}
        </div>
      )}
      <main className="console-grid">
        <div className="column">
          <QueueCount />
          <SyncNow />
        </div>
        <div className="column">
          <SchedulerPanel />
          <ConnectionsPanel />
        </div>
        <WarningsPanel />
        <OutboxPanel />
        <section className="card tabs-card">
          <div role="tablist" aria-label="Views" className="tabs">
            {TABS.map(({ id, label }) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`tab-${id}`}
                aria-selected={id === tab}
                aria-controls="tab-panel"
                data-testid={`tab-${id}`}
                onClick={() => setTab(id)}
              >
                {label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id="tab-panel" aria-labelledby={`tab-${active.id}`}>
            <active.Panel />
          </div>
        </section>
      </main>
    </div>
  );
}
