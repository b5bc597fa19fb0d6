import type { Page } from 'playwright-core';

/**
 * Visible buttons, selects, inputs and disclosure summaries smaller than 44×44 px (their text, for the
 * message); a checkbox or radio counts with its margin, as the console draws them 28 px with 8 px around.
 */
export function smallControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...globalThis.document.querySelectorAll('button, select, input, summary')]
      .map((element) => {
        const box = element.getBoundingClientRect();
        const tick = element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio');
        const margin = tick ? 16 : 0;
        return { element, width: box.width + margin, height: box.height + margin, shown: box.width > 0 && box.height > 0 };
      })
      .filter(({ shown, width, height }) => shown && (width < 44 || height < 44))
      .map(({ element, width, height }) => `${element.textContent?.trim() || element.getAttribute('aria-label')} ${Math.round(width)}×${Math.round(height)}`),
  );
}
