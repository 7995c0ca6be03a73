import { describe, expect, it } from 'vitest';

import type { DemoPerson } from '../people';
import { escapeHtml, html, loginPage, logoutPage, peoplePage } from './pages';

const mallory: DemoPerson = {
  username: 'mallory',
  password: 'p"w<d>',
  name: '<script>alert(1)</script>',
  email: 'mallory@example.com',
  groups: ['a&b'],
  idp: 'oidc',
  note: '" onmouseover="x',
};

describe('html escaping', () => {
  it('escapes interpolations, including nested lists', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html`<p>${['<b>', html`<i>${'&'}</i>`]}</p>`.value).toBe('<p>&lt;b&gt;<i>&amp;</i></p>');
  });
});

describe('loginPage', () => {
  const page = loginPage({
    uid: 'abc',
    clientName: '<keyport>',
    people: [mallory],
    username: '"><img src=x>',
    error: 'Unknown username or wrong password.',
  });

  it('has labelled username and password fields and a Sign in button, and no scripts', () => {
    expect(page).toContain('<title>Sign in — Keyport sandbox IdP</title>');
    expect(page).toContain('<label for="username">Username</label>');
    expect(page).toMatch(/<input id="username" name="username"[^>]*>/);
    expect(page).toContain('<label for="password">Password</label>');
    expect(page).toMatch(/<input id="password" name="password" type="password"[^>]*>/);
    expect(page).toContain('<button type="submit">Sign in</button>');
    expect(page).toContain('action="/interaction/abc/login"');
    expect(page).not.toMatch(/<script|\son[a-z]+\s*=\s*["']/i);
  });

  it('escapes everything it shows', () => {
    expect(page).toContain('&lt;keyport&gt;');
    expect(page).toContain('value="&quot;&gt;&lt;img src=x&gt;"');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('p&quot;w&lt;d&gt;');
    expect(page).toContain('role="alert"');
  });
});

describe('peoplePage', () => {
  it('lists groups and offers a labelled form per person', () => {
    const page = peoplePage({ people: [{ person: mallory, sub: 'sub-1' }], saved: 'mallory' });
    expect(page).toContain('<label for="groups-mallory">Groups of mallory</label>');
    expect(page).toContain('<textarea id="groups-mallory" name="groups">a&amp;b</textarea>');
    expect(page).toContain('<code>a&amp;b</code>');
    expect(page).toContain('Saved the groups of <strong>mallory</strong>');
    expect(page).not.toMatch(/<script/i);
  });
});

describe('logoutPage', () => {
  it('embeds the provider form and a Sign out button bound to it', () => {
    const page = logoutPage('localhost:4001', '<form id="op.logoutForm" method="post" action="/session/end/confirm"></form>');
    expect(page).toContain('<form id="op.logoutForm"');
    expect(page).toContain('<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>');
  });
});
