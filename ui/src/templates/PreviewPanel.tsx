// The preview: the template as it stands in the editor (saved or not), rendered by the Rust side
// for one prospect, with what went wrong, whether it is ready, and the exports of the saved template.

import { Alert, Badge, Group, Loader, Paper, Skeleton, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { RenderedEmail } from "../bindings/RenderedEmail";
import type { RenderIssue } from "../bindings/RenderIssue";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import type { useTemplatePreview } from "../queries";
import { EmailPreview } from "./EmailPreview";
import { ExportActions } from "./ExportActions";
import { ProspectPicker } from "./ProspectPicker";
import { RenderIssues } from "./RenderIssues";
import type { ProspectChoice } from "./useProspectChoice";
import { countText, isError } from "./vocabulary";

type Preview = ReturnType<typeof useTemplatePreview>;

export function PreviewPanel({
  choice,
  preview,
  savedName,
  unsaved,
  onShowIssue,
}: {
  choice: ProspectChoice;
  /** The editor's template rendered for the chosen prospect. */
  preview: Preview;
  /** The saved template the exports use; null for a new one. */
  savedName: string | null;
  /** The editor holds changes the saved template does not have. */
  unsaved: boolean;
  onShowIssue: (issue: RenderIssue) => void;
}) {
  const { prospects, chosen } = choice;
  return (
    <Panel
      title="Preview"
      description="What the prospect receives, rendered from the editor as it is now"
      aside={
        preview.data && (
          <PreviewStatus email={preview.data} updating={preview.isPlaceholderData || preview.isFetching} />
        )
      }
      data-testid="template-preview"
    >
      <Stack gap="md">
        {prospects.error && !prospects.data ? (
          <LoadFailed
            title="Prospects could not be loaded"
            message={prospects.error.message}
            retrying={prospects.isFetching}
            onRetry={() => {
              void prospects.refetch();
            }}
            testId="prospects-error"
          />
        ) : prospects.isPending ? (
          <Skeleton h={36} />
        ) : chosen === null ? (
          <Text fz="sm" c="dimmed" data-testid="prospects-empty">
            No prospects yet. They appear once companies visiting the site are identified and scored.
          </Text>
        ) : (
          <ProspectPicker
            prospects={prospects.data}
            current={chosen}
            search={choice.search}
            searching={prospects.isPlaceholderData}
            onSearch={choice.onSearch}
            onChoose={choice.choose}
          />
        )}
        {chosen !== null && (
          <PreviewBody
            preview={preview}
            savedName={savedName}
            prospectId={chosen.id}
            unsaved={unsaved}
            onShowIssue={onShowIssue}
          />
        )}
      </Stack>
    </Panel>
  );
}

function PreviewStatus({ email, updating }: { email: RenderedEmail; updating: boolean }) {
  const errors = email.issues.filter(isError).length;
  return (
    <Group gap={6} wrap="nowrap">
      {updating && <Loader size={14} aria-label="Updating the preview" data-testid="preview-updating" />}
      <Badge color={email.ready ? "teal" : "red"} size="lg" data-testid="preview-status">
        {email.ready ? "Ready" : errors > 0 ? countText(errors, "error") : "Not ready"}
      </Badge>
    </Group>
  );
}

function PreviewBody({
  preview,
  savedName,
  prospectId,
  unsaved,
  onShowIssue,
}: {
  preview: Preview;
  savedName: string | null;
  prospectId: number;
  unsaved: boolean;
  onShowIssue: (issue: RenderIssue) => void;
}) {
  const email = preview.data;
  if (preview.error && !email) {
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconAlertTriangle />}
        title="The preview could not be rendered"
        data-testid="preview-error"
      >
        {preview.error.message}
      </Alert>
    );
  }
  if (!email) {
    return (
      <Paper withBorder p="md" data-testid="preview-loading" aria-busy="true" aria-label="Rendering the preview">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={14} mb={10} w={`${String(90 - i * 12)}%`} />
        ))}
        <Skeleton h={240} />
      </Paper>
    );
  }
  const errors = email.issues.filter(isError).length;
  const blocked =
    savedName === null
      ? "Save the template first: exports use the saved template."
      : unsaved
        ? "Save your changes first: exports use the saved template."
        : preview.isPlaceholderData
          ? "Wait for the preview of this prospect."
          : !email.ready
            ? `Fix the ${countText(errors, "error")} first: an email with errors cannot be exported.`
            : null;
  return (
    <>
      {preview.error && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle />}
          title="The preview is out of date"
          data-testid="preview-error"
        >
          {preview.error.message}
        </Alert>
      )}
      <RenderIssues issues={email.issues} onShow={onShowIssue} />
      {/* A new template or prospect starts without the last export's error. */}
      <ExportActions
        key={`${savedName ?? ""}-${String(prospectId)}`}
        name={savedName}
        prospectId={prospectId}
        blocked={blocked}
      />
      <EmailPreview email={email} />
    </>
  );
}
