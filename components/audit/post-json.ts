// Client-side POST to Keyport's own API, keeping the Origin header (our Referrer-Policy is
// no-referrer) and turning `{ error }` answers into a message the page can show.
export async function postJson<T>(url: string, body: unknown): Promise<{ ok: true; data: T } | { ok: false; message: string; fields?: Record<string, string> }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
      referrerPolicy: 'same-origin',
    });
    const json = (await res.json()) as { error?: { message: string; fields?: Record<string, string>; requestId?: string } } & T;
    if (!res.ok || json.error) return { ok: false, message: json.error?.message ?? `Unexpected answer (HTTP ${res.status}).`, fields: json.error?.fields };
    return { ok: true, data: json };
  } catch {
    return { ok: false, message: 'Keyport could not be reached. Check your connection and try again.' };
  }
}
