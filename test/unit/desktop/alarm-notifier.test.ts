import { describe, expect, it, vi } from 'vitest';
import { notifyNewHighAlarms, type NotificationLike } from '../../../electron/desktop/alarm-notifier';
import { desktopText } from '../../../electron/desktop/desktop-text';
import type { Snapshot } from '../../../shared/domain';
import { createFakeBackend } from '../../support/fake-backend';

class FakeNotification implements NotificationLike {
  shown = false;
  closed = false;
  private clickListener: () => void = () => undefined;
  constructor(readonly content: { title: string; body: string }) {}
  on(_event: 'click', listener: () => void): void {
    this.clickListener = listener;
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
  click(): void {
    this.clickListener();
  }
}

async function plantWithNotifier(language: 'en' | 'id' = 'en') {
  const fake = createFakeBackend();
  const notifications: FakeNotification[] = [];
  const showAlarms = vi.fn();
  const notify = notifyNewHighAlarms({
    notify: (content) => {
      const notification = new FakeNotification(content);
      notifications.push(notification);
      return notification;
    },
    text: desktopText(language),
    showAlarms,
  });
  let latest: Snapshot = await fake.backend.handlers.getSnapshot();
  fake.backend.subscribe('snapshot', (snapshot) => {
    latest = snapshot;
    notify(snapshot);
  });
  notify(latest);
  return { fake, notifications, showAlarms, repeat: () => notify(latest) };
}

describe('alarm notifications', () => {
  it('notifies a new high-priority alarm once, however many snapshots repeat it', async () => {
    const { fake, notifications, repeat } = await plantWithNotifier();

    fake.raiseAlarm({ kind: 'stuck-batch', priority: 'high' });
    repeat();
    await fake.backend.handlers.syncNow();

    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.shown).toBe(true);
    expect(notifications[0]?.content).toEqual({ title: 'High-priority alarm', body: 'Batch stuck in the PLC. Click to see the alarm list.' });
  });

  it('does not notify medium or low alarms', async () => {
    const { fake, notifications } = await plantWithNotifier();

    fake.raiseAlarm({ kind: 'failed-batch', priority: 'medium' });
    fake.raiseAlarm({ kind: 'odoo-backlog', priority: 'low' });

    expect(notifications).toHaveLength(0);
  });

  it('notifies again when the alarm returned and is raised again, each raise once', async () => {
    const { fake, notifications, repeat } = await plantWithNotifier();
    fake.raiseAlarm({ kind: 'connection-down', key: 'connection-down:plc', priority: 'high' });

    fake.clearAlarm('connection-down:plc');
    fake.raiseAlarm({ kind: 'connection-down', key: 'connection-down:plc', priority: 'high' });
    repeat();

    expect(notifications.map((n) => n.content.body)).toEqual([
      'No connection to the PLC. Click to see the alarm list.',
      'No connection to the PLC. Click to see the alarm list.',
    ]);
  });

  it('notifies a raise again even when no snapshot showed the alarm back to normal in between', async () => {
    const fake = createFakeBackend();
    const notify = vi.fn((content: { title: string; body: string }) => new FakeNotification(content));
    const take = notifyNewHighAlarms({ notify, text: desktopText('en'), showAlarms: () => undefined });
    take(await fake.backend.handlers.getSnapshot());
    fake.raiseAlarm({ kind: 'stuck-batch', priority: 'high' });
    take(await fake.backend.handlers.getSnapshot());

    fake.clearAlarm('stuck-batch');
    fake.raiseAlarm({ kind: 'stuck-batch', priority: 'high' });
    take(await fake.backend.handlers.getSnapshot());

    expect(notify).toHaveBeenCalledTimes(2);
  });

  it('withdraws the notification once the alarm is acknowledged, and does not notify it again', async () => {
    const { fake, notifications, repeat } = await plantWithNotifier();
    fake.raiseAlarm({ kind: 'stuck-batch', priority: 'high' });

    await fake.backend.handlers.acknowledgeAlarm({ key: 'stuck-batch' });
    repeat();

    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.closed).toBe(true);
  });

  it('leaves the alarms standing when the app opened to the console banner', async () => {
    const fake = createFakeBackend();
    fake.raiseAlarm({ kind: 'stuck-batch', priority: 'high' });
    const notify = vi.fn((content: { title: string; body: string }) => new FakeNotification(content));
    const take = notifyNewHighAlarms({ notify, text: desktopText('en'), showAlarms: () => undefined });

    take(await fake.backend.handlers.getSnapshot());
    take(await fake.backend.handlers.getSnapshot());

    expect(notify).not.toHaveBeenCalled();
  });

  it('shows the alarm list when the operator clicks the notification', async () => {
    const { fake, notifications, showAlarms } = await plantWithNotifier('id');
    fake.raiseAlarm({ kind: 'stuck-batch', priority: 'high' });

    notifications[0]?.click();

    expect(showAlarms).toHaveBeenCalledTimes(1);
    expect(notifications[0]?.content).toEqual({ title: 'Alarm prioritas tinggi', body: 'Batch macet di PLC. Klik untuk melihat daftar alarm.' });
  });
});
