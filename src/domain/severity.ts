export interface Severity {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** How often to ask "is impact mitigated?" while investigating; absent = never. */
  readonly mitigationCheckMs?: number;
  /** Nudge the commander when no status update was posted for this long; absent = never. */
  readonly updateReminderMs?: number;
  readonly announce: boolean;
}

/** Accepts the forms people type: `sev1`, `SEV1`, `1`, or the label. Severities are ordered most severe first. */
export function findSeverity(input: string, severities: readonly Severity[]): Severity | undefined {
  const wanted = input.trim().toLowerCase();
  if (wanted === '') return undefined;
  const byName = severities.find((s) => s.id.toLowerCase() === wanted || s.label.toLowerCase() === wanted);
  if (byName) return byName;
  if (/^\d+$/.test(wanted)) {
    return severities.find((s) => s.id.toLowerCase().replace(/\D+/g, '') === wanted || s.label.replace(/\D+/g, '') === wanted);
  }
  return undefined;
}

/** Rank for sorting: 0 is most severe; unknown or missing severities sort last. */
export function severityRank(id: string | null, severities: readonly Severity[]): number {
  const index = severities.findIndex((s) => s.id === id);
  return index === -1 ? severities.length : index;
}
