// The words of /cli/authorize, in one module (ready for the translation catalogs).
export const authorizeStrings = {
  title: 'Sign in the keyport CLI',
  intro: 'A keyport command on this computer asks to act as you: list your roles and get AWS credentials for them, until you sign out or revoke it on the Your devices page.',
  onlyIfYou: 'Approve only if you just ran keyport login in a terminal on this computer. If you did not, decline.',
  client: 'Client',
  returnsTo: 'Returns to',
  endsWith: 'It ends with this browser sign-in (at the latest when it expires).',
  approve: 'Approve',
  deny: 'Decline',
  working: 'Returning to the terminal…',
  invalid: 'This sign-in link is not valid, so Keyport will not send anything back to it.',
  invalidHint: 'Run keyport login again; if it keeps happening, your keyport CLI may be out of date.',
};
