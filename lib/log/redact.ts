// Pure: strips anything that could be a secret from a log entry before it is written. Keys are
// matched by name; values that look like AWS secret material or JWTs are masked wherever found.
const SECRET_KEY = /(secret|token|password|assertion|authorization|cookie|samlresponse|credential)/i;
const ALLOWED_KEYS = new Set(['accessKeyId', 'tokenType', 'requestId']);
const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return value.replace(JWT, '[jwt redacted]');
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) && !ALLOWED_KEYS.has(k) ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}
