// A sentence from the Rust side, with its `quoted` names (fields, operators, segments) set as code.

import { Code } from "@mantine/core";

export function ProblemText({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <Code key={i} fz="inherit">
            {part}
          </Code>
        ) : (
          part
        ),
      )}
    </>
  );
}
