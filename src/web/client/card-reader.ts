// The My Number card at the counter (src/card, docs/card.md): talks to the card agent on this PC's
// loopback address. The PIN goes from this page to the agent only — never into a form posted to the
// server — and is cleared from the field as soon as it is sent. With the four attributes read, the
// visit's identity step posts them to the server; the registry's card search fills its fields.
//
//   <section data-card-check="/card/agent" data-card-action="/visits/…/identity/card" | "fill"
//            data-card-messages="{…}" hidden>   shown once the agent's address is known

interface Attributes {
  name: string;
  address: string;
  birthDate: string;
  sex: "male" | "female" | "other";
  privateUse: boolean;
}
interface AgentError {
  code: string;
  params?: Record<string, string>;
}

const TOKEN_KEY = "madoguchi.cardAgentToken";

function start(section: HTMLElement): void {
  const messages = JSON.parse(section.dataset.cardMessages ?? "{}") as Record<string, string>;
  const text = (code: string) => messages[code] ?? messages["card.unexpectedStatus"] ?? code;
  const status = section.querySelector<HTMLElement>("[data-card-status]");
  const pairBox = section.querySelector<HTMLElement>("[data-card-pair]");
  const readBox = section.querySelector<HTMLElement>("[data-card-read]");
  const pairInput = section.querySelector<HTMLInputElement>("#card-pair-code");
  const pinInput = section.querySelector<HTMLInputElement>("#card-pin");
  const pairButton = section.querySelector<HTMLButtonElement>("[data-card-pair-button]");
  const readButton = section.querySelector<HTMLButtonElement>("[data-card-read-button]");
  if (!status || !pairBox || !readBox || !pairInput || !pinInput || !pairButton || !readButton) return;
  const say = (line: string) => {
    status.textContent = line;
  };
  const errorText = (error: AgentError): string => {
    if (error.code === "card.pinWrong") return text(`card.pinWrong.${error.params?.triesLeft ?? "1"}`);
    if (error.code === "card.unexpectedStatus")
      return text(error.code).replace("{sw}", error.params?.sw ?? "");
    return text(error.code);
  };
  const showPairing = (on: boolean) => {
    pairBox.hidden = !on;
    readBox.hidden = on;
  };

  let agent = "";
  const call = (path: string, body?: unknown): Promise<Response> =>
    fetch(`${agent}${path}`, {
      method: body === undefined ? "GET" : "POST",
      mode: "cors",
      credentials: "omit",
      cache: "no-store",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${localStorage.getItem(TOKEN_KEY) ?? ""}`,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const failed = async (response: Response): Promise<AgentError> => {
    const body = (await response.json().catch(() => null)) as { error?: AgentError } | null;
    return body?.error ?? { code: "card.unexpectedStatus", params: { sw: String(response.status) } };
  };

  const finish = (a: Attributes) => {
    if (section.dataset.cardAction === "fill") {
      const set = (id: string, value: string) => {
        const field = document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
        if (field) field.value = value;
      };
      set("name", a.name);
      set("address", a.address);
      set("birthDate", a.birthDate);
      set("sex", a.sex === "other" ? "" : a.sex);
      say(text("card.registryFilled"));
      document.getElementById("name")?.focus();
      return;
    }
    // A form of its own (the section may sit inside the documents form): the attributes, never the PIN.
    const form = document.createElement("form");
    form.method = "post";
    form.action = section.dataset.cardAction ?? "";
    form.hidden = true;
    const fields: [string, string][] = [
      ["_csrf", section.dataset.cardCsrf ?? ""],
      ["version", section.dataset.cardVersion ?? ""],
      ["name", a.name],
      ["address", a.address],
      ["birthDate", a.birthDate],
      ["sex", a.sex],
      ["privateUse", String(a.privateUse)],
    ];
    for (const [name, value] of fields) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    say(text("card.readDone"));
    form.submit();
  };

  // Enter in either field reads or pairs: it must not submit the documents form around the section.
  const enterClicks = (input: HTMLInputElement, button: HTMLButtonElement) =>
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      button.click();
    });
  enterClicks(pinInput, readButton);
  enterClicks(pairInput, pairButton);

  pairButton.addEventListener("click", async () => {
    pairButton.disabled = true;
    try {
      const response = await call("/pair", { code: pairInput.value });
      if (response.ok) {
        const { token } = (await response.json()) as { token: string };
        localStorage.setItem(TOKEN_KEY, token);
        pairInput.value = "";
        showPairing(false);
        say(text("card.paired"));
        pinInput.focus();
      } else say(errorText(await failed(response)));
    } catch {
      say(text("card.agentUnreachable"));
    } finally {
      pairButton.disabled = false;
    }
  });

  readButton.addEventListener("click", async () => {
    const pin = pinInput.value.normalize("NFKC");
    // Out of the field at once: the PIN is in memory for this one request only.
    pinInput.value = "";
    if (!/^[0-9]{4}$/.test(pin)) {
      say(text("card.pinFormat"));
      pinInput.focus();
      return;
    }
    // Not paired yet on this PC: pair first; the PIN is not sent anywhere.
    if (!localStorage.getItem(TOKEN_KEY)) {
      showPairing(true);
      say(text("card.notPaired"));
      pairInput.focus();
      return;
    }
    readButton.disabled = true;
    say(text("card.reading"));
    try {
      const response = await call("/read", { pin });
      if (response.ok) return finish(((await response.json()) as { attributes: Attributes }).attributes);
      const error = await failed(response);
      if (error.code === "card.notPaired") showPairing(true);
      say(errorText(error));
      if (error.code === "card.pinWrong") pinInput.focus();
    } catch {
      say(text("card.agentUnreachable"));
    } finally {
      readButton.disabled = false;
    }
  });

  (async () => {
    try {
      const where = await fetch(section.dataset.cardCheck ?? "", { headers: { accept: "application/json" } });
      if (!where.ok) return;
      agent = ((await where.json()) as { url: string }).url;
    } catch {
      return;
    }
    // The agent is called only when the clerk reads a card: a PC without one shows no error until then.
    section.hidden = false;
    if (!localStorage.getItem(TOKEN_KEY)) showPairing(true);
  })();
}

for (const section of document.querySelectorAll<HTMLElement>("[data-card-check]")) start(section);
