// The words of /cli/device, in one module (ready for the translation catalogs).
export const deviceStrings = {
  title: 'Approve a device sign-in',
  intro: 'Type the code that keyport login --device-code shows in the terminal. Keyport never takes the code from a link: if someone sent you a link or a code, do not continue.',
  codeLabel: 'Code from the terminal',
  lookUp: 'Continue',
  confirmTitle: 'Is this your terminal?',
  code: 'Code',
  requestedFrom: 'Requested from',
  userAgent: 'Program',
  client: 'Client',
  requestedAt: 'Requested at',
  confirmHint: 'Approve only if the code matches your terminal and you recognise the address. The device can then get AWS credentials as you until this browser sign-in ends or you revoke it on the Your devices page.',
  approve: 'Approve',
  deny: 'Decline',
  approved: 'Approved. The terminal signs in within a few seconds; you can close this page.',
  denied: 'Declined. The terminal was told, and nothing was signed in.',
  unknown: 'unknown',
};
