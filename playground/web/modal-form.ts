/** Reading a modal's inputs the way Slack's client fills `view.state.values`, and showing what is wrong. */
export type SimpleValue = string | null | string[];

const REQUIRED = 'Please complete this required field.';

function valueOf(control: HTMLElement): SimpleValue {
  const type = control.dataset.inputType ?? '';
  if (control instanceof HTMLSelectElement) {
    if (control.multiple) return [...control.selectedOptions].map((o) => o.value);
    return control.value === '' ? null : control.value;
  }
  if (type === 'checkboxes') return [...control.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((i) => i.value);
  if (type === 'radio_buttons') return control.querySelector<HTMLInputElement>('input[type=radio]:checked')?.value ?? null;
  if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) return control.value === '' ? null : control.value;
  return null;
}

const empty = (v: SimpleValue): boolean => v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'string' && v.trim() === '');

/** Every input block's value by block id, and the required ones left empty (Slack checks those before sending). */
export function collectModal(modal: HTMLElement): { values: Record<string, SimpleValue>; missing: Record<string, string> } {
  const values: Record<string, SimpleValue> = {};
  const missing: Record<string, string> = {};
  for (const block of modal.querySelectorAll<HTMLElement>('[data-input-block]')) {
    const blockId = block.dataset.inputBlock ?? '';
    const control = block.querySelector<HTMLElement>('[data-input-type]');
    if (!control) continue;
    const value = valueOf(control);
    values[blockId] = value;
    if (block.dataset.required === 'true' && empty(value)) missing[blockId] = REQUIRED;
    const min = control.getAttribute('minlength');
    if (typeof value === 'string' && min !== null && value.length < Number(min)) missing[blockId] = `Must be at least ${min} characters.`;
  }
  return { values, missing };
}

/** Puts each error under its input (keeping what the person typed) and a general one in the footer. */
export function showModalErrors(modal: HTMLElement, errors: Readonly<Record<string, string>>, general: string | null): void {
  for (const block of modal.querySelectorAll<HTMLElement>('[data-input-block]')) {
    block.querySelector('.bk-error')?.remove();
    const error = errors[block.dataset.inputBlock ?? ''];
    if (error === undefined) continue;
    const el = document.createElement('div');
    el.className = 'bk-error';
    el.setAttribute('role', 'alert');
    el.textContent = error;
    block.append(el);
  }
  modal.querySelector('.modal-error')?.remove();
  if (general !== null) {
    const el = document.createElement('div');
    el.className = 'modal-error';
    el.setAttribute('role', 'alert');
    el.textContent = general;
    modal.querySelector('.modal-footer')?.prepend(el);
  }
  modal.querySelector<HTMLElement>('.bk-error')?.scrollIntoView({ block: 'nearest' });
}
