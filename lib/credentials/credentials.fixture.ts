import { createHash } from 'node:crypto';
import type { TemporaryCredentials } from './types';

// Fake but realistically shaped STS credentials shared by the unit and integration tests:
// ASIA + 16 uppercase characters, a 40-character secret with `/` and `+`, and a long base64
// session token (real ones are several hundred characters).
function longToken(): string {
  const chunks: Buffer[] = [];
  for (let i = 0; i < 24; i += 1) chunks.push(createHash('sha256').update(`keyport-fixture-${i}`).digest());
  return `IQoJb3JpZ2luX2VjE${Buffer.concat(chunks).toString('base64')}`;
}

export const fixtureCredentials: TemporaryCredentials = {
  accessKeyId: 'ASIAQWERTYUIOPASDFGH',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE+K',
  sessionToken: longToken(),
  expiration: new Date('2099-12-31T23:59:59Z'),
};
