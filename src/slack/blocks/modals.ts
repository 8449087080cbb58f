import type { types } from '@slack/bolt';
import type { Severity } from '../../domain/severity.js';
import { LIMITS } from '../../domain/errors.js';
import { HANDOFF_NOTES_MAX } from '../../domain/oncall/handoff.js';
import type { Catalog } from '../../i18n/index.js';
import { INPUT, INPUT_ACTION, VIEW } from '../ids.js';
import { plain } from './format.js';
import { severityOptions } from './summary-card.js';

type Modal = types.ModalView;

const textInput = (
  blockId: string,
  label: string,
  options: { placeholder?: string; initial?: string; multiline?: boolean; optional?: boolean; maxLength: number },
): types.InputBlock => ({
  type: 'input',
  block_id: blockId,
  optional: options.optional ?? false,
  label: plain(label, 2_000),
  element: {
    type: 'plain_text_input',
    action_id: INPUT_ACTION,
    multiline: options.multiline ?? false,
    max_length: options.maxLength,
    ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
    ...(options.initial ? { initial_value: options.initial.slice(0, options.maxLength) } : {}),
  },
});

/** Every form carries only the token of the form the bot stored for it; what it is about stays in the record. */
const modal = (callbackId: string, title: string, submit: string, cancel: string, form: string, blocks: types.KnownBlock[]): Modal => ({
  type: 'modal',
  callback_id: callbackId,
  title: plain(title, 24),
  submit: plain(submit, 24),
  close: plain(cancel, 24),
  private_metadata: JSON.stringify({ form }),
  blocks,
});

export function declareModal(input: {
  title: string;
  callerId: string;
  severities: readonly Severity[];
  t: Catalog;
  /** The stored form (declaring from an alert group's triage reply links the group on submit). */
  form: string;
  severity?: string | null;
  impact?: string;
}): Modal {
  const m = input.t.declareModal;
  const initialSeverity = severityOptions(input.severities).find((o) => o.value === input.severity);
  return modal(VIEW.declare, m.title, m.submit, m.cancel, input.form, [
    textInput(INPUT.title, m.titleLabel, { placeholder: m.titlePlaceholder, initial: input.title, maxLength: LIMITS.title }),
    {
      type: 'input',
      block_id: INPUT.severity,
      optional: true,
      label: plain(m.severityLabel),
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION,
        options: severityOptions(input.severities),
        ...(initialSeverity ? { initial_option: initialSeverity } : {}),
      },
    },
    textInput(INPUT.impact, m.impactLabel, {
      placeholder: m.impactPlaceholder,
      multiline: true,
      optional: true,
      maxLength: LIMITS.impact,
      ...(input.impact ? { initial: input.impact } : {}),
    }),
    {
      type: 'input',
      block_id: INPUT.commander,
      label: plain(m.commanderLabel),
      element: { type: 'users_select', action_id: INPUT_ACTION, initial_user: input.callerId },
    },
    {
      type: 'input',
      block_id: INPUT.private,
      optional: true,
      label: plain(m.privateLabel),
      element: { type: 'checkboxes', action_id: INPUT_ACTION, options: [{ text: plain(m.privateOption, 75), value: 'private' }] },
    },
  ]);
}

/** Resolution, cause and when impact started: what the postmortem draft needs that only a person knows. */
export function resolveModal(input: { form: string; summary: string | null; timeZone: string; t: Catalog }): Modal {
  const m = input.t.resolveModal;
  return modal(VIEW.resolve, m.title, m.submit, input.t.declareModal.cancel, input.form, [
    textInput(INPUT.summary, m.summaryLabel, { placeholder: m.summaryPlaceholder, multiline: true, initial: input.summary ?? '', maxLength: LIMITS.update }),
    textInput(INPUT.cause, m.causeLabel, { placeholder: m.causePlaceholder, multiline: true, optional: true, maxLength: LIMITS.update }),
    textInput(INPUT.impactStart, m.impactStartLabel, { placeholder: m.impactStartPlaceholder(input.timeZone), optional: true, maxLength: 40 }),
  ]);
}

export function updateModal(input: { form: string; t: Catalog }): Modal {
  const m = input.t.updateModal;
  return modal(VIEW.update, m.title, m.submit, input.t.declareModal.cancel, input.form, [
    textInput(INPUT.text, m.textLabel, { placeholder: m.textPlaceholder, multiline: true, maxLength: LIMITS.update }),
  ]);
}

export function leadModal(input: { form: string; t: Catalog }): Modal {
  const m = input.t.leadModal;
  return modal(VIEW.lead, m.title, m.submit, input.t.declareModal.cancel, input.form, [
    { type: 'input', block_id: INPUT.user, label: plain(m.userLabel), element: { type: 'users_select', action_id: INPUT_ACTION } },
  ]);
}

export function impactModal(input: { form: string; t: Catalog }): Modal {
  const m = input.t.impactModal;
  return modal(VIEW.impact, m.title, m.submit, input.t.declareModal.cancel, input.form, [
    textInput(INPUT.impact, m.label, { multiline: true, maxLength: LIMITS.impact }),
  ]);
}

export function handoffNotesModal(input: { form: string; notes: string | null; t: Catalog }): Modal {
  const m = input.t.oncall.notesModal;
  return modal(VIEW.handoffNotes, m.title, m.submit, input.t.declareModal.cancel, input.form, [
    textInput(INPUT.notes, m.label, { multiline: true, optional: true, maxLength: HANDOFF_NOTES_MAX, ...(input.notes ? { initial: input.notes } : {}) }),
  ]);
}
