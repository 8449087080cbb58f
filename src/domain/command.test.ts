import { describe, expect, it } from 'vitest';
import { parseIncidentCommand } from './command.js';

const inChannel = { inIncidentChannel: true };
const elsewhere = { inIncidentChannel: false };

describe('/incident parsing', () => {
  it.each([
    ['', { kind: 'declare', title: '' }],
    ['declare 결제 API 502 에러', { kind: 'declare', title: '결제 API 502 에러' }],
    ['help', { kind: 'help' }],
    ['LIST', { kind: 'list' }],
    ['severity sev1', { kind: 'severity', ref: null, severity: 'sev1' }],
    ['update 3 pods restarted', { kind: 'update', ref: null, text: '3 pods restarted' }],
    ['update INC-4 rolled back', { kind: 'update', ref: 4, text: 'rolled back' }],
    ['resolve', { kind: 'resolve', ref: null, note: null }],
    ['mitigated feature flag off', { kind: 'mitigated', ref: null, note: 'feature flag off' }],
    ['lead <@U0BOB|bob>', { kind: 'lead', ref: null, userId: 'U0BOB' }],
    ['followup add alert on queue depth <@U0BOB>', { kind: 'followup', ref: null, text: 'add alert on queue depth', ownerId: 'U0BOB' }],
    ['followup write runbook', { kind: 'followup', ref: null, text: 'write runbook', ownerId: null }],
    ['followups', { kind: 'followups' }],
    ['triage explain', { kind: 'triage_explain', message: null }],
    ['triage explain <https://acme.slack.com/archives/C0ALERTS/p1700000000000100>', { kind: 'triage_explain', message: { channelId: 'C0ALERTS', ts: '1700000000.000100' } }],
    ['postmortem', { kind: 'postmortem', ref: null }],
    ['postmortem 7', { kind: 'postmortem', ref: 7 }],
    ['pm INC-7', { kind: 'postmortem', ref: 7 }],
    ['stats', { kind: 'stats', periodMs: 30 * 86_400_000 }],
    ['stats 7d', { kind: 'stats', periodMs: 7 * 86_400_000 }],
    ['stats 12h', { kind: 'stats', periodMs: 12 * 3_600_000 }],
  ])('in an incident channel, %j', (text, command) => {
    expect(parseIncidentCommand(text, inChannel)).toEqual({ ok: true, command });
  });

  it.each([
    ['resolve 42 fixed', { kind: 'resolve', ref: 42, note: 'fixed' }],
    ['resolve 42', { kind: 'resolve', ref: 42, note: null }],
    ['severity 42 sev1', { kind: 'severity', ref: 42, severity: 'sev1' }],
    ['status 3', { kind: 'status', ref: 3 }],
    ['reopen inc-9 errors again', { kind: 'reopen', ref: 9, reason: 'errors again' }],
  ])('elsewhere, a leading number names the incident: %j', (text, command) => {
    expect(parseIncidentCommand(text, elsewhere)).toEqual({ ok: true, command });
  });

  it.each([
    ['frobnicate', { code: 'unknown_subcommand', input: 'frobnicate' }],
    ['update', { code: 'missing_argument', subcommand: 'update' }],
    ['severity', { code: 'missing_argument', subcommand: 'severity' }],
    ['reopen', { code: 'missing_argument', subcommand: 'reopen' }],
    ['lead', { code: 'missing_argument', subcommand: 'lead' }],
    ['lead bob', { code: 'invalid_user', input: 'bob' }],
    ['note', { code: 'missing_argument', subcommand: 'note' }],
    ['followup <@U0BOB>', { code: 'missing_argument', subcommand: 'followup' }],
    ['triage', { code: 'missing_argument', subcommand: 'triage' }],
    ['triage explain yesterday', { code: 'invalid_message_link', input: 'yesterday' }],
    ['postmortem now please', { code: 'invalid_argument', subcommand: 'postmortem', input: 'now please' }],
    ['stats last month', { code: 'invalid_argument', subcommand: 'stats', input: 'last month' }],
    ['stats 0d', { code: 'invalid_argument', subcommand: 'stats', input: '0d' }],
  ])('refuses %j with a specific error', (text, error) => {
    expect(parseIncidentCommand(text, inChannel)).toEqual({ ok: false, error });
  });
});

describe('/incident oncall and handoff', () => {
  const withRotations = { inIncidentChannel: false, rotationNames: ['platform', 'db'] };
  it.each([
    ['oncall', { kind: 'oncall' }],
    ['oncall override <@U0CAROL|carol> 2h', { kind: 'oncall_override', userId: 'U0CAROL', durationMs: 7_200_000, rotation: null }],
    ['oncall override <@U0CAROL> 1d db', { kind: 'oncall_override', userId: 'U0CAROL', durationMs: 86_400_000, rotation: 'db' }],
    ['handoff', { kind: 'handoff', rotation: null, notes: null }],
    ['handoff platform', { kind: 'handoff', rotation: 'platform', notes: null }],
    ['handoff DB replica lag is known, ignore it', { kind: 'handoff', rotation: 'DB', notes: 'replica lag is known, ignore it' }],
    ['handoff watch the queue', { kind: 'handoff', rotation: null, notes: 'watch the queue' }],
  ])('%j', (text, command) => {
    expect(parseIncidentCommand(text, withRotations)).toEqual({ ok: true, command });
  });

  it.each([
    ['oncall override', { code: 'missing_argument', subcommand: 'override' }],
    ['oncall override carol 2h', { code: 'invalid_user', input: 'carol' }],
    ['oncall override <@U0CAROL> soon', { code: 'invalid_duration', input: 'soon' }],
    ['oncall override <@U0CAROL> 0m', { code: 'invalid_duration', input: '0m' }],
    ['oncall swap', { code: 'unknown_subcommand', input: 'oncall swap' }],
  ])('refuses %j', (text, error) => {
    expect(parseIncidentCommand(text, withRotations)).toEqual({ ok: false, error });
  });
});
