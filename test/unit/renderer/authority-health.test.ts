import { describe, expect, it } from 'vitest';
import { STALE_MIRROR_MS, authorityName, describeMirrorLag, describeOffline } from '../../../renderer/state/authority-health';
import type { AuthorityStatus } from '../../../shared/domain';
import { inLanguage } from './i18n-fixture';

const { t, format } = inLanguage('en');
const lagOf = (authority: AuthorityStatus) => describeMirrorLag(authority, NOW, t, format);
const offlineOf = (authority: AuthorityStatus) => describeOffline(authority, NOW, t, format);

const local = (hours: number, minutes: number, seconds: number) => new Date(2026, 10, 28, hours, minutes, seconds).toISOString();
const NOW = local(8, 20, 0);

const standalone: AuthorityStatus = { kind: 'sqlite', offlineSince: null, mirror: null, driver: null, drivesPlc: true };
const plant = (change: Partial<AuthorityStatus> = {}): AuthorityStatus => ({
  kind: 'postgres',
  offlineSince: null,
  mirror: { lagMs: 0, lastSyncAt: local(8, 19, 58) },
  driver: { station: 'A-12', since: local(8, 14, 0), heartbeatAt: local(8, 19, 55) },
  drivesPlc: true,
  ...change,
});

describe('authorityName', () => {
  it('names the database as the plant knows it', () => {
    expect([authorityName('sqlite'), authorityName('postgres')]).toEqual(['SQLite', 'PostgreSQL']);
  });
});

describe('describeMirrorLag', () => {
  it('says nothing in standalone mode, where there is no mirror', () => {
    expect(lagOf(standalone)).toBeNull();
  });

  it('says how far the mirror is behind while the authority answers', () => {
    expect(lagOf(plant())).toEqual({ text: 'mirror up to date', tone: 'good' });
    expect(lagOf(plant({ mirror: { lagMs: 120, lastSyncAt: NOW } }))).toEqual({ text: 'mirror 120 ms behind', tone: 'neutral' });
    expect(lagOf(plant({ mirror: { lagMs: null, lastSyncAt: null } }))).toEqual({ text: 'mirror not synced yet', tone: 'warning' });
  });

  it('warns once the mirror has missed several catch-ups', () => {
    expect(lagOf(plant({ mirror: { lagMs: STALE_MIRROR_MS - 1, lastSyncAt: NOW } }))?.tone).toBe('neutral');
    expect(lagOf(plant({ mirror: { lagMs: STALE_MIRROR_MS, lastSyncAt: NOW } }))).toEqual({ text: 'mirror 30 s behind', tone: 'warning' });
  });

  it('while offline, says when the mirror last heard from the authority instead of a growing lag', () => {
    const offline = plant({ offlineSince: local(8, 14, 7), mirror: { lagMs: 353_000, lastSyncAt: local(8, 14, 5) } });
    expect(lagOf(offline)).toEqual({ text: 'mirror last synced 08:14:05', tone: 'bad' });
    expect(lagOf(plant({ offlineSince: local(8, 14, 7), mirror: { lagMs: null, lastSyncAt: null } }))).toEqual({
      text: 'mirror never synced',
      tone: 'bad',
    });
  });
});

describe('describeOffline', () => {
  it('is silent while the authority answers', () => {
    expect(offlineOf(plant())).toBeNull();
    expect(offlineOf(standalone)).toBeNull();
  });

  it('says since when, which database, that the screen shows the mirror, and that actions will say so', () => {
    expect(offlineOf(plant({ offlineSince: local(8, 14, 5) }))).toBe(
      'Offline since 08:14:05 — PostgreSQL unreachable. Showing the last known state (mirror). ' +
        'Sync now and other actions need the database and will say so.',
    );
  });

  it('does not promise a mirror the station does not have', () => {
    expect(offlineOf({ ...standalone, offlineSince: local(8, 14, 5) })).toBe(
      'Offline since 08:14:05 — SQLite unreachable. Showing the last known state. Sync now and other actions need the database and will say so.',
    );
  });
});
