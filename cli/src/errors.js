// The one error the CLI reports: a sentence that says what to do, and an exit code by kind, so
// scripts can tell them apart. The message never carries a secret (tokens and keys are never
// part of one).

/** Exit codes: documented in docs/api.md and `keyport --help`. */
export const EXIT = /** @type {const} */ ({
  failure: 1,
  usage: 2,
  notLoggedIn: 3,
  revoked: 4,
  notEntitled: 5,
  unreachable: 6,
});

/** @typedef {keyof typeof EXIT} ExitKind */

export class CliError extends Error {
  /** @param {ExitKind} kind @param {string} message @param {string} [reason] Keyport's reason (error.detail.reason), when it gave one */
  constructor(kind, message, reason) {
    super(message);
    this.name = 'CliError';
    /** @readonly */
    this.kind = kind;
    /** @readonly */
    this.reason = reason;
  }

  get exitCode() {
    return EXIT[this.kind];
  }
}

/** Why Keyport refused a CLI token (cli-refusal.ts on the server) → the exit kind. @param {string | undefined} reason @returns {ExitKind} */
export function kindOfRefusal(reason) {
  if (reason === 'person_revoked' || reason === 'device_revoked' || reason === 'logout' || reason === 'refresh_reuse') return 'revoked';
  return 'notLoggedIn';
}
