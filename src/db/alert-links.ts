import { z } from 'zod';
import { LINK_KINDS, type AlertLink } from '../domain/alerts/alert.js';

const linksSchema = z.array(z.object({ kind: z.enum(LINK_KINDS), url: z.string() }));

/** A stored list of links; one written by another version that does not parse is read as none. */
export const linksFromJson = (text: string): AlertLink[] => {
  try {
    return linksSchema.catch([]).parse(JSON.parse(text));
  } catch {
    return [];
  }
};

export const linksToJson = (links: readonly AlertLink[]): string => JSON.stringify(links.map(({ kind, url }) => ({ kind, url })));
