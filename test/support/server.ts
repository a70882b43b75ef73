import net from 'node:net';
import { createTestApp, type TestApp, type TestAppOptions } from './app-factory.ts';

export interface TestServer extends TestApp {
  /** Origin the server listens on, e.g. "http://127.0.0.1:40123" (no trailing slash). */
  origin: string;
  /** Absolute URL for a path on the server. */
  url(pathname: string): string;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real app listening on 127.0.0.1 for browser tests. The port is chosen before the
 * app is built so that the configured public URL (canonical and share links) matches it.
 */
export async function startTestServer(options: TestAppOptions = {}): Promise<TestServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const testApp = await createTestApp({ ...options, port });
    try {
      await testApp.app.listen({ host: '127.0.0.1', port });
    } catch (error) {
      await testApp.close();
      // Another process may have taken the port between the probe and listen: try another one.
      if (attempt < 3 && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') continue;
      throw error;
    }
    const origin = `http://127.0.0.1:${port}`;
    return { ...testApp, origin, url: (pathname) => new URL(pathname, origin).toString() };
  }
}
