// The CAC model editor: LTV, currency and share, P(convert) per fit segment with the cap it gives
// and the conversion the workspace observed beside it, and the overrides per fit segment and per
// campaign. Edits stay here until saved (leaving the screen with unsaved ones asks first); the
// Rust side reads every number and computes every cap.

import { Alert, Button, Group, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import type { CampaignCap } from "../bindings/CampaignCap";
import { useLeaveGuard } from "../common/leaveGuard";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import { useCacModel, useSaveCacModel } from "../queries";
import { type CacDraft, draftOf, modelOf, sameModel, UNSAVED_MODEL } from "./cacDraft";
import { CampaignOverrides } from "./CampaignOverrides";
import { FitTable } from "./FitTable";

export function CacModelPanel({ campaigns }: { campaigns: readonly CampaignCap[] }) {
  const info = useCacModel();
  const save = useSaveCacModel();
  /** The form as edited; null while it shows what is saved. */
  const [draft, setDraft] = useState<CacDraft | null>(null);
  const [justSaved, setJustSaved] = useState(false);

  const saved = info.data ? draftOf(info.data.model, info.data.fits.map((f) => f.fit)) : null;
  const shown = draft ?? saved;
  const dirty = draft !== null && saved !== null && !sameModel(draft, saved);
  useLeaveGuard(dirty ? UNSAVED_MODEL : null);

  function edit(next: CacDraft) {
    setDraft(next);
    setJustSaved(false);
  }

  function submit() {
    if (!dirty || save.isPending) return;
    const sent = draft;
    save.mutate(modelOf(sent), {
      onSuccess: () => {
        // Typing may have gone on while it saved; those edits stay.
        setDraft((current) => (current === sent ? null : current));
        setJustSaved(true);
      },
    });
  }

  return (
    <Panel
      title="CAC model"
      description="The most worth spending to acquire a prospect: P(convert) × LTV × the share of LTV for acquisition. Every cap on this screen follows from it."
      data-testid="cac-model"
    >
      {info.error && !info.data ? (
        <LoadFailed
          title="The CAC model could not be loaded"
          message={info.error.message}
          retrying={info.isFetching}
          onRetry={() => {
            void info.refetch();
          }}
          testId="cac-model-load-error"
        />
      ) : !info.data || !shown ? (
        <Skeleton h={260} />
      ) : (
        <form
          noValidate
          aria-label="CAC model"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="md">
            <Group gap="sm" align="flex-start">
              <TextInput
                label="Lifetime value (LTV)"
                description="In the currency's units: 1000 or 1000.50"
                value={shown.ltv}
                disabled={save.isPending}
                autoComplete="off"
                w={220}
                onChange={(event) => {
                  edit({ ...shown, ltv: event.currentTarget.value });
                }}
                data-testid="cac-ltv"
              />
              <TextInput
                label="Currency"
                description="Three letters: USD, EUR"
                value={shown.currency}
                disabled={save.isPending}
                autoComplete="off"
                w={160}
                onChange={(event) => {
                  edit({ ...shown, currency: event.currentTarget.value });
                }}
                data-testid="cac-currency"
              />
              <TextInput
                label="Share of LTV for acquisition"
                description="0.2 or 20%"
                value={shown.share}
                disabled={save.isPending}
                autoComplete="off"
                w={220}
                onChange={(event) => {
                  edit({ ...shown, share: event.currentTarget.value });
                }}
                data-testid="cac-share"
              />
            </Group>
            <FitTable fits={info.data.fits} draft={shown} stale={dirty} disabled={save.isPending} onChange={edit} />
            <CampaignOverrides campaigns={campaigns} draft={shown} disabled={save.isPending} onChange={edit} />
            {save.error && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle />} title="Not saved" data-testid="cac-error">
                {save.error.message}
              </Alert>
            )}
            <Group gap="xs">
              <Button type="submit" disabled={!dirty} loading={save.isPending} data-testid="cac-save">
                Save
              </Button>
              {dirty && (
                <Button
                  variant="default"
                  disabled={save.isPending}
                  onClick={() => {
                    setDraft(null);
                    save.reset();
                  }}
                  data-testid="cac-discard"
                >
                  Discard changes
                </Button>
              )}
              {dirty ? (
                <Text fz="xs" c="dimmed">
                  The caps shown are the saved model&apos;s; save to see what your changes give.
                </Text>
              ) : (
                justSaved && (
                  <Text fz="xs" c="teal" data-testid="cac-saved">
                    Saved: the caps above and every campaign&apos;s cap follow the new model.
                  </Text>
                )
              )}
            </Group>
          </Stack>
        </form>
      )}
    </Panel>
  );
}
