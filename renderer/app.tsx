import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi, useConsoleState } from './console-context';
import { applyDefaultLanguage } from './i18n';
import { AlarmBanner } from './panels/alarms/alarm-banner';
import { AlarmLiveRegion } from './panels/alarms/alarm-live-region';
import { AlarmsView } from './panels/alarms/alarms-view';
import { ArchivePanel } from './panels/archive-panel';
import { AuthorityOfflineBanner } from './panels/authority-offline-banner';
import { ConnectionBanner } from './panels/connection-banner';
import { AuditView } from './panels/control/audit-view';
import { WhenAllowed } from './panels/control/when-allowed';
import { EngineerView } from './panels/engineer/engineer-view';
import { HeldWaveStrip } from './panels/held-wave';
import { LogPanel } from './panels/log-panel';
import { NewWavesPausedStrip, PauseNewWaves } from './panels/new-waves-pause';
import { FirstRunBanner } from './panels/people/first-run-banner';
import { SignedOutNotice } from './panels/people/signed-out-notice';
import { QueueCount } from './panels/queue-count';
import { QueueTable } from './panels/queue-table';
import { WaveProgressLine } from './panels/queue/wave-progress-line';
import { ReportsView } from './panels/reports/reports-view';
import { RunsHistory } from './panels/runs-history';
import { ConsoleHeader } from './panels/shell/console-header';
import { ViewTabs, type ViewTab } from './panels/shell/view-tabs';
import { SyncNow } from './panels/sync-now';

const NO_ALARMS: never[] = [];

const PANELS = {
  queue: <QueueTable />,
  alarms: <AlarmsView />,
  runs: <RunsHistory />,
  archive: <ArchivePanel />,
  reports: <ReportsView />,
  log: <LogPanel />,
  audit: (
    <WhenAllowed request="listAudit" testId="audit">
      <AuditView />
    </WhenAllowed>
  ),
  engineer: <EngineerView />,
} as const;

/**
 * The operator's screen (ISA-101): header, alarms and the paused-waves strip on every view; on the
 * left what is read from across the room (batches in the PLC, wave progress, Sync now); on the right
 * the views. While the engine link is down everything shown is the last known state, greyed.
 */
export function App() {
  const { t, i18n } = useTranslation('shell');
  const api = useConsoleApi();
  const snapshotError = useConsoleState((state) => state.snapshotError);
  const linkDown = useConsoleState((state) => state.connection !== 'open');
  const alarmCount = useConsoleState((state) => (state.snapshot?.alarms ?? NO_ALARMS).filter((alarm) => alarm.state !== 'shelved').length);

  useEffect(() => {
    // The plant's default language (UI_LANGUAGE) applies until the operator chooses one here.
    api.getConfig().then(
      (config) => applyDefaultLanguage(i18n, config.uiLanguage),
      () => undefined,
    );
  }, [api, i18n]);

  const tabs: ViewTab[] = Object.entries(PANELS).map(([id, panel]) => ({
    id: id as keyof typeof PANELS,
    panel,
    badge:
      id === 'alarms' && alarmCount > 0 ? (
        <span className="tab-count" data-testid="tab-alarms-count">
          {' '}
          {alarmCount}
        </span>
      ) : undefined,
  }));

  return (
    <div className={`console${linkDown ? ' link-down' : ''}`}>
      <ConsoleHeader />
      <SignedOutNotice />
      <FirstRunBanner />
      <AlarmLiveRegion />
      <ConnectionBanner />
      <AuthorityOfflineBanner />
      {snapshotError && (
        <div role="alert" className="banner banner-lost">
          {t('snapshotError', { error: snapshotError })}
        </div>
      )}
      <NewWavesPausedStrip />
      <HeldWaveStrip />
      <AlarmBanner />
      <main className="console-main">
        <aside className="status-column" aria-label={t('status')}>
          <QueueCount />
          <WaveProgressLine />
          <SyncNow />
          <PauseNewWaves />
        </aside>
        <ViewTabs tabs={tabs} />
      </main>
    </div>
  );
}
