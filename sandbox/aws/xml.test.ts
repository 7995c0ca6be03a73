import { describe, expect, it } from 'vitest';
import { el, elWithAttrs, errorResponse, escapeXml, escapeXmlText, queryResponse, renderXml, STS_NS } from './xml';

describe('XML escaping', () => {
  it('escapes markup characters in text and attributes', () => {
    expect(escapeXmlText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(escapeXmlText(`it's "quoted"`)).toBe(`it's "quoted"`);
    expect(escapeXml(`it's "quoted" <x>`)).toBe('it&apos;s &quot;quoted&quot; &lt;x&gt;');
  });

  it('does not double-escape and drops characters XML cannot carry', () => {
    expect(escapeXmlText('&amp;')).toBe('&amp;amp;');
    expect(escapeXmlText('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
    expect(escapeXmlText('\r')).toBe('&#13;');
  });

  it('escapes values when rendering elements and attributes', () => {
    const xml = renderXml(elWithAttrs('R', { note: 'a"b' }, el('Message', '</Message><Injected>'), el('Ok', 'x')));
    expect(xml).toBe('<R note="a&quot;b">\n  <Message>&lt;/Message&gt;&lt;Injected&gt;</Message>\n  <Ok>x</Ok>\n</R>\n');
  });
});

describe('Query protocol documents', () => {
  it('wraps results like AWS and drops absent optional members', () => {
    const xml = queryResponse(STS_NS, 'GetCallerIdentity', [el('Arn', 'arn:x'), el('SourceIdentity', undefined), el('Count', 3), el('Flag', false)], 'req-1');
    expect(xml).toBe(
      [
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
        '  <GetCallerIdentityResult>',
        '    <Arn>arn:x</Arn>',
        '    <Count>3</Count>',
        '    <Flag>false</Flag>',
        '  </GetCallerIdentityResult>',
        '  <ResponseMetadata>',
        '    <RequestId>req-1</RequestId>',
        '  </ResponseMetadata>',
        '</GetCallerIdentityResponse>',
        '',
      ].join('\n'),
    );
  });

  it('omits the Result element for actions without output and renders empty lists', () => {
    expect(queryResponse('ns', 'PutRolePolicy', undefined, 'r')).not.toContain('Result');
    expect(queryResponse('ns', 'ListRolePolicies', [el('PolicyNames')], 'r')).toContain('<PolicyNames/>');
  });

  it('renders AWS error documents', () => {
    expect(errorResponse(STS_NS, { type: 'Sender', code: 'AccessDenied', message: 'Not <allowed> & "denied"' }, 'req-2')).toBe(
      [
        '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
        '  <Error>',
        '    <Type>Sender</Type>',
        '    <Code>AccessDenied</Code>',
        '    <Message>Not &lt;allowed&gt; &amp; "denied"</Message>',
        '  </Error>',
        '  <RequestId>req-2</RequestId>',
        '</ErrorResponse>',
        '',
      ].join('\n'),
    );
  });
});
