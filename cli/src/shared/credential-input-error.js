// Shared by the portal (lib/credentials) and the keyport CLI: plain JavaScript with JSDoc types,
// so the CLI runs on Node 20+ without a build and the portal's TypeScript checks it. Pure.

/**
 * Thrown by the pure credential helpers when a value cannot be safely put into a shell line, a file
 * or a URL. `field` names the offending input so the caller can map it to `invalid_input` (422).
 * The message never contains the rejected value: it may be a secret.
 */
export class CredentialInputError extends Error {
  /** @param {{ field: string; message: string }} o */
  constructor({ field, message }) {
    super(`${field}: ${message}`);
    this.name = 'CredentialInputError';
    /** @readonly */
    this.field = field;
  }
}
