import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentView, useShowView, type ViewId } from '../../state/current-view';
import { tabAfterKey } from '../../state/tab-keys';

export interface ViewTab {
  id: ViewId;
  /** A count or mark after the name ("Alarms 3"), already in words. */
  badge?: ReactNode;
  panel: ReactNode;
}

/** WAI-ARIA tabs: one tab stop (roving tabindex), arrows move and select, Home/End jump. */
export function ViewTabs({ tabs }: { tabs: readonly ViewTab[] }) {
  const { t } = useTranslation('shell');
  const view = useCurrentView();
  const showView = useShowView();
  const buttons = useRef(new Map<ViewId, HTMLButtonElement>());
  const active = tabs.find((tab) => tab.id === view) ?? tabs[0];
  if (!active) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const current = tabs.findIndex((tab) => tab.id === active.id);
    const next = tabAfterKey(event.key, current, tabs.length);
    const target = next === null ? undefined : tabs[next];
    if (!target) return;
    event.preventDefault();
    showView(target.id);
    buttons.current.get(target.id)?.focus();
  };

  return (
    <section className="views">
      <div role="tablist" aria-label={t('views')} className="tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(element) => {
              if (element) buttons.current.set(tab.id, element);
              else buttons.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === active.id}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === active.id ? 0 : -1}
            data-testid={`tab-${tab.id}`}
            onClick={() => showView(tab.id)}
          >
            {t(`tab.${tab.id}`)}
            {tab.badge}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active.id}`} aria-labelledby={`tab-${active.id}`} className="view-panel" tabIndex={0}>
        {active.panel}
      </div>
    </section>
  );
}
