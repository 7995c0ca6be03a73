import { describe, expect, it } from 'vitest';
import { sameOrigin } from './same-origin';

const portal = 'https://keyport.example.com';
const h = (o: Record<string, string>) => new Headers(o);

describe('sameOrigin (CSRF check)', () => {
  it('accepts the portal origin and refuses others', () => {
    expect(sameOrigin(h({ origin: portal }), portal, `${portal}/api/x`)).toBe(true);
    expect(sameOrigin(h({ origin: 'https://evil.example' }), portal, `${portal}/api/x`)).toBe(false);
    expect(sameOrigin(h({ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }), portal, `${portal}/api/x`)).toBe(false);
  });

  it('accepts Origin: null only when the browser says the request is same-origin', () => {
    expect(sameOrigin(h({ origin: 'null', 'sec-fetch-site': 'same-origin' }), portal, `${portal}/api/x`)).toBe(true);
    expect(sameOrigin(h({ origin: 'null', 'sec-fetch-site': 'cross-site' }), portal, `${portal}/api/x`)).toBe(false);
    expect(sameOrigin(h({}), portal, `${portal}/api/x`)).toBe(false);
  });
});
