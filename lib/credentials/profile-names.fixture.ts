// Profile names the profile-name rules must accept or reject.

export const ACCEPTED_PROFILE_NAMES = ['default', 'dev', 'keyport-123456789012-Admin', 'a', '9lives', 'org/acct:role', 'x'.repeat(64)];

export const REJECTED_PROFILE_NAMES = [
  '',
  ' ',
  'a]',
  'a[b',
  'a\nb',
  'a\rb',
  'a\u2028b',
  '\tdev',
  'dev\t',
  'a b',
  '.hidden',
  '_x',
  'dev#comment',
  'dev;x',
  'dev=x]',
  'café',
  'x'.repeat(65),
];
