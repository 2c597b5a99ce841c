import request from 'supertest';
import { join } from 'node:path';
import { createApp } from '../../src/web/create-app';

const dir = join(__dirname, '..', '..', 'scenarios');

describe('security headers over plain http', () => {
  it('sends no HSTS over plain http', async () => {
    const res = await request(createApp({ dir })).get('/').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('has a CSP without upgrade-insecure-requests, so a LAN team server keeps its styles and form', async () => {
    const app = createApp({ dir, token: 'a-team-secret-of-24-chars' });
    const res = await request(app).get('/login').set('Host', '192.168.1.20:3000').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});
