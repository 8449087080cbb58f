/** A modal as Slack's client shows it: title, close ×, the view's blocks, Cancel and Submit. */
import { renderBlocks, type BlockContext } from './blocks.js';
import { esc } from './html.js';
import { plainText, textOf } from './mrkdwn.js';
import type { ModalView } from './state.js';

export function renderModal(view: ModalView, ctx: BlockContext, formError: string | null): string {
  const title = textOf(view.title) || 'App';
  const submit = textOf(view.submit);
  const close = textOf(view.close) || 'Cancel';
  const back = view.depth > 1 ? '<span class="modal-stack" title="This view was pushed on top of another">‹</span>' : '';
  return (
    `<div class="modal-backdrop"><div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" data-testid="modal" data-view-id="${esc(view.id)}">` +
    `<header class="modal-header">${back}<h2 id="modal-title">${plainText(title)}</h2><button type="button" class="modal-x" data-modal="close" aria-label="Close">×</button></header>` +
    `<form class="modal-body" novalidate>${renderBlocks(view.blocks, { ...ctx, surface: 'modal' })}</form>` +
    `<footer class="modal-footer">${formError ? `<div class="modal-error" role="alert">${esc(formError)}</div>` : ''}` +
    `<button type="button" class="btn" data-modal="close">${plainText(close)}</button>` +
    (submit ? `<button type="button" class="btn primary" data-modal="submit">${plainText(submit)}</button>` : '') +
    `</footer></div></div>`
  );
}
