import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

// The axe-core types, taken through @axe-core/playwright so that axe-core needs no direct dependency.
type Result = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** axe-core rule tags that together make WCAG 2.2 level AA. */
export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AccessibilityReport {
  violations: Result[];
  /** Human-readable list of violations, empty when there are none. */
  text: string;
}

/** Runs axe-core with the WCAG 2.2 AA rules on the page as it is now. */
export async function checkAccessibility(page: Page): Promise<AccessibilityReport> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA_TAGS).analyze();
  return { violations: results.violations, text: formatViolations(results.violations) };
}

/** One block per violated rule: rule, impact, help URL, then each offending node and why. */
export function formatViolations(violations: Result[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 10)
        .map((node) => {
          const why = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim();
          return `    - ${node.target.join(' ')}\n      ${node.html.slice(0, 200)}\n      ${why}`;
        })
        .join('\n');
      const more = violation.nodes.length > 10 ? `\n    … et ${violation.nodes.length - 10} autres éléments` : '';
      return `  [${violation.impact ?? 'n/a'}] ${violation.id} — ${violation.help} (${violation.helpUrl})\n${nodes}${more}`;
    })
    .join('\n');
}
