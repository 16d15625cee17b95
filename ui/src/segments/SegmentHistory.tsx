// A saved segment's history: its size over time, its versions, and who changed in the chosen one.

import { Stack } from "@mantine/core";
import { useState } from "react";
import type { SegmentVersion } from "../bindings/SegmentVersion";
import { Panel } from "../common/Panel";
import { SizeChart } from "./SizeChart";
import { VersionDiff } from "./VersionDiff";
import { VersionsTable } from "./VersionsTable";

export function SegmentHistory({ name, history }: { name: string; history: readonly SegmentVersion[] }) {
  const [chosen, setChosen] = useState<number | null>(null);
  return (
    <Stack gap="md">
      <Panel title="Size over time" description="One point per version: after each save, import and recompute">
        <SizeChart versions={history} />
      </Panel>
      <div className="sb-segment-history">
        <Panel title="Versions" description="Choose one to see who entered and who left">
          <VersionsTable versions={history} chosen={chosen} onChoose={setChosen} />
        </Panel>
        {chosen !== null && (
          <VersionDiff
            name={name}
            version={chosen}
            onClose={() => {
              setChosen(null);
            }}
          />
        )}
      </div>
    </Stack>
  );
}
