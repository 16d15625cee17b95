// The segment a campaign reaches, which gives it its cap: chosen from the saved segments, or
// cleared. A change is sent at once; the select stays disabled until the report comes back, and
// shows the audience the report holds (not what was picked) should the change be refused.

import { Select } from "@mantine/core";
import type { SegmentRef } from "../bindings/SegmentRef";

export function AudienceSelect({
  campaign,
  campaignId,
  audience,
  segments,
  busy,
  onChange,
}: {
  campaign: string;
  campaignId: string;
  audience: string | null;
  segments: readonly SegmentRef[];
  busy: boolean;
  onChange: (segment: string | null) => void;
}) {
  const names = segments.map((s) => s.name);
  // An audience whose segment was since deleted stays shown, so it can be changed.
  if (audience !== null && !names.includes(audience)) names.unshift(audience);
  return (
    <Select
      aria-label={`Audience of ${campaign}`}
      placeholder="Choose a segment"
      size="xs"
      w={190}
      data={names}
      value={audience}
      // Shown from the report, not from the last pick: a refused change leaves the audience as it was.
      searchValue={audience ?? ""}
      clearable
      disabled={busy}
      nothingFoundMessage="No saved segment yet: save one on the Segments screen"
      onChange={(segment) => {
        if (segment !== audience) onChange(segment);
      }}
      data-testid={`spend-audience-${campaignId}`}
    />
  );
}
