import type { Logger } from 'pino';
import type { UseCaseDeps } from '../../app/deps.js';
import type { Catalog, Locale } from '../../i18n/index.js';

export interface ListenerDeps {
  readonly useCases: UseCaseDeps;
  readonly locale: Locale;
  readonly t: Catalog;
  readonly log: Logger;
}
