// The household form without round trips (src/guidance/pages/guidance-form.tsx). Progressive
// enhancement: without this script every field shows and 世帯員を追加 / 削除 / 変更 post the form, which
// the server answers with the changed form (applyMemberAction). With it:
//   - 世帯員を追加 clones the page's <template> of an empty member with the next number and focuses it;
//     削除 removes a member and renumbers the ones after it (names, ids, labels, the choices that
//     point at members: the deceased, the funeral host, the filer, the newborn, the mother, the
//     partners, the custodian, who leaves, and the boxes of whose surname changes or is kept);
//   - 生まれた子を追加 (a birth) adds a child born on the event's day and chooses them as the newborn;
//   - fields that do not apply are hidden: by event (data-when-event), origin and destination, and
//     per member by nationality (data-when-nationality="JP" | "foreign");
//   - the filer's own fields show only for 「世帯にいない方」, and the member choices follow names typed;
//   - the 「他の都道府県との間の異動」 box hides while the address typed names a prefecture (it is
//     then read from the address, with the same rules as the server: src/guidance/prefecture.ts);
//   - 変更 on facts from the resident registry opens them for editing with the reason field;
//   - the 前住所's postal code fills its address (postal-lookup.ts, loaded after this script).

import { prefectureOf } from "../../guidance/prefecture";

const form = document.querySelector<HTMLFormElement>("form[data-household-form]");
if (form) enhance(form);

