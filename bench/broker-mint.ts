// Part 6 · broker token minting: the CPU one issuance in broker mode adds on the portal — building
// the session tags and subject and signing one ES256 (and RS256) token with Keyport's key
// (lib/broker/issue-broker-token.ts). Measured as process CPU (user + system) over a bounded loop,
// against a baseline measured in the same run: the same loop with the signing step replaced by
// JSON-encoding the same claims (what any token costs without a signature). Target: < 0.5 ms CPU.
import { cpuUsage } from 'node:process';
import { issueBrokerToken } from '../lib/broker/issue-broker-token';
import { rotateKeySet, type BrokerAlgorithm } from '../lib/broker/key-set';
import { generateBrokerKey } from '../lib/broker/parse-broker-keys';
import { buildSessionTags, sessionTagClaim } from '../lib/broker/session-tags';
import type { Section } from './report';

const ROLE = 'arn:aws:iam::111122223333:role/DevReadOnly';
const source = { person: 'alice@example.com', verifiedEmail: 'alice@example.com', mappingId: '6f1c2a8e-1111-4222-8333-944455556666', name: 'Alice Anders', username: 'alice', groups: ['engineering', 'eng-oncall'], idpKind: 'OIDC' as const };

async function cpuMsPer(iterations: number, fn: () => Promise<unknown>): Promise<number> {
  const start = cpuUsage();
  for (let i = 0; i < iterations; i++) await fn();
  const used = cpuUsage(start);
  return (used.user + used.system) / 1000 / iterations;
}

export async function benchBrokerMint(opts: { iterations: number }): Promise<Section & { msPerToken: Record<BrokerAlgorithm, number> }> {
  const n = Math.max(1, opts.iterations);
  const baseline = await cpuMsPer(n, async () => JSON.stringify({ tags: sessionTagClaim(buildSessionTags(source, ['groups'])), sub: `role:${ROLE}:person:${source.person}` }));
  const msPerToken = {} as Record<BrokerAlgorithm, number>;
  const rows: Section['rows'] = [];
  for (const alg of ['ES256', 'RS256'] as const) {
    const keys = rotateKeySet({ keys: [] }, await generateBrokerKey(alg), new Date(Date.now() - 1000), 0);
    const mint = () => issueBrokerToken({ keys, issuer: 'https://keyport.example.com/oidc', audience: 'sts.amazonaws.com', roleArn: ROLE, tagSource: source, tagAttributes: ['groups'], now: new Date() });
    await cpuMsPer(Math.min(n, 50), mint); // warm-up: the key import is cached after the first use
    const ms = await cpuMsPer(n, mint);
    msPerToken[alg] = ms;
    rows.push({
      benchmark: 'broker token',
      metric: `mint + sign one ${alg} token (CPU per token)`,
      value: `${(ms * 1000).toFixed(0)} µs`,
      baseline: `${(baseline * 1000).toFixed(1)} µs (same claims, unsigned)`,
      ratio: `${(ms / Math.max(baseline, 1e-6)).toFixed(1)}×`,
      goal: '< 500 µs CPU',
      verdict: ms < 0.5 ? 'met' : 'missed',
    });
  }
  return {
    title: '6 · Broker token minting',
    rows,
    notes: [`${n} tokens per algorithm after a warm-up; process CPU (user + system) of this bench process.`],
    msPerToken,
  };
}
