import { describe, expect, it } from 'vitest';
import { parseAuditSettings } from './audit-settings';

describe('audit settings', () => {
  it('defaults: migrate on start, no sinks, not required, checkpoints every 1000 events or 5 minutes', () => {
    expect(parseAuditSettings({})).toMatchObject({ migrateOnStart: true, createRuntimeRole: false, sinks: [], sinkRequired: false, sinkMaxLagMs: 60_000, checkpointEveryEvents: 1000, checkpointEveryMs: 300_000, databaseMigrationUrl: undefined });
  });
  it('reads the sinks with their settings, and the auth header split at its first colon', () => {
    const s = parseAuditSettings({
      AUDIT_SINKS: 'stdout, http,file,syslog',
      AUDIT_SINK_HTTP_URL: 'https://splunk.example.com:8088/services/collector/event',
      AUDIT_SINK_HTTP_PRESET: 'splunk',
      AUDIT_SINK_HTTP_AUTH_HEADER: 'Authorization: Splunk a:b',
      AUDIT_SINK_FILE_PATH: '/var/log/keyport/audit.jsonl',
      AUDIT_SINK_SYSLOG_URL: 'tls://syslog.example.com:6514',
      AUDIT_SINK_REQUIRED: 'true',
      KEYPORT_MIGRATE_ON_START: 'false',
    });
    expect(s.sinks.map((x) => x.kind)).toEqual(['stdout', 'http', 'file', 'syslog']);
    expect(s.sinks[1]).toMatchObject({ preset: 'splunk', authHeader: { name: 'Authorization', value: 'Splunk a:b' }, batch: 500, timeoutMs: 10_000 });
    expect(s.sinkRequired).toBe(true);
    expect(s.migrateOnStart).toBe(false);
  });
  it('refuses a sink named without its settings, an unknown sink, and a required sink that is not there', () => {
    expect(() => parseAuditSettings({ AUDIT_SINKS: 'http' })).toThrow(/set AUDIT_SINK_HTTP_URL/);
    expect(() => parseAuditSettings({ AUDIT_SINKS: 'file' })).toThrow(/set AUDIT_SINK_FILE_PATH/);
    expect(() => parseAuditSettings({ AUDIT_SINKS: 'syslog' })).toThrow(/set AUDIT_SINK_SYSLOG_URL/);
    expect(() => parseAuditSettings({ AUDIT_SINKS: 'kafka' })).toThrow(/unknown sink "kafka"/);
    expect(() => parseAuditSettings({ AUDIT_SINK_REQUIRED: 'true' })).toThrow(/names no sink/);
  });
  it('refuses malformed values', () => {
    expect(() => parseAuditSettings({ AUDIT_SINKS: 'http', AUDIT_SINK_HTTP_URL: 'ftp://x' })).toThrow(/http\(s\) URL/);
    expect(() => parseAuditSettings({ AUDIT_SINKS: 'syslog', AUDIT_SINK_SYSLOG_URL: 'udp://x:514' })).toThrow(/tcp:\/\/host:port or tls/);
    expect(() => parseAuditSettings({ AUDIT_SINK_HTTP_AUTH_HEADER: 'no colon here' })).toThrow(/Authorization: Bearer/);
    expect(() => parseAuditSettings({ AUDIT_SINK_HTTP_PRESET: 'datadog' })).toThrow();
    expect(() => parseAuditSettings({ DATABASE_MIGRATION_URL: 'mysql://x' })).toThrow(/DATABASE_MIGRATION_URL/);
    expect(() => parseAuditSettings({ KEYPORT_MIGRATE_ON_START: 'maybe' })).toThrow(/KEYPORT_MIGRATE_ON_START/);
    expect(() => parseAuditSettings({ AUDIT_CHECKPOINT_EVERY_EVENTS: '0' })).toThrow(/AUDIT_CHECKPOINT_EVERY_EVENTS/);
    expect(() => parseAuditSettings({ AUDIT_SIGNING_KEY: 'bm90LWEta2V5' })).toThrow(/AUDIT_SIGNING_KEY is not an Ed25519 private key/);
    expect(() => parseAuditSettings({ AUDIT_SIGNING_KEY: 'bm90LWEta2V5' })).not.toThrow(/bm90LWEta2V5/);
    expect(() => parseAuditSettings({ AUDIT_VERIFY_KEYS: 'nope' })).toThrow(/AUDIT_VERIFY_KEYS entry/);
  });
});
