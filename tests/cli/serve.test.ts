import { createServer, type AddressInfo } from 'node:net';
import { runCli, type ServeOptions } from '../../src/cli/make-program';
import { listen } from '../../src/web/listen';

const TOKEN = 'a-team-secret-of-24-chars';

/** `serve` in-process with a fake server: records how it would have been started. */
async function serve(env: Record<string, string | undefined>, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const calls: { dir: string; host: string; port: number; options?: ServeOptions }[] = [];
  const code = await runCli(['serve', ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    serve: (dir, host, port, options) => {
      calls.push({ dir, host, port, ...(options && { options }) });
      return Promise.resolve(`http://${host}:${port}/`);
    },
  });
  return { code, stdout, stderr, calls };
}

describe('serve: team mode', () => {
  it('refuses a non-loopback address without BRANCHPOINT_TOKEN (exit 2), naming it', async () => {
    for (const host of ['0.0.0.0', '192.168.1.20', '::']) {
      const r = await serve({}, 'scenarios', '--host', host);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`refusing to serve on ${host}`);
      expect(r.stderr).toContain('BRANCHPOINT_TOKEN');
      expect(r.calls).toEqual([]);
    }
    expect((await serve({ BRANCHPOINT_TOKEN: '  ' }, '--host', '0.0.0.0')).code).toBe(2);
  });

  it('serves beyond loopback with a token, which the server then requires', async () => {
    const r = await serve({ BRANCHPOINT_TOKEN: TOKEN }, 'scenarios', '--host', '0.0.0.0');
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([
      {
        dir: 'scenarios',
        host: '0.0.0.0',
        port: 3000,
        options: { token: TOKEN, readOnly: false },
      },
    ]);
    expect(r.stdout).toContain('branchpoint is serving scenarios at http://0.0.0.0:3000/');
    expect(r.stdout).toContain('a token is required');
    expect(r.stdout).toContain('http://0.0.0.0:3000/login');
  });

  it('refuses a token too short to be safe', async () => {
    const r = await serve({ BRANCHPOINT_TOKEN: 'short' }, '--host', '0.0.0.0');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BRANCHPOINT_TOKEN is too short');
    expect(r.calls).toEqual([]);
  });

  it('serves loopback without a token, and with one when it is set', async () => {
    const open = await serve({}, 'scenarios');
    expect(open.code).toBe(0);
    expect(open.calls[0]?.options).toEqual({ readOnly: false });
    expect(open.stdout).not.toContain('token');
    const locked = await serve({ BRANCHPOINT_TOKEN: ` ${TOKEN}\n` }, 'scenarios');
    expect(locked.calls[0]?.options).toEqual({ token: TOKEN, readOnly: false });
    expect(locked.stdout).toContain('a token is required');
  });

  it('passes --read-only on and says so', async () => {
    const r = await serve({}, 'scenarios', '--read-only', '--port', '8080');
    expect(r.code).toBe(0);
    expect(r.calls[0]).toEqual({
      dir: 'scenarios',
      host: '127.0.0.1',
      port: 8080,
      options: { readOnly: true },
    });
    expect(r.stdout).toContain('Read-only');
  });
});

describe('serve: usage errors', () => {
  it.each(['', '0x10', '1e3', '-1', '65536', ' 80'])(
    "refuses --port '%s' (exit 2) without starting",
    async (port) => {
      const r = await serve({}, 'scenarios', '--port', port);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--port must be a whole number');
      expect(r.calls).toEqual([]);
    },
  );

  it('refuses a folder that does not exist, or a file, without starting', async () => {
    const missing = await serve({}, 'no-such-folder');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("there is no folder 'no-such-folder'");
    const file = await serve({}, 'package.json');
    expect(file.code).toBe(2);
    expect(file.stderr).toContain("'package.json' is a file");
    expect([...missing.calls, ...file.calls]).toEqual([]);
  });
});

describe('serve: a port or host it cannot listen on', () => {
  /** `serve` with the real server: only for runs that fail to listen, so nothing stays open. */
  async function serveReal(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['serve', ...args], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      env: { BRANCHPOINT_TOKEN: TOKEN },
      serve: listen,
    });
    return { code, stdout, stderr };
  }

  it('says in one line that a busy port is busy and suggests --port (exit 2)', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const r = await serveReal('scenarios', '--port', String(port));
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
      expect(r.stderr).toContain('--port');
      expect(r.stderr).not.toContain('internal error');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it.each(['203.0.113.7', 'no-such-host.invalid'])(
    'says in one line that --host %s is not an address of this machine (exit 2)',
    async (host) => {
      const r = await serveReal('scenarios', '--host', host, '--port', '0');
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`cannot listen on --host ${host}`);
      expect(r.stderr).not.toContain('internal error');
    },
  );
});
