import { MantineProvider } from "@mantine/core";
import { QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { EditorView } from "@uiw/react-codemirror";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { EmailTemplate } from "../bindings/EmailTemplate";
import type { ProspectOption } from "../bindings/ProspectOption";
import { ScreenLinkContext } from "../common/screenLink";
import type { TemplateSummary } from "../bindings/TemplateSummary";
import type { ArgsOf } from "../ipc";
import { readyStatus, rejectWith, SAMPLE_NOW, sampleOverview } from "../mocks/sample";
import {
  BUILT_IN_TEMPLATE,
  defaultTemplate,
  exportTemplate,
  renderTemplate,
  searchProspects,
  shortNoteTemplate,
  UNRESOLVED_PROSPECT,
} from "../mocks/templates";
import { createQueryClient } from "../queries";
import { renderScreen } from "../test/renderApp";
import { theme } from "../theme";
import { TemplatesScreen } from "./TemplatesScreen";
import { linkedProspect, prospectItem } from "./useProspectChoice";

const SHORT = shortNoteTemplate().name;
const OUTER_SUBJECT = "Fwd: Fwd: New domain identified: {{ company.domain }}";
const MARIA_SUBJECT = "Fwd: Fwd: New domain identified: helio-energy.de";

/**
 * A back end holding the built-in and one saved template, rendering with the mock's renderer at
 * SAMPLE_NOW; `calls` records what each template command was sent.
 */
function backend({
  exportAnswer,
  prospectsAnswer = (args) => searchProspects(args.query, args.limit),
}: {
  exportAnswer?: (args: ArgsOf<"template_export">) => unknown;
  prospectsAnswer?: (args: ArgsOf<"prospects">) => ProspectOption[];
} = {}) {
  const saved = new Map<string, EmailTemplate>([
    [BUILT_IN_TEMPLATE, defaultTemplate()],
    [SHORT, shortNoteTemplate()],
  ]);
  const calls = {
    preview: [] as ArgsOf<"template_preview">[],
    prospects: [] as ArgsOf<"prospects">[],
    save: [] as ArgsOf<"template_save">[],
    delete: [] as ArgsOf<"template_delete">[],
    export: [] as ArgsOf<"template_export">[],
  };
  const summary = (template: EmailTemplate): TemplateSummary => ({
    name: template.name,
    layers: template.layers.length,
    updatedAt: "2025-06-13T10:00:00Z",
    builtIn: template.name === BUILT_IN_TEMPLATE,
  });
  mockIPC((command, payload) => {
    switch (command) {
      case "workspace_status":
        return readyStatus();
      case "overview":
        return sampleOverview();
      case "templates":
        return [...saved.values()].map(summary);
      case "template": {
        const { name } = payload as ArgsOf<"template">;
        return saved.get(name) ?? rejectWith({ code: "notFound", message: `There is no template named “${name}”.` });
      }
      case "template_save": {
        const args = payload as ArgsOf<"template_save">;
        calls.save.push(args);
        if (args.template.name.trim() === "") {
          return rejectWith({ code: "invalidInput", message: "A template needs a name; type one and save again." });
        }
        saved.set(args.template.name, args.template);
        return summary(args.template);
      }
      case "template_delete": {
        const args = payload as ArgsOf<"template_delete">;
        calls.delete.push(args);
        saved.delete(args.name);
        return null;
      }
      case "prospects": {
        const args = payload as ArgsOf<"prospects">;
        calls.prospects.push(args);
        return prospectsAnswer(args);
      }
      case "template_preview": {
        const args = payload as ArgsOf<"template_preview">;
        calls.preview.push(args);
        return renderTemplate(args.template, args.prospectId, SAMPLE_NOW);
      }
      case "template_export": {
        const args = payload as ArgsOf<"template_export">;
        calls.export.push(args);
        if (exportAnswer) return exportAnswer(args);
        const template = saved.get(args.name);
        const answer = template && exportTemplate(template, args.prospectId, args.format, SAMPLE_NOW);
        return answer && !("refusal" in answer) ? answer : rejectWith({ code: "invalidInput", message: "refused" });
      }
      default:
        return rejectWith(`command ${command} not found`);
    }
  });
  return calls;
}

/** The default template with the outermost layer's subject replaced. */
function withOuterSubject(subject: string): EmailTemplate {
  const template = defaultTemplate();
  const outer = template.layers[2];
  if (!outer) throw new Error("the default template has three layers");
  template.layers[2] = { ...outer, subject };
  return template;
}

/** Opens the Templates screen and waits for the built-in template's preview for the newest prospect. */
async function openTemplates() {
  const rendered = await renderScreen("Templates");
  await waitFor(() => {
    expect(screen.getByTestId("preview-subject")).toHaveTextContent(MARIA_SUBJECT);
  });
  return rendered;
}

describe("Templates", () => {
  it("lists the templates and opens the built-in one, with a section per layer", async () => {
    backend();
    await openTemplates();

    const list = screen.getByTestId("template-list");
    expect(within(list).getByTestId(`template-row-${BUILT_IN_TEMPLATE}`)).toHaveTextContent("Built in");
    expect(within(list).getByTestId(`template-row-${SHORT}`)).toHaveTextContent("3 layers");
    expect(screen.getByTestId(`template-row-${BUILT_IN_TEMPLATE}`)).toHaveAttribute("data-selected");
    // The built-in template cannot be deleted; the others can.
    expect(screen.getByTestId(`template-delete-${BUILT_IN_TEMPLATE}`)).toBeDisabled();
    expect(screen.getByTestId(`template-delete-${SHORT}`)).toBeEnabled();

    expect(screen.getByTestId("template-name")).toHaveValue(BUILT_IN_TEMPLATE);
    expect(screen.getByTestId("layer-0")).toHaveTextContent("Layer 1 · Bot notice");
    expect(screen.getByTestId("layer-1")).toHaveTextContent("Layer 2 · VP's forward");
    expect(screen.getByTestId("layer-1")).toHaveTextContent("41 min later");
    expect(screen.getByTestId("layer-2-subject")).toHaveValue(OUTER_SUBJECT);
    expect(screen.getByTestId("layer-2-offset")).toHaveValue("96");
    expect(screen.getByTestId("layer-2")).toHaveTextContent("1 h 36 min later");
    expect(screen.getByTestId("template-save")).toBeDisabled();
    expect(screen.queryByTestId("template-unsaved")).not.toBeInTheDocument();
  });

  it("shows the body in a Liquid editor that highlights variables", async () => {
    backend();
    await openTemplates();

    const body = await screen.findByTestId("layer-2-body");
    const editor = await within(body).findByRole("textbox", { name: "Body" });
    expect(editor).toHaveTextContent("Hi {{ prospect.first_name }},");
    expect(editor).toHaveTextContent("teams in {{ company.industry | default: \"your field\" }} set it up");
    const firstLine = editor.querySelector(".cm-line");
    if (!(firstLine instanceof HTMLElement)) throw new Error("the editor shows lines");
    expect(within(firstLine).getByText("prospect")).toHaveClass("sb-liquid-variable");
    expect(within(firstLine).getByText("first_name")).toHaveClass("sb-liquid-variable");
    expect(within(firstLine).getAllByText("{{")[0]).toHaveClass("sb-liquid-delimiter");
    expect(within(editor).getAllByText("default")[0]).toHaveClass("sb-liquid-filter");
    expect(within(firstLine).getByText(/^Hi/)).toBe(firstLine);
  });

  it("previews the template for the newest prospect in a sandboxed frame, with its headers and plain text", async () => {
    const calls = backend();
    await openTemplates();

    expect(calls.prospects[0]).toEqual({ query: "", limit: 50 });
    expect(calls.preview).toEqual([{ template: defaultTemplate(), prospectId: 201 }]);
    const expected = renderTemplate(defaultTemplate(), 201, SAMPLE_NOW);
    if (!expected) throw new Error("prospect 201 renders");

    expect(screen.getByTestId("preview-from")).toHaveTextContent("Casey Lindgren <casey@switchboard.example>");
    expect(screen.getByTestId("preview-to")).toHaveTextContent("maria.keller@helio-energy.de");
    expect(screen.getByTestId("preview-date")).toHaveTextContent("Jun 14, 2025, 3:30:00 PM");
    expect(screen.getByTestId("preview-status")).toHaveTextContent("Ready");
    expect(screen.getByTestId("preview-issues")).toHaveTextContent("Every variable has a value for this prospect.");

    const frame = screen.getByTestId("preview-frame");
    expect(frame.tagName).toBe("IFRAME");
    // No scripts, an opaque origin, nothing sent to whatever the email links to.
    expect(frame).toHaveAttribute("sandbox", "");
    expect(frame).toHaveAttribute("referrerpolicy", "no-referrer");
    expect(frame).toHaveAttribute("srcdoc", expected.html);
    expect(frame).not.toHaveAttribute("src");

    await userEvent.click(screen.getByRole("tab", { name: "Plain text" }));
    expect(screen.getByTestId("preview-text").textContent).toBe(expected.text);
    expect(screen.getByTestId("export-customerio")).toBeEnabled();
    expect(screen.getByTestId("export-eml")).toBeEnabled();
  });

  it("renders an edited subject once typing pauses, with the whole edited template", async () => {
    const calls = backend();
    await openTemplates();
    const before = calls.preview.length;

    const typed = " today";
    await userEvent.type(screen.getByTestId("layer-2-subject"), typed);
    expect(screen.getByTestId("template-unsaved")).toHaveTextContent("Unsaved changes");
    expect(screen.getByTestId("template-save")).toBeEnabled();

    await waitFor(() => {
      expect(screen.getByTestId("preview-subject")).toHaveTextContent(`${MARIA_SUBJECT} today`);
    });
    const rendered = calls.preview.slice(before);
    // One render after the pause, not one per keystroke.
    expect(rendered.length).toBeGreaterThanOrEqual(1);
    expect(rendered.length).toBeLessThan(typed.length);
    expect(rendered.at(-1)).toEqual({
      template: withOuterSubject(`${OUTER_SUBJECT} today`),
      prospectId: 201,
    });
  });

  it("renders an edited body", async () => {
    const calls = backend();
    await openTemplates();

    const body = await screen.findByTestId("layer-2-body");
    const element = body.querySelector(".cm-editor");
    const view = element instanceof HTMLElement ? EditorView.findFromDOM(element) : null;
    if (!view) throw new Error("the body has a CodeMirror editor");
    // What typing does: a transaction on the editor's document.
    view.dispatch({ changes: { from: 0, to: 2, insert: "Hello" } });

    await waitFor(() => {
      expect(calls.preview.at(-1)?.template.layers[2]?.body).toMatch(/^Hello \{\{ prospect\.first_name \}\},\n/);
    });
    await userEvent.click(screen.getByRole("tab", { name: "Plain text" }));
    await waitFor(() => {
      expect(screen.getByTestId("preview-text")).toHaveTextContent(/^Hello Maria,/);
    });
    expect(screen.getByTestId("template-unsaved")).toBeInTheDocument();
  });

  it("steps through the prospects with Next and Previous, and shows the issues of one without a company name", async () => {
    const calls = backend();
    await openTemplates();

    expect(screen.getByTestId("prospect-prev")).toBeDisabled();
    await userEvent.click(screen.getByTestId("prospect-next"));
    await waitFor(() => {
      expect(screen.getByTestId("preview-to")).toHaveTextContent("sam.okafor@brightpath.io");
    });
    expect(calls.preview.at(-1)).toEqual({ template: defaultTemplate(), prospectId: 202 });
    expect(screen.getByTestId("prospect-position")).toHaveTextContent("2 of 6");

    await userEvent.click(screen.getByTestId("prospect-next"));
    await waitFor(() => {
      expect(screen.getByTestId("preview-status")).toHaveTextContent("3 errors");
    });
    expect(calls.preview.at(-1)).toEqual({ template: defaultTemplate(), prospectId: UNRESOLVED_PROSPECT });
    expect(screen.getByTestId("prospect-picker")).toHaveValue("Ada Brooks · tessera.ai");

    const issues = within(screen.getByTestId("preview-issues")).getAllByRole("listitem");
    expect(issues).toHaveLength(8);
    const unresolved = screen.getByTestId("issue-6");
    expect(unresolved).toHaveAttribute("data-severity", "error");
    expect(unresolved).toHaveTextContent("Error");
    expect(unresolved).toHaveTextContent("Layer 3 · Rep's forward · body line 3");
    expect(unresolved).toHaveTextContent("company.name");
    expect(unresolved).toHaveTextContent("`company.name` is empty and has no fallback");
    const fallback = screen.getByTestId("issue-1");
    expect(fallback).toHaveAttribute("data-severity", "warning");
    expect(fallback).toHaveTextContent("Warning");
    expect(fallback).toHaveTextContent("Layer 1 · Bot notice · body line 4");
    expect(fallback).toHaveTextContent("company.industry");
    // The editor marks the layers the issues are in.
    expect(screen.getByTestId("layer-2")).toHaveTextContent("1 error1 warning");
    expect(screen.getByTestId("layer-0")).toHaveTextContent("1 error4 warnings");

    // Errors block the exports, and say why.
    expect(screen.getByTestId("export-customerio")).toBeDisabled();
    expect(screen.getByTestId("export-eml")).toBeDisabled();
    expect(screen.getByTestId("export-blocked")).toHaveTextContent("Fix the 3 errors first");

    await userEvent.click(screen.getByTestId("prospect-prev"));
    await waitFor(() => {
      expect(screen.getByTestId("preview-status")).toHaveTextContent("Ready");
    });
    expect(screen.getByTestId("preview-to")).toHaveTextContent("sam.okafor@brightpath.io");
    expect(calls.preview.at(-1)?.prospectId).toBe(202);
    expect(screen.getByTestId("export-eml")).toBeEnabled();
  });

  it("opens the layer an issue is in when it is chosen", async () => {
    backend();
    await openTemplates();
    await userEvent.click(screen.getByTestId("prospect-next"));
    await userEvent.click(screen.getByTestId("prospect-next"));
    await screen.findByTestId("issue-0");

    const control = within(screen.getByTestId("layer-0")).getAllByRole("button")[0];
    expect(control).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(within(screen.getByTestId("issue-0")).getByRole("button"));
    expect(control).toHaveAttribute("aria-expanded", "true");
  });

  it("searches prospects by what was typed and previews the chosen one", async () => {
    const calls = backend();
    await openTemplates();

    const picker = screen.getByTestId("prospect-picker");
    await userEvent.clear(picker);
    await userEvent.type(picker, "tessera");
    await waitFor(() => {
      expect(calls.prospects.at(-1)).toEqual({ query: "tessera", limit: 50 });
    });
    // Floating UI finds the input detached in jsdom (nothing has a size) and hides the open dropdown.
    await userEvent.click(await screen.findByRole("option", { name: /Ada Brooks/, hidden: true }));

    await waitFor(() => {
      expect(screen.getByTestId("preview-to")).toHaveTextContent("ada@tessera.ai");
    });
    expect(calls.preview.at(-1)?.prospectId).toBe(UNRESOLVED_PROSPECT);
    expect(screen.getByTestId("prospect-position")).toHaveTextContent("1 of 1");
  });

  it("saves the edited template and then has nothing unsaved", async () => {
    const calls = backend();
    await openTemplates();

    await userEvent.type(screen.getByTestId("layer-2-subject"), "!");
    await userEvent.click(screen.getByTestId("template-save"));

    await waitFor(() => {
      expect(screen.queryByTestId("template-unsaved")).not.toBeInTheDocument();
    });
    expect(calls.save).toEqual([{ template: withOuterSubject(`${OUTER_SUBJECT}!`) }]);
    expect(screen.getByTestId("template-save")).toBeDisabled();
    expect(screen.getByTestId("layer-2-subject")).toHaveValue(`${OUTER_SUBJECT}!`);
  });

  it("shows why a template was not saved, and keeps the changes", async () => {
    const calls = backend();
    await openTemplates();

    await userEvent.clear(screen.getByTestId("template-name"));
    await userEvent.click(screen.getByTestId("template-save"));

    expect(await screen.findByTestId("template-save-error")).toHaveTextContent(
      "A template needs a name; type one and save again.",
    );
    expect(calls.save).toHaveLength(1);
    expect(screen.getByTestId("template-unsaved")).toBeInTheDocument();
  });

  it("starts a new template from the default, exportable only once saved", async () => {
    const calls = backend();
    await openTemplates();

    await userEvent.click(screen.getByTestId("template-new"));
    expect(await screen.findByTestId("template-row-new")).toHaveTextContent("Double forward copy");
    expect(screen.getByTestId("template-name")).toHaveValue("Double forward copy");
    expect(screen.getByTestId("template-unsaved")).toBeInTheDocument();
    expect(screen.getByTestId("export-eml")).toBeDisabled();
    expect(screen.getByTestId("export-blocked")).toHaveTextContent("Save the template first");

    await userEvent.click(screen.getByTestId("template-save"));
    expect(await screen.findByTestId("template-row-Double forward copy")).toHaveAttribute("data-selected");
    expect(calls.save.map(({ template }) => template.name)).toEqual(["Double forward copy"]);
    expect(calls.save[0]?.template.layers).toEqual(defaultTemplate().layers);
    expect(screen.queryByTestId("template-row-new")).not.toBeInTheDocument();
    await waitFor(() => {
      expect(screen.getByTestId("export-eml")).toBeEnabled();
    });
  });

  it("asks before leaving unsaved changes", async () => {
    backend();
    await openTemplates();

    await userEvent.type(screen.getByTestId("layer-2-subject"), "!");
    await userEvent.click(within(screen.getByTestId(`template-row-${SHORT}`)).getByText(SHORT));
    const dialog = await screen.findByRole("dialog", { name: "Discard your changes?" });
    await userEvent.click(within(dialog).getByTestId("template-discard-cancel"));
    expect(screen.getByTestId("template-name")).toHaveValue(BUILT_IN_TEMPLATE);
    expect(screen.getByTestId("layer-2-subject")).toHaveValue(`${OUTER_SUBJECT}!`);

    await userEvent.click(within(screen.getByTestId(`template-row-${SHORT}`)).getByText(SHORT));
    await userEvent.click(await screen.findByTestId("template-discard-confirm"));
    await waitFor(() => {
      expect(screen.getByTestId("template-name")).toHaveValue(SHORT);
    });
    expect(screen.getByTestId("layer-2-subject")).toHaveValue("Fwd: {{ company.name }}");
    expect(screen.queryByTestId("template-unsaved")).not.toBeInTheDocument();
  });

  it("deletes a template only once that is confirmed", async () => {
    const calls = backend();
    await openTemplates();

    await userEvent.click(screen.getByTestId(`template-delete-${SHORT}`));
    const dialog = await screen.findByRole("dialog", { name: "Delete the template?" });
    expect(dialog).toHaveTextContent(`“${SHORT}” and its layers are removed`);
    await userEvent.click(within(dialog).getByTestId("template-delete-cancel"));
    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    expect(calls.delete).toEqual([]);
    expect(screen.getByTestId(`template-row-${SHORT}`)).toBeInTheDocument();

    await userEvent.click(screen.getByTestId(`template-delete-${SHORT}`));
    await userEvent.click(await screen.findByTestId("template-delete-confirm"));
    await waitFor(() => {
      expect(screen.queryByTestId(`template-row-${SHORT}`)).not.toBeInTheDocument();
    });
    expect(calls.delete).toEqual([{ name: SHORT }]);
  });

  it("exports the saved template for the prospect and shows the file to copy", async () => {
    const calls = backend();
    await openTemplates();

    await userEvent.click(screen.getByTestId("export-eml"));
    const dialog = await screen.findByRole("dialog", { name: ".eml for this prospect" });
    expect(calls.export).toEqual([{ name: BUILT_IN_TEMPLATE, prospectId: 201, format: "eml" }]);
    expect(within(dialog).getByTestId("export-file-name")).toHaveTextContent("maria.keller@helio-energy.de.eml");
    expect(within(dialog).getByTestId("export-notes")).toHaveTextContent("open it in a mail client to send a test");
    expect(within(dialog).getByTestId("export-content")).toHaveTextContent(`Subject: ${MARIA_SUBJECT}`);
    expect(within(dialog).getByTestId("export-copy")).toHaveTextContent("Copy");
  });

  it("shows the sentence an export was refused with", async () => {
    backend({
      exportAnswer: () =>
        rejectWith({ code: "invalidInput", message: "`Double forward` has 2 unresolved variable(s) or error(s) for ada@tessera.ai; fix them before exporting" }),
    });
    await openTemplates();

    await userEvent.click(screen.getByTestId("export-customerio"));
    expect(await screen.findByTestId("export-error")).toHaveTextContent(
      "`Double forward` has 2 unresolved variable(s) or error(s) for ada@tessera.ai; fix them before exporting",
    );
  });
});

/** The Templates screen as a link from another screen opens it, for `item`. */
function renderLinked(item: string) {
  render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={createQueryClient()}>
        <ScreenLinkContext value={{ open: () => undefined, item }}>
          <TemplatesScreen />
        </ScreenLinkContext>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe("Templates opened by a link to a prospect", () => {
  it("reads the prospect of a link item and nothing else", () => {
    expect(prospectItem(206)).toBe("prospect:206");
    expect(linkedProspect("prospect:206")).toBe(206);
    expect(linkedProspect("prospect:abc")).toBeNull();
    expect(linkedProspect("Trial users")).toBeNull();
    expect(linkedProspect(null)).toBeNull();
  });

  it("previews the linked prospect, named as listed", async () => {
    const calls = backend();
    renderLinked(prospectItem(204));

    await waitFor(() => {
      expect(screen.getByTestId("preview-to")).toHaveTextContent("priya.raman@northwindlogistics.com");
    });
    // Never rendered for the newest prospect first.
    expect(calls.preview.map((args) => args.prospectId)).not.toContain(201);
    expect(screen.getByTestId("prospect-picker")).toHaveValue("Priya Raman · Northwind Logistics");
    expect(screen.getByTestId("prospect-position")).toHaveTextContent("4 of 6");
  });

  it("previews a linked prospect the newest prospects do not list, and names it once a search lists it", async () => {
    // The first page of prospects leaves Jonas Varga (206) out.
    const calls = backend({
      prospectsAnswer: ({ query, limit }) =>
        searchProspects(query, limit).filter((p) => query !== "" || p.id !== 206),
    });
    renderLinked(prospectItem(206));

    await waitFor(() => {
      expect(screen.getByTestId("preview-to")).toHaveTextContent("j.varga@lumenfinance.com");
    });
    expect(calls.preview.every((args) => args.prospectId === 206)).toBe(true);
    expect(screen.getByTestId("prospect-picker")).toHaveValue("Prospect 206");
    expect(screen.getByTestId("prospect-position")).toHaveTextContent("5 prospects listed");

    const picker = screen.getByTestId("prospect-picker");
    await userEvent.clear(picker);
    await userEvent.type(picker, "lumen");
    await waitFor(() => {
      expect(screen.getByTestId("prospect-position")).toHaveTextContent("1 of 1 · CFO · j.varga@lumenfinance.com");
    });
    expect(calls.preview.every((args) => args.prospectId === 206)).toBe(true);
  });
});
