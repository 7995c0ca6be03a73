import { describe, expect, it } from 'vitest';
import { AWS_REGIONS } from './aws-regions';
import { geographyOf, groupRegions, REGION_PLACES } from './region-groups';

describe('region groups', () => {
  it('puts every region in one geography, with a place', () => {
    const groups = groupRegions(AWS_REGIONS);
    expect(groups.flatMap((g) => g.regions).sort()).toEqual([...AWS_REGIONS].sort());
    for (const r of AWS_REGIONS) expect(REGION_PLACES[r]).toBeTruthy();
    expect(geographyOf('us-gov-west-1')).toBe('govCloud');
    expect(geographyOf('il-central-1')).toBe('middleEast');
    expect(geographyOf('mx-central-1')).toBe('northAmerica');
    expect(geographyOf('ap-northeast-1')).toBe('asiaPacific');
  });

  it('searches code and place, in any case, and drops empty groups', () => {
    expect(groupRegions(AWS_REGIONS, 'tokyo')).toEqual([{ geography: 'asiaPacific', regions: ['ap-northeast-1'] }]);
    expect(groupRegions(AWS_REGIONS, 'EU-WEST').map((g) => g.regions)).toEqual([['eu-west-1', 'eu-west-2', 'eu-west-3']]);
    expect(groupRegions(AWS_REGIONS, 'nowhere')).toEqual([]);
  });

  it('keeps only the regions offered (the role’s partition)', () => {
    expect(groupRegions(['cn-north-1', 'cn-northwest-1'])).toEqual([{ geography: 'china', regions: ['cn-north-1', 'cn-northwest-1'] }]);
  });
});
