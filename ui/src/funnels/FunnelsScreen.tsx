// The Funnels screen: a funnel built from the workspace's events, counted once editing pauses
// (typing never waits for it), with its chart, figures and counting rules beside it.

import { Skeleton, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { Funnel } from "../bindings/Funnel";
import { LoadFailed } from "../common/LoadFailed";
import { useFunnelRun, useSegmentFields } from "../queries";
import { defaultFunnel } from "./definition";
import { FunnelBuilder } from "./FunnelBuilder";
import { FunnelResults } from "./FunnelResults";

export function FunnelsScreen() {
  const fields = useSegmentFields();
  const [funnel, setFunnel] = useState<Funnel | null>(null);
  // The funnel starts from the workspace's events once they are known.
  if (funnel === null && fields.data) setFunnel(defaultFunnel(fields.data));
  const run = useFunnelRun(funnel);
  const problems = run.data?.problems ?? [];

  return (
    <Stack gap="lg" maw={1600} mx="auto" className="sb-screen">
      <div>
        <Title order={1} fz={26} fw={650}>
          Funnels
        </Title>
        <Text c="dimmed" fz="sm">
          Where people fall out between the steps that matter
        </Text>
      </div>
      {fields.error && funnel === null ? (
        <LoadFailed
          title="The workspace's events could not be read"
          message={fields.error.message}
          retrying={fields.isFetching}
          onRetry={() => {
            void fields.refetch();
          }}
          testId="funnels-error"
        />
      ) : funnel === null ? (
        <Skeleton h={320} data-testid="funnels-loading" />
      ) : (
        <>
          <FunnelBuilder funnel={funnel} fields={fields.data} problems={problems} onChange={setFunnel} />
          <FunnelResults run={run} />
        </>
      )}
    </Stack>
  );
}
