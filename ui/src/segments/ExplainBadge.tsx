// Beside each rule: how many of those that reach it it keeps ("kept 120 of 480", with a thin bar),
// or, under a "None of", how many it matches and the group therefore drops; for "did not do X",
// how many it kept only because they are newer than its window.

import { Progress, Stack, Text, Tooltip } from "@mantine/core";
import { formatCount } from "../format";
import { useBuilder } from "./builderContext";
import { unitCount } from "./vocabulary";

export function ExplainBadge({ path }: { path: string }) {
  const { explain, stale } = useBuilder();
  const node = explain.get(path);
  if (!node) return null;
  const share = node.input === 0 ? 0 : (node.kept / node.input) * 100;
  const text = node.negated
    ? `matches ${formatCount(node.kept)}, dropped`
    : `kept ${formatCount(node.kept)} of ${formatCount(node.input)}`;
  const detail = node.negated
    ? `${unitCount(node.kept, node.unit)} of ${formatCount(node.input)} match “${node.description}”; the “None of” group drops them`
    : `${unitCount(node.kept, node.unit)} of the ${formatCount(node.input)} that reach this rule match “${node.description}”`;
  return (
    <Tooltip label={detail} multiline maw={360}>
      <Stack
        gap={2}
        miw={120}
        style={{ opacity: stale ? 0.5 : 1 }}
        data-testid={`explain-${path}`}
        data-stale={stale || undefined}
      >
        <Text fz="xs" ta="right" className="sb-numeric" c={node.negated ? "red" : undefined} style={{ whiteSpace: "nowrap" }}>
          {text}
        </Text>
        <Progress value={share} size={4} color={node.negated ? "red" : "teal"} aria-hidden />
        {node.tooNew !== null && node.tooNew > 0 && (
          <Text fz="xs" c="orange" ta="right" style={{ whiteSpace: "nowrap" }} data-testid={`too-new-${path}`}>
            {formatCount(node.tooNew)} too new for the window
          </Text>
        )}
      </Stack>
    </Tooltip>
  );
}
