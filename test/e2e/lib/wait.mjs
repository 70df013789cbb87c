// Polling with a deadline: the e2e tests never sleep for a fixed time.
import net from 'node:net';
import { pollUntil } from '../../shared/poll.mjs';

export { pollUntil };

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `url` answers any HTTP status below 500. */
export function waitForHttp(url, options) {
  return pollUntil(
    async () => {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      return response.status < 500;
    },
    { what: `${url} to answer`, ...options },
  );
}
