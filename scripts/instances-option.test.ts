import { describe, expect, it } from 'vitest';
import { instancePorts, instancesOption } from './instances-option';

describe('instancesOption', () => {
  it('is 1 without the option', () => {
    expect(instancesOption([])).toBe(1);
  });
  it('reads --instances N and --instances=N', () => {
    expect(instancesOption(['--instances', '3'])).toBe(3);
    expect(instancesOption(['--instances=2'])).toBe(2);
  });
  it('refuses what is not a whole number from 1 to 16', () => {
    expect(() => instancesOption(['--instances'])).toThrow('--instances takes a whole number from 1 to 16 (got nothing)');
    expect(() => instancesOption(['--instances', '0'])).toThrow('(got 0)');
    expect(() => instancesOption(['--instances', '17'])).toThrow('(got 17)');
    expect(() => instancesOption(['--instances', '2.5'])).toThrow('(got 2.5)');
    expect(() => instancesOption(['--instances=x'])).toThrow('(got x)');
  });
});

describe('instancePorts', () => {
  it('serves one instance on the public port, several on the ports after it', () => {
    expect(instancePorts(3000, 1)).toEqual([3000]);
    expect(instancePorts(3000, 3)).toEqual([3001, 3002, 3003]);
  });
});
