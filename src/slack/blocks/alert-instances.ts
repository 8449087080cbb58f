import type { AlertLink, LinkKind } from '../../domain/alerts/alert.js';
import type { Catalog } from '../../i18n/index.js';
import { safe } from './format.js';

/** What the group's message shows of each instance: its labels and whether it fires now. */
export interface InstanceView {
  readonly labels: Readonly<Record<string, string>>;
  readonly firing: boolean;
}

const SHOWN = 10;
const LABELS_EACH = 3;

/** The labels whose values differ between the group's instances: what tells `web-1` from `web-2`. */
function telling(instances: readonly InstanceView[]): string[] {
  const keys = new Set(instances.flatMap((i) => Object.keys(i.labels)));
  return [...keys].filter((key) => new Set(instances.map((i) => i.labels[key] ?? '')).size > 1).sort();
}

/** "Firing now: `instance=web-1`, `instance=web-2` … and 3 more", or null when none fires or one alone makes the group. */
export function firingInstancesLine(instances: readonly InstanceView[], t: Catalog): string | null {
  const firing = instances.filter((i) => i.firing);
  const keys = telling(instances).slice(0, LABELS_EACH);
  if (firing.length === 0 || keys.length === 0) return null;
  const shown = firing.slice(0, SHOWN).map((i) => `\`${safe(keys.map((k) => `${k}=${i.labels[k] ?? ''}`).join(' '), 120)}\``);
  const more = firing.length > SHOWN ? ` ${t.triage.moreInstances(firing.length - SHOWN)}` : '';
  return t.triage.firingNow(`${shown.join(', ')}${more}`);
}

/** The links after the first (which the title text carries), one word each: Rule · Silence · Dashboard · Runbook. */
export function linksLine(links: readonly AlertLink[], t: Catalog): string | null {
  const seen = new Set<LinkKind>();
  const rest = links.slice(1).filter((l) => !seen.has(l.kind) && seen.add(l.kind));
  return rest.length === 0 ? null : rest.map((l) => `<${safe(l.url, 500)}|${t.triage.links[l.kind]}>`).join(' · ');
}

/** "Alertmanager", "Grafana": how a tool's name reads in a sentence. */
export const toolName = (source: string): string => `${source.charAt(0).toUpperCase()}${source.slice(1)}`;
