import { describe, expect, it, vi } from 'vitest';
import { desktopText } from '../../../electron/desktop/desktop-text';
import { guardQuit, type QuitQuestionBox } from '../../../electron/desktop/quit-guard';

function guard(pending: number, answer: 'Quit anyway' | 'Keep running') {
  const asked: QuitQuestionBox[] = [];
  let release: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (release = resolve));
  const confirmQuit = guardQuit({
    pendingOdooCalls: () => pending,
    ask: async (question) => {
      asked.push(question);
      await answered;
      return { response: question.buttons.indexOf(answer) };
    },
    text: desktopText('en'),
  });
  return { confirmQuit, asked, answer: release };
}

describe('quit while Odoo calls wait', () => {
  it('quits without a question when no call waits', async () => {
    const { confirmQuit, asked } = guard(0, 'Keep running');

    await expect(confirmQuit()).resolves.toBe(true);
    expect(asked).toEqual([]);
  });

  it('asks, naming how many calls wait; "Keep running" keeps the app', async () => {
    const { confirmQuit, asked, answer } = guard(3, 'Keep running');

    const decision = confirmQuit();
    answer();

    await expect(decision).resolves.toBe(false);
    expect(asked).toEqual([
      expect.objectContaining({
        type: 'warning',
        message: '3 calls to Odoo are still waiting.',
        buttons: ['Quit anyway', 'Keep running'],
        // Enter and Escape both keep the app running: quitting takes a deliberate choice.
        defaultId: 1,
        cancelId: 1,
      }),
    ]);
  });

  it('quits anyway when the operator says so', async () => {
    const { confirmQuit, asked, answer } = guard(1, 'Quit anyway');

    const decision = confirmQuit();
    answer();

    await expect(decision).resolves.toBe(true);
    expect(asked[0]?.message).toBe('1 call to Odoo is still waiting.');
  });

  it('asks once when Quit is chosen again while the question is open', async () => {
    const { confirmQuit, asked, answer } = guard(2, 'Keep running');

    const first = confirmQuit();
    const second = confirmQuit();
    answer();

    await expect(Promise.all([first, second])).resolves.toEqual([false, false]);
    expect(asked).toHaveLength(1);
  });

  it('asks in Bahasa Indonesia when UI_LANGUAGE is id', async () => {
    const ask = vi.fn(async () => ({ response: 1 }));
    await guardQuit({ pendingOdooCalls: () => 2, ask, text: desktopText('id') })();

    expect(ask).toHaveBeenCalledWith(
      expect.objectContaining({ message: '2 panggilan ke Odoo masih menunggu.', buttons: ['Tetap keluar', 'Tetap berjalan'] }),
    );
  });
});
