// Pure: the regions of the mapping form grouped by geography, each with the place AWS names it
// after, and a search over code and place. The place names are AWS's own (proper nouns), as the
// console lists them (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
import { AWS_REGIONS, type AwsRegion } from './aws-regions';

export const GEOGRAPHIES = ['northAmerica', 'southAmerica', 'europe', 'middleEast', 'africa', 'asiaPacific', 'china', 'govCloud'] as const;
export type Geography = (typeof GEOGRAPHIES)[number];

export const REGION_PLACES: Record<AwsRegion, string> = {
  'us-east-1': 'N. Virginia',
  'us-east-2': 'Ohio',
  'us-west-1': 'N. California',
  'us-west-2': 'Oregon',
  'af-south-1': 'Cape Town',
  'ap-east-1': 'Hong Kong',
  'ap-east-2': 'Taipei',
  'ap-south-1': 'Mumbai',
  'ap-south-2': 'Hyderabad',
  'ap-southeast-1': 'Singapore',
  'ap-southeast-2': 'Sydney',
  'ap-southeast-3': 'Jakarta',
  'ap-southeast-4': 'Melbourne',
  'ap-southeast-5': 'Malaysia',
  'ap-southeast-7': 'Thailand',
  'ap-northeast-1': 'Tokyo',
  'ap-northeast-2': 'Seoul',
  'ap-northeast-3': 'Osaka',
  'ca-central-1': 'Central Canada',
  'ca-west-1': 'Calgary',
  'eu-central-1': 'Frankfurt',
  'eu-central-2': 'Zurich',
  'eu-west-1': 'Ireland',
  'eu-west-2': 'London',
  'eu-west-3': 'Paris',
  'eu-south-1': 'Milan',
  'eu-south-2': 'Spain',
  'eu-north-1': 'Stockholm',
  'il-central-1': 'Tel Aviv',
  'me-south-1': 'Bahrain',
  'me-central-1': 'UAE',
  'mx-central-1': 'Mexico',
  'sa-east-1': 'São Paulo',
  'cn-north-1': 'Beijing',
  'cn-northwest-1': 'Ningxia',
  'us-gov-west-1': 'US-West',
  'us-gov-east-1': 'US-East',
};

export function geographyOf(region: AwsRegion): Geography {
  if (region.startsWith('us-gov-')) return 'govCloud';
  if (region.startsWith('cn-')) return 'china';
  if (/^(us|ca|mx)-/.test(region)) return 'northAmerica';
  if (region.startsWith('sa-')) return 'southAmerica';
  if (region.startsWith('eu-')) return 'europe';
  if (/^(me|il)-/.test(region)) return 'middleEast';
  if (region.startsWith('af-')) return 'africa';
  return 'asiaPacific';
}

/** The regions given (in AWS_REGIONS order), grouped, keeping only those matching `search`. */
export function groupRegions(regions: readonly AwsRegion[], search = ''): { geography: Geography; regions: AwsRegion[] }[] {
  const q = search.trim().toLocaleLowerCase();
  const match = (r: AwsRegion) => !q || r.includes(q) || REGION_PLACES[r].toLocaleLowerCase().includes(q);
  const ordered = AWS_REGIONS.filter((r) => regions.includes(r) && match(r));
  return GEOGRAPHIES.map((geography) => ({ geography, regions: ordered.filter((r) => geographyOf(r) === geography) })).filter((g) => g.regions.length > 0);
}
