// Every string of the Decode page, in one module (English), until the page moves to the i18n
// catalogs.
export const DECODE_STRINGS = {
  title: 'Why was I denied?',
  intro:
    'AWS often refuses a request with an "Encoded authorization failure message". Paste the whole error (or just the encoded text): Keyport decodes it with its decoder role in that account and says what refused you. Keyport decodes only messages about a session it issued to you; security reviewers may decode anyone’s. Every decode is recorded in the audit log.',
  messageLabel: 'The error AWS gave you',
  messageHint: 'For example: "… is not authorized to perform: s3:GetObject … Encoded authorization failure message: 4mVb…"',
  accountLabel: 'AWS account of the refused request',
  accountFromMessage: 'From the message (the ARN after "User:")',
  accountHint: 'Only that account can decode its messages. Leave it to the message when the error names the principal.',
  submit: 'Decode',
  busy: 'Decoding…',
  resultTitle: 'What AWS decided',
  principal: 'Who asked',
  action: 'Action',
  resource: 'Resource',
  policyType: 'Policy type',
  policyTypeFromText: '(named in AWS’s error text)',
  policyTypeFromStatement: '(a matched statement of the role’s own policies)',
  policyTypeUnknown: 'AWS does not say; paste the whole error text, which names it',
  statements: 'Matching statements',
  noStatements: 'No statement matched (nothing allowed the request).',
  context: 'Request context (condition keys)',
  raw: 'Raw decoded message (JSON)',
  readAsReviewer: 'Decoded with your reviewer permission: this session was not issued to you.',
  requestId: 'Request id',
  nav: 'Why denied?',
} as const;
