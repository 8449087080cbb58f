import type { FollowUp, Incident } from '../../domain/incident.js';

/** A person's App Home as the bot keeps it: when they last looked, and what was last published there. */
export interface HomeView {
  readonly userId: string;
  readonly openedAt: Date | null;
  /** Slack's id for the view, from views.publish: a press on the Home names it. */
  readonly viewId: string | null;
  /** Slack's hash of the view we published: app_home_opened tells whether Slack still shows it. */
  readonly slackHash: string | null;
  /** A digest of the content published: an unchanged render is not published again. Null: publish at the next look. */
  readonly contentHash: string | null;
  readonly publishedAt: Date | null;
}

/** The Home Slack showed when it was opened (the event's view); null when Slack has none. */
export interface ShownHome {
  readonly viewId: string;
  readonly slackHash: string | null;
}

export interface PublishedHome {
  readonly viewId: string | null;
  readonly slackHash: string | null;
  readonly contentHash: string;
  readonly at: Date;
}

export interface HomeRecords {
  homeView(userId: string): Promise<HomeView | undefined>;
  /** The Homes of `userIds` (of everyone when null) opened at or after `openedSince`. */
  homeViewsOf(userIds: readonly string[] | null, openedSince: Date): Promise<HomeView[]>;
  /** The person looks at their Home now; what Slack shows them is not ours (or is gone): the next render is published. */
  noteHomeOpened(userId: string, at: Date, shown: ShownHome | null): Promise<void>;
  saveHomePublished(userId: string, published: PublishedHome): Promise<void>;
  /** Whose Home the view is, if it is one the bot published. */
  homeViewOwner(viewId: string): Promise<string | undefined>;
  /** Follow-ups `userId` owns that are not done, newest incident first. */
  openFollowUpsOwnedBy(userId: string): Promise<FollowUp[]>;
  /** Incidents resolved at or after `since`, most recently resolved first. */
  incidentsResolvedSince(since: Date): Promise<Incident[]>;
}
