/** One story as a digest lists it. */
export interface DigestStory {
  title: string;
  link: string;
  source: string;
  /** Publication (or first-seen) time, ISO. */
  time: string;
}

export interface DigestGroup {
  topic: { id: string; name: string; colour: number };
  stories: DigestStory[];
}

/**
 * One message of a digest. A long digest is split over several parts, each within Discord's limits;
 * every part says which period it covers and whether it came late (the bot was down at the due time).
 */
export interface DigestPart {
  mode: 'hourly' | 'daily';
  /** The period covered: from the previous due time (or the subscription) to this due time, ISO. */
  since: string;
  due: string;
  timeZone?: string;
  late: boolean;
  /** 1-based. */
  part: number;
  parts: number;
  totalStories: number;
  groups: DigestGroup[];
}
