// Server-rendered HTML of the sandbox IdP: sign-in, people admin, logout and error pages.
// Every interpolated value goes through `html`'s escaping; no scripts at all, styles come from
// /sandbox/style.css, so the strict CSP below holds.
import type { DemoPerson } from '../people';

export const STYLESHEET_PATH = '/sandbox/style.css';

/** Sent with every page the sandbox IdP renders itself. */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Already-escaped markup; only `html` and `raw` make these. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Tagged template: interpolations are escaped unless they are `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup produced by oidc-provider itself (e.g. its logout form), trusted as-is. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export const STYLESHEET = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #0b5cad; --bad: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f5f7fa; }
header { background: #102a43; color: #fff; padding: 10px 24px; font-size: 13px; letter-spacing: .02em; }
header strong { color: #ffd166; }
main { max-width: 860px; margin: 24px auto; padding: 0 16px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 20px 24px; margin-bottom: 20px; }
.narrow { max-width: 420px; margin-left: auto; margin-right: auto; }
h1 { font-size: 22px; margin: 0 0 6px; }
h2 { font-size: 17px; margin: 0 0 10px; }
p.lede { color: var(--muted); margin-top: 0; }
label { display: block; font-weight: 600; margin: 12px 0 4px; }
input[type=text], input[type=password], textarea { width: 100%; padding: 8px 10px; font: inherit; border: 1px solid #bcccdc; border-radius: 6px; }
textarea { min-height: 64px; }
button { margin-top: 16px; padding: 8px 16px; font: inherit; font-weight: 600; color: #fff; background: var(--accent); border: 0; border-radius: 6px; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
.error { color: var(--bad); background: #fef3f2; border: 1px solid #fecdca; border-radius: 6px; padding: 8px 12px; }
.ok { color: #05603a; background: #ecfdf3; border: 1px solid #abefc6; border-radius: 6px; padding: 8px 12px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; background: #f0f4f8; padding: 1px 4px; border-radius: 4px; }
.groups { margin: 0; padding-left: 18px; }
.muted { color: var(--muted); font-size: 13px; }
`;

function layout(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header><strong>Keyport sandbox IdP</strong> — a development stand-in for the company identity provider. Not for real accounts.</header>
<main>
${body}
</main>
</body>
</html>
`.value;
}

function groupList(groups: readonly string[]): SafeHtml {
  if (groups.length === 0) return html`<span class="muted">no groups</span>`;
  return html`<ul class="groups">${groups.map((g) => html`<li><code>${g}</code></li>`)}</ul>`;
}

export interface LoginPageInput {
  uid: string;
  clientName: string;
  people: readonly DemoPerson[];
  username?: string;
  error?: string;
}

export function loginPage(input: LoginPageInput): string {
  const uid = encodeURIComponent(input.uid);
  return layout(
    'Sign in — Keyport sandbox IdP',
    html`<section class="card narrow">
<h1>Keyport sandbox IdP</h1>
<p class="lede">Sign in to continue to <strong>${input.clientName}</strong>.</p>
${input.error ? html`<p class="error" role="alert" id="login-error">${input.error}</p>` : null}
<form method="post" action="/interaction/${uid}/login">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${input.username ?? ''}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${uid}/abort">
<button type="submit" class="secondary">Cancel</button>
</form>
</section>
<section class="card">
<h2>Demo people</h2>
<p class="muted">Sandbox accounts. Groups can be changed on the <a href="/sandbox/people">people page</a>.</p>
<table>
<thead><tr><th>Username</th><th>Password</th><th>Name</th><th>Groups</th><th>Who</th></tr></thead>
<tbody>
${input.people.map(
  (p) => html`<tr><td><code>${p.username}</code></td><td><code>${p.password}</code></td><td>${p.name}</td><td>${groupList(p.groups)}</td><td>${p.note}</td></tr>
`,
)}
</tbody>
</table>
</section>`,
  );
}

export interface PeoplePageInput {
  people: readonly { person: DemoPerson; sub: string }[];
  saved?: string;
  error?: string;
}

export function peoplePage(input: PeoplePageInput): string {
  return layout(
    'People — Keyport sandbox IdP',
    html`<section class="card">
<h1>People of the sandbox IdP</h1>
<p class="lede">Change a person's groups here; tokens issued from now on (new sign-ins and refreshes) carry the new groups. Separate groups with commas or new lines.</p>
${input.saved ? html`<p class="ok" role="status">Saved the groups of <strong>${input.saved}</strong>.</p>` : null}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : null}
<table>
<thead><tr><th>Person</th><th>Groups now</th><th>Change groups</th></tr></thead>
<tbody>
${input.people.map(({ person: p, sub }) => {
  const id = `groups-${p.username.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return html`<tr data-username="${p.username}">
<td><strong>${p.name}</strong><br><code>${p.username}</code><br><span class="muted">${p.email}</span><br><span class="muted">sub <code>${sub}</code></span></td>
<td>${groupList(p.groups)}</td>
<td><form method="post" action="/sandbox/people">
<input type="hidden" name="username" value="${p.username}">
<label for="${id}">Groups of ${p.username}</label>
<textarea id="${id}" name="groups">${p.groups.join('\n')}</textarea>
<button type="submit">Save groups of ${p.username}</button>
</form></td>
</tr>
`;
})}
</tbody>
</table>
</section>`,
  );
}

export function messagePage(title: string, message: string, details?: Readonly<Record<string, string>>): string {
  return layout(
    `${title} — Keyport sandbox IdP`,
    html`<section class="card narrow">
<h1>${title}</h1>
<p>${message}</p>
${details && Object.keys(details).length > 0
  ? html`<table>${Object.entries(details).map(([k, v]) => html`<tr><th>${k}</th><td><code>${v}</code></td></tr>`)}</table>`
  : null}
</section>`,
  );
}

/** `form` is oidc-provider's hidden logout form (`id="op.logoutForm"`, carrying its xsrf token). */
export function logoutPage(host: string, form: string): string {
  return layout(
    'Sign out — Keyport sandbox IdP',
    html`<section class="card narrow">
<h1>Sign out of the Keyport sandbox IdP?</h1>
<p class="lede">You are signed in at <code>${host}</code>.</p>
${raw(form)}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<button type="submit" form="op.logoutForm" class="secondary">Stay signed in</button>
</section>`,
  );
}
