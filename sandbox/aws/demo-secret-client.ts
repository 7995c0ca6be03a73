// Calls the sandbox-only ReadDemoSecret action (demo-secret.ts) with session credentials, signed
// with SigV4 as any AWS client would sign it. For tests and `npm run sandbox:read-secret`.
import { DEMO_ACTION, DEMO_SERVICE, DEMO_VERSION } from './demo-secret';
import { signRequest } from './sigv4';

export interface DemoSecretAnswer {
  status: number;
  /** The secret's text, or AWS's error code and message (with the encoded authorization failure message). */
  value?: string;
  code?: string;
  message?: string;
}

const xmlText = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

export async function readDemoSecretWith(opts: { endpoint: string; region?: string; credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }; secretName: string }): Promise<DemoSecretAnswer> {
  const region = opts.region ?? 'us-east-1';
  const url = new URL(opts.endpoint.endsWith('/') ? opts.endpoint : `${opts.endpoint}/`);
  const body = new URLSearchParams({ Action: DEMO_ACTION, Version: DEMO_VERSION, SecretName: opts.secretName }).toString();
  const headers = signRequest({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
    ...opts.credentials,
    region,
    service: DEMO_SERVICE,
    date: new Date(),
  });
  const { host: _host, ...sent } = headers;
  const res = await fetch(url, { method: 'POST', headers: sent, body });
  const xml = await res.text();
  if (res.ok) return { status: res.status, value: xmlText(xml, 'SecretValue') ?? '' };
  return { status: res.status, code: xmlText(xml, 'Code') ?? '', message: xmlText(xml, 'Message') ?? '' };
}

/** The encoded part of an AWS refusal message ("… Encoded authorization failure message: <text>"). */
export function encodedPart(message: string): string {
  return /Encoded authorization failure message: (\S+)/.exec(message)?.[1] ?? '';
}
