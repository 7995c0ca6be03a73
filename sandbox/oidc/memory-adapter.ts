// A per-instance in-memory storage adapter for oidc-provider. Sessions, codes and tokens of the
// sandbox IdP live only as long as the process (a restart signs everyone out, like a real IdP
// losing its session store would); what must survive a restart is in the state file instead.
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Stored {
  payload: AdapterPayload;
  expiresAt: number; // epoch ms; Infinity when the model has no expiry
}

/** Models whose instances belong to a grant and die with it (`revokeByGrantId`). */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

export interface MemoryStore {
  adapterFor(model: string): Adapter;
  /** Drops everything (used on close). */
  clear(): void;
  /** Number of live entries, for tests. */
  size(): number;
}

export function createMemoryStore(clockToleranceSeconds = 0, now: () => number = Date.now): MemoryStore {
  const items = new Map<string, Stored>();
  const byUid = new Map<string, string>(); // session uid → key
  const byUserCode = new Map<string, string>();
  const grantMembers = new Map<string, Set<string>>();

  const live = (key: string): Stored | undefined => {
    const stored = items.get(key);
    if (!stored) return undefined;
    if (stored.expiresAt <= now()) {
      items.delete(key);
      return undefined;
    }
    return stored;
  };

  const remove = (key: string): void => {
    const stored = items.get(key);
    items.delete(key);
    if (!stored) return;
    const { uid, userCode, grantId } = stored.payload;
    if (uid && byUid.get(uid) === key) byUid.delete(uid);
    if (userCode && byUserCode.get(userCode) === key) byUserCode.delete(userCode);
    if (grantId) grantMembers.get(grantId)?.delete(key);
  };

  const adapterFor = (model: string): Adapter => {
    const keyOf = (id: string): string => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const key = keyOf(id);
        remove(key);
        const expiresAt =
          typeof expiresIn === 'number' ? now() + (expiresIn + clockToleranceSeconds) * 1000 : Number.POSITIVE_INFINITY;
        items.set(key, { payload: structuredClone(payload), expiresAt });
        if (model === 'Session' && payload.uid) byUid.set(payload.uid, key);
        if (payload.userCode) byUserCode.set(payload.userCode, key);
        if (GRANTABLE.has(model) && payload.grantId) {
          const members = grantMembers.get(payload.grantId) ?? new Set<string>();
          members.add(key);
          grantMembers.set(payload.grantId, members);
        }
      },
      async find(id) {
        const stored = live(keyOf(id));
        return stored && structuredClone(stored.payload);
      },
      async findByUid(uid) {
        const key = byUid.get(uid);
        const stored = key === undefined ? undefined : live(key);
        return stored && structuredClone(stored.payload);
      },
      async findByUserCode(userCode) {
        const key = byUserCode.get(userCode);
        const stored = key === undefined ? undefined : live(key);
        return stored && structuredClone(stored.payload);
      },
      async consume(id) {
        const stored = live(keyOf(id));
        if (stored) stored.payload.consumed = Math.floor(now() / 1000);
      },
      async destroy(id) {
        remove(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of grantMembers.get(grantId) ?? []) remove(key);
        grantMembers.delete(grantId);
      },
    };
  };

  return {
    adapterFor,
    clear() {
      items.clear();
      byUid.clear();
      byUserCode.clear();
      grantMembers.clear();
    },
    size: () => [...items.keys()].filter((key) => live(key)).length,
  };
}
