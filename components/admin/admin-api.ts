'use client';
// The admin pages' calls to /api/admin/…: JSON in, JSON out, errors as the API shapes them.
export interface ApiError {
  code: string;
  message: string;
  requestId: string;
  fields?: Record<string, string>;
  detail?: Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export async function adminApi<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      // Our Referrer-Policy is no-referrer; this keeps the Origin header on our own requests.
      referrerPolicy: 'same-origin',
    });
    const json = (await res.json().catch(() => ({}))) as { error?: ApiError } & T;
    if (!res.ok || json.error) return { ok: false, error: json.error ?? { code: 'internal', message: `Unexpected answer (HTTP ${res.status}).`, requestId: '' } };
    return { ok: true, data: json };
  } catch {
    return { ok: false, error: { code: 'network', message: 'Keyport could not be reached. Check your connection and try again.', requestId: '' } };
  }
}
