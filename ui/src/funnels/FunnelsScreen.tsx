// The Funnels screen: a funnel built from the workspace's events, counted once editing pauses
// (typing never waits for it), with its chart, figures and counting rules beside it. Funnels can
// be saved under a name and opened again (edits stay in the screen until saved; leaving them asks
// first), and a step's people, reached or dropped out, made into a live segment of a saved funnel.

import { Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { Funnel } from "../bindings/Funnel";
import type { FunnelOutcome } from "../bindings/FunnelOutcome";
import type { SegmentSummary } from "../bindings/SegmentSummary";
import { ConfirmDeleteDialog } from "../common/ConfirmDeleteDialog";
import { DiscardChangesDialog } from "../common/DiscardChangesDialog";
import { useLeaveGuard } from "../common/leaveGuard";
import { LoadFailed } from "../common/LoadFailed";
import { useOpenScreen } from "../common/screenLink";
import { useDeleteFunnel, useFunnelRun, useFunnelSegment, useSaveFunnel, useSavedFunnels, useSegmentFields } from "../queries";
import { defaultFunnel, findByName, sameFunnel, suggestedName } from "./definition";
import { FunnelBuilder } from "./FunnelBuilder";
import { FunnelNameDialog, type NameRequest } from "./FunnelNameDialog";
import { FunnelResults } from "./FunnelResults";
import { SavedFunnels } from "./SavedFunnels";
import { SegmentNotice } from "./SegmentNotice";

/** What the name dialog is asked for: saving, or saving before a step's segment is made. */
type Naming = { purpose: "save" } | { purpose: "segment"; step: number; outcome: FunnelOutcome };

export function FunnelsScreen() {
  const fields = useSegmentFields();
  const saved = useSavedFunnels();
  const savedList = saved.data ?? [];
  const [funnel, setFunnel] = useState<Funnel | null>(null);
  // What leaving would not lose: the saved funnel as it was opened or saved, or the one it started from.
  const [baseline, setBaseline] = useState<Funnel | null>(null);
  // The saved funnel in the editor; null while it was never saved (or its saved one was deleted).
  const [openName, setOpenName] = useState<string | null>(null);
  const [naming, setNaming] = useState<Naming | null>(null);
  // A saved funnel to open, waiting for unsaved edits to be discarded.
  const [opening, setOpening] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [made, setMade] = useState<SegmentSummary | null>(null);
  // The funnel starts from the workspace's events once they are known.
  if (funnel === null && fields.data) {
    const start = defaultFunnel(fields.data);
    setFunnel(start);
    setBaseline(start);
  }
  const run = useFunnelRun(funnel);
  const problems = run.data?.problems ?? [];

  const save = useSaveFunnel();
  const remove = useDeleteFunnel();
  const segment = useFunnelSegment();
  const openScreen = useOpenScreen();

  const dirty = funnel !== null && baseline !== null && !sameFunnel(funnel, baseline);
  const unsavedReason = !dirty
    ? null
    : openName === null
      ? "This funnel was never saved. Leaving discards it."
      : `“${openName}” has changes that were not saved. Leaving discards them.`;
  useLeaveGuard(unsavedReason);

  function load(name: string) {
    const found = findByName(savedList, name);
    if (!found) return;
    setFunnel(found.definition);
    setBaseline(found.definition);
    setOpenName(found.name);
    save.reset();
    segment.reset();
    setMade(null);
  }

  function makeSegment(name: string, step: number, outcome: FunnelOutcome) {
    setMade(null);
    segment.mutate(
      { funnel: name, step, outcome, name: null },
      {
        onSuccess: (summary) => {
          setMade(summary);
        },
      },
    );
  }

  function segmentFrom(step: number, outcome: FunnelOutcome) {
    segment.reset();
    setMade(null);
    // A segment reads a saved funnel: this one as it is on screen, so an unsaved one is saved first.
    if (openName !== null && !dirty) makeSegment(openName, step, outcome);
    else {
      save.reset();
      setNaming({ purpose: "segment", step, outcome });
    }
  }

  function saveAs(name: string) {
    if (funnel === null || naming === null) return;
    const purpose = naming;
    const definition = funnel;
    save.mutate(
      { name, definition },
      {
        onSuccess: (list) => {
          const savedAs = findByName(list, name)?.name ?? name;
          // Editing may have gone on while it saved; those edits stay, and show as unsaved.
          setBaseline(definition);
          setOpenName(savedAs);
          setNaming(null);
          if (purpose.purpose === "segment") makeSegment(savedAs, purpose.step, purpose.outcome);
        },
      },
    );
  }

  const request: NameRequest | null =
    naming === null || funnel === null
      ? null
      : naming.purpose === "save"
        ? {
            title: "Save the funnel",
            explanation: "Saved funnels can be opened again here, and segments can keep the people of a step up to date.",
            confirmLabel: "Save",
            initial: openName ?? suggestedName(funnel),
          }
        : {
            title: "Save the funnel first",
            explanation:
              openName === null
                ? "A segment reads a saved funnel, so this one is saved first. Under what name?"
                : `A segment reads a saved funnel, so this one is saved first, with its changes. Saving it as “${openName}” changes the segments that already read it.`,
            confirmLabel: "Save and make the segment",
            initial: openName ?? suggestedName(funnel),
          };

  return (
    <Stack gap="lg" maw={1600} mx="auto" className="sb-screen">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <div>
          <Title order={1} fz={26} fw={650}>
            Funnels
          </Title>
          <Text c="dimmed" fz="sm">
            Where people fall out between the steps that matter
          </Text>
        </div>
        {funnel !== null && (
          <SavedFunnels
            saved={saved.data}
            loadError={saved.error ? `The saved funnels could not be read: ${saved.error.message}` : null}
            openName={openName}
            dirty={dirty}
            onOpen={(name) => {
              if (dirty) setOpening(name);
              else load(name);
            }}
            onSave={() => {
              save.reset();
              setNaming({ purpose: "save" });
            }}
            onDelete={(name) => {
              remove.reset();
              setDeleting(name);
            }}
          />
        )}
      </Group>
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
          <SegmentNotice
            made={made}
            error={segment.error?.message ?? null}
            onOpen={(name) => {
              openScreen("segments", name);
            }}
            onClose={() => {
              setMade(null);
              segment.reset();
            }}
          />
          <FunnelBuilder funnel={funnel} fields={fields.data} problems={problems} onChange={setFunnel} />
          <FunnelResults run={run} onSegment={segmentFrom} segmenting={segment.isPending || save.isPending} />
        </>
      )}
      <FunnelNameDialog
        request={request}
        taken={(name) => {
          const existing = findByName(savedList, name);
          return existing === undefined || existing.name.toLowerCase() === openName?.toLowerCase() ? null : existing.name;
        }}
        busy={save.isPending}
        error={save.error?.message ?? null}
        onConfirm={saveAs}
        onCancel={() => {
          setNaming(null);
        }}
      />
      <ConfirmDeleteDialog
        name={deleting}
        title={deleting === null ? "" : `Delete “${deleting}”?`}
        consequence="The saved funnel goes; what is in the editor stays, not saved. A funnel that segments read cannot be deleted until they no longer use it."
        testId="funnel-delete-dialog"
        deleting={remove.isPending}
        error={remove.error?.message ?? null}
        onCancel={() => {
          setDeleting(null);
        }}
        onConfirm={(name) => {
          remove.mutate(name, {
            onSuccess: () => {
              setDeleting(null);
              if (openName?.toLowerCase() === name.toLowerCase()) setOpenName(null);
            },
          });
        }}
      />
      <DiscardChangesDialog
        reason={opening === null ? null : unsavedReason}
        onCancel={() => {
          setOpening(null);
        }}
        onDiscard={() => {
          if (opening !== null) load(opening);
          setOpening(null);
        }}
        testId="funnel-discard"
      />
    </Stack>
  );
}
