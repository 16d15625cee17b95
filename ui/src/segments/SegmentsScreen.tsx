// The Segments screen: the saved segments, and one segment open in the builder, with its live
// count, history and members. Edits stay in the screen until saved; leaving them asks first.

import { Alert, Button, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft } from "@tabler/icons-react";
import { useState } from "react";
import type { Definition } from "../bindings/Definition";
import type { SegmentSummary } from "../bindings/SegmentSummary";
import type { Target } from "../bindings/Target";
import { DiscardChangesDialog } from "../common/DiscardChangesDialog";
import { useLeaveGuard } from "../common/leaveGuard";
import { useScreenItem } from "../common/screenLink";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import {
  useDeleteSegment,
  useDuplicateSegment,
  useRecomputeSegment,
  useRenameSegment,
  useSaveSegment,
  useSegment,
  useSegmentFields,
  useSegments,
} from "../queries";
import { EmptySegments } from "./EmptySegments";
import { ExportDialog } from "./ExportDialog";
import { NewSegmentButtons } from "./NewSegmentButtons";
import { copyName, emptyDefinition, exampleDefinition, newSegmentName, sameDefinition } from "./rules";
import { DeleteSegmentDialog, NameDialog } from "./SegmentDialogs";
import { SegmentEditor } from "./SegmentEditor";
import { SegmentList, type SegmentAction } from "./SegmentList";

/** What the screen shows: the list, a saved segment (with any edits), or a new one. */
type Open =
  | { kind: "list" }
  | { kind: "saved"; name: string; draft: Definition | null }
  | { kind: "new"; draft: Definition };

const LIST: Open = { kind: "list" };

