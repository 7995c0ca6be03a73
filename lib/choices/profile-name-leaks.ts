// Pure: whether a profile name someone typed carries part of the credentials it was typed next to
// (a pasted secret is a valid profile name: letters, digits, / + =). Such a name is used for the
// block but never remembered: issuance_choices must hold no secret.
import type { TemporaryCredentials } from '@/lib/credentials/types';

const MIN_OVERLAP = 12;

export function profileNameLeaks(profileName: string, c: Pick<TemporaryCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): boolean {
  if (profileName.length < MIN_OVERLAP) return false;
  // Any run of MIN_OVERLAP characters of the name found in a credential value.
  for (let i = 0; i + MIN_OVERLAP <= profileName.length; i++) {
    const part = profileName.slice(i, i + MIN_OVERLAP);
    if (c.secretAccessKey.includes(part) || c.sessionToken.includes(part) || c.accessKeyId.includes(part)) return true;
  }
  return false;
}
