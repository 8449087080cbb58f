/** What the bot says about an SLO's burn (triage reply and summary card), in English. */
export const sloEn = {
  /** `SLO checkout availability 99.9 % / 30 d`. */
  slo: (title: string, objective: string | null, period: string | null) =>
    `SLO *${title}*${objective ? ` ${objective}` : ''}${period ? ` / ${period}` : ''}`,
  days: (n: string) => `${n} d`,
  burning: (rate: string, window: string | null) => `burning ${rate}${window ? ` (${window})` : ''}`,
  atLeast: (rate: string) => `at least ${rate}`,
  budgetLeft: (percent: string) => `${percent} of budget left`,
  budgetSpent: 'budget spent',
  goneIn: (duration: string) => `gone in about ${duration} at this rate`,
  /** The burn is only known to be at least the alert's threshold: the budget lasts at most this long. */
  goneWithin: (duration: string) => `gone in at most about ${duration} at this rate`,
  aboutDays: (n: string) => `${n} days`,
  tiers: { 'fast-page': 'fast burn (page)', page: 'page', 'slow-page': 'slow burn (page)', ticket: 'ticket' },
  firingTier: (tier: string) => `Firing: ${tier}`,
  quiet: (stopped: string, firing: string) => `${stopped} stopped; ${firing} still firing`,
  noneFiring: 'No tier firing',
  fromPrometheus: 'numbers from Prometheus',
  fromLabels: "numbers from the alert's labels",
  prometheusUnavailable: (timeout: string) => `Prometheus did not answer within ${timeout}: numbers from the alert's labels`,
  suggested: (severity: string, why: string) => `Suggested severity: *${severity}* — ${why}`,
  reasons: {
    'fast-burn': 'fast burn',
    page: 'a page',
    'slow-burn': 'slow burn',
    'budget-low': (share: string) => `less than ${share} of the budget left`,
    'runs-out': (within: string) => `a whole budget would be gone within ${within}`,
  },
  ticket: '🎫 Ticket: no incident suggested — look at it in working hours',
  declareAs: (severity: string) => `Declare as ${severity}`,
};
