/**
 * The station's role in the plant: it drives the PLC while it holds the
 * lease in PostgreSQL; the authority's health is what the mirror sees
 * (it is the part of the station that is always talking to PostgreSQL).
 */
import type { AuthorityStatus } from '../../shared/domain';
import type { Mirror } from '../store/mirror/mirror';
import type { StationLease } from '../store/lease/station-lease';
import type { StationRole } from './station-role';

export function plantRole(lease: StationLease, mirror: Mirror): StationRole {
  return {
    drivesPlc: () => lease.isDriver(),
    status(): AuthorityStatus {
      const mirrored = mirror.status();
      return {
        kind: 'postgres',
        offlineSince: mirrored.online ? null : mirrored.offlineSince,
        mirror: { lagMs: mirrored.lagMs, lastSyncAt: mirrored.lastSyncAt },
        driver: lease.driver(),
        drivesPlc: lease.isDriver(),
      };
    },
    onChange(listener) {
      const stops = [lease.onChange(() => listener()), mirror.onStatus(() => listener())];
      return () => stops.forEach((stop) => stop());
    },
    async stop() {
      await Promise.allSettled([lease.stop(), mirror.stop()]);
    },
  };
}
