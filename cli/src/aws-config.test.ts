import { describe, expect, it } from 'vitest';
import { MARKER, renderProfile, splitSections, updateAwsConfig, type DesiredProfile } from './aws-config.js';

const dev: DesiredProfile = { profile: 'dev-ro', roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly', settings: [['credential_process', 'keyport credential-process --role arn:aws:iam::111122223333:role/DevReadOnly'], ['region', 'us-east-1']] };
const prod: DesiredProfile = { profile: 'prod-ro', roleArn: 'arn:aws:iam::444455556666:role/ProdReadOnly', settings: [['credential_process', 'keyport credential-process --role arn:aws:iam::444455556666:role/ProdReadOnly'], ['region', 'eu-west-1']] };

const theirs = `# top comment\r\n[default]\r\nregion = eu-west-1\r\n\r\n;between\n[profile personal]\nregion=us-west-2\n  nested =\n    value\n[sso-session corp]\nsso_start_url = https://x/start`;

describe('updateAwsConfig', () => {
  it('appends its profiles and leaves every other byte as it was (CRLF, comments, no final newline)', () => {
    const r = updateAwsConfig(theirs, [dev, prod], { prune: false });
    expect(r.text.startsWith(theirs)).toBe(true);
    expect(r.added).toEqual(['dev-ro', 'prod-ro']);
    expect(r.text.slice(theirs.length)).toBe(`\n\n${renderProfile(dev)}\n${renderProfile(prod)}`);
  });

  it('is idempotent: a second run changes nothing', () => {
    const once = updateAwsConfig(theirs, [dev, prod], { prune: false }).text;
    const twice = updateAwsConfig(once, [dev, prod], { prune: false });
    expect(twice.text).toBe(once);
    expect(twice.unchanged).toEqual(['dev-ro', 'prod-ro']);
  });

  it('rewrites a managed profile in place, keeping what follows it', () => {
    const once = updateAwsConfig(theirs, [dev, prod], { prune: false }).text;
    const moved = { ...dev, settings: [dev.settings[0] ?? ['', ''], ['region', 'eu-central-1']] as [string, string][] };
    const r = updateAwsConfig(once, [moved, prod], { prune: false });
    expect(r.updated).toEqual(['dev-ro']);
    expect(r.text).toBe(once.replace('region = us-east-1', 'region = eu-central-1'));
  });

  it('--prune removes only the managed profiles of roles no longer entitled', () => {
    const once = updateAwsConfig(theirs, [dev, prod], { prune: false }).text;
    const kept = updateAwsConfig(once, [prod], { prune: false });
    expect(kept.text).toBe(once);
    const pruned = updateAwsConfig(once, [prod], { prune: true });
    expect(pruned.removed).toEqual(['dev-ro']);
    expect(pruned.text).not.toContain('dev-ro');
    expect(pruned.text.startsWith(theirs)).toBe(true);
    expect(pruned.text).toContain(renderProfile(prod));
  });

  it('never touches a profile of the same name it did not write', () => {
    const mine = `[profile dev-ro]\nregion = ap-south-1\nrole_arn = x\n`;
    const r = updateAwsConfig(mine, [dev], { prune: true });
    expect(r.text).toBe(mine);
    expect(r.skipped).toEqual(['dev-ro']);
  });

  it('keeps a comment written after a managed profile when it prunes it', () => {
    const once = updateAwsConfig('', [dev], { prune: false }).text;
    const withComment = `${once}\n# about the next one\n[profile other]\nregion = x\n`;
    const pruned = updateAwsConfig(withComment, [], { prune: true });
    expect(pruned.text).toBe('\n# about the next one\n[profile other]\nregion = x\n');
  });

  it('writes a file from nothing', () => {
    expect(updateAwsConfig('', [dev], { prune: false }).text).toBe(renderProfile(dev));
  });

  it('marks what it writes', () => {
    expect(renderProfile(dev).split('\n')[1]?.startsWith(MARKER)).toBe(true);
  });
});

describe('splitSections', () => {
  it('splits at headers and keeps line endings', () => {
    const s = splitSections('a=1\n[x]\r\nb=2\n[ profile  y ] ; c\n');
    expect(s.map((x) => x.key)).toEqual([null, 'x', 'profile y']);
    expect(s.map((x) => x.lines.join('')).join('')).toBe('a=1\n[x]\r\nb=2\n[ profile  y ] ; c\n');
  });
});
