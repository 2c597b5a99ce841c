import { rmSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/web/create-app';
import { bridgeFolder } from './folder-fixture';

/**
 * The API's front (src/web/api-front.ts) answers the frequent requests before Express: the same
 * status, headers (but Date) and bytes as Express's own routes, for what it takes and what it
 * leaves to them.
 */

interface Answer {
  status: number;
  headers: string[];
  body: string;
}

interface Ask {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };

const ASKS: Ask[] = [
  { method: 'GET', path: '/api/scenarios' },
  { method: 'GET', path: '/api/scenarios/bridge' },
  { method: 'GET', path: '/api/scenarios/bridge--by-east' },
  { method: 'GET', path: '/api/scenarios/nope' },
  { method: 'GET', path: '/api/scenarios/Bridge' },
  { method: 'GET', path: '/api/scenarios/' },
  { method: 'GET', path: '/api/scenarios', headers: { host: 'evil.example' } },
  { method: 'GET', path: '/api/scenarios', headers: { 'if-none-match': '*' } },
  { method: 'HEAD', path: '/api/scenarios' },
  ...['gzip, deflate, br', 'gzip;q=0, identity', '*', 'br'].flatMap((encoding) => [
    { method: 'GET', path: '/api/scenarios', headers: { 'accept-encoding': encoding } },
    { method: 'GET', path: '/api/scenarios/bridge', headers: { 'accept-encoding': encoding } },
  ]),
  ...[
    '{"set":{"cost":2}}',
    '{"set":{"cost":"1 + 1"},"weight":{"value":2}}',
    '{"set":{"nope":2}}',
    '{"set":{"cost":true}}',
    '{"set":{"__proto__":{"a":1}}}',
    '{"extra":1}',
    '{"set":',
    '"text"',
    '[1]',
    '  \n ',
    '\ufeff{"set":{"cost":4}}',
  ].map((body) => ({ method: 'POST', path: '/api/scenarios/bridge/evaluate', body })),
  { method: 'POST', path: '/api/scenarios/nope/evaluate', body: '{}' },
  { method: 'POST', path: '/api/scenarios/bad%20id/evaluate', body: '{}' },
  { method: 'POST', path: '/api/scenarios/bridge--by-west/evaluate', body: '{}' },
  {
    method: 'POST',
    path: '/api/scenarios/bridge/evaluate',
    headers: { 'content-type': 'text/plain' },
    body: '{"set":{"cost":2}}',
  },
  {
    method: 'POST',
    path: '/api/scenarios/bridge/evaluate',
    headers: { 'content-type': 'application/json; charset=utf-8', origin: 'http://evil.example' },
    body: '{}',
  },
  ...[
    '{"p.cost":"2","shown":"p.cost=3"}',
    '{"p.cost":"2"}',
    '{"p.cost":"abc","shown":""}',
    '{"shown":3}',
    '[]',
  ].map((body) => ({ method: 'POST', path: '/api/scenarios/bridge/explore', body })),
  { method: 'POST', path: '/api/scenarios/bridge/explore?part=robustness', body: '{"p.cost":"2"}' },
  { method: 'POST', path: '/api/scenarios/bridge/explore?part=other', body: '{}' },
];

let dir: string;
const servers: Server[] = [];
beforeAll(() => (dir = bridgeFolder()));
afterAll(() => {
  for (const s of servers) s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(front: boolean): Promise<number> {
  const app = createApp({ dir, history: null, front });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return (server.address() as AddressInfo).port;
}

function ask(port: number, { method, path, headers, body }: Ask): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { ...(body === undefined ? {} : JSON_TYPE), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = res.rawHeaders;
          const kept = raw.flatMap((v, i) =>
            i % 2 === 0 && v !== 'Date' ? [`${v}: ${raw[i + 1]}`] : [],
          );
          resolve({
            status: res.statusCode!,
            headers: kept,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the API front', () => {
  it('answers as Express does: status, headers and body', async () => {
    const [front, express] = [await serve(true), await serve(false)];
    for (const a of ASKS) {
      const [f, e] = [await ask(front, a), await ask(express, a)];
      expect({ ask: a, ...f }).toEqual({ ask: a, ...e });
    }
  });

  it('takes the frequent requests itself and leaves the others to Express', async () => {
    const app = createApp({ dir, history: null });
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    // Express's router sees only what the front leaves.
    const routed = jest.spyOn(app.router as unknown as { handle(): void }, 'handle');
    await ask(port, { method: 'POST', path: '/api/scenarios/bridge/evaluate', body: '{}' });
    await ask(port, { method: 'GET', path: '/api/scenarios' });
    expect(routed).not.toHaveBeenCalled();
    await ask(port, { method: 'GET', path: '/api/scenarios/bridge/source' });
    await ask(port, { method: 'GET', path: '/api/scenarios', headers: { 'if-none-match': '*' } });
    expect(routed).toHaveBeenCalledTimes(2);
  });

  it('sends ETags with reads and errors, and none with the computations a POST asks for', async () => {
    const port = await serve(true);
    const hasEtag = (a: Answer) => a.headers.some((h) => h.startsWith('ETag: '));
    expect(hasEtag(await ask(port, { method: 'GET', path: '/api/scenarios/bridge' }))).toBe(true);
    const evaluation = await ask(port, {
      method: 'POST',
      path: '/api/scenarios/bridge/evaluate',
      body: '{"set":{"cost":2}}',
    });
    expect(evaluation.status).toBe(200);
    expect(hasEtag(evaluation)).toBe(false);
    const refused = await ask(port, {
      method: 'POST',
      path: '/api/scenarios/bridge/evaluate',
      body: '{"set":',
    });
    expect(refused.status).toBe(400);
    expect(hasEtag(refused)).toBe(true);
  });

  it('sees a save at the next request', async () => {
    const port = await serve(true);
    const scores = async () =>
      (
        JSON.parse(
          (await ask(port, { method: 'POST', path: '/api/scenarios/bridge/evaluate', body: '{}' }))
            .body,
        ) as { choice: string }
      ).choice;
    expect(await scores()).toBe('wait');
    const source = await ask(port, { method: 'GET', path: '/api/scenarios/bridge/source' });
    const etag = source.headers.find((h) => h.startsWith('ETag: '))!.slice('ETag: '.length);
    const saved = await ask(port, {
      method: 'PUT',
      path: '/api/scenarios/bridge/source',
      headers: { 'content-type': 'text/yaml', 'if-match': etag },
      body: source.body.replace('value: 3', 'value: 1'),
    });
    expect(saved.status).toBe(200);
    expect(await scores()).toBe('build');
  });
});
