import type { AccessOptions } from './access-control';
import { removeStaleTempFiles } from './atomic-write';
import { createApp } from './create-app';

/**
 * Starts the web app on `host:port` and resolves with its URL once it listens. `options` turn on
 * team mode (a token) and read-only serving.
 */
export function listen(
  dir: string,
  host: string,
  port: number,
  options: AccessOptions = {},
): Promise<string> {
  const app = createApp({ dir, token: options.token, readOnly: options.readOnly });
  // Temporary files a crash left behind are removed before anything is served (a read-only
  // server writes nothing, so it leaves them).
  const cleaned = options.readOnly ? Promise.resolve(0) : removeStaleTempFiles(dir);
  return cleaned.then(() => listenOn(app, host, port));
}

function listenOn(app: ReturnType<typeof createApp>, host: string, port: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) {
        reject(error);
        return;
      }
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolvePromise(`http://${host.includes(':') ? `[${host}]` : host}:${actual}/`);
    });
  });
}
