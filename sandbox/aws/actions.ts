// What every Query-API action handler receives, and the checks several of them share.
import { regionDisabled } from './errors';
import type { SandboxState } from './state';
import type { World } from './world';

export type Params = ReadonlyMap<string, string>;

export interface ActionContext {
  readonly world: World;
  readonly state: SandboxState;
  readonly now: () => Date;
  /** The region named by the request path (`/eu-west-1/`), if any. */
  readonly region: string | undefined;
  readonly sourceIp: string;
  readonly requestId: string;
  /** Extra fields for the structured log line. Never put a secret here. */
  readonly logFields: Record<string, unknown>;
}

/** Regional STS endpoints can be deactivated per account; us-east-1 never is. */
export function assertRegionEnabled(ctx: ActionContext, account: string): void {
  const region = ctx.region;
  if (region === undefined || region === 'us-east-1') return;
  const accountRegions = ctx.world.accounts.find((a) => a.id === account)?.disabledRegions ?? [];
  if (ctx.world.disabledRegions.includes(region) || accountRegions.includes(region)) throw regionDisabled(account);
}

/** `PolicyArns.member.1.arn`, `PolicyArns.member.2.arn`, … in order. */
export function memberList(params: Params, prefix: string, field?: string): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const value = params.get(field === undefined ? `${prefix}.member.${i}` : `${prefix}.member.${i}.${field}`);
    if (value === undefined) return out;
    out.push(value);
  }
}

/** AWS timestamps in STS answers: ISO-8601 UTC without milliseconds. */
export function awsTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
