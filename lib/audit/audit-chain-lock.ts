// The pg_advisory_xact_lock key every audit append takes (in the trigger audit_events_chain,
// migration 20261123153000): whoever holds it may extend or re-anchor the chain.
export const AUDIT_CHAIN_LOCK = 7_401_000_002n;
