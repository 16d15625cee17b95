// The Templates screen: the saved templates, the one being edited (a chain of layers, innermost
// first) and its preview for a real prospect, so that whoever edits it sees exactly what that
// prospect would receive. Edits stay in the screen until saved; the preview renders them unsaved.

import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconCopy, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import type { EmailTemplate } from "../bindings/EmailTemplate";
import type { RenderIssue } from "../bindings/RenderIssue";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import { useScreenItem } from "../common/screenLink";
import {
  useDeleteTemplate,
  useLoadTemplate,
  useSaveTemplate,
  useTemplate,
  useTemplatePreview,
  useTemplates,
} from "../queries";
import { PreviewPanel } from "./PreviewPanel";
import { DeleteTemplateDialog, DiscardChangesDialog } from "./TemplateDialogs";
import { TemplateEditor } from "./TemplateEditor";
import { TemplateList } from "./TemplateList";
import { linkedProspect, useProspectChoice } from "./useProspectChoice";
import { copyName, sameTemplate } from "./vocabulary";

/** What the editor holds: a saved template (the first listed until one is chosen) with any edits, or a new one. */
type Editing =
  | { kind: "saved"; name: string | null; draft: EmailTemplate | null }
  | { kind: "new"; draft: EmailTemplate };

const FIRST_LISTED: Editing = { kind: "saved", name: null, draft: null };

