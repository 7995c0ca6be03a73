// Every page, route handler and server action under app/ has an entry in the registry, and its
// code asks for exactly the permission the registry names — so a new route without a rule, or a
// rule the code does not enforce, fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_ACCESS, HTTP_METHODS, PAGE_ACCESS, ROUTE_ACCESS, type AccessRule } from './route-permissions';

const APP = path.resolve(__dirname, '../../app');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** `app/(group)/admin/[id]/page.tsx` → `/admin/[id]`. */
function urlPath(file: string): string {
  const segments = path.relative(APP, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
  return `/${segments.join('/')}`;
}

const files = walk(APP);
const pages = files.filter((f) => /\/page\.tsx?$/.test(f));
const routes = files.filter((f) => /\/route\.tsx?$/.test(f));
const squash = (s: string) => s.replace(/\s+/g, '').replace(/"/g, "'");
const permissionText = (rule: Exclude<AccessRule, 'public' | 'metrics-token'>) => `permission:['${rule[0]}','${rule[1]}']`;

function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+([A-Z]+)\b/g)) if (m[1]) found.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) for (const part of (m[1] ?? '').split(',')) {
    const name = part.trim().split(/\s+as\s+/).pop()?.trim();
    if (name) found.add(name);
  }
  return [...found].filter((n) => (HTTP_METHODS as readonly string[]).includes(n)).sort();
}

describe('route permission registry', () => {
  it('finds the app', () => {
    expect(pages.length).toBeGreaterThan(3);
    expect(routes.length).toBeGreaterThan(3);
  });

  it.each(pages.map((f) => [urlPath(f), f]))('page %s has a rule its code enforces', (url, file) => {
    const rule = PAGE_ACCESS[url];
    expect(rule, `${path.relative(process.cwd(), file)} has no entry in lib/auth/route-permissions.ts PAGE_ACCESS`).toBeDefined();
    if (rule && typeof rule !== 'string') {
      expect(squash(readFileSync(file, 'utf8')), `${url} must call requirePageActor({ permission: ['${rule[0]}', '${rule[1]}'] })`).toContain(`requirePageActor({${permissionText(rule)}`);
    }
  });

  it.each(routes.map((f) => [urlPath(f), f]))('route handler %s has a rule per method that its code enforces', (url, file) => {
    const rules = ROUTE_ACCESS[url];
    expect(rules, `${path.relative(process.cwd(), file)} has no entry in lib/auth/route-permissions.ts ROUTE_ACCESS`).toBeDefined();
    const source = readFileSync(file, 'utf8');
    expect(exportedMethods(source), `methods of ${url}`).toEqual(Object.keys(rules ?? {}).sort());
    for (const [method, rule] of Object.entries(rules ?? {})) {
      if (rule === 'public') continue;
      if (rule === 'metrics-token') {
        expect(squash(source), `${method} ${url} must check the metrics token (bearerTokenMatches)`).toMatch(/bearerTokenMatches\(request\.headers\.get\('authorization'\),token\)/);
        continue;
      }
      const m = new RegExp(`exportconst${method}=withAuth(?:<[^>]*>)?\\(\\{${permissionText(rule).replace(/[[\]()]/g, '\\$&')}`).exec(squash(source));
      expect(m, `${method} ${url} must be withAuth({ permission: ['${rule[0]}', '${rule[1]}'] })`).not.toBeNull();
    }
  });

  it('has a rule for every server action', () => {
    const actionFiles = files.filter((f) => /^\s*['"]use server['"]/.test(readFileSync(f, 'utf8')));
    for (const file of actionFiles) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)) {
        const key = `${path.relative(APP, file)}#${m[1]}`;
        const rule = ACTION_ACCESS[key];
        expect(rule, `server action ${key} has no entry in ACTION_ACCESS`).toBeDefined();
        if (rule && typeof rule !== 'string') expect(squash(source)).toContain(permissionText(rule));
      }
    }
  });

  it('has no entries for pages or routes that do not exist', () => {
    const pageUrls = new Set(pages.map(urlPath));
    const routeUrls = new Set(routes.map(urlPath));
    expect(Object.keys(PAGE_ACCESS).filter((p) => !pageUrls.has(p))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((p) => !routeUrls.has(p))).toEqual([]);
  });
});
