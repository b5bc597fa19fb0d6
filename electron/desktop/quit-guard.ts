/**
 * Quitting while calls to Odoo wait (the outbox) is allowed — they are durable and go out on the
 * next start — but the operator is asked first, told how many wait: quitting delays the bookings
 * Odoo's stock depends on.
 */
import type { DesktopText } from './desktop-text';

export interface QuitQuestionBox {
  type: 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: boolean;
}

export interface QuitGuardOptions {
  /** The Odoo calls waiting in the latest snapshot; 0 when none is known yet. */
  pendingOdooCalls(): number;
  /** Shows the question (Electron's dialog.showMessageBox); resolves with the chosen button. */
  ask(question: QuitQuestionBox): Promise<{ response: number }>;
  text: DesktopText;
}

const QUIT = 0;
const KEEP_RUNNING = 1;

/** Returns whether to quit; asks at most once at a time (a second Quit while asking waits for the same answer). */
export function guardQuit(options: QuitGuardOptions): () => Promise<boolean> {
  let asking: Promise<boolean> | null = null;
  return () => {
    const pending = options.pendingOdooCalls();
    if (pending === 0) return Promise.resolve(true);
    asking ??= ask(options, pending).finally(() => {
      asking = null;
    });
    return asking;
  };
}

async function ask(options: QuitGuardOptions, pending: number): Promise<boolean> {
  const question = options.text.quitQuestion(pending);
  const { response } = await options.ask({
    type: 'warning',
    title: question.title,
    message: question.message,
    detail: question.detail,
    buttons: question.buttons,
    defaultId: KEEP_RUNNING,
    cancelId: KEEP_RUNNING,
    noLink: true,
  });
  return response === QUIT;
}
