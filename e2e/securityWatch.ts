import type { Page } from '@playwright/test';

/**
 * Records everything the page must never do: break its Content-Security-Policy (the page's
 * `securitypolicyviolation` events, and the browser's console messages about the policy, which
 * also cover workers) or send a request to any origin but the app's. Survives reloads.
 */
export async function watchSecurity(page: Page, appOrigin: string): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => problems.push(`CSP violation: ${text}`));
  await page.addInitScript(() => {
    const report = (window as unknown as { reportViolation(text: string): void }).reportViolation;
    window.addEventListener('securitypolicyviolation', (event) => report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`));
  });
  page.context().on('console', (message) => {
    if (/content.security.policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.context().on('request', (request) => {
    const url = new URL(request.url());
    // data: and blob: URLs never leave the browser (a blob: URL carries the app's origin anyway).
    if (url.protocol !== 'data:' && url.origin !== appOrigin) problems.push(`request to another origin: ${request.url()}`);
  });
  return problems;
}
