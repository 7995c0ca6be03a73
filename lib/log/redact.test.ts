import { describe, expect, it } from 'vitest';
import { redact } from './redact';

describe('redact', () => {
  it('masks secret-named keys at any depth but keeps the AccessKeyId', () => {
    const out = redact({
      accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      nested: { sessionToken: 'IQoJb3JpZ2luX2VjE', SAMLResponse: 'PHNhbWw+', password: 'hunter2' },
    });
    expect(JSON.stringify(out)).not.toMatch(/wJalr|IQoJ|PHNhbWw|hunter2/);
    expect(out).toMatchObject({ accessKeyId: 'ASIAEXAMPLEEXAMPLE12' });
  });

  it('masks JWTs inside free text', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    expect(redact(`token was ${jwt} here`)).toBe('token was [jwt redacted] here');
  });
});
