import { describe, expect, it } from 'vitest';

import { createMemoryStore } from './memory-adapter';

describe('createMemoryStore', () => {
  it('stores copies and expires entries after their TTL', async () => {
    let now = 0;
    const store = createMemoryStore(0, () => now);
    const codes = store.adapterFor('AuthorizationCode');
    const payload = { jti: 'c1', grantId: 'g1', scope: 'openid' };
    await codes.upsert('c1', payload, 60);
    payload.scope = 'changed';
    expect(await codes.find('c1')).toEqual({ jti: 'c1', grantId: 'g1', scope: 'openid' });
    expect(await store.adapterFor('AccessToken').find('c1')).toBeUndefined();
    now = 61_000;
    expect(await codes.find('c1')).toBeUndefined();
  });

  it('finds sessions by uid and marks consumption', async () => {
    const store = createMemoryStore();
    const sessions = store.adapterFor('Session');
    await sessions.upsert('s1', { jti: 's1', uid: 'u1' }, 60);
    expect((await sessions.findByUid('u1'))?.jti).toBe('s1');
    const refresh = store.adapterFor('RefreshToken');
    await refresh.upsert('r1', { jti: 'r1' }, 60);
    await refresh.consume('r1');
    expect(typeof (await refresh.find('r1'))?.consumed).toBe('number');
    await sessions.destroy('s1');
    expect(await sessions.findByUid('u1')).toBeUndefined();
  });

  it('revokes every token of a grant and nothing else', async () => {
    const store = createMemoryStore();
    const access = store.adapterFor('AccessToken');
    const refresh = store.adapterFor('RefreshToken');
    await access.upsert('a1', { jti: 'a1', grantId: 'g1' }, 60);
    await refresh.upsert('r1', { jti: 'r1', grantId: 'g1' }, 60);
    await access.upsert('a2', { jti: 'a2', grantId: 'g2' }, 60);
    await access.revokeByGrantId('g1');
    expect(await access.find('a1')).toBeUndefined();
    expect(await refresh.find('r1')).toBeUndefined();
    expect(await access.find('a2')).toBeDefined();
    store.clear();
    expect(store.size()).toBe(0);
  });
});
