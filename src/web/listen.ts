import { createApp } from './create-app';

/** Starts the web app on `host:port` and resolves with its URL once it listens. */
export function listen(dir: string, host: string, port: number): Promise<string> {
  const app = createApp({ dir });
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
