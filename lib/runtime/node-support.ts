// Which Node.js release lines Keyport supports, and the one start-up line for a runtime past its
// end of life. Pure: takes the version string (process.versions.node) and the date.
// Dates from the Node.js release schedule (https://github.com/nodejs/release#release-schedule).
const END_OF_LIFE: Record<number, string> = {
  18: '2025-04-30',
  20: '2026-04-30',
  22: '2027-04-30',
  24: '2028-04-30',
};

/** The LTS lines `engines` names; the README says the same. */
export const SUPPORTED_NODE_MAJORS = [22, 24] as const;

/** One sentence to print at start-up when `version` is past its end of life; null otherwise. */
export function nodeEndOfLifeNotice(version: string, now: Date): string | null {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  const eol = END_OF_LIFE[major];
  const tooOld = Number.isInteger(major) && major < 18;
  if (!tooOld && (!eol || now.getTime() < Date.parse(`${eol}T00:00:00Z`))) return null;
  return (
    `Node.js ${version.replace(/^v/, '')} is past its end of life${eol ? ` (${eol})` : ''} and gets no security fixes; ` +
    `Keyport supports Node.js ${SUPPORTED_NODE_MAJORS.join(' and ')}: upgrade before its dependencies drop this version.`
  );
}