export function SegmentsScreen() {
  const list = useSegments();
  const fields = useSegmentFields();
  const summaries = list.data ?? [];
  const names = summaries.map((s) => s.name);
  // A link from another screen (a segment just made from a funnel) opens that segment.
  const linked = useScreenItem();
  const [open, setOpen] = useState<Open>(() => (linked === null ? LIST : { kind: "saved", name: linked, draft: null }));
  // A move away from unsaved changes, waiting for the discard to be confirmed.
  const [leavingFor, setLeavingFor] = useState<Open | null>(null);
  const [naming, setNaming] = useState<{ action: "duplicate" | "rename"; segment: SegmentSummary } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [exporting, setExporting] = useState<SegmentSummary | null>(null);

  const save = useSaveSegment();
  const duplicate = useDuplicateSegment();
  const rename = useRenameSegment();
  const remove = useDeleteSegment();
  const recompute = useRecomputeSegment();

  const savedName = open.kind === "saved" ? open.name : null;
  const detail = useSegment(savedName);
  const baseline = detail.data?.definition;
  const current = open.kind === "new" ? open.draft : open.kind === "saved" ? (open.draft ?? baseline ?? null) : null;
  const dirty =
    open.kind === "new" ||
    (open.kind === "saved" && open.draft !== null && baseline !== undefined && !sameDefinition(open.draft, baseline));
  const unsavedReason =
    dirty && current ? `“${current.name.trim() || "This segment"}” has changes that were not saved. Leaving discards them.` : null;
  useLeaveGuard(unsavedReason);

  function go(next: Open) {
    setOpen(next);
    save.reset();
  }

  function moveTo(next: Open) {
    if (dirty) setLeavingFor(next);
    else go(next);
  }

  function startNew(target: Target) {
    moveTo({ kind: "new", draft: emptyDefinition(newSegmentName(target, names), target) });
  }

  function edit(definition: Definition) {
    setOpen((was) => (was.kind === "new" ? { kind: "new", draft: definition } : { kind: "saved", name: savedName ?? "", draft: definition }));
  }

  function saveCurrent() {
    if (current === null) return;
    save.mutate(
      { definition: current, replacing: savedName },
      {
        onSuccess: (summary, { definition }) => {
          // Typing may have gone on while it saved; those edits stay, and show as unsaved.
          setOpen((was) => ({ kind: "saved", name: summary.name, draft: was.kind === "list" ? definition : (was.draft ?? definition) }));
        },
      },
    );
  }

  function act(action: SegmentAction, segment: SegmentSummary) {
    switch (action) {
      case "recompute":
        recompute.mutate(segment.name);
        return;
      case "export":
        setExporting(segment);
        return;
      case "duplicate":
      case "rename":
        duplicate.reset();
        rename.reset();
        setNaming({ action, segment });
        return;
      case "delete":
        remove.reset();
        setDeleting(segment.name);
        return;
    }
  }

  function confirmName(newName: string) {
    if (naming === null) return;
    const { action, segment } = naming;
    const args = { name: segment.name, newName };
    if (action === "duplicate") {
      duplicate.mutate(args, {
        onSuccess: (copy) => {
          setNaming(null);
          if (open.kind !== "list") moveTo({ kind: "saved", name: copy.name, draft: null });
        },
      });
    } else {
      rename.mutate(args, {
        onSuccess: (renamed) => {
          setNaming(null);
          if (savedName === segment.name) go({ kind: "saved", name: renamed.name, draft: null });
        },
      });
    }
  }

  const recomputeError = recompute.error && (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle />}
      title={`“${recompute.variables}” was not recomputed`}
      withCloseButton
      onClose={() => {
        recompute.reset();
      }}
      data-testid="segment-recompute-error"
    >
      {recompute.error.message}
    </Alert>
  );

  return (
    <Stack gap="lg" maw={1800} mx="auto" className="sb-screen">
      {open.kind === "list" ? (
        <>
          <div>
            <Title order={1} fz={26} fw={650}>
              Segments
            </Title>
            <Text c="dimmed" fz="sm">
              People and companies that match your rules, counted on this laptop and kept up to date after every
              import
            </Text>
          </div>
          {recomputeError}
          {list.error && !list.data ? (
            <LoadFailed
              title="Segments could not be loaded"
              message={list.error.message}
              retrying={list.isFetching}
              onRetry={() => {
                void list.refetch();
              }}
              testId="segments-error"
            />
          ) : list.isPending ? (
            <Stack gap={8} data-testid="segments-loading" aria-busy="true" aria-label="Loading the segments">
              {[0, 1, 2].map((i) => (
                <Skeleton key={i} h={44} />
              ))}
            </Stack>
          ) : summaries.length === 0 ? (
            <EmptySegments
              onNew={startNew}
              onExample={() => {
                moveTo({ kind: "new", draft: exampleDefinition(fields.data) });
              }}
            />
          ) : (
            <Panel
              title="Saved segments"
              description="Choose one to see its rules, history and members"
              aside={<NewSegmentButtons onNew={startNew} />}
            >
              <SegmentList
                segments={summaries}
                recomputing={recompute.isPending ? recompute.variables : null}
                onOpen={(name) => {
                  moveTo({ kind: "saved", name, draft: null });
                }}
                onAction={act}
              />
            </Panel>
          )}
        </>
      ) : current !== null ? (
        <>
          {recomputeError}
          <SegmentEditor
            // Another segment starts on its first tab.
            key={open.kind === "saved" ? `saved:${open.name}` : "new"}
            definition={current}
            summary={open.kind === "saved" ? (detail.data?.summary ?? null) : null}
            history={detail.data?.history ?? []}
            fields={fields.data}
            takenNames={names.filter((n) => n !== savedName)}
            dirty={dirty}
            saving={save.isPending}
            saveError={save.error?.message ?? null}
            recomputing={recompute.isPending && recompute.variables === savedName}
            onChange={edit}
            onSave={saveCurrent}
            onRevert={() => {
              go({ kind: "saved", name: savedName ?? "", draft: null });
            }}
            onBack={() => {
              moveTo(LIST);
            }}
            onAction={act}
          />
        </>
      ) : detail.error ? (
        <Stack gap="sm" align="flex-start">
          <Button variant="subtle" leftSection={<IconArrowLeft size={14} />} onClick={() => { go(LIST); }}>
            All segments
          </Button>
          <LoadFailed
            title="This segment could not be loaded"
            message={detail.error.message}
            retrying={detail.isFetching}
            onRetry={() => {
              void detail.refetch();
            }}
            testId="segment-error"
          />
        </Stack>
      ) : (
        <Paper withBorder p="md" data-testid="segment-loading" aria-busy="true" aria-label="Loading the segment">
          <Skeleton h={28} w={260} mb="md" />
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} h={72} mb={10} />
          ))}
        </Paper>
      )}
      <NameDialog
        title={naming === null ? null : naming.action === "duplicate" ? `Duplicate “${naming.segment.name}”` : `Rename “${naming.segment.name}”`}
        initial={naming === null ? "" : naming.action === "duplicate" ? copyName(naming.segment.name, names) : naming.segment.name}
        confirmLabel={naming?.action === "duplicate" ? "Duplicate" : "Rename"}
        busy={duplicate.isPending || rename.isPending}
        error={(duplicate.error ?? rename.error)?.message ?? null}
        onConfirm={confirmName}
        onCancel={() => {
          setNaming(null);
        }}
      />
      <DeleteSegmentDialog
        name={deleting}
        deleting={remove.isPending}
        error={remove.error?.message ?? null}
        onCancel={() => {
          setDeleting(null);
        }}
        onConfirm={(name) => {
          remove.mutate(name, {
            onSuccess: () => {
              setDeleting(null);
              if (savedName === name) go(LIST);
            },
          });
        }}
      />
      <ExportDialog
        segment={exporting}
        fields={fields.data}
        onClose={() => {
          setExporting(null);
        }}
      />
      <DiscardChangesDialog
        reason={leavingFor === null ? null : unsavedReason}
        onCancel={() => {
          setLeavingFor(null);
        }}
        onDiscard={() => {
          if (leavingFor !== null) go(leavingFor);
          setLeavingFor(null);
        }}
        testId="segment-discard"
      />
    </Stack>
  );
}
