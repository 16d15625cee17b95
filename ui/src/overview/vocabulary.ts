// Colours and words for the values the overview shows, shared by its tables and tiles.

export const EVENT_TYPES = ["identify", "track", "page", "screen", "group", "alias"] as const;

const EVENT_TYPE_COLORS: Record<string, string> = {
  identify: "violet",
  track: "blue",
  page: "teal",
  screen: "cyan",
  group: "orange",
  alias: "gray",
};

export function eventTypeColor(type: string): string {
  return EVENT_TYPE_COLORS[type] ?? "gray";
}

const FIT_SEGMENT_COLORS: Record<string, string> = {
  "very good": "teal",
  good: "blue",
  medium: "yellow",
  low: "gray",
};

export function fitSegmentColor(segment: string): string {
  return FIT_SEGMENT_COLORS[segment] ?? "gray";
}
