// Debian's Chromium driven by playwright-core (no browser download), and axe-core run inside the page.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Browser tests run when Chromium is installed; under CI they must run (CI installs it). */
export function browserTestsRun(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing under CI: .ci/run installs it with apt-get (chromium)`);
  process.stderr.write(`\nSKIPPED: dashboard browser tests need Debian's Chromium at ${CHROMIUM} (apt-get install chromium).\n\n`);
  return false;
}

export function launch(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'niapp-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core over the page for WCAG 2.0/2.1/2.2 A and AA; returns the serious and critical violations. */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  // evaluate() is not subject to the page's CSP, so axe runs without loosening the policy under test.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
