// A PostgreSQL SCRAM-SHA-256 password verifier, computed here so that creating the runtime role
// never sends its password to the server (nor into its statement log): CREATE ROLE … PASSWORD
// accepts a verifier in place of the password. RFC 5802 §3 and RFC 7677; the format is
// PostgreSQL's (SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>, base64).
// Passwords are used as given (no SASLprep), as libpq does for ASCII passwords.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

export function scramSha256Verifier(password: string, opts: { salt?: Buffer; iterations?: number } = {}): string {
  const salt = opts.salt ?? randomBytes(16);
  const iterations = opts.iterations ?? 4096;
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
