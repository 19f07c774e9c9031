import type { LocaleMap } from "../../shared/locale";
import { CsrfField, type PageContext } from "../../web/layout";
import { LocalOption } from "./components";

export interface CounterChoiceView {
  counters: Array<{ id: string; labels: LocaleMap }>;
  /** The counter chosen now, if any (changing counters). */
  current: string | null;
}

/** The counter page's first step for a clerk without a counter: choose it here, not on the home page. */
export function counterChoosePage(ctx: PageContext, v: CounterChoiceView) {
  const t = ctx.t;
  return (
    <>
      <h1>{t("queue.chooseCounterTitle")}</h1>
      {v.counters.length === 0 ? (
        <p class="lead">{t("queue.noCounters")}</p>
      ) : (
        <form method="post" action="/queue/counter/choose" class="queue-inline-field">
          <p>{t("queue.chooseCounterLead")}</p>
          <CsrfField token={ctx.csrfToken} />
          <label for="counterId">{t("queue.counterField")}</label>
          <select id="counterId" name="counterId" required>
            {v.counters.map((c) => (
              <LocalOption value={c.id} map={c.labels} ctx={ctx} selected={c.id === v.current} />
            ))}
          </select>
          <button class="button" type="submit">
            {t("queue.chooseCounter")}
          </button>
        </form>
      )}
      <ul class="queue-links">
        <li>
          <a href="/queue">{t("queue.overviewTitle")}</a>
        </li>
      </ul>
    </>
  );
}
