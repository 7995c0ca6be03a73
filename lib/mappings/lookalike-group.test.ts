// A lookalike group: mixed-script (UTS #39 §5.1) or confusable with another mapping's group (§4).
import { describe, expect, it } from 'vitest';
import { describeLookalike, findLookalikeGroup, findLookalikeGroups, lookalikeAuditDetail, lookalikeBadge } from './lookalike-group';

const find = (group: string, otherGroups: string[] = []) => findLookalikeGroup({ group, otherGroups });

describe('findLookalikeGroup: lookalike groups are found', () => {
  it('a Cyrillic а in a Latin name: mixed-script and like the real group', () => {
    const f = find('p\u0430ypal-admins', ['paypal-admins', 'engineering']);
    expect(f).toEqual({ group: 'p\u0430ypal-admins', mixedScript: { scripts: [{ script: 'Latin', chars: ['p', 'y', 'a', 'l', 'd', 'm', 'i', 'n', 's'] }, { script: 'Cyrillic', chars: ['\u0430'] }] }, looksLike: ['paypal-admins'] });
    expect(describeLookalike(f!)).toBe(
      'The IdP group "p\u0430ypal-admins" mixes Latin and Cyrillic letters (Cyrillic: "\u0430" U+0430) and looks like the group "paypal-admins" of another mapping, so it can pass for a different group. Check the exact name with your IdP; if it is right, confirm it and save again.',
    );
  });

  it('mixed-script even when no other group looks like it', () => {
    const f = find('dev-t\u0435am');
    expect(f?.looksLike).toEqual([]);
    expect(describeLookalike(f!)).toContain('mixes Latin and Cyrillic letters (Cyrillic: "\u0435" U+0435)');
    expect(describeLookalike(f!)).not.toContain('looks like');
  });

  it('a Greek ο', () => {
    expect(find('g\u03BFogle-ops', ['google-ops'])).toMatchObject({ looksLike: ['google-ops'], mixedScript: { scripts: [{ script: 'Latin' }, { script: 'Greek' }] } });
  });

  it('an all-Cyrillic name that reads as a Latin one: single-script, but confusable', () => {
    const f = find('\u0421\u0410\u0420', ['CAP']);
    expect(f).toEqual({ group: '\u0421\u0410\u0420', mixedScript: null, looksLike: ['CAP'] });
    expect(describeLookalike(f!)).toBe('The IdP group "\u0421\u0410\u0420" looks like the group "CAP" of another mapping, so it can pass for a different group. Check the exact name with your IdP; if it is right, confirm it and save again.');
  });

  it('fullwidth letters (one script, same skeleton)', () => {
    expect(find('\uFF50\uFF41\uFF59\uFF50\uFF41\uFF4C', ['paypal'])).toEqual({ group: '\uFF50\uFF41\uFF59\uFF50\uFF41\uFF4C', mixedScript: null, looksLike: ['paypal'] });
  });

  it('digit 0 for letter O: not mixed-script (digits are Common), but the same skeleton', () => {
    expect(find('team0', ['teamO'])).toEqual({ group: 'team0', mixedScript: null, looksLike: ['teamO'] });
  });

  it('the plain name is flagged too when the lookalike exists already', () => {
    expect(find('paypal', ['p\u0430ypal'])).toEqual({ group: 'paypal', mixedScript: null, looksLike: ['p\u0430ypal'] });
  });

  it('names each lookalike once, sorted, and at most three in the message', () => {
    const f = find('teaml', ['team1', 'teamI', 'team1', 'team|', 'team\u2160']);
    expect(f?.looksLike).toEqual(['team1', 'teamI', 'team|', 'team\u2160']);
    expect(describeLookalike(f!)).toContain('looks like the group "team1", "teamI" and "team|" (and others) of another mapping');
  });
});

describe('findLookalikeGroup: ordinary groups are not flagged', () => {
  it.each([
    ['plain ASCII, different names', 'platform-team', ['engineering', 'platform-teams', 'Platform-team']],
    ['Japanese', '開発チーム', ['dev-team', '開発']],
    ['Korean', '한국어 팀 漢字', ['korean-team']],
    ['all Cyrillic, unlike any other group', 'Москва', ['moscow']],
    ['no other groups', 'engineering', []],
  ])('%s', (_what, group, others) => {
    expect(find(group, others)).toBeNull();
  });

  it('the same group twice (another role) is not "another group"', () => {
    expect(find('engineering', ['engineering', 'engineering'])).toBeNull();
    expect(find('\u00E9quipe', ['e\u0301quipe'])).toBeNull();
  });
});

describe('findLookalikeGroups (the mapping list)', () => {
  it('marks both groups of a confusable pair and every mixed-script group, nothing else', () => {
    const found = findLookalikeGroups(['engineering', 'paypal', 'p\u0430ypal', 'engineering', '開発チーム', 'dev-t\u0435am', 'team0', 'teamO']);
    expect([...found.keys()].sort()).toEqual(['dev-t\u0435am', 'p\u0430ypal', 'paypal', 'team0', 'teamO'].sort());
    expect(found.get('paypal')?.looksLike).toEqual(['p\u0430ypal']);
    expect(found.get('p\u0430ypal')).toMatchObject({ looksLike: ['paypal'], mixedScript: { scripts: [{ script: 'Latin' }, { script: 'Cyrillic' }] } });
    expect(found.get('dev-t\u0435am')?.looksLike).toEqual([]);
  });

  it('finds nothing in ordinary groups, including one group mapped to several roles', () => {
    expect(findLookalikeGroups(['engineering', 'engineering', 'eng-oncall', 'platform-team', '開発チーム', '\u00E9quipe', 'e\u0301quipe']).size).toBe(0);
  });
});

describe('badge and audit detail', () => {
  it('say what was found in words', () => {
    const f = find('p\u0430ypal', ['paypal'])!;
    expect(lookalikeBadge(f)).toBe('Lookalike group: mixes Latin and Cyrillic; looks like "paypal"');
    expect(lookalikeBadge(find('team0', ['teamO'])!)).toBe('Lookalike group: looks like "teamO"');
    expect(lookalikeAuditDetail(f)).toEqual({ confirmed: true, group: 'p\u0430ypal', scripts: ['Latin', 'Cyrillic'], looksLike: ['paypal'] });
  });
});
