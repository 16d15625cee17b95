// The Connections screen: one card per vendor tool, to connect it, test it, sync it now or on a
// schedule, follow a running sync and read its log. Form edits live here until saved, so that
// leaving the screen with unsaved changes asks first.

import { Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useLeaveGuard } from "../common/leaveGuard";
import { LoadFailed } from "../common/LoadFailed";
import { useConnections, useSyncProgressEvents } from "../queries";
import { ConnectionCard } from "./ConnectionCard";
import { type Draft, sameDraft, savedDraft, unsavedReason } from "./draft";

export function ConnectionsScreen() {
  const { data: connections, error, isPending, isFetching, refetch } = useConnections();
  useSyncProgressEvents();
  const [drafts, setDrafts] = useState<Partial<Record<string, Draft>>>({});

  const unsaved = (connections ?? [])
    .filter((c) => {
      const draft = drafts[c.tool];
      return draft !== undefined && !sameDraft(draft, savedDraft(c));
    })
    .map((c) => c.name);
  useLeaveGuard(unsavedReason(unsaved));

  return (
    <Stack gap="lg" maw={1600} mx="auto" className="sb-screen">
      <div>
        <Title order={1} fz={26} fw={650}>
          Connections
        </Title>
        <Text c="dimmed" fz="sm">
          The vendor tools Switchboard syncs from. Keys go to the system keychain and are never shown again; scheduled
          syncs run while the app is open.
        </Text>
      </div>
      {error && !connections ? (
        <LoadFailed
          title="The connections could not be loaded"
          message={error.message}
          retrying={isFetching}
          onRetry={() => {
            void refetch();
          }}
          testId="connections-error"
        />
      ) : isPending ? (
        <ConnectionsSkeleton />
      ) : (
        connections.map((connection) => (
          <ConnectionCard
            key={connection.tool}
            connection={connection}
            draft={drafts[connection.tool] ?? null}
            onDraft={(update) => {
              setDrafts((all) => {
                const next = update(all[connection.tool] ?? null);
                return { ...all, [connection.tool]: next ?? undefined };
              });
            }}
          />
        ))
      )}
    </Stack>
  );
}

function ConnectionsSkeleton() {
  return (
    <Stack gap="lg" data-testid="connections-loading" aria-busy="true" aria-label="Loading the connections">
      {[0, 1, 2].map((i) => (
        <Paper key={i} withBorder p="lg">
          <Skeleton h={18} w={160} mb="xs" />
          <Skeleton h={12} w={320} mb="lg" />
          <Skeleton h={36} mb="sm" />
          <Skeleton h={36} />
        </Paper>
      ))}
    </Stack>
  );
}
