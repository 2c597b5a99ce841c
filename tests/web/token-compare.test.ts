import type * as nodeCrypto from 'node:crypto';
import { timingSafeEqual } from 'node:crypto';
import { sameSecret } from '../../src/web/token-compare';
import { SessionStore } from '../../src/web/sessions';

// Node's own exports cannot be spied on in place, so the module is wrapped.
jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof nodeCrypto>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

describe('sameSecret', () => {
  it('is true only for the same secret', () => {
    expect(sameSecret('s3cret-token-abcdef', 's3cret-token-abcdef')).toBe(true);
    expect(sameSecret('s3cret-token-abcdeg', 's3cret-token-abcdef')).toBe(false);
    expect(sameSecret('s3cret', 's3cret-token-abcdef')).toBe(false);
    expect(sameSecret('', 's3cret-token-abcdef')).toBe(false);
    expect(sameSecret('s3cret-token-abcdef\u0000', 's3cret-token-abcdef')).toBe(false);
  });

  it('compares in constant time: timingSafeEqual on two digests of equal length', () => {
    const spy = jest.mocked(timingSafeEqual);
    spy.mockClear();
    expect(sameSecret('short', 'a much longer secret than that')).toBe(false);
    expect(spy).toHaveBeenCalledTimes(1);
    const [a, b] = spy.mock.calls[0]! as [Buffer, Buffer];
    expect(a.length).toBe(32);
    expect(b.length).toBe(32);
  });
});

describe('SessionStore', () => {
  it('keeps a session until it expires, with its own random CSRF token', () => {
    let now = 1_000;
    const store = new SessionStore(60_000, () => now);
    const { id, session } = store.create();
    const other = store.create();
    expect(id).not.toBe(other.id);
    expect(session.csrfToken).not.toBe(other.session.csrfToken);
    expect(store.get(id)).toBe(session);
    expect(store.get('unknown')).toBeUndefined();
    expect(store.get(undefined)).toBeUndefined();
    now += 60_000;
    expect(store.get(id)).toBeUndefined();
    store.create();
    expect(store.size).toBe(1);
  });

  it('ends a session on delete', () => {
    const store = new SessionStore();
    const { id } = store.create();
    store.delete(id);
    expect(store.get(id)).toBeUndefined();
  });
});