function enhance(form: HTMLFormElement): void {
  const data = form.dataset;
  const max = Number(data.maxMembers) || 20;
  const membersBox = form.querySelector<HTMLElement>("[data-members]");
  const template = form.querySelector<HTMLTemplateElement>("template[data-member-template]");
  const count = form.querySelector<HTMLInputElement>("input[data-member-count]");
  const status = form.querySelector<HTMLElement>("[data-hf-status]");
  const addButton = form.querySelector<HTMLButtonElement>("button[data-add-member]");
  if (!membersBox || !template || !count) return;

  const byId = <T extends HTMLElement>(id: string) => form.querySelector<T>(`#${CSS.escape(id)}`);
  const value = (id: string) => (byId<HTMLInputElement | HTMLSelectElement>(id)?.value ?? "").trim();
  const members = () => [...membersBox.querySelectorAll<HTMLElement>(":scope > [data-member]")];
  const say = (text: string) => {
    if (!status) return;
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = text;
    }, 50);
  };

  // ── What applies ──────────────────────────────────────────────────────────────────────────────
  const applies = (): void => {
    const type = value("event-type");
    const origin = value("event-origin") || "other-municipality";
    const destination = value("event-destination") || "other-municipality";
    for (const el of form.querySelectorAll<HTMLElement>(".hf-when")) {
      const d = el.dataset;
      let shown = true;
      if (d.whenEvent) shown &&= d.whenEvent.split(" ").includes(type);
      if (d.whenOrigin && type === "move-in") shown &&= d.whenOrigin === origin;
      if (d.whenDestination && type === "move-out") shown &&= d.whenDestination === destination;
      if (d.whenNationality) {
        const member = el.closest<HTMLElement>("[data-member]");
        const select = member?.querySelector<HTMLSelectElement>("select[name$='.nationality']");
        const jp = (select?.value ?? "JP") === "JP";
        shown &&= d.whenNationality === (jp ? "JP" : "foreign");
      }
      el.hidden = !shown;
    }
    const cross = form.querySelector<HTMLElement>("[data-cross-prefecture]");
    if (cross) {
      const address = type === "move-out" ? value("newAddress") : value("previousAddress-address");
      cross.hidden = Boolean(data.homePrefecture) && prefectureOf(address) !== undefined;
    }
    const other = form.querySelector<HTMLElement>("[data-filer-other]");
    const chosen = form.querySelector<HTMLInputElement>("input[name='filer']:checked");
    if (other) other.hidden = chosen?.value !== "other";
  };

  // ── Choices that name members: the deceased, the funeral host, the filer, the family events' ─────
  const memberSelects = () =>
    form.querySelectorAll<HTMLSelectElement>(
      "#event-subject, #event-funeralHost, #event-newborn, #event-mother, #event-partners, #event-partners-1, #event-custodian, #event-leaving",
    );
  const memberChecks = () => [
    ...form.querySelectorAll<HTMLFieldSetElement>("[data-member-checks] > fieldset"),
  ];
  const memberLabel = (index: number): string => {
    const name = value(`m${index}-name`) || (data.unnamedMember ?? "{n}").replace("{n}", String(index + 1));
    const relation = byId<HTMLSelectElement>(`m${index}-relation`)?.selectedOptions[0]?.text ?? "";
    return relation
      ? (data.filerMember ?? "{name}").replace("{name}", name).replace("{relation}", relation)
      : name;
  };

  /** A member's name alone, as the boxes of whose surname changes or is kept say it. */
  const memberName = (index: number): string =>
    value(`m${index}-name`) || (data.unnamedMember ?? "{n}").replace("{n}", String(index + 1));

  /** Rebuilds every member choice; `renumber` maps a chosen id after a removal. */
  const refreshChoices = (renumber: (id: string) => string = (id) => id): void => {
    const n = members().length;
    for (const group of memberChecks()) {
      const boxes = [...group.querySelectorAll<HTMLInputElement>("input[type=checkbox]")];
      const sample = boxes[0]?.closest<HTMLElement>(".checkbox");
      if (!sample) continue;
      const ticked = new Set(boxes.filter((b) => b.checked).map((b) => renumber(b.value)));
      const base = boxes[0]?.id ?? "";
      for (const box of boxes) box.closest(".checkbox")?.remove();
      for (let i = 0; i < n; i++) {
        const row = sample.cloneNode(true) as HTMLElement;
        const input = row.querySelector("input") as HTMLInputElement;
        const label = row.querySelector("label") as HTMLLabelElement;
        input.id = i === 0 ? base : `${base}-${i}`;
        input.value = `m${i + 1}`;
        input.checked = ticked.has(input.value);
        label.htmlFor = input.id;
        label.textContent = memberName(i);
        group.append(row);
      }
    }
    for (const select of memberSelects()) {
      const chosen = renumber(select.value);
      const first = select.options[0];
      select.replaceChildren(...(first ? [first] : []));
      for (let i = 0; i < n; i++) select.append(new Option(memberLabel(i), `m${i + 1}`));
      select.value = chosen && Number(chosen.slice(1)) <= n ? chosen : "";
    }
    const radios = [...form.querySelectorAll<HTMLInputElement>("input[type=radio][name='filer']")];
    const otherRadio = radios.find((r) => r.value === "other");
    const otherRow = otherRadio?.closest<HTMLElement>(".radio");
    const sample = radios[0]?.closest<HTMLElement>(".radio");
    if (!otherRadio || !otherRow || !sample) return;
    const chosen = renumber(radios.find((r) => r.checked)?.value ?? "");
    for (const radio of radios) if (radio !== otherRadio) radio.closest(".radio")?.remove();
    for (let i = 0; i < n; i++) {
      const row = sample.cloneNode(true) as HTMLElement;
      const input = row.querySelector("input") as HTMLInputElement;
      const label = row.querySelector("label") as HTMLLabelElement;
      input.id = i === 0 ? "filer" : `filer-${i}`;
      input.value = `m${i + 1}`;
      input.checked = chosen === input.value;
      label.htmlFor = input.id;
      label.textContent = memberLabel(i);
      otherRow.before(row);
    }
    otherRadio.id = n === 0 ? "filer" : `filer-${n}`;
    otherRadio.closest(".radio")?.querySelector("label")?.setAttribute("for", otherRadio.id);
    otherRadio.checked = chosen === "other";
  };

  /** Only the labels (a name or a relation was changed): the choices keep their order and values. */
  const refreshLabels = (): void => {
    for (const select of memberSelects())
      for (const option of select.options) {
        const index = /^m(\d+)$/.exec(option.value);
        if (index) option.text = memberLabel(Number(index[1]) - 1);
      }
    for (const radio of form.querySelectorAll<HTMLInputElement>("input[type=radio][name='filer']")) {
      const index = /^m(\d+)$/.exec(radio.value);
      const label = radio.closest(".radio")?.querySelector("label");
      if (index && label) label.textContent = memberLabel(Number(index[1]) - 1);
    }
    for (const box of form.querySelectorAll<HTMLInputElement>("[data-member-checks] input[type=checkbox]")) {
      const index = /^m(\d+)$/.exec(box.value);
      const label = box.closest(".checkbox")?.querySelector("label");
      if (index && label) label.textContent = memberName(Number(index[1]) - 1);
    }
  };

  // ── Adding and removing members ───────────────────────────────────────────────────────────────
  const buttons = (): void => {
    const n = members().length;
    count.value = String(n);
    if (addButton) addButton.hidden = n >= max;
    const addNewborn = form.querySelector<HTMLButtonElement>("button[data-add-newborn]");
    if (addNewborn) addNewborn.hidden = n >= max;
    for (const remove of form.querySelectorAll<HTMLButtonElement>("[data-member] button[data-remove-member]"))
      remove.hidden = n <= 1;
  };

  /** Renames one member's ids, names and numbers from index `from` to `to` (0-based). */
  const renameMember = (member: HTMLElement, from: number, to: number): void => {
    const token = new RegExp(`(^|\\s)m${from}(?=[-.]|$|\\s)`, "g");
    for (const el of [member, ...member.querySelectorAll<HTMLElement>("*")]) {
      for (const attr of ["id", "name", "for", "aria-describedby", "aria-labelledby"]) {
        const v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, v.replace(token, `$1m${to}`));
      }
      const v = el.getAttribute("value");
      if (el instanceof HTMLButtonElement && v && /^(remove|unlock):\d+$/.test(v))
        el.value = v.replace(/\d+$/, String(to));
    }
    for (const n of member.querySelectorAll<HTMLElement>("[data-n]")) n.textContent = String(to + 1);
  };

  const indexOf = (member: HTMLElement): number => {
    const named = member.querySelector<HTMLElement>("[name^='m']");
    const match = /^m(\d+)\./.exec(named?.getAttribute("name") ?? "");
    return match ? Number(match[1]) : -1;
  };

  /** Adds an empty member (a newborn: a child born on the event's day, chosen as the newborn). */
  const addMember = (newborn = false): void => {
    const n = members().length;
    if (n >= max) return;
    const html = template.innerHTML.replaceAll("__i__", String(n)).replaceAll("__n__", String(n + 1));
    const holder = document.createElement("template");
    holder.innerHTML = html;
    const member = holder.content.firstElementChild as HTMLElement | null;
    if (!member) return;
    membersBox.append(member);
    // The same first guess as the server's: the second person is a spouse, later ones children.
    const relation = byId<HTMLSelectElement>(`m${n}-relation`);
    if (relation) relation.value = n === 1 && !newborn ? "spouse" : "child";
    const birthDate = byId<HTMLInputElement>(`m${n}-birthDate`);
    if (newborn && birthDate) birthDate.value = value("event-date");
    buttons();
    refreshChoices();
    const chosen = byId<HTMLSelectElement>("event-newborn");
    if (newborn && chosen) chosen.value = `m${n + 1}`;
    applies();
    byId<HTMLInputElement>(`m${n}-name`)?.focus();
    const message = newborn ? data.newbornAdded : data.memberAdded;
    say((message ?? "").replace("{n}", String(n + 1)));
  };

  const removeMember = (member: HTMLElement): void => {
    const all = members();
    const index = all.indexOf(member);
    if (index < 0 || all.length <= 1) return;
    member.remove();
    for (const later of all.slice(index + 1)) renameMember(later, indexOf(later), indexOf(later) - 1);
    // As the server does: the removed person's role is cleared, later people keep theirs.
    refreshChoices((id) => {
      const match = /^m(\d+)$/.exec(id);
      if (!match) return id;
      const k = Number(match[1]) - 1;
      return k < index ? id : k === index ? "" : `m${k}`;
    });
    buttons();
    applies();
    const next = members()[Math.min(index, members().length - 1)];
    const target = next?.querySelector<HTMLElement>("input:not([type=hidden]):not([disabled]), button");
    (target ?? addButton)?.focus();
    say(data.memberRemoved ?? "");
  };

  // ── Registry facts: 変更 opens them with the reason ──────────────────────────────────────────────
  const unlock = (member: HTMLElement): void => {
    const edit = member.querySelector<HTMLFieldSetElement>("[data-registry-edit]");
    if (!edit) return;
    for (const hidden of member.querySelectorAll("input[data-registry-value]")) hidden.remove();
    member.querySelector<HTMLElement>("[data-registry-facts]")?.setAttribute("hidden", "");
    edit.disabled = false;
    edit.hidden = false;
    const flag = member.querySelector<HTMLInputElement>("input[data-unlocked]");
    if (flag) flag.value = "1";
    applies();
    edit.querySelector<HTMLInputElement>("input:not([type=hidden])")?.focus();
  };

  form.addEventListener("click", (event) => {
    const button = (event.target as Element).closest?.("button");
    if (!button || !form.contains(button)) return;
    if (button.matches("[data-add-member], [data-add-newborn]")) {
      event.preventDefault();
      addMember(button.matches("[data-add-newborn]"));
    } else if (button.matches("[data-remove-member]")) {
      event.preventDefault();
      const member = button.closest<HTMLElement>("[data-member]");
      if (member) removeMember(member);
    } else if (button.matches("[data-unlock]")) {
      event.preventDefault();
      const member = button.closest<HTMLElement>("[data-member]");
      if (member) unlock(member);
    }
  });

  form.addEventListener("input", (event) => {
    const target = event.target as HTMLElement;
    if (target.matches("input[name$='.name']")) refreshLabels();
    if (target.matches("#previousAddress-address, #newAddress")) applies();
  });
  // The one who died cannot file: when they were the filer, the server's default is taken again
  // (the head if alive, else someone from outside when nobody else lives in the household).
  const filerAfterDeath = (): void => {
    const subject = value("event-subject");
    const radios = [...form.querySelectorAll<HTMLInputElement>("input[type=radio][name='filer']")];
    const checked = radios.find((r) => r.checked);
    if (value("event-type") !== "death" || !subject || (checked && checked.value !== subject)) return;
    const living = radios.filter((r) => r.value !== subject && r.value !== "other");
    const head = living.find((r) => value(`m${Number(r.value.slice(1)) - 1}-relation`) === "head");
    for (const r of radios) r.checked = false;
    const next = head ?? (living.length === 0 ? radios.find((r) => r.value === "other") : undefined);
    if (next) next.checked = true;
  };

  form.addEventListener("change", (event) => {
    const target = event.target as HTMLElement;
    if (target.matches("select[name$='.relation']")) refreshLabels();
    if (target.matches("#event-subject, #event-type")) filerAfterDeath();
    applies();
  });

  // The postal code of the 前住所 fills its address (the lookup script reads this when it starts).
  const postal = byId<HTMLInputElement>("previousAddress-postalCode");
  if (postal) postal.dataset.postalLookup = "previousAddress-address";

  buttons();
  applies();
}
