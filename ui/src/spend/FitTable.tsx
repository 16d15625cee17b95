// The CAC model per fit segment: P(convert) as edited, the cap per prospect the saved model gives,
// the conversion the workspace observed beside it (to check P against), and the segment's own LTV
// and share when it has them.

import { Table, Text, TextInput } from "@mantine/core";
import type { CacFitRow } from "../bindings/CacFitRow";
import { formatCount, formatRate } from "../format";
import type { CacDraft, OverrideDraft } from "./cacDraft";
import { fitId, fitLabel } from "./vocabulary";

export function FitTable({
  fits,
  draft,
  stale,
  disabled,
  onChange,
}: {
  fits: readonly CacFitRow[];
  draft: CacDraft;
  /** The draft differs from the saved model, so the caps shown are the saved model's. */
  stale: boolean;
  disabled: boolean;
  onChange: (draft: CacDraft) => void;
}) {
  function setOverride(fit: string, change: Partial<OverrideDraft>) {
    const was = draft.segments[fit] ?? { ltv: "", share: "" };
    onChange({ ...draft, segments: { ...draft.segments, [fit]: { ...was, ...change } } });
  }

  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table verticalSpacing="xs" data-testid="cac-fits">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Fit</Table.Th>
            <Table.Th>P(convert)</Table.Th>
            <Table.Th ta="right">Cap per prospect</Table.Th>
            <Table.Th>Observed conversion</Table.Th>
            <Table.Th>LTV override</Table.Th>
            <Table.Th>Share override</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody className="sb-numeric">
          {fits.map((row) => {
            const id = fitId(row.fit);
            const label = fitLabel(row.fit);
            const override = draft.segments[row.fit] ?? { ltv: "", share: "" };
            return (
              <Table.Tr key={row.fit}>
                <Table.Td fw={500} style={{ whiteSpace: "nowrap" }}>
                  {label}
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    w={110}
                    aria-label={`P(convert) of ${row.fit} fit`}
                    value={draft.p[row.fit] ?? ""}
                    disabled={disabled}
                    autoComplete="off"
                    onChange={(event) => {
                      onChange({ ...draft, p: { ...draft.p, [row.fit]: event.currentTarget.value } });
                    }}
                    data-testid={`cac-p-${id}`}
                  />
                </Table.Td>
                <Table.Td ta="right">
                  <Text
                    inherit
                    span
                    c={stale ? "dimmed" : undefined}
                    title={stale ? "The saved model's cap; save to see what your changes give" : `${row.p} × LTV × share`}
                    data-testid={`cac-cap-${id}`}
                  >
                    {row.cap}
                  </Text>
                </Table.Td>
                <Table.Td data-testid={`cac-observed-${id}`}>
                  {row.observed === null ? (
                    <Text inherit span c="dimmed" title="No company of this fit is scored yet">
                      no data
                    </Text>
                  ) : (
                    <>
                      {formatRate(row.observed)}{" "}
                      <Text inherit span c="dimmed" fz="xs">
                        ({formatCount(row.signedUp)} of {formatCount(row.scored)} signed up)
                      </Text>
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    w={120}
                    placeholder="the model's"
                    aria-label={`LTV of ${row.fit} fit`}
                    value={override.ltv}
                    disabled={disabled}
                    autoComplete="off"
                    onChange={(event) => {
                      setOverride(row.fit, { ltv: event.currentTarget.value });
                    }}
                    data-testid={`cac-segment-ltv-${id}`}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    w={110}
                    placeholder="the model's"
                    aria-label={`Share of LTV for ${row.fit} fit`}
                    value={override.share}
                    disabled={disabled}
                    autoComplete="off"
                    onChange={(event) => {
                      setOverride(row.fit, { share: event.currentTarget.value });
                    }}
                    data-testid={`cac-segment-share-${id}`}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
