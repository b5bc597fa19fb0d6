/** Task intervals (in minutes, as the plant's keys take them) for a loop that turns in seconds against fast simulators. */
export const FAST_LOOP: Record<string, string> = {
  ENABLE_AUTO_SYNC: 'true',
  SYNC_INTERVAL_MINUTES: String(0.3 / 60),
  PLC_READ_INTERVAL_MINUTES: String(0.1 / 60),
  PROCESS_COMPLETED_INTERVAL_MINUTES: String(0.15 / 60),
  HEALTH_MONITOR_INTERVAL_MINUTES: String(1 / 60),
  EQUIPMENT_FAILURE_INTERVAL_MINUTES: String(1 / 60),
  ODOO_RETRY_BASE_SEC: '0.1',
  ODOO_RETRY_MAX_MINUTES: String(0.5 / 60),
  PLC_TIMEOUT_SEC: '0.15',
};
