/**
 * axe-core over the page as it is now (WCAG 2.2 A/AA rules): the serious and
 * critical violations, each as one readable line, so a failing test says what
 * to fix and where.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join('; ');
      return `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.length} element(s), e.g. ${where}`;
    });
}
