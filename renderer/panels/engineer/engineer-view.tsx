import { ConnectionsPanel } from '../connections-panel';
import { OutboxPanel } from '../outbox-panel';
import { SchedulerPanel } from '../scheduler-panel';
import { ConfigDetails } from './config-details';

/** Everything technical, one tab away from the operator's views: timers, connections, Odoo outbox, configuration. */
export function EngineerView() {
  return (
    <div className="engineer-view">
      <SchedulerPanel />
      <ConnectionsPanel />
      <OutboxPanel />
      <ConfigDetails />
    </div>
  );
}
