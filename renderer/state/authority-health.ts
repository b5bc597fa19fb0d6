/**
 * The authority's health in the operator's words: which database holds the
 * queue's truth, how far this station's mirror lags behind it, and the
 * "offline since …" notice while it is unreachable (../shared/DESIGN.md
 * "Data: who is the authority": the gate is never decided on the mirror).
 */
import type { TFunction } from 'i18next';
import type { AuthorityStatus } from '../../shared/domain';
import type { Formatter } from '../format/locale-format';
import type { Tone } from './sync-outcome';

/**
 * The mirror catches up at least every 10 s (electron/store/mirror/mirror.ts,
 * catchUpIntervalMs); a lag of three missed catch-ups is worth a glance.
 */
export const STALE_MIRROR_MS = 30_000;

export interface MirrorLag {
  text: string;
  tone: Tone;
}

export function authorityName(kind: AuthorityStatus['kind']): string {
  return kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
}

/** "mirror up to date", "mirror 120 ms behind", "mirror last synced 08:14:05" (offline); null without a mirror (standalone). */
export function describeMirrorLag(authority: AuthorityStatus, reference: string, t: TFunction, format: Formatter): MirrorLag | null {
  const { mirror } = authority;
  if (mirror === null) return null;
  if (authority.offlineSince !== null) {
    return {
      text: mirror.lastSyncAt === null ? t('shell:mirror.never') : t('shell:mirror.lastSynced', { time: format.dateTime(mirror.lastSyncAt, reference) }),
      tone: 'bad',
    };
  }
  if (mirror.lagMs === null) return { text: t('shell:mirror.notYet'), tone: 'warning' };
  if (mirror.lagMs <= 0) return { text: t('shell:mirror.upToDate'), tone: 'good' };
  return { text: t('shell:mirror.behind', { lag: format.duration(mirror.lagMs) }), tone: mirror.lagMs >= STALE_MIRROR_MS ? 'warning' : 'neutral' };
}

/** The banner's sentence while the authority is unreachable; null while it answers. */
export function describeOffline(authority: AuthorityStatus, reference: string, t: TFunction, format: Formatter): string | null {
  if (authority.offlineSince === null) return null;
  return t(authority.mirror === null ? 'shell:offline.withoutMirror' : 'shell:offline.withMirror', {
    time: format.dateTime(authority.offlineSince, reference),
    database: authorityName(authority.kind),
  });
}
