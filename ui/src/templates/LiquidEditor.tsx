// A code editor for one Liquid field (a layer's body): CodeMirror 6 with Liquid highlighting,
// line numbers (render issues name body lines) and wrapped lines, in the app's colour scheme.

import { liquid } from "@codemirror/lang-liquid";
import { HighlightStyle, LanguageSupport, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { Input, useComputedColorScheme } from "@mantine/core";
import CodeMirror, { EditorView } from "@uiw/react-codemirror";
import { useCallback, useLayoutEffect, useMemo, useRef } from "react";

const SETUP = { foldGutter: false, highlightActiveLine: false, highlightActiveLineGutter: false };

// Templates are plain text (the Rust side builds the HTML from the rendered text), so the text
// between Liquid's delimiters is not parsed as HTML, lang-liquid's default.
const PLAIN_TEXT = new LanguageSupport(
  StreamLanguage.define<null>({
    name: "text",
    startState: () => null,
    token: (stream) => {
      stream.skipToEnd();
      return null;
    },
  }),
);

// The Liquid parts stand out from the prose around them: delimiters, variables and filters each in
// their own colour (app.css, per colour scheme), on top of the theme's own highlighting.
const LIQUID_STYLE = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.brace, class: "sb-liquid-delimiter" },
    { tag: [tags.variableName, tags.propertyName, tags.derefOperator], class: "sb-liquid-variable" },
    { tag: tags.function(tags.variableName), class: "sb-liquid-filter" },
    { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword], class: "sb-liquid-tag" },
  ]),
);

export function LiquidEditor({
  label,
  description,
  value,
  onChange,
  testId,
}: {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const scheme = useComputedColorScheme("light");
  // The editor reconfigures itself whenever its onChange changes; a stable one that calls the latest
  // spares it that on every keystroke.
  const latest = useRef(onChange);
  useLayoutEffect(() => {
    latest.current = onChange;
  });
  const change = useCallback((text: string) => {
    latest.current(text);
  }, []);
  const extensions = useMemo(
    () => [
      liquid({ base: PLAIN_TEXT }),
      LIQUID_STYLE,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": label }),
    ],
    [label],
  );
  return (
    <Input.Wrapper label={label} description={description}>
      <div className="sb-liquid-editor" data-testid={testId}>
        <CodeMirror
          value={value}
          onChange={change}
          extensions={extensions}
          theme={scheme}
          basicSetup={SETUP}
          minHeight="140px"
          maxHeight="420px"
        />
      </div>
    </Input.Wrapper>
  );
}
