import { expect } from 'vitest';
import { ALERT_SOURCES, ALERT_STATUSES, MESSAGE_KINDS, type AlertMessage, type ParsedAlert } from '../../src/domain/triage/alert.js';

/** The ParsedAlert contract every parser's answer keeps, whatever it was given. */
export function expectValidAlert(alert: ParsedAlert): void {
  expect(ALERT_SOURCES).toContain(alert.source);
  expect(MESSAGE_KINDS).toContain(alert.kind);
  expect(ALERT_STATUSES).toContain(alert.status);
  expect(alert.name.trim()).not.toBe('');
  expect(alert.name.length).toBeLessThanOrEqual(200);
  expect(alert.summary.trim()).not.toBe('');
  expect(alert.summary.length).toBeLessThanOrEqual(300);
  expect(alert.summary).not.toMatch(/\n/);
  expect(alert.reason.trim()).not.toBe('');
  if (alert.severity !== null) expect(alert.severity).toBe(alert.severity.toLowerCase());
  if (alert.subject !== null) expect(alert.subject).toBe(alert.subject.toLowerCase());
  for (const [key, value] of Object.entries(alert.labels)) {
    expect(typeof key).toBe('string');
    expect(typeof value).toBe('string');
  }
  expect(Number.isInteger(alert.count)).toBe(true);
  expect(alert.count).toBeGreaterThanOrEqual(0);
  expect(typeof alert.countIsTotal).toBe('boolean');
  if (alert.link !== null) expect(alert.link).toMatch(/^https?:\/\/\S+$/);
}

/** A message a person typed: text alone, no bot. */
export const human = (text: string): AlertMessage => ({ text, attachments: [], blocks: [], username: null, botId: null });