export function TemplatesScreen() {
  const list = useTemplates();
  const summaries = list.data ?? [];
  const [editing, setEditing] = useState<Editing>(FIRST_LISTED);
  // A move away from unsaved changes, waiting for the discard to be confirmed.
  const [leavingFor, setLeavingFor] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [openLayers, setOpenLayers] = useState<string[] | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const savedName = editing.kind === "saved" ? (editing.name ?? summaries[0]?.name ?? null) : null;
  const saved = useTemplate(savedName);
  const current = editing.draft ?? saved.data ?? null;
  const unsaved =
    editing.kind === "new" ||
    (editing.draft !== null && saved.data !== undefined && !sameTemplate(editing.draft, saved.data));

  // "Preview email" on another screen opens this one on that prospect.
  const choice = useProspectChoice(linkedProspect(useScreenItem()));
  const preview = useTemplatePreview(current, choice.chosen?.id ?? null);
  const save = useSaveTemplate();
  const remove = useDeleteTemplate();
  const loadTemplate = useLoadTemplate();

  function moveTo(next: Editing) {
    if (unsaved) {
      setLeavingFor(next);
      return;
    }
    setEditing(next);
    setOpenLayers(null);
    save.reset();
    setActionError(null);
  }

  function edit(template: EmailTemplate) {
    setEditing((was) =>
      was.kind === "new" ? { kind: "new", draft: template } : { kind: "saved", name: savedName, draft: template },
    );
  }

  function saveCurrent() {
    if (current === null) return;
    save.mutate(current, {
      onSuccess: (summary, sent) => {
        // Typing may have gone on while it saved; those edits stay unsaved.
        setEditing((was) => ({
          kind: "saved",
          name: summary.name,
          draft: was.draft && !sameTemplate(was.draft, sent) ? was.draft : null,
        }));
      },
    });
  }

  function startNew() {
    const builtIn = summaries.find((s) => s.builtIn) ?? summaries[0];
    if (!builtIn) return;
    setActionError(null);
    loadTemplate(builtIn.name).then(
      (template) => {
        moveTo({ kind: "new", draft: { ...template, name: copyName(template.name, summaries.map((s) => s.name)) } });
      },
      (error: unknown) => {
        setActionError(error instanceof Error ? error.message : String(error));
      },
    );
  }

  function duplicate() {
    if (current === null) return;
    // The copy takes the edits along, so nothing is lost and nothing needs confirming.
    const name = copyName(current.name.trim() || "Template", summaries.map((s) => s.name));
    setEditing({ kind: "new", draft: { ...current, name } });
    save.reset();
  }

  function showIssue(issue: RenderIssue) {
    const layer = String(issue.layer);
    setOpenLayers((open) => {
      const shown = open ?? defaultOpen(current);
      return shown.includes(layer) ? shown : [...shown, layer];
    });
    // After the section has opened.
    window.requestAnimationFrame(() => {
      document.getElementById(`template-layer-${layer}`)?.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  }

  return (
    <Stack gap="lg" maw={1800} mx="auto" className="sb-screen">
      <div>
        <Title order={1} fz={26} fw={650}>
          Templates
        </Title>
        <Text c="dimmed" fz="sm">
          The double-forward email: the bot&apos;s notice, forwarded by the VP to a rep, forwarded by the rep to the
          prospect. Preview it for a real prospect before it goes out.
        </Text>
      </div>
      <div className="sb-templates">
        <Panel title="Templates" className="sb-templates-list">
          {list.error && !list.data ? (
            <LoadFailed
              title="Templates could not be loaded"
              message={list.error.message}
              retrying={list.isFetching}
              onRetry={() => {
                void list.refetch();
              }}
              testId="templates-error"
            />
          ) : list.isPending ? (
            <Stack gap={8} data-testid="templates-loading" aria-busy="true" aria-label="Loading the templates">
              {[0, 1, 2].map((i) => (
                <Skeleton key={i} h={40} />
              ))}
            </Stack>
          ) : (
            <TemplateList
              templates={summaries}
              selected={savedName}
              unsavedName={editing.kind === "new" ? editing.draft.name : null}
              onSelect={(name) => {
                if (name !== savedName) moveTo({ kind: "saved", name, draft: null });
              }}
              onDelete={(name) => {
                remove.reset();
                setDeleting(name);
              }}
            />
          )}
          <Group gap="xs" mt="md">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              disabled={summaries.length === 0}
              onClick={startNew}
              data-testid="template-new"
            >
              New from default
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconCopy size={14} />}
              disabled={current === null}
              onClick={duplicate}
              data-testid="template-duplicate"
            >
              Duplicate
            </Button>
          </Group>
          {actionError !== null && (
            <Alert
              color="red"
              variant="light"
              mt="sm"
              icon={<IconAlertTriangle />}
              data-testid="templates-action-error"
            >
              {actionError}
            </Alert>
          )}
        </Panel>
        <div className="sb-templates-editor">
          {current !== null ? (
            <TemplateEditor
              template={current}
              savedName={savedName}
              builtIn={summaries.some((s) => s.builtIn && s.name === savedName)}
              otherNames={summaries.map((s) => s.name).filter((name) => name !== savedName)}
              dirty={unsaved}
              issues={preview.data?.issues ?? []}
              openLayers={openLayers ?? defaultOpen(current)}
              onOpenLayers={setOpenLayers}
              onChange={edit}
              onSave={saveCurrent}
              saving={save.isPending}
              saveError={save.error?.message ?? null}
              onRevert={() => {
                setEditing({ kind: "saved", name: savedName, draft: null });
                save.reset();
              }}
            />
          ) : saved.error ? (
            <LoadFailed
              title="This template could not be loaded"
              message={saved.error.message}
              retrying={saved.isFetching}
              onRetry={() => {
                void saved.refetch();
              }}
              testId="template-error"
            />
          ) : list.error && !list.data ? null : (
            <EditorSkeleton />
          )}
        </div>
        <div className="sb-templates-preview">
          <PreviewPanel
            choice={choice}
            preview={preview}
            savedName={savedName}
            unsaved={unsaved}
            onShowIssue={showIssue}
          />
        </div>
      </div>
      <DeleteTemplateDialog
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
              if (name === savedName) {
                setEditing(FIRST_LISTED);
                setOpenLayers(null);
              }
            },
          });
        }}
      />
      <DiscardChangesDialog
        name={current?.name ?? ""}
        opened={leavingFor !== null}
        onCancel={() => {
          setLeavingFor(null);
        }}
        onDiscard={() => {
          if (leavingFor !== null) setEditing(leavingFor);
          setLeavingFor(null);
          setOpenLayers(null);
          save.reset();
        }}
      />
    </Stack>
  );
}

/** The outermost layer, the one the prospect reads first, is open to begin with. */
function defaultOpen(template: EmailTemplate | null): string[] {
  return template && template.layers.length > 0 ? [String(template.layers.length - 1)] : [];
}

function EditorSkeleton() {
  return (
    <Paper withBorder p="md" data-testid="template-loading" aria-busy="true" aria-label="Loading the template">
      <Skeleton h={14} w={180} mb="md" />
      <Skeleton h={36} mb="md" />
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} h={56} mb={10} />
      ))}
    </Paper>
  );
}
