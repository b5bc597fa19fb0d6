/**
 * The desktop shell's words (tray, notification, quit warning) in the plant's language
 * (UI_LANGUAGE). They live with the console's messages (renderer/i18n/locales/<language>/desktop.json),
 * so both languages are held to the same keys; alarm titles are the console's own.
 */
import i18next, { type TFunction } from 'i18next';
import type { Alarm } from '../../shared/domain';
import enAlarms from '../../renderer/i18n/locales/en/alarms.json';
import enDesktop from '../../renderer/i18n/locales/en/desktop.json';
import idAlarms from '../../renderer/i18n/locales/id/alarms.json';
import idDesktop from '../../renderer/i18n/locales/id/desktop.json';
import { alarmTitleKey } from '../../renderer/panels/alarms/alarm-title-key';
import type { EngineConfig } from '../engine/config';
import type { PlantState } from './plant-state';

export type DesktopLanguage = EngineConfig['uiLanguage'];

export interface QuitQuestion {
  title: string;
  message: string;
  detail: string;
  /** [quit, keep running]: the safe answer second, so it can be the default and the Escape key. */
  buttons: [string, string];
}

export interface DesktopText {
  /** "Smart MO Sync — 4 batches in the PLC, 1 high alarm". */
  trayTooltip(state: PlantState): string;
  menu: { show: string; quit: string };
  alarmNotification(alarm: Pick<Alarm, 'key' | 'kind'>): { title: string; body: string };
  quitQuestion(pendingOdooCalls: number): QuitQuestion;
}

export function desktopText(language: DesktopLanguage): DesktopText {
  const t = translator(language);
  return {
    trayTooltip: (state) => {
      const parts = [t('tray.batches', { count: state.batchesInPlc }), t('tray.highAlarms', { count: state.highAlarms })];
      if (state.linksDown.length > 0) {
        parts.push(t('tray.linksDown', { links: state.linksDown.map((target) => t(`tray.link.${target}`)).join(', ') }));
      }
      return t('tray.tooltip', { state: parts.join(', ') });
    },
    menu: { show: t('tray.show'), quit: t('tray.quit') },
    alarmNotification: (alarm) => ({
      title: t('notification.title'),
      body: t('notification.body', { title: t(alarmTitleKey(alarm), { ns: 'alarms' }) }),
    }),
    quitQuestion: (pendingOdooCalls) => ({
      title: t('quit.title'),
      message: t('quit.message', { count: pendingOdooCalls }),
      detail: t('quit.detail'),
      buttons: [t('quit.confirm'), t('quit.keep')],
    }),
  };
}

function translator(language: DesktopLanguage): TFunction {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { desktop: enDesktop, alarms: enAlarms }, id: { desktop: idDesktop, alarms: idAlarms } },
    lng: language,
    fallbackLng: 'en',
    ns: ['desktop', 'alarms'],
    defaultNS: 'desktop',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance.t;
}
