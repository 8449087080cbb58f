import { formatDuration } from '../duration.js';
import { zonedFormatter } from '../zoned-time.js';
import type { Dialect } from './dialect.js';
import { DURATIONS, type MeasuredDuration } from './durations.js';
import { draftRef, type Detection, type DraftLine, type PostmortemDraft } from './draft.js';
import { describeEvent } from './event-text.js';
import type { PostmortemWords } from './words.js';

export interface DocumentSection {
  readonly heading: string;
  readonly lines: readonly string[];
}

/** A draft written out in one dialect: a title (raw text), intro lines, sections, and a footer. */
export interface DraftDocument {
  readonly title: string;
  readonly intro: readonly string[];
  readonly sections: readonly DocumentSection[];
  readonly footer: string;
}

export interface RenderOptions {
  readonly words: PostmortemWords;
  readonly dialect: Dialect;
  readonly timeZone: string;
}

/** A duration that may be negative (detected before impact started): `−5m`. */
export const signedDuration = (ms: number): string => (ms < 0 ? `−${formatDuration(-ms)}` : formatDuration(ms));

/** `Time to detect = detected − impact started; …`: what each duration measures, in the draft's words. */
export const durationDefinitions = (w: PostmortemWords): string =>
  DURATIONS.map((x) => w.definition(w.durationNames[x.id], w.milestoneNames[x.to], w.milestoneNames[x.from])).join('; ');

export function renderDocument(draft: PostmortemDraft, options: RenderOptions): DraftDocument {
  const { words: w, dialect: d, timeZone } = options;
  const date = zonedFormatter(timeZone);
  const h = w.headings;
  const ref = draftRef(draft);
  const m = draft.milestones;
  const severity = draft.severity ?? w.noSeverity;
  const people = draft.participants.length === 0 ? w.nobody : draft.participants.map(d.mention).join(', ');
  const commander = draft.commanderId === null ? w.noCommander : d.mention(draft.commanderId);
  const version = draft.version > 1 ? `${w.version(draft.version)} — ${w.supersedes(draft.version, draft.version - 1)}` : w.version(draft.version);

  const closed = (draft.status === 'resolved' || draft.status === 'declined') && m.resolvedAt !== null;
  const summary = [
    `${w.summary(ref, d.text(draft.title), date(m.declaredAt), d.mention(draft.declaredBy))} ${
      closed && m.resolvedAt ? w.summaryClosed(w.status[draft.status], date(m.resolvedAt)) : w.summaryOpen(w.status[draft.status])
    }`,
    ...(draft.lastUpdate === null ? [] : [`${d.bold(w.lastUpdate)}: ${d.text(draft.lastUpdate)}`]),
    d.italic(w.prompts.summary),
  ];

  const durationLine = (duration: MeasuredDuration): string => {
    const name = d.bold(w.durationNames[duration.id]);
    const start = m[duration.from];
    const end = m[duration.to];
    if (duration.ms === null || start === null || end === null) {
      const missing = [start === null ? duration.from : null, end === null ? duration.to : null].filter((x) => x !== null);
      return `${d.bullet}${name}: ${w.unknown} (${w.missingMilestone(missing.map((x) => w.milestoneNames[x]).join(', '))})`;
    }
    return `${d.bullet}${name}: ${signedDuration(duration.ms)} (${w.milestoneNames[duration.from]} ${date(start)} → ${w.milestoneNames[duration.to]} ${date(end)})`;
  };

  const stamp = (at: Date, link: string | null, message: DraftLine['message']): string => {
    if (link !== null) return d.link(link, date(at));
    return message === null ? date(at) : `${date(at)} (${message.channelId}/${message.ts})`;
  };
  const timelineLine = (line: DraftLine): string =>
    `${d.bullet}${stamp(line.at, line.permalink, line.message)} · ${line.actorId === null ? '' : `${d.mention(line.actorId)} · `}${describeEvent(line, w, d)}`;

  const detection = (detected: Detection): string =>
    detected.kind === 'alert'
      ? w.detectedByAlert(d.bold(d.text(detected.name)), d.text(detected.source), stamp(detected.at, detected.permalink, detected.message))
      : w.declaredManually(d.mention(detected.by), date(detected.at));

  const sections: DocumentSection[] = [
    { heading: h.summary, lines: summary },
    { heading: h.impact, lines: [draft.impact === '' ? d.italic(w.noImpact) : d.text(draft.impact), d.italic(w.prompts.impact)] },
    { heading: h.detection, lines: [detection(draft.detection), d.italic(w.prompts.detection)] },
    { heading: h.durations, lines: draft.durations.map(durationLine) },
    { heading: h.timeline(timeZone), lines: draft.timeline.length === 0 ? [d.italic(w.noTimeline)] : draft.timeline.map(timelineLine) },
    { heading: h.resolution, lines: [draft.resolution === null ? d.italic(w.noResolution) : d.text(draft.resolution)] },
    { heading: h.cause, lines: [draft.cause === null ? d.italic(w.noCause) : d.text(draft.cause)] },
    {
      heading: h.whys,
      lines: [
        d.italic(w.whysIntro),
        ...draft.whys.map((answer, i) => `${i + 1}. ${w.why(i + 1, d.text(draft.title))} — ${answer === null ? d.italic(w.whyPrompt) : d.continueItem(d.text(answer))}`),
      ],
    },
    { heading: h.wentWell, lines: [d.italic(w.prompts.wentWell)] },
    { heading: h.wentPoorly, lines: [d.italic(w.prompts.wentPoorly)] },
    { heading: h.lucky, lines: [d.italic(w.prompts.lucky)] },
    {
      heading: h.actionItems,
      lines:
        draft.actionItems.length === 0
          ? [d.italic(w.noActionItems)]
          : draft.actionItems.map((item) => `${d.checkbox(item.done)}${d.continueItem(d.text(item.text))}${item.ownerId === null ? '' : ` — ${w.owner(d.mention(item.ownerId))}`}`),
    },
  ];

  return {
    title: w.title(ref, draft.title),
    intro: [
      `${d.bold(d.text(severity))} · ${w.status[draft.status]} · ${w.commander}: ${commander} · ${w.participants}: ${people}`,
      `${version} · ${w.generated(date(draft.generatedAt))}`,
    ],
    sections,
    footer: w.footer(durationDefinitions(w)),
  };
}

const isListItem = (line: string): boolean => /^(?:- |\d+\. )/.test(line);

/** GitHub-flavoured markdown: what is stored with each version and what the CLI prints. */
export function toMarkdown(doc: DraftDocument): string {
  const out: string[] = [`# ${doc.title}`, '', doc.intro.join('  \n')];
  for (const section of doc.sections) {
    out.push('', `## ${section.heading}`, '');
    section.lines.forEach((line, i) => {
      const previous = section.lines[i - 1];
      if (i > 0 && !(previous !== undefined && isListItem(previous) && isListItem(line))) out.push('');
      out.push(line);
    });
  }
  out.push('', '---', '', `_${doc.footer}_`, '');
  return out.join('\n');
}
