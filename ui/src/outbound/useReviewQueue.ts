// The review queue's working state: the filter, the selected company (kept by domain, so it stays
// put as answers come in), the contacts the rep unchecked, the decisions under way, the open dialog
// and the last thing that went wrong; and the actions, which the buttons and the keyboard share.
// After approve, reject or snooze the selection moves on to the next company the filter shows, so
// a queue can be cleared key after key. A failed action leaves the company as it was and says why.

import { useState } from "react";
import type { QueueCompany } from "../bindings/QueueCompany";
import type { QueueContactInfo } from "../bindings/QueueContactInfo";
import type { QueueView } from "../bindings/QueueView";
import {
  useApproveQueued,
  useAssignQueued,
  useNoteQueued,
  useRejectQueued,
  useReopenQueued,
  useSnoozeQueued,
} from "../queries";
import { DEFAULT_FILTER, matches, type QueueFilter } from "./filters";
import { daysText, isUndecided } from "./vocabulary";

export type QueueDialog = { kind: "reject" | "assign" | "note"; domain: string } | { kind: "help" } | null;

interface Cursor {
  /** The selected company; null for the first shown. */
  domain: string | null;
  /** Where it was in the list: what is selected once it leaves the list. */
  index: number;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useReviewQueue(view: QueueView) {
  const [filter, setFilterState] = useState<QueueFilter>(DEFAULT_FILTER);
  const [cursor, setCursor] = useState<Cursor>({ domain: null, index: 0 });
  /** Per company, the emails the rep unchecked; every contact is checked until then. */
  const [unchecked, setUnchecked] = useState<Readonly<Record<string, readonly string[]>>>({});
  /** Companies with a decision on its way. */
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [dialog, setDialog] = useState<QueueDialog>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  /** Reasons typed for rejections that were refused, offered again when the rep tries again. */
  const [reasons, setReasons] = useState<Readonly<Record<string, string>>>({});

  const approveQueued = useApproveQueued();
  const rejectQueued = useRejectQueued();
  const snoozeQueued = useSnoozeQueued();
  const reopenQueued = useReopenQueued();
  const assignQueued = useAssignQueued();
  const noteQueued = useNoteQueued();

  const shown = view.companies.filter((c) => matches(c, filter));
  const found = cursor.domain === null ? -1 : shown.findIndex((c) => c.domain === cursor.domain);
  const index = found >= 0 ? found : Math.min(cursor.index, shown.length - 1);
  const selected = shown[index] ?? null;
  const pending = view.companies.filter((c) => c.state === "pending").length;

  function setFilter(next: QueueFilter) {
    setFilterState(next);
    setCursor({ domain: null, index: 0 });
  }

  function select(domain: string) {
    setCursor({ domain, index: shown.findIndex((c) => c.domain === domain) });
  }

  function move(by: number) {
    if (shown.length === 0) return;
    const to = Math.max(0, Math.min(shown.length - 1, index + by));
    const company = shown[to];
    if (company) setCursor({ domain: company.domain, index: to });
  }

  /** Selects the next company shown after `domain` that is not being decided (the one before, at the end). */
  function moveOn(domain: string) {
    const at = shown.findIndex((c) => c.domain === domain);
    const free = (c: QueueCompany) => c.domain !== domain && !busy.has(c.domain);
    const next = shown.slice(at + 1).find(free) ?? shown.slice(0, Math.max(0, at)).reverse().find(free);
    setCursor(next ? { domain: next.domain, index: shown.indexOf(next) } : { domain: null, index: Math.max(0, at) });
  }

  function checkedOf(company: QueueCompany): QueueContactInfo[] {
    const off = unchecked[company.domain] ?? [];
    return company.contacts.filter((k) => !off.includes(k.email));
  }

  function toggle(company: QueueCompany, email: string) {
    if (!isUndecided(company)) return;
    setUnchecked((was) => {
      const off = was[company.domain] ?? [];
      return { ...was, [company.domain]: off.includes(email) ? off.filter((e) => e !== email) : [...off, email] };
    });
  }

  /** Toggles the nth contact (1 for the first) of the selected company. */
  function toggleNth(n: number) {
    const contact = selected?.contacts[n - 1];
    if (selected && contact) toggle(selected, contact.email);
  }

  function markBusy(domain: string, on: boolean) {
    setBusy((was) => {
      const next = new Set(was);
      if (on) next.add(domain);
      else next.delete(domain);
      return next;
    });
  }

  /** Runs a decision on a company and moves on at once; if it fails, says so and nothing changed. */
  function decide(company: QueueCompany, run: () => Promise<unknown>, failed: string, onFail?: () => void) {
    setProblem(null);
    markBusy(company.domain, true);
    moveOn(company.domain);
    run()
      .catch((error: unknown) => {
        setProblem(`${failed}: ${messageOf(error)}`);
        onFail?.();
      })
      .finally(() => {
        markBusy(company.domain, false);
      });
  }

  /** The company an action applies to: the selected one, unless a decision on it is under way. */
  function target(): QueueCompany | null {
    return selected && !busy.has(selected.domain) ? selected : null;
  }

  function approve() {
    const company = target();
    if (!company || !isUndecided(company)) return;
    const checked = checkedOf(company);
    if (checked.length === 0) {
      setProblem(`Check at least one contact at ${company.name} to approve, or reject the company.`);
      return;
    }
    const contacts = checked.length === company.contacts.length ? null : checked.map((k) => k.email);
    decide(company, () => approveQueued.mutateAsync({ domain: company.domain, contacts }), `${company.name} was not approved`);
  }

  function snooze(days: number) {
    const company = target();
    if (!company || !isUndecided(company)) return;
    decide(
      company,
      () => snoozeQueued.mutateAsync({ domain: company.domain, days }),
      `${company.name} was not snoozed for ${daysText(days)}`,
    );
  }

  function reopen() {
    const company = target();
    if (!company || company.state === "pending") return;
    setProblem(null);
    // Reopened, it leaves a filter of decided companies: the next one is selected then.
    const leaves = !matches({ ...company, state: "pending" }, filter);
    markBusy(company.domain, true);
    reopenQueued
      .mutateAsync({ domain: company.domain })
      .then(() => {
        if (leaves) moveOn(company.domain);
      })
      .catch((error: unknown) => {
        setProblem(`${company.name} was not reopened: ${messageOf(error)}`);
      })
      .finally(() => {
        markBusy(company.domain, false);
      });
  }

  function open(kind: "reject" | "assign" | "note" | "help") {
    if (kind === "help") {
      setDialog({ kind });
      return;
    }
    const company = target();
    if (!company || (kind === "reject" && !isUndecided(company))) return;
    setDialogError(null);
    setDialog({ kind, domain: company.domain });
  }

  function close() {
    setDialog(null);
    setDialogError(null);
  }

  /** Runs a dialog's change; the dialog closes once it is done, or shows why it was not. */
  function fromDialog(run: () => Promise<unknown>) {
    setDialogError(null);
    setProblem(null);
    run().then(
      () => {
        close();
      },
      (error: unknown) => {
        setDialogError(messageOf(error));
      },
    );
  }

  /**
   * Rejects as soon as the reason is confirmed: the dialog closes and the next company is selected
   * while the answer comes, as with approve. A refused rejection keeps the reason for the next try.
   */
  function reject(domain: string, reason: string) {
    close();
    const company = view.companies.find((c) => c.domain === domain);
    if (!company || busy.has(domain)) return;
    setReasons((was) => Object.fromEntries(Object.entries(was).filter(([d]) => d !== domain)));
    decide(
      company,
      () => rejectQueued.mutateAsync({ domain, reason }),
      `${company.name} was not rejected`,
      () => {
        setReasons((was) => ({ ...was, [domain]: reason }));
      },
    );
  }

  function assign(domain: string, rep: string | null) {
    fromDialog(() => assignQueued.mutateAsync({ domain, rep }));
  }

  function note(domain: string, text: string | null) {
    fromDialog(() => noteQueued.mutateAsync({ domain, note: text }));
  }

  const dialogCompany =
    dialog !== null && dialog.kind !== "help" ? (view.companies.find((c) => c.domain === dialog.domain) ?? null) : null;

  return {
    filter,
    setFilter,
    shown,
    selected,
    pending,
    busy,
    select,
    move,
    checkedOf,
    toggle,
    toggleNth,
    approve,
    snooze,
    reopen,
    open,
    close,
    reject,
    assign,
    note,
    dialog,
    dialogCompany,
    dialogError,
    /** The reason typed for the company the reject dialog is for, when a rejection of it was refused. */
    draftReason: dialog !== null && dialog.kind === "reject" ? (reasons[dialog.domain] ?? "") : "",
    dialogSaving: assignQueued.isPending || noteQueued.isPending,
    problem,
    dismissProblem: () => {
      setProblem(null);
    },
  };
}

export type ReviewQueue = ReturnType<typeof useReviewQueue>;
