import { describe, expect, it } from 'vitest';
import { pickMessages } from './pick-messages';

const messages = { common: { a: 'A' }, catalog: { x: 'X' }, audit: { y: 'Y' }, explain: { sts: { s: 'S' }, oidc: { o: 'O' }, issue: { i: 'I' } } };

describe('pickMessages', () => {
  it('gives the named namespaces and common, nothing else', () => {
    expect(pickMessages(messages, ['catalog'])).toEqual({ common: { a: 'A' }, catalog: { x: 'X' } });
  });
  it('picks parts of a namespace by dotted name, merged', () => {
    expect(pickMessages(messages, ['explain.sts', 'explain.issue'])).toEqual({ common: { a: 'A' }, explain: { sts: { s: 'S' }, issue: { i: 'I' } } });
  });
  it('ignores names that do not exist', () => {
    expect(pickMessages(messages, ['nope', 'explain.nope'])).toEqual({ common: { a: 'A' }, explain: {} });
  });
});
