import type { SettingView } from '../../../shared/domain';

export type SettingKind = 'secret' | 'boolean' | 'number' | 'text';

/**
 * Which field edits a setting. The view carries no types, so the value in force decides: true/false
 * is a switch, a number a number field. The engine validates every change as at start-up, so a
 * guess that offers a text field where a number was meant costs nothing but convenience.
 */
export function settingKind(setting: Pick<SettingView, 'secret' | 'value'>): SettingKind {
  if (setting.secret) return 'secret';
  if (setting.value === 'true' || setting.value === 'false') return 'boolean';
  if (setting.value !== null && setting.value.trim() !== '' && Number.isFinite(Number(setting.value))) return 'number';
  return 'text';
}
