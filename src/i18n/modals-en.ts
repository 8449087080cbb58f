/** The incident modals (impact, declare, resolve, update, lead), in English; spread into the catalog at its top level. */
export const modalsEn = {
  impactModal: {
    title: 'Customer impact',
    submit: 'Save',
    label: 'Who is affected, and how?',
  },
  declareModal: {
    title: 'Declare incident',
    submit: 'Declare',
    cancel: 'Cancel',
    titleLabel: 'Title',
    titlePlaceholder: 'What is broken, for whom?',
    severityLabel: 'Severity',
    impactLabel: 'Customer impact',
    impactPlaceholder: 'Who is affected and how?',
    commanderLabel: 'Incident commander',
    privateLabel: 'Visibility',
    privateOption: 'Private incident (private channel, not announced)',
  },
  resolveModal: {
    title: 'Resolve incident',
    submit: 'Resolve',
    summaryLabel: 'Resolution summary',
    summaryPlaceholder: 'What fixed it?',
    causeLabel: 'Cause',
    causePlaceholder: 'What caused it, as far as you know now?',
    impactStartLabel: 'When did customer impact start?',
    impactStartPlaceholder: (timeZone: string) => `14:05 or 2026-11-23 14:05, in ${timeZone}`,
  },
  updateModal: {
    title: 'Post status update',
    submit: 'Post',
    textLabel: 'Update',
    textPlaceholder: 'What do we know, what are we doing, when is the next update?',
  },
  leadModal: {
    title: 'Hand over lead',
    submit: 'Hand over',
    userLabel: 'New incident commander',
  },
};
