import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { discoverPageUrls, type PageUrls } from './page-urls.ts';
import { startTestServer, type TestServer } from './server.ts';

export interface DemoSite {
  server: TestServer;
  browser: Browser;
  urls: PageUrls;
  /** Closes the browser, then the server and its database. */
  close(): Promise<void>;
}

/** The demo publication served on a real port, with a headless Chromium ready: the end-to-end fixture. */
export async function startDemoSite(): Promise<DemoSite> {
  const server = await startTestServer({ seed: true });
  let browser: Browser | undefined;
  try {
    const urls = await discoverPageUrls(server);
    browser = await launchBrowser();
    const opened = browser;
    return {
      server,
      browser: opened,
      urls,
      async close() {
        try {
          await opened.close();
        } finally {
          await server.close();
        }
      },
    };
  } catch (error) {
    await browser?.close().catch(() => {});
    await server.close();
    throw error;
  }
}
