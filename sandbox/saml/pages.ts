// Server-rendered HTML of the sandbox SAML IdP, in the style of the sandbox OIDC IdP (same
// stylesheet and escaping). The only script is the auto-submit of the response form, under a nonce.
import type { DemoPerson } from '../people';
import { html, STYLESHEET_PATH, type SafeHtml } from '../oidc/pages';

export function pageHeaders(nonce?: string): Record<string, string> {
  return {
    'Content-Security-Policy': `default-src 'none'; style-src 'self'; img-src 'self'; ${nonce ? `script-src 'nonce-${nonce}'; ` : ''}base-uri 'none'; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

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
<header><strong>Keyport sandbox SAML IdP</strong> — a development stand-in for the company identity provider. Not for real accounts.</header>
<main>
${body}
</main>
</body>
</html>
`.value;
}

export function samlLoginPage(input: { samlRequest: string; relayState: string | null; spName: string; people: readonly DemoPerson[]; username?: string; error?: string }): string {
  return layout(
    'Sign in — Keyport sandbox SAML IdP',
    html`<section class="card narrow">
<h1>Keyport sandbox SAML IdP</h1>
<p class="lede">Sign in to continue to <strong>${input.spName}</strong>.</p>
${input.error ? html`<p class="error" role="alert" id="login-error">${input.error}</p>` : null}
<form method="post" action="/sso/login">
<input type="hidden" name="SAMLRequest" value="${input.samlRequest}">
${input.relayState !== null ? html`<input type="hidden" name="RelayState" value="${input.relayState}">` : null}
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${input.username ?? ''}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
</section>
<section class="card">
<h2>Demo people (SAML)</h2>
<table>
<thead><tr><th>Username</th><th>Password</th><th>Name</th><th>Groups</th></tr></thead>
<tbody>
${input.people.map((p) => html`<tr><td><code>${p.username}</code></td><td><code>${p.password}</code></td><td>${p.name}</td><td>${p.groups.join(', ')}</td></tr>
`)}
</tbody>
</table>
</section>`,
  );
}

/** The HTTP-POST binding: a form that carries the response to the SP, submitted at once. */
export function postResponsePage(input: { acsUrl: string; samlResponse: string; relayState: string | null; spName: string; nonce: string }): string {
  return layout(
    'Signing you in — Keyport sandbox SAML IdP',
    html`<section class="card narrow">
<h1>Continuing to ${input.spName}…</h1>
<form method="post" action="${input.acsUrl}" id="saml-post">
<input type="hidden" name="SAMLResponse" value="${input.samlResponse}">
${input.relayState !== null ? html`<input type="hidden" name="RelayState" value="${input.relayState}">` : null}
<button type="submit">Continue</button>
</form>
<script nonce="${input.nonce}">document.getElementById('saml-post').submit();</script>
</section>`,
  );
}

export function samlMessagePage(title: string, message: string): string {
  return layout(`${title} — Keyport sandbox SAML IdP`, html`<section class="card narrow"><h1>${title}</h1><p>${message}</p></section>`);
}
