import { ConnectionsPanel } from '../connections-panel';
import { EngineerActions } from '../control/engineer-actions';
import { PlcViewPanel } from '../control/plc-view-panel';
import { SettingsEditor } from '../control/settings-editor';
import { OutboxPanel } from '../outbox-panel';
import { UsersPanel } from '../people/users-panel';
import { SchedulerPanel } from '../scheduler-panel';
import { ConfigDetails } from './config-details';

/**
 * Everything technical, one tab away from the operator's views: timers, connections, Odoo outbox,
 * the engineer's signed actions, the PLC's memory by name, configuration, settings, users.
 */
export function EngineerView() {
  return (
    <div className="engineer-view">
      <SchedulerPanel />
      <ConnectionsPanel />
      <OutboxPanel />
      <EngineerActions />
      <PlcViewPanel />
      <ConfigDetails />
      <SettingsEditor />
      <UsersPanel />
    </div>
  );
}
